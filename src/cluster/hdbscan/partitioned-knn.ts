/**
 * Approximate HDBSCAN, step 1: a k-nearest-neighbour graph from exact searches
 * inside overlapping cells, instead of all n² pairs.
 *
 * Cells are a spherical K-Means of the rows (seeded, fit on a sample, then every
 * row gets its `overlap` nearest centroids). Cell c's *candidates* are the rows
 * that have c among their `overlap` nearest centroids; the rows whose nearest
 * centroid is c look for their k nearest among those candidates with the exact
 * `knnQuery` (same distances, same tie order as `knn`). A row's true neighbour is
 * found whenever that neighbour counts the row's own cell among its nearest
 * cells — near neighbours nearly always do.
 *
 * Why this and not NN-descent or an HNSW index: every step is a deterministic
 * kernel call whose result does not depend on the thread count (the kernels are
 * bit-identical for any thread count), the search inside a cell is the exact,
 * SIMD-screened kNN we already have, and the cost is n · (overlap · n / cells)
 * pairs: linear in n for a fixed cell size.
 */
import {
  knnQuery,
  withCellSearch,
  type CellSearch,
  withRowSet,
  Random,
  selectRows,
  createMatrix,
  type ComputeOptions,
  type Matrix,
  type Neighbors,
} from '../../core/index.js';

export interface PartitionOptions extends ComputeOptions {
  /** Target rows per cell (default 1000). */
  cellSize?: number;
  /** Nearest cells each row joins as a candidate (default 3). */
  overlap?: number;
  /** Seed of the cell centroids (default 1). */
  seed?: number;
}

export interface Cells {
  /** Centroids, unit rows (cells × d). */
  centroids: Matrix;
  /** n × overlap: each row's nearest cells, nearest first. */
  nearest: Int32Array;
  overlap: number;
}

const LLOYD_ITERATIONS = 6;
const SAMPLE_PER_CELL = 32;

/** Spherical K-Means cells of X: seeded sample, a few Lloyd steps, then every row's nearest cells. */
export function buildCells(X: Matrix, options: PartitionOptions = {}): Cells {
  const n = X.rows,
    d = X.cols;
  const cellSize = options.cellSize ?? 1000;
  const nCells = Math.max(1, Math.min(Math.round(n / cellSize), Math.floor(n / 2)));
  const overlap = Math.min(options.overlap ?? 3, nCells);
  const random = new Random(options.seed ?? 1);
  const threadOpt: ComputeOptions = options.threads === undefined ? {} : { threads: options.threads };
  // Sample (without replacement, seeded) on which the centroids are fit: the cells only
  // need to be reasonable, and a sample keeps this step small next to the searches.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const sampleSize = Math.min(n, nCells * SAMPLE_PER_CELL);
  for (let i = 0; i < sampleSize; i++) {
    const j = i + random.int(n - i);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  const sample = selectRows(X, order.subarray(0, sampleSize).slice().sort());
  let centroids = selectRows(
    sample,
    Int32Array.from({ length: nCells }, (_, c) => Math.floor((c * sampleSize) / nCells)),
  );
  // The sample stays loaded for all Lloyd steps (one RowSet, not one load per step).
  centroids = withRowSet(sample, threadOpt, (set) => {
    let current = centroids;
    for (let it = 0; it < LLOYD_ITERATIONS; it++) {
      const { labels } = set.nearestCentroid(current);
      const sums = set.labelSums(labels, nCells);
      const next = createMatrix(nCells, d);
      for (let c = 0; c < nCells; c++) {
        let norm = 0;
        for (let t = 0; t < d; t++) norm += sums[c * d + t] ** 2;
        norm = Math.sqrt(norm);
        // An empty cell keeps its centroid (a sample row), so no cell is ever zero.
        for (let t = 0; t < d; t++) next.data[c * d + t] = norm > 0 ? sums[c * d + t] / norm : current.data[c * d + t];
      }
      current = next;
    }
    return current;
  });
  const nearest = knnQuery(X, centroids, overlap, threadOpt).indices;
  return { centroids, nearest, overlap };
}

/**
 * The k nearest other rows of every row, searched within its cell's candidates:
 * same layout as `knn` (ascending by distance, ties by lower index), exact
 * distances; a neighbour outside the candidates is missed.
 */
export function partitionedKnn(
  X: Matrix,
  k: number,
  cells: Cells,
  options: ComputeOptions = {},
  /** A search over X already loaded (approximate.ts shares one with the joins). */
  search?: CellSearch,
): Neighbors {
  if (!search) return withCellSearch(X, options, (loaded) => partitionedKnn(X, k, cells, options, loaded));
  const n = X.rows;
  const nCells = cells.centroids.rows;
  const { nearest, overlap } = cells;
  // Candidates of cell c: the rows with c among their `overlap` nearest cells, ascending.
  const offsets = new Int32Array(nCells + 1);
  for (let t = 0; t < n * overlap; t++) offsets[nearest[t] + 1]++;
  for (let c = 0; c < nCells; c++) offsets[c + 1] += offsets[c];
  const candidates = new Int32Array(n * overlap);
  const fill = offsets.slice(0, nCells);
  for (let i = 0; i < n; i++) for (let o = 0; o < overlap; o++) candidates[fill[nearest[i * overlap + o]]++] = i;
  const cellOf = Int32Array.from({ length: n }, (_, i) => nearest[i * overlap]);
  const { indices, distances } = search(k, cellOf, offsets, candidates);
  // Rows whose cell had fewer than k + 1 candidates (a tiny cell): search all rows.
  const short: number[] = [];
  for (let i = 0; i < n; i++) if (indices[i * k + k - 1] < 0) short.push(i);
  if (short.length > 0) {
    const kq = Math.min(k + 1, n);
    const found = knnQuery(selectRows(X, short), X, kq, options);
    short.forEach((i, r) => {
      let out = 0;
      for (let q = 0; q < kq && out < k; q++) {
        const j = found.indices[r * kq + q];
        if (j === i) continue;
        indices[i * k + out] = j;
        distances[i * k + out] = found.distances[r * kq + q];
        out++;
      }
    });
  }
  return { n, k, indices, distances };
}
