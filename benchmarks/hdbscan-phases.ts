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
import { condenseTree } from '../src/cluster/hdbscan/condense.js';
import { coreDistances, coreDistancesFromNeighbors, effectiveMinSamples } from '../src/cluster/hdbscan/core-distances.js';
import { graphMst } from '../src/cluster/hdbscan/graph-mst.js';
import { primSequence, singleLinkage, singleLinkageFromEdges, type SingleLinkageTree } from '../src/cluster/hdbscan/linkage.js';
import { numpyArgsort } from '../src/cluster/hdbscan/numpy-argsort.js';
import { buildCells, partitionedKnn } from '../src/cluster/hdbscan/partitioned-knn.js';
import {
  APPROXIMATE_CELL_SIZE,
  APPROXIMATE_GRAPH_NEIGHBOURS,
  APPROXIMATE_OVERLAP,
} from '../src/cluster/hdbscan/approximate.js';
import { clusterPersistence, membershipProbabilities, outlierScores } from '../src/cluster/hdbscan/scores.js';
import { selectClusters } from '../src/cluster/hdbscan/select.js';
import { createMatrix, withCellSearch, type Matrix } from '../src/core/index.js';
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

const MIN_CLUSTER_SIZE = 15;
const MIN_SAMPLES = 5;

type Phases = [string, number, number][];

/** Times `work` as one phase (wall, CPU of the whole process) and returns its value. */
function phase<T>(phases: Phases, name: string, work: () => T): T {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = work();
  const c = process.cpuUsage(c0);
  phases.push([name, (performance.now() - t0) / 1000, (c.user + c.system) / 1e6]);
  return value;
}

function fitByPhase(X: Matrix, mode: string, threads: number): { phases: Phases; labels: Int32Array } {
  const options = { threads };
  const phases: Phases = [];
  let linkage: SingleLinkageTree;
  if (mode === 'exact') {
    const core = phase(phases, 'core distances (kNN)', () => coreDistances(X, MIN_SAMPLES, options).distances);
    const prim = phase(phases, 'spanning tree (Prim)', () => primSequence(X, core, options));
    const order = phase(phases, 'sort of the tree (numpy order)', () => numpyArgsort(prim.weight));
    linkage = phase(phases, 'single linkage', () => singleLinkage(X.rows, prim, order));
  } else {
    const k = effectiveMinSamples(MIN_SAMPLES, X.rows);
    const graphK = Math.min(X.rows - 1, Math.max(k, APPROXIMATE_GRAPH_NEIGHBOURS));
    const cells = phase(phases, 'cells', () =>
      buildCells(X, { ...options, cellSize: APPROXIMATE_CELL_SIZE, overlap: APPROXIMATE_OVERLAP, seed: 1 }),
    );
    const sub: Phases = [];
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    const clock = (name: string): void => {
      const c = process.cpuUsage(c0);
      sub.push([`  tree: ${name}`, (performance.now() - t0) / 1000, (c.user + c.system) / 1e6]);
      c0 = process.cpuUsage();
      t0 = performance.now();
    };
    // As approximate.ts: X loaded once for the graph's search and the joins'.
    const l0 = process.cpuUsage();
    const lt = performance.now();
    const tree = withCellSearch(X, options, (search) => {
      const lc = process.cpuUsage(l0);
      phases.push(['load X for the searches', (performance.now() - lt) / 1000, (lc.user + lc.system) / 1e6]);
      const neighbors = phase(phases, 'kNN within cells', () => partitionedKnn(X, graphK, cells, options, search));
      const core = phase(phases, 'core distances', () => coreDistancesFromNeighbors(X, neighbors, k));
      c0 = process.cpuUsage();
      t0 = performance.now();
      return phase(phases, 'spanning tree of the graph', () => graphMst(X, neighbors, core, cells, options, search, clock));
    });
    phases.push(...sub);
    linkage = phase(phases, 'single linkage', () => singleLinkageFromEdges(X.rows, tree));
  }
  const condensed = phase(phases, 'condense', () => condenseTree(linkage, MIN_CLUSTER_SIZE));
  const selection = phase(phases, 'select', () =>
    selectClusters(condensed, { method: 'eom', allowSingleCluster: false, clusterSelectionEpsilon: 0, maxClusterSize: 0 }),
  );
  phase(phases, 'probabilities, GLOSH, persistence', () => {
    membershipProbabilities(condensed, selection);
    outlierScores(condensed);
    clusterPersistence(condensed, selection);
  });
  return { phases, labels: selection.labels };
}

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
