/**
 * Plain-TypeScript twins of the compute kernels: straightforward float64 code
 * that states what each kernel computes. The fast WebAssembly kernels are tested
 * against these; nothing on a hot path calls them.
 *
 * Cosine distance everywhere: d(a, b) = 1 − a·b / (‖a‖‖b‖), clamped to [0, 2];
 * identical rows are at distance exactly 0.
 */
import type { Matrix } from '../matrix.js';

export function rowNorms(X: Matrix): Float64Array {
  const norms = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let s = 0;
    for (let j = i * X.cols, e = j + X.cols; j < e; j++) s += X.data[j] * X.data[j];
    norms[i] = Math.sqrt(s);
  }
  return norms;
}

export function cosineDistance(A: Matrix, i: number, B: Matrix, j: number, normA: number, normB: number): number {
  const d = A.cols;
  const a = A.data,
    b = B.data;
  let dot = 0;
  let same = true;
  for (let t = 0; t < d; t++) {
    const x = a[i * d + t],
      y = b[j * d + t];
    dot += x * y;
    if (x !== y) same = false;
  }
  if (same) return 0;
  const dist = 1 - dot / (normA * normB);
  return dist < 0 ? 0 : dist > 2 ? 2 : dist;
}

/** k nearest other rows of every row: n×k indices and distances, ascending, ties by index. */
export function knnReference(X: Matrix, k: number): { indices: Int32Array; distances: Float64Array } {
  const n = X.rows;
  const norms = rowNorms(X);
  const indices = new Int32Array(n * k);
  const distances = new Float64Array(n * k);
  const order = new Int32Array(n - 1);
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      dist[j] = cosineDistance(X, i, X, j, norms[i], norms[j]);
      order[m++] = j;
    }
    const sorted = Array.from(order).sort((p, q) => dist[p] - dist[q] || p - q);
    for (let t = 0; t < k; t++) {
      indices[i * k + t] = sorted[t];
      distances[i * k + t] = dist[sorted[t]];
    }
  }
  return { indices, distances };
}

/** k nearest rows of X for every row of Q (nothing excluded): m×k, ascending, ties by index. */
export function knnQueryReference(Q: Matrix, X: Matrix, k: number): { indices: Int32Array; distances: Float64Array } {
  const nq = rowNorms(Q),
    nx = rowNorms(X);
  const indices = new Int32Array(Q.rows * k);
  const distances = new Float64Array(Q.rows * k);
  const dist = new Float64Array(X.rows);
  for (let q = 0; q < Q.rows; q++) {
    for (let j = 0; j < X.rows; j++) dist[j] = cosineDistance(Q, q, X, j, nq[q], nx[j]);
    const sorted = Array.from({ length: X.rows }, (_, j) => j).sort((a, b) => dist[a] - dist[b] || a - b);
    for (let t = 0; t < k; t++) {
      indices[q * k + t] = sorted[t];
      distances[q * k + t] = dist[sorted[t]];
    }
  }
  return { indices, distances };
}

/** Nearest centroid (cosine) of every row of X; ties go to the lower centroid index. */
export function nearestCentroidReference(X: Matrix, C: Matrix): { labels: Int32Array; distances: Float64Array } {
  const nx = rowNorms(X),
    nc = rowNorms(C);
  const labels = new Int32Array(X.rows);
  const distances = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) {
    let best = Infinity,
      bestC = -1;
    for (let c = 0; c < C.rows; c++) {
      const d = cosineDistance(X, i, C, c, nx[i], nc[c]);
      if (d < best) {
        best = d;
        bestC = c;
      }
    }
    labels[i] = bestC;
    distances[i] = best;
  }
  return { labels, distances };
}

/**
 * Row i, column l: sum of cosine distances from row i to all rows labelled l
 * (labels < 0 are ignored). n × nLabels, row-major. What silhouette needs.
 */
export function labelDistanceSumsReference(X: Matrix, labels: Int32Array, nLabels: number): Float64Array {
  const n = X.rows;
  const norms = rowNorms(X);
  const sums = new Float64Array(n * nLabels);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const l = labels[j];
      if (l < 0 || j === i) continue;
      sums[i * nLabels + l] += cosineDistance(X, i, X, j, norms[i], norms[j]);
    }
  }
  return sums;
}

/**
 * Minimum spanning tree of the mutual-reachability graph
 * mr(a, b) = max(core[a], core[b], d(a, b)), by Prim's algorithm.
 * Returns n − 1 edges in the order Prim adds them.
 */
export function mutualReachabilityMstReference(
  X: Matrix,
  core: ArrayLike<number>,
): { from: Int32Array; to: Int32Array; weight: Float64Array } {
  const n = X.rows;
  const norms = rowNorms(X);
  const inTree = new Uint8Array(n);
  const best = new Float64Array(n).fill(Infinity);
  const bestFrom = new Int32Array(n).fill(-1);
  const from = new Int32Array(Math.max(0, n - 1));
  const to = new Int32Array(Math.max(0, n - 1));
  const weight = new Float64Array(Math.max(0, n - 1));
  let current = 0;
  inTree[0] = 1;
  for (let e = 0; e < n - 1; e++) {
    let next = -1,
      nextW = Infinity;
    for (let j = 0; j < n; j++) {
      if (inTree[j]) continue;
      const d = cosineDistance(X, current, X, j, norms[current], norms[j]);
      const mr = Math.max(core[current], core[j], d);
      if (mr < best[j]) {
        best[j] = mr;
        bestFrom[j] = current;
      }
      if (best[j] < nextW) {
        nextW = best[j];
        next = j;
      }
    }
    from[e] = bestFrom[next];
    to[e] = next;
    weight[e] = nextW;
    inTree[next] = 1;
    current = next;
  }
  return { from, to, weight };
}

/** Indices of rows within cosine distance `eps` of each row (self included), as CSR. */
export function radiusNeighborsReference(X: Matrix, eps: number): { offsets: Int32Array; indices: Int32Array } {
  const n = X.rows;
  const norms = rowNorms(X);
  const offsets = new Int32Array(n + 1);
  const list: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j === i || cosineDistance(X, i, X, j, norms[i], norms[j]) <= eps) list.push(j);
    }
    offsets[i + 1] = list.length;
  }
  return { offsets, indices: Int32Array.from(list) };
}
