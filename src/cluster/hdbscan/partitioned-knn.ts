/**
 * Approximate HDBSCAN, step 1: a k-nearest-neighbour graph from searches inside
 * overlapping cells, instead of all n² pairs.
 *
 * Cells are a spherical K-Means of the rows (seeded, fit on a sample, then every
 * row gets its `overlap` nearest centroids). Cell c's *candidates* are the rows
 * that have c among their `overlap` nearest centroids; the rows whose nearest
 * centroid is c look for their k nearest among those candidates by the kNN
 * kernels' int16 screen, re-ranked by exact distance (ties by lower index) but
 * without the exact search's proof and rescan: where the screen cannot tell two
 * candidates apart (≈ 0.1–0.3 % of the entries, distances within 3e-5) either may
 * be kept, and near-duplicates no longer force a rescan of the cell (15–25 % of
 * the search's time, docs/perf-log.md 2026-12-06 session 11). A row's true neighbour is
 * found whenever that neighbour counts the row's own cell among its nearest
 * cells — near neighbours nearly always do. When the searches' k is known, a row
 * joins a cell other than its own only within a margin of that cell's boundary
 * (`candidateMargin`): rows deep inside their own cell are no one else's neighbours.
 *
 * Why this and not NN-descent or an HNSW index: every step is a deterministic
 * kernel call whose result does not depend on the thread count (the kernels are
 * bit-identical for any thread count), the search inside a cell is the
 * SIMD-screened kNN we already have, and the cost is n · (overlap · n / cells)
 * pairs: linear in n for a fixed cell size.
 */
import {
  knnQuery,
  withCellSearch,
  type CellSearch,
  type LoadedQueries,
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
  /**
   * Neighbours the searches will look for: when given, a row joins a cell other than its own
   * only near that cell's boundary (`Cells.margin`); when absent, all `overlap` nearest cells.
   */
  neighbours?: number;
}

export interface Cells {
  /** Centroids, unit rows (cells × d). */
  centroids: Matrix;
  /** n × overlap: each row's nearest cells, nearest first. */
  nearest: Int32Array;
  /** n × overlap: the cosine distance of each row to those cells' centroids. */
  nearestDistances: Float64Array;
  overlap: number;
  /**
   * Angle (radians) by which a row may be farther from another cell's centroid than from its
   * own and still be a candidate there (Infinity: every one of its `overlap` nearest cells).
   */
  margin: number;
}

const MARGIN_SAMPLE = 256;
const MARGIN_QUANTILE = 0.9;

/** Angle between unit rows at cosine distance d. */
const angleOf = (d: number): number => Math.acos(Math.min(1, Math.max(-1, 1 - d)));

/**
 * The candidate margin for searches of k neighbours: the 0.9 quantile of the k-th
 * neighbour's angle, over a seeded sample of rows searched against all rows.
 *
 * Why: a row r is of use in a cell c other than its own (c′) only as the neighbour of
 * some query q whose own cell is c. By the triangle inequality on angles,
 * θ(r, μc) − θ(r, μc′) ≤ 2 θ(q, r), and θ(q, r) is at most q's k-th neighbour angle;
 * rows beyond that gap only cost pairs. The bound is loose (it adds two worst cases): one
 * k-th neighbour angle (not two) kept the kNN recall of the full overlap within 0.003 on
 * blobs and corpus-like data at 10k–100k rows, with 2–56% fewer pairs scored
 * (docs/perf-log.md, 2026-12-06).
 */
function candidateMargin(X: Matrix, k: number, random: Random, queries: LoadedQueries): number {
  const n = X.rows;
  const kq = Math.min(n, k + 1);
  if (kq < 2) return Infinity;
  const size = Math.min(n, MARGIN_SAMPLE);
  // Each sampled row finds itself (or an exact copy) first: its k-th other neighbour is the last of k + 1.
  const { distances } = queries.nearestTo(random.sampleIndices(n, size), kq, false);
  const angles = Float64Array.from({ length: size }, (_, r) => angleOf(distances[r * kq + kq - 1])).sort();
  return angles[Math.min(size - 1, Math.floor(MARGIN_QUANTILE * size))];
}

const LLOYD_ITERATIONS = 6;
const SAMPLE_PER_CELL = 32;

/**
 * Spherical K-Means cells of X: seeded sample, a few Lloyd steps, then every row's nearest cells.
 * `queries`: X already loaded by a cell search (`withCellSearch`), so that it is not loaded again.
 */
export function buildCells(X: Matrix, options: PartitionOptions = {}, queries?: LoadedQueries): Cells {
  if (!queries) return withCellSearch(X, options, (_search, loaded) => buildCells(X, options, loaded));
  const n = X.rows,
    d = X.cols;
  const cellSize = options.cellSize ?? 1000;
  const nCells = Math.max(1, Math.min(Math.round(n / cellSize), Math.floor(n / 2)));
  const overlap = Math.min(options.overlap ?? 3, nCells);
  const random = new Random(options.seed ?? 1);
  const threadOpt: ComputeOptions = options.threads === undefined ? {} : { threads: options.threads };
  // Sample (without replacement, seeded) on which the centroids are fit: the cells only
  // need to be reasonable, and a sample keeps this step small next to the searches.
  const sampleSize = Math.min(n, nCells * SAMPLE_PER_CELL);
  const sample = selectRows(X, random.sampleIndices(n, sampleSize));
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
  const found = queries.nearestOf(centroids, overlap, false);
  const margin = options.neighbours === undefined || overlap === 1 ? Infinity : candidateMargin(X, options.neighbours, random, queries);
  return { centroids, nearest: found.indices, nearestDistances: found.distances, overlap, margin };
}

/**
 * Per entry t of `cells.nearest` (row ⌊t / overlap⌋, its (t mod overlap)-th nearest cell):
 * 1 when the row is a candidate in that cell; null when every entry is (no margin).
 */
function candidateMask(cells: Cells): Uint8Array | null {
  const { overlap, margin, nearestDistances: distances } = cells;
  if (margin === Infinity) return null;
  const mask = new Uint8Array(distances.length);
  for (let t = 0; t < distances.length; t += overlap) {
    const own = angleOf(distances[t]);
    mask[t] = 1;
    for (let o = 1; o < overlap; o++) mask[t + o] = angleOf(distances[t + o]) - own <= margin ? 1 : 0;
  }
  return mask;
}

/**
 * The k nearest other rows of every row, searched within its cell's candidates:
 * same layout as `knn` (ascending by distance, ties by lower index), exact
 * distances; a neighbour outside the candidates is missed, and one the screen
 * cannot tell from the k-th may be swapped with it (see the header).
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
  // Candidates of cell c: the rows with c among their `overlap` nearest cells, ascending, and
  // (for a cell that is not the row's own) within `cells.margin` of it (see candidateMargin).
  const mask = candidateMask(cells);
  const offsets = new Int32Array(nCells + 1);
  for (let t = 0; t < n * overlap; t++) if (!mask || mask[t]) offsets[nearest[t] + 1]++;
  for (let c = 0; c < nCells; c++) offsets[c + 1] += offsets[c];
  const candidates = new Int32Array(offsets[nCells]);
  const fill = offsets.slice(0, nCells);
  for (let i = 0; i < n; i++)
    for (let o = 0; o < overlap; o++) if (!mask || mask[i * overlap + o]) candidates[fill[nearest[i * overlap + o]]++] = i;
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) cellOf[i] = nearest[i * overlap];
  const { indices, distances } = search(k, cellOf, offsets, candidates, false);
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
