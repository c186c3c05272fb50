/**
 * Runs every example under examples/ as a user would (a child process with tsx,
 * or plain node for the .mjs that imports the built package by name) and checks
 * what it prints, so the examples cannot rot. Every file in examples/ must be
 * listed here: a new example without checks fails the first test.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const examples = join(root, 'examples');
const tmp = mkdtempSync(join(tmpdir(), 'jd-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function runExample(file: string, args: string[] = []): Promise<string> {
  const path = join(examples, file);
  const argv = file.endsWith('.mjs') ? [path, ...args] : ['--import', 'tsx', path, ...args];
  const { stdout, stderr } = await run(process.execPath, argv, { cwd: root, maxBuffer: 16 << 20, timeout: 300_000 });
  // Node prints warnings on stderr; an example must not print anything else there.
  expect(stderr.split('\n').filter((l) => l.trim() && !/warning|--trace-warnings/i.test(l))).toEqual([]);
  return stdout;
}

const number = (text: string, pattern: RegExp): number => {
  const m = pattern.exec(text);
  expect(m, `output matches ${pattern}`).not.toBeNull();
  return Number(m![1]);
};

/** Checks per example file; each returns after asserting on the output. */
const checks: Record<string, () => Promise<void>> = {
  'quickstart.ts': async () => {
    const out = join(tmp, 'quickstart');
    const stdout = await runExample('quickstart.ts', [out]);
    expect(stdout).toMatch(/^# jd-cluster report/m);
    expect(stdout).toMatch(/\| 400 \| 0 \|/); // 400 records read, none skipped
    expect(number(stdout, /kmeans: 14 clusters, 0 noise, ARI vs archetype ([\d.]+)/)).toBeGreaterThan(0.5);
    expect(number(stdout, /hdbscan: (\d+) clusters/)).toBeGreaterThanOrEqual(5);
    for (const f of ['report.html', 'report.md', 'report.json', 'labels.json', 'vectors.npy']) expect(existsSync(join(out, f))).toBe(true);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/<svg|<table/);
  },
  'custom-dictionary.ts': async () => {
    const stdout = await runExample('custom-dictionary.ts');
    const custom = /^custom tokens:\s+(.*)$/m.exec(stdout)![1].split(' ');
    const plain = /^default tokens:\s+(.*)$/m.exec(stdout)![1].split(' ');
    expect(plain).toContain('acmeflow');
    expect(custom).toEqual(expect.arrayContaining(['天工数据平台', 'airflow', '大模型']));
    expect(custom).not.toContain('acmeflow');
    expect(custom).not.toContain('落地');
    expect(custom.some((t) => t.includes('六险'))).toBe(false);
    expect(stdout).toMatch(/k-means on \d+ postings: .+ · .+/);
  },
  'bring-your-own-embeddings.ts': async () => {
    const stdout = await runExample('bring-your-own-embeddings.ts');
    expect(stdout).toMatch(/read 600 × 32 vectors/);
    expect(number(stdout, /K-Means: 4 clusters, 0 noise, silhouette [\d.-]+, ARI ([\d.]+)/)).toBeGreaterThan(0.9);
    expect(number(stdout, /HDBSCAN: \d+ clusters, \d+ noise, silhouette [\d.-]+, ARI ([\d.]+)/)).toBeGreaterThan(0.5);
    expect(stdout).toMatch(/DBSCAN: \d+ clusters/);
  },
  'platform-bias.ts': async () => {
    const stdout = await runExample('platform-bias.ts');
    expect(stdout).toMatch(/^planted: LIEPIN over-represents fintech-hft/m);
    expect(stdout).toMatch(/\| LIEPIN \| #\d+ .+ \| \d+ \| [\d.]+ \| [\d.]+× over \|/);
    expect(stdout).toMatch(/planted bias found/);
  },
  'predict-new-postings.ts': async () => {
    const stdout = await runExample('predict-new-postings.ts');
    expect(stdout).toMatch(/^量化交易系统开发: HDBSCAN #\d+ .*(交易|行情|低延迟)/m);
    expect(stdout).toMatch(/^咖啡师: no word of the training vocabulary, not predicted/m);
    expect(number(stdout, /K-Means ARI ([\d.]+)/)).toBeGreaterThan(0.5);
  },
  'import-by-name.mjs': async () => {
    if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'index.cjs'))) {
      console.warn('examples: dist/ not built (npm run build), import-by-name.mjs not run');
      return;
    }
    const stdout = await runExample('import-by-name.mjs');
    expect(stdout).toMatch(/ESM import of jd-cluster \d+\.\d+\.\d+: k-means ARI vs archetype 0\.\d+/);
    expect(stdout).toMatch(/CommonJS require of jd-cluster \d+\.\d+\.\d+: \d+ exports, runPipeline is a function/);
  },
  'run-notebook.mjs': async () => {
    // Runs the notebook only where its tools are (Jupyter from apt, tslab already installed,
    // dist/ built); `npm run notebook` installs tslab on demand, a test should not.
    const missing = [
      spawnSync('jupyter', ['nbconvert', '--version'], { stdio: 'ignore' }).status === 0 ? null : 'jupyter nbconvert',
      existsSync(join(root, 'node_modules', 'tslab', 'package.json')) ? null : 'tslab',
      existsSync(join(root, 'dist', 'index.js')) ? null : 'dist/',
    ].filter(Boolean);
    if (missing.length) {
      console.warn(`examples: notebook not executed here, missing ${missing.join(', ')} (npm run notebook sets it up)`);
      return;
    }
    const out = join(tmp, 'notebook.ipynb');
    const stdout = await runExample('run-notebook.mjs', ['--output', out]);
    // Every code cell of the notebook ran (counted from the notebook, which grows with the report).
    const cells = JSON.parse(readFileSync(join(root, 'examples', 'notebook.ipynb'), 'utf8')).cells as { cell_type: string }[];
    const codeCells = cells.filter((c) => c.cell_type === 'code').length;
    expect(codeCells).toBeGreaterThanOrEqual(8);
    expect(stdout).toContain(`notebook: ${codeCells} code cells executed`);
    expect(stdout).toMatch(/found the planted bias: LIEPIN × fintech-hft/);
    const html = JSON.parse(readFileSync(out, 'utf8')).cells.flatMap(
      (c: { outputs?: { data?: Record<string, unknown> }[] }) => c.outputs ?? [],
    );
    expect(html.some((o: { data?: Record<string, unknown> }) => String(o.data?.['text/html'] ?? '').includes('<svg class="heatmap"'))).toBe(
      true,
    );
  },
  'data/make-sample.ts': async () => {
    const out = join(tmp, 'sample.jsonl.gz');
    expect(await runExample('data/make-sample.ts', [out])).toMatch(/wrote 400 postings/);
    const { gunzipSync } = await import('node:zlib');
    const lines = gunzipSync(readFileSync(out)).toString('utf8').trim().split('\n');
    expect(lines).toHaveLength(400);
    expect(Object.keys(JSON.parse(lines[0]))).toEqual(expect.arrayContaining(['职位自编号', '发布平台', '职位描述', 'archetype']));
  },
};

describe('examples', () => {
  it('every example file has checks', () => {
    const files = readdirSync(examples, { recursive: true, encoding: 'utf8' })
      .map((f) => f.split('\\').join('/'))
      .filter((f) => /\.(ts|mjs|cjs|js)$/.test(f));
    expect(files.sort()).toEqual(Object.keys(checks).sort());
  });
  for (const [file, check] of Object.entries(checks)) it(`runs ${file}`, check);
});
