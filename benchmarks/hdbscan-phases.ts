/**
 * HDBSCAN phase by phase, exact and approximate, on the scale benchmark's data
 * (benchmarks/lib/scale-data.ts): wall and CPU seconds (all threads of the
 * process) of each phase, so that a speed-up can be traced to where it comes from.
 *
 *   npx tsx benchmarks/hdbscan-phases.ts --data corpus-like --sizes 100000 --threads 1,2 --modes approximate
 *
 * Each phase calls the same functions `HDBSCAN.fit` calls, in the same order; the
 * labels at the end are checked against `HDBSCAN.fit`'s.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { HDBSCAN } from '../src/cluster/index.js';
import { createMatrix } from '../src/core/index.js';
import { fitByPhase, MIN_CLUSTER_SIZE, MIN_SAMPLES } from './lib/hdbscan-by-phase.js';
import { makeScaleData } from './lib/scale-data.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000' },
    threads: { type: 'string', default: '1,2' },
    data: { type: 'string', default: 'blobs,corpus-like' },
    modes: { type: 'string', default: 'exact,approximate' },
    check: { type: 'boolean', default: false },
  },
});

const lines: string[] = [
  '## HDBSCAN phase by phase',
  '',
  `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}; load average at start ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}. minClusterSize ${MIN_CLUSTER_SIZE}, minSamples ${MIN_SAMPLES}. Wall s / CPU s (all threads).`,
  '',
];
for (const kind of values.data!.split(',')) {
  for (const n of values.sizes!.split(',').map(Number)) {
    const X = makeScaleData(kind, n);
    for (const mode of values.modes!.split(',')) {
      for (const threads of values.threads!.split(',').map(Number)) {
        // Warm-up: WebAssembly compilation, workers, JIT.
        new HDBSCAN({ minClusterSize: MIN_CLUSTER_SIZE, minSamples: MIN_SAMPLES, mode: mode as 'exact', threads }).fit(
          createMatrix(2000, X.cols, X.data.slice(0, 2000 * X.cols)),
        );
        const { phases, labels } = fitByPhase(X, mode, threads);
        const top = phases.filter(([name]) => !name.startsWith('  '));
        const wall = top.reduce((s, p) => s + p[1], 0);
        const cpu = top.reduce((s, p) => s + p[2], 0);
        lines.push(`### ${kind}, n = ${n}, ${mode}, ${threads} thread(s): ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU`, '');
        lines.push('| phase | wall s | CPU s |', '|---|---:|---:|');
        for (const [name, w, c] of phases) lines.push(`| ${name} | ${w.toFixed(3)} | ${c.toFixed(3)} |`);
        if (values.check) {
          const fitted = new HDBSCAN({ minClusterSize: MIN_CLUSTER_SIZE, minSamples: MIN_SAMPLES, mode: mode as 'exact', threads }).fit(X);
          const same = fitted.labels.every((l, i) => l === labels[i]);
          lines.push('', `labels as HDBSCAN.fit's: ${same ? 'identical' : 'DIFFERENT'}`);
        }
        lines.push('');
        process.stderr.write(`${kind} ${n} ${mode} ${threads}: ${wall.toFixed(2)} s\n`);
      }
    }
  }
}
process.stdout.write(lines.join('\n'));
process.exit(0);
