/**
 * HDBSCAN fitted phase by phase (the functions `HDBSCAN.fit` calls, in its order),
 * each phase timed: wall and CPU seconds of the whole process (all threads).
 * Used by benchmarks/hdbscan-phases.ts and benchmarks/scale.ts; the labels are
 * HDBSCAN.fit's (`hdbscan-phases.ts --check` compares them).
 */
import { condenseTree } from '../../src/cluster/hdbscan/condense.js';
import { coreDistances, coreDistancesFromNeighbors, effectiveMinSamples } from '../../src/cluster/hdbscan/core-distances.js';
import { graphMst } from '../../src/cluster/hdbscan/graph-mst.js';
import { primSequence, singleLinkage, singleLinkageFromEdges, type SingleLinkageTree } from '../../src/cluster/hdbscan/linkage.js';
import { numpyArgsort } from '../../src/cluster/hdbscan/numpy-argsort.js';
import { buildCells, partitionedKnn } from '../../src/cluster/hdbscan/partitioned-knn.js';
import { approximateGraphPlan, APPROXIMATE_GRAPH_NEIGHBOURS, APPROXIMATE_OVERLAP } from '../../src/cluster/hdbscan/approximate.js';
import { clusterPersistence, membershipProbabilities, outlierScores } from '../../src/cluster/hdbscan/scores.js';
import { selectClusters } from '../../src/cluster/hdbscan/select.js';
import { withCellSearch, type Matrix } from '../../src/core/index.js';

export const MIN_CLUSTER_SIZE = 15;
export const MIN_SAMPLES = 5;

/** [phase, wall s, CPU s]; sub-steps of the approximate tree are indented by two spaces. */
export type Phases = [string, number, number][];

/** Times `work` as one phase (wall, CPU of the whole process) and returns its value. */
function phase<T>(phases: Phases, name: string, work: () => T): T {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = work();
  const c = process.cpuUsage(c0);
  phases.push([name, (performance.now() - t0) / 1000, (c.user + c.system) / 1e6]);
  return value;
}

export function fitByPhase(X: Matrix, mode: string, threads: number): { phases: Phases; labels: Int32Array; nClusters: number } {
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
    const sub: Phases = [];
    let c0 = process.cpuUsage();
    let t0 = performance.now();
    const clock = (name: string): void => {
      const c = process.cpuUsage(c0);
      sub.push([`  tree: ${name}`, (performance.now() - t0) / 1000, (c.user + c.system) / 1e6]);
      c0 = process.cpuUsage();
      t0 = performance.now();
    };
    // As approximate.ts: X loaded once for the cells' queries, the graph's search and the joins'.
    const l0 = process.cpuUsage();
    const lt = performance.now();
    const tree = withCellSearch(X, options, (search, queries) => {
      const lc = process.cpuUsage(l0);
      phases.push(['load X for the searches', (performance.now() - lt) / 1000, (lc.user + lc.system) / 1e6]);
      const { cellSize, refine } = approximateGraphPlan(X.rows);
      const cells = phase(phases, `cells (${cellSize} rows)`, () =>
        buildCells(X, { ...options, cellSize, overlap: APPROXIMATE_OVERLAP, seed: 1, neighbours: graphK }, queries),
      );
      const found = phase(phases, 'kNN within cells', () => partitionedKnn(X, graphK, cells, options, search));
      const neighbors = refine ? phase(phases, 'refinement round', () => queries.refine(found, graphK)) : found;
      const core = phase(phases, 'core distances', () => coreDistancesFromNeighbors(X, neighbors, k));
      c0 = process.cpuUsage();
      t0 = performance.now();
      return phase(phases, 'spanning tree of the graph', () => graphMst(X, neighbors, core, cells, options, search, queries, clock));
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
  return { phases, labels: selection.labels, nClusters: selection.clusters.length };
}
