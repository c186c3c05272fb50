/**
 * Public kernel API of the compute core: WebAssembly SIMD kernels run by the
 * worker pool. Every function has a plain-TypeScript twin in
 * ./reference/kernels.ts that states its semantics; see docs/core.md for the
 * agreement with the twins (bit-identical distances for knn, nearestCentroid,
 * radiusNeighbors and the MST; ≤ 1e-12 relative for labelDistanceSums).
 *
 * Cosine distance everywhere: d(a, b) = 1 − a·b / (‖a‖‖b‖) in float64 from the
 * float32 values, clamped to [0, 2], identical rows at exactly 0. Inputs need
 * not be normalised. Rows with NaN/Infinity or zero norm are rejected by index.
 */
import { check, InputError, ParameterError } from './errors.js';
import { validateMatrix, type Labels, type Matrix } from './matrix.js';
import { parallelFor, resolveThreads } from './pool.js';
import { blockSizes, loadDataset } from './wasm/dataset.js';
import { wasmRuntime } from './wasm/runtime.js';
import { mutualReachabilityMstReference } from './reference/kernels.js';

export interface ComputeOptions {
  /** Threads to use (default: all cores). Results are identical for any value. */
  threads?: number;
}

/** k nearest other rows of each row, ascending by distance, ties by lower index. */
export interface Neighbors {
  n: number;
  k: number;
  /** n × k row indices. */
  indices: Int32Array;
  /** n × k cosine distances. */
  distances: Float64Array;
}

/** Edges of a spanning tree: n − 1 entries. */
export interface SpanningTree {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/** Neighbourhoods as compressed sparse rows: neighbours of i are indices[offsets[i] .. offsets[i+1]). */
export interface NeighborLists {
  offsets: Int32Array;
  indices: Int32Array;
}

/** Candidates kept per row beyond k before exact re-ranking (see assembly/knn.ts). */
const SCREENING_MARGIN = 16;

/**
 * The k nearest other rows of every row of X (self excluded; duplicates of a row
 * are neighbours at distance 0), ascending by distance, ties by lower index.
 * k must be in [1, n − 1]. Memory: O(n·d + n·k), never n × n.
 */
export function knn(X: Matrix, k: number, options: ComputeOptions = {}): Neighbors {
  validateMatrix(X, 'X');
  const threads = resolveThreads(options.threads);
  if (X.rows < 2) throw new InputError(`knn needs at least 2 rows, X has ${X.rows}.`);
  check.integer('k', k, 1, X.rows - 1);
  const { indices, distances } = nearestRows(X, X, k, true, threads);
  return { n: X.rows, k, indices, distances };
}

/** Nearest centroid (cosine) of every row of X; ties go to the lower centroid index. */
export function nearestCentroid(
  X: Matrix,
  centroids: Matrix,
  options: ComputeOptions = {},
): { labels: Labels; distances: Float64Array } {
  validateMatrix(X, 'X');
  validateMatrix(centroids, 'centroids');
  const threads = resolveThreads(options.threads);
  if (centroids.rows < 1) throw new InputError('nearestCentroid needs at least one centroid.');
  if (centroids.cols !== X.cols) {
    throw new InputError(`centroids have ${centroids.cols} columns, X has ${X.cols}.`);
  }
  if (X.rows === 0) return { labels: new Int32Array(0), distances: new Float64Array(0) };
  const { indices, distances } = nearestRows(X, centroids, 1, false, threads);
  return { labels: indices, distances };
}

function nearestRows(
  Q: Matrix,
  B: Matrix,
  k: number,
  excludeSelf: boolean,
  threads: number,
): { indices: Int32Array; distances: Float64Array } {
  const rt = wasmRuntime();
  return rt.scoped((alloc) => {
    const q = loadDataset(rt, alloc, Q, threads);
    const b = excludeSelf ? q : loadDataset(rt, alloc, B, threads);
    const total = B.rows - (excludeSelf ? 1 : 0);
    const kk = Math.min(total, k + SCREENING_MARGIN);
    const kernels = rt.kernels();
    const scratchBytes = kernels.knnScratchBytes(k, kk);
    const scratch = alloc(scratchBytes * threads);
    const outIdx = alloc(Q.rows * k * 4);
    const outDist = alloc(Q.rows * k * 8);
    const tasks = Math.ceil(Q.rows / blockSizes(rt).queries);
    parallelFor('knnTask', [q.desc, b.desc, k, kk, excludeSelf ? 1 : 0, outIdx, outDist, scratch, scratchBytes], tasks, threads);
    return { indices: rt.i32(outIdx, Q.rows * k).slice(), distances: rt.f64(outDist, Q.rows * k).slice() };
  });
}

export function labelDistanceSums(X: Matrix, labels: Labels, nLabels: number, _options: ComputeOptions = {}): Float64Array {
  return labelDistanceSumsImpl(X, labels, nLabels);
}

export function mutualReachabilityMst(X: Matrix, coreDistances: ArrayLike<number>, _options: ComputeOptions = {}): SpanningTree {
  return mutualReachabilityMstReference(X, coreDistances);
}

export function radiusNeighbors(X: Matrix, eps: number, _options: ComputeOptions = {}): NeighborLists {
  return radiusNeighborsImpl(X, eps);
}

// Placeholders replaced below as the kernels land.
import { labelDistanceSumsReference, radiusNeighborsReference } from './reference/kernels.js';
function labelDistanceSumsImpl(X: Matrix, labels: Labels, nLabels: number): Float64Array {
  return labelDistanceSumsReference(X, labels, nLabels);
}
function radiusNeighborsImpl(X: Matrix, eps: number): NeighborLists {
  void ParameterError;
  return radiusNeighborsReference(X, eps);
}
