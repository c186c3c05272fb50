/**
 * Executes examples/notebook.ipynb headlessly in the tslab TypeScript kernel
 * (`npm run notebook`) and fails when a cell fails.
 *
 * Needs, and checks for: Jupyter's nbconvert from Debian packages
 * (apt-get install jupyter-nbconvert jupyter-client python3-ipykernel), the built
 * package (npm run build: the notebook imports ../dist/index.js; tslab's TypeScript does not resolve a package's own name through "exports"), and tslab.
 * tslab is not a dependency of the package (its zeromq addon is a native module);
 * when `tslab` cannot be resolved from the project it is installed on demand under
 * .bench/tslab and linked into node_modules, and its kernel spec goes to a private
 * Jupyter path, so nothing outside the repository is touched.
 *
 *   node examples/run-notebook.mjs [--output FILE]   (default .bench/notebook/notebook.ipynb)
 *   node examples/run-notebook.mjs --in-place        (write the outputs into examples/notebook.ipynb)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));
const notebook = join(root, 'examples', 'notebook.ipynb');
const { values } = parseArgs({
  options: { output: { type: 'string' }, 'in-place': { type: 'boolean', default: false }, timeout: { type: 'string', default: '600' } },
});
const output = values['in-place'] ? notebook : (values.output ?? join(root, '.bench', 'notebook', 'notebook.ipynb'));
const fail = (message) => {
  console.error(`notebook: ${message}`);
  process.exit(1);
};
const works = (cmd, args) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

// 1. Jupyter, and a Python that has jupyter_client (for the kernel spec).
if (!works('jupyter', ['nbconvert', '--version'])) {
  fail('jupyter nbconvert not found. Install it: apt-get install -y jupyter-nbconvert jupyter-client python3-ipykernel');
}
const python = ['/usr/bin/python3', 'python3', 'python'].find((p) => works(p, ['-c', 'import jupyter_client, IPython']));
if (!python) fail('no Python with jupyter_client and IPython found (apt-get install -y jupyter-client python3-ipykernel)');

// 2. The built package, imported by name through package.json "exports".
if (!existsSync(join(root, 'dist', 'index.cjs'))) fail('dist/ is missing: run `npm run build` first');

// 3. tslab, from the project or installed on demand next to it.
const require = createRequire(join(root, 'package.json'));
let tslabDir;
try {
  tslabDir = dirname(require.resolve('tslab/package.json'));
} catch {
  const prefix = join(root, '.bench', 'tslab');
  if (!existsSync(join(prefix, 'node_modules', 'tslab', 'package.json'))) {
    console.log(`notebook: installing tslab into ${prefix}`);
    mkdirSync(prefix, { recursive: true });
    execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', 'tslab@^1.0.22'], { stdio: 'inherit' });
  }
  tslabDir = join(prefix, 'node_modules', 'tslab');
  // The notebook's `import 'tslab'` is resolved from examples/: link the package into node_modules.
  const link = join(root, 'node_modules', 'tslab');
  rmSync(link, { force: true, recursive: false });
  symlinkSync(tslabDir, link, 'dir');
}
const tslabBin = join(tslabDir, 'bin', 'tslab');
const jupyterPrefix = join(root, '.bench', 'jupyter');
execFileSync(process.execPath, [tslabBin, 'install', `--python=${python}`, `--binary=${tslabBin}`, `--prefix=${jupyterPrefix}`], {
  stdio: 'ignore',
});

// 4. Execute. nbconvert starts the kernel in the notebook's folder.
mkdirSync(dirname(output), { recursive: true });
const started = performance.now();
const run = spawnSync(
  'jupyter',
  [
    'nbconvert',
    '--to',
    'notebook',
    '--execute',
    notebook,
    '--output-dir',
    dirname(output),
    '--output',
    basename(output),
    '--ExecutePreprocessor.kernel_name=tslab',
    `--ExecutePreprocessor.timeout=${values.timeout}`,
  ],
  {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, JUPYTER_PATH: join(jupyterPrefix, 'share', 'jupyter') },
  },
);
if (run.status !== 0)
  fail(
    `nbconvert failed (exit ${run.status}):\n${run.stderr
      .split('\n')
      .filter((l) => !/frozen modules|debugger|PYDEVD|Xfrozen/.test(l))
      .join('\n')}`,
  );

// 5. Check what came out: no error output, and every code cell printed or displayed
// something (each cell of this notebook does; tslab leaves execution_count unset).
const executed = JSON.parse(readFileSync(output, 'utf8'));
const code = executed.cells.filter((c) => c.cell_type === 'code');
const errors = code.flatMap((c) => c.outputs.filter((o) => o.output_type === 'error' || o.name === 'stderr'));
if (errors.length) fail(`${errors.length} cell(s) failed: ${JSON.stringify(errors[0]).slice(0, 800)}`);
const silent = code.findIndex((c) => c.outputs.length === 0);
if (silent >= 0) fail(`code cell ${silent + 1} produced no output`);
const text = code
  .flatMap((c) => c.outputs)
  .map((o) => (o.text ?? '') + JSON.stringify(o.data ?? {}))
  .join('\n');
console.log(`notebook: ${code.length} code cells executed in ${((performance.now() - started) / 1000).toFixed(1)} s → ${output}`);
for (const line of text.split('\n').filter((l) => /^(jd-cluster \d|found the planted|the strongest flag)/.test(l)))
  console.log(`  ${line}`);
