/**
 * Approximate HDBSCAN's first two phases (fast_hdbscan's structure: a spanning
 * tree, then everything else from the tree alone): kNN graph within overlapping
 * cells (partitioned-knn.ts) → core distances from that graph → spanning tree of
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
/** Rows per cell of the partitioned search (measured: see docs/perf-log.md, 2026-12-04). */
export const APPROXIMATE_CELL_SIZE = 1000;
/** Nearest cells each row is a candidate in. */
export const APPROXIMATE_OVERLAP = 3;

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
    const cells = buildCells(
      X,
      { ...options, cellSize: APPROXIMATE_CELL_SIZE, overlap: APPROXIMATE_OVERLAP, seed: 1, neighbours: graphK },
      queries,
    );
    const neighbors = partitionedKnn(X, graphK, cells, options, search);
    const coreDistances = coreDistancesFromNeighbors(X, neighbors, k);
    return { coreDistances, tree: graphMst(X, neighbors, coreDistances, cells, options, search) };
  });
}
