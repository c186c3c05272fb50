/**
 * Approximate HDBSCAN's first two phases (fast_hdbscan's structure: a spanning
 * tree, then everything else from the tree alone): kNN graph within overlapping
 * cells (partitioned-knn.ts; on small inputs smaller cells and one refinement
 * round, see approximateGraphPlan) → core distances from that graph → spanning tree of
 * its mutual-reachability graph with the disconnected parts joined (graph-mst.ts).
 * Condensing, selection, probabilities and outlier scores are the exact path's.
 *
 * Deterministic for any thread count: the cells are seeded and every kernel call
 * is thread-count invariant; the rest runs on the calling thread.
 */
import { withCellSearch, type ComputeOptions, type Matrix, type SpanningTree } from '../../core/index.js';
import { coreDistancesFromNeighbors, effectiveMinSamples } from './core-distances.js';
import { graphMst } from './graph-mst.js';
import { buildCells, partitionedKnn } from './partitioned-knn.js';

/** Neighbours per row in the graph (at least minSamples): more edges, fewer parts to join. */
export const APPROXIMATE_GRAPH_NEIGHBOURS = 10;
/** Rows per cell of the partitioned search from 15,000 rows on (measured: docs/perf-log.md, 2026-12-04). */
export const APPROXIMATE_CELL_SIZE = 1000;
/** Fewest rows per cell (below 7,500 rows). */
export const APPROXIMATE_MIN_CELL_SIZE = 500;
/** Nearest cells each row is a candidate in. */
export const APPROXIMATE_OVERLAP = 3;

/**
 * Rows per cell for n rows: n / 15, between 500 and 1,000; and whether the graph gets a
 * refinement round (when the cells are smaller than 1,000 rows).
 *
 * Why: a row's search covers its own cell and the boundary rows of its nearest two, ≈ 3.7
 * cells' worth of rows. With 1,000-row cells that is 37 % of 10,000 rows — hardly less
 * than exact's all — so small inputs get smaller cells. Smaller cells miss more true
 * neighbours; one round of NN-descent's local join (`LoadedQueries.refine`) finds them
 * again: at 10k rows, cells of 667 and a round agreed with exact as well as or better than
 * cells of 1,000 did (real sentence vectors, corpus-like, blobs) in about 60 % of the time.
 * From 20k rows on, smaller cells were slower, not faster, and at 50k–100k a round costs
 * 10–35 % of the fit for ≤ 0.002 of ARI (docs/perf-log.md, 2026-12-06 session 12).
 */
export function approximateGraphPlan(n: number): { cellSize: number; refine: boolean } {
  const cellSize = Math.min(APPROXIMATE_CELL_SIZE, Math.max(APPROXIMATE_MIN_CELL_SIZE, Math.round(n / 15)));
  return { cellSize, refine: cellSize < APPROXIMATE_CELL_SIZE };
}

export interface ApproximateTree {
  coreDistances: Float64Array;
  /** n − 1 edges in the order (weight, from, to). */
  tree: SpanningTree;
}

export function approximateSpanningTree(X: Matrix, minSamples: number, options: ComputeOptions = {}): ApproximateTree {
  const k = effectiveMinSamples(minSamples, X.rows);
  const graphK = Math.min(X.rows - 1, Math.max(k, APPROXIMATE_GRAPH_NEIGHBOURS));
  // X is loaded once for the cells' queries, the graph's search and every join round's.
  return withCellSearch(X, options, (search, queries) => {
    const { cellSize, refine } = approximateGraphPlan(X.rows);
    const cells = buildCells(X, { ...options, cellSize, overlap: APPROXIMATE_OVERLAP, seed: 1, neighbours: graphK }, queries);
    const found = partitionedKnn(X, graphK, cells, options, search);
    // Reverse neighbours capped at graphK: a hub's long list adds cost, not neighbours.
    const neighbors = refine ? queries.refine(found, graphK) : found;
    const coreDistances = coreDistancesFromNeighbors(X, neighbors, k);
    return { coreDistances, tree: graphMst(X, neighbors, coreDistances, cells, options, search, queries) };
  });
}
