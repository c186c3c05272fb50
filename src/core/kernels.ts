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
import { check, InputError } from './errors.js';
import { validateMatrix, type Labels, type Matrix } from './matrix.js';
import { parallelFor, resolveThreads } from './pool.js';
import { primMst } from './prim.js';
import { withRowSet } from './row-set.js';
import { tuning } from './tuning.js';
export { withRowSet, type RowSet, type RowSetOptions } from './row-set.js';
import { nearestLoadedRows, SCREENING_MARGIN } from './loaded-knn.js';
import { blockSizes, loadDataset } from './wasm/dataset.js';
import { wasmRuntime, type WasmRuntime } from './wasm/runtime.js';

export interface ComputeOptions {
  /** Threads to use (default: all cores). Results are identical for any value. */
  threads?: number;
}

/** Options of `knnQuery`. */
export interface KnnQueryOptions extends ComputeOptions {
  /**
   * false: skip the proof that the answer is exact: each row's k best by the int16
   * screen, re-ranked by exact distance (default true). Where many
   * distances nearly tie (rows against the centroids of high-dimensional blobs), the
   * proof fails and a full rescan runs for most rows; a partition does not need it.
   */
  exact?: boolean;
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
  const { indices, distances } = selfNearestRows(X, k, threads);
  return { n: X.rows, k, indices, distances };
}

/**
 * For every row of Q, its k nearest rows of X (cosine; ascending by distance, ties
 * by lower index; nothing excluded, so a row of Q equal to a row of X finds it at
 * distance 0). k in [1, X.rows]. Same screening and exact re-ranking as `knn`:
 * bit for bit the reference's answer (unless `exact: false`). Memory O((m + n)·d + m·k).
 */
export function knnQuery(Q: Matrix, X: Matrix, k: number, options: KnnQueryOptions = {}): Neighbors {
  validateMatrix(Q, 'Q');
  validateMatrix(X, 'X');
  const threads = resolveThreads(options.threads);
  if (Q.cols !== X.cols) throw new InputError(`Q has ${Q.cols} columns, X has ${X.cols}.`);
  if (X.rows < 1) throw new InputError('knnQuery needs at least one row in X.');
  check.integer('k', k, 1, X.rows);
  if (Q.rows === 0) return { n: 0, k, indices: new Int32Array(0), distances: new Float64Array(0) };
  const { indices, distances } = nearestRows(Q, X, k, false, threads, options.exact ?? true);
  return { n: Q.rows, k, indices, distances };
}

/** Nearest centroid (cosine) of every row of X; ties go to the lower centroid index. */
export function nearestCentroid(X: Matrix, centroids: Matrix, options: ComputeOptions = {}): { labels: Labels; distances: Float64Array } {
  return withRowSet(X, options, (set) => set.nearestCentroid(centroids));
}

/**
 * Cosine distances from every row of X to each of the rows of X listed in `rows`
 * (e.g. k-means++ candidates): a Float64Array rows.length × n, entry r·n + i being
 * d(X_i, X_rows[r]), computed exactly as the reference does.
 */
export function distancesToRows(X: Matrix, rows: ArrayLike<number>, options: ComputeOptions = {}): Float64Array {
  return withRowSet(X, options, (set) => set.distancesToRows(rows));
}

/**
 * Per-label column sums: an nLabels × d Float64Array, row l = Σ of the rows of X
 * labelled l (labels < 0 are skipped), each sum taken in row order in f64, so it
 * equals a plain loop bit for bit for any thread count. What centroid updates need.
 */
export function labelSums(X: Matrix, labels: Labels, nLabels: number, options: ComputeOptions = {}): Float64Array {
  return withRowSet(X, options, (set) => set.labelSums(labels, nLabels));
}

/**
 * kNN of X against itself computing each pair's dot product once
 * (assembly/knn-symmetric.ts): a diagonal round, then the block pairs in rounds of
 * a round-robin schedule, so that no two tasks of a round touch the same rows.
 */
function selfNearestRows(X: Matrix, k: number, threads: number): { indices: Int32Array; distances: Float64Array } {
  const rt = wasmRuntime();
  const n = X.rows;
  return rt.scoped((alloc) => {
    const ds = loadDataset(rt, alloc, X, threads);
    const kk = Math.min(n - 1, k + SCREENING_MARGIN);
    const { queries: blockRows, candidates } = blockSizes(rt);
    const rowsAllocated = Math.max(candidates, Math.ceil(n / candidates) * candidates);
    const hs = alloc(n * kk * 4),
      hi = alloc(n * kk * 4);
    const hc = alloc(rowsAllocated * 4),
      thr = alloc(rowsAllocated * 4),
      thrIdx = alloc(rowsAllocated * 4);
    rt.i32(hc, rowsAllocated).fill(0);
    rt.f32(thr, rowsAllocated).fill(-Infinity).fill(Infinity, n);
    rt.i32(thrIdx, rowsAllocated).fill(0);
    const lists = alloc(20);
    rt.i32(lists, 5).set([hs, hi, hc, thr, thrIdx]);
    const kernels = rt.kernels();
    const scratchBytes = kernels.knnSymmetricScratchBytes(k, kk);
    const scratch = alloc(scratchBytes * threads);
    const blocks = Math.ceil(n / blockRows);
    const args = (pairs: number) => [ds.desc, kk, lists, pairs, scratch, scratchBytes];
    // Round 0: diagonal tiles.
    const diag = alloc(blocks * 8);
    rt.i32(diag, blocks * 2).set(Array.from({ length: blocks * 2 }, (_, t) => t >> 1));
    parallelFor('knnSymmetricTask', args(diag), blocks, threads);
    // Then every pair once: the circle method (block `even − 1` stays, the others rotate).
    const even = blocks + (blocks % 2);
    const perRound = even / 2;
    const pairs = alloc(Math.max(1, perRound) * 8);
    for (let round = 0; round < even - 1; round++) {
      const list: number[] = [];
      const add = (a: number, b: number) => {
        if (a < blocks && b < blocks) list.push(Math.min(a, b), Math.max(a, b));
      };
      add(round, even - 1);
      for (let t = 1; t < perRound; t++) add((round + t) % (even - 1), (round - t + even - 1) % (even - 1));
      if (list.length === 0) continue;
      rt.i32(pairs, list.length).set(list);
      parallelFor('knnSymmetricTask', args(pairs), list.length / 2, threads);
    }
    const outIdx = alloc(n * k * 4);
    const outDist = alloc(n * k * 8);
    const deferred = alloc(n * 4);
    rt.i32(deferred, n).fill(0);
    parallelFor('knnSymmetricFinalizeTask', [ds.desc, k, kk, lists, outIdx, outDist, scratch, scratchBytes, deferred], blocks, threads);
    const indices = rt.i32(outIdx, n * k).slice(),
      distances = rt.f64(outDist, n * k).slice();
    const flags = rt.i32(deferred, n);
    const flagged: number[] = [];
    for (let i = 0; i < n; i++) if (flags[i]) flagged.push(i);
    if (flagged.length > 0) fullScans(rt, alloc, X, ds.desc, k, flagged, indices, distances, threads);
    return { indices, distances };
  });
}

/**
 * The rows whose candidate lists could not prove their answer (near-ties; more
 * than k + 8 exact copies, common with templated postings) get a full scan. Rows
 * identical bit for bit have the same distance to every row, so a group of
 * copies is scanned once: the k + 1 nearest of its first row, itself included
 * (distance 0), give each member its k nearest other rows (drop the member).
 */
function fullScans(
  rt: WasmRuntime,
  alloc: (bytes: number) => number,
  X: Matrix,
  ds: number,
  k: number,
  rows: number[],
  indices: Int32Array,
  distances: Float64Array,
  threads: number,
): void {
  const d = X.cols;
  const bytes = new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength);
  const groups = new Map<string, number[]>();
  for (const i of rows) {
    const key = Buffer.from(bytes.subarray(i * d * 4, (i + 1) * d * 4)).toString('latin1');
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  const jobs = [...groups.values()];
  const stride = k + 1;
  const rowsP = alloc(jobs.length * 4),
    ksP = alloc(jobs.length * 4),
    selfP = alloc(jobs.length * 4);
  const idxP = alloc(jobs.length * stride * 4),
    distP = alloc(jobs.length * stride * 8);
  rt.i32(rowsP, jobs.length).set(jobs.map((g) => g[0]));
  rt.i32(ksP, jobs.length).set(jobs.map((g) => (g.length > 1 ? k + 1 : k)));
  rt.i32(selfP, jobs.length).set(jobs.map((g) => (g.length > 1 ? 0 : 1)));
  parallelFor('knnScanTask', [ds, rowsP, ksP, selfP, stride, idxP, distP], jobs.length, threads);
  const idx = rt.i32(idxP, jobs.length * stride),
    dist = rt.f64(distP, jobs.length * stride);
  jobs.forEach((group, t) => {
    for (const i of group) {
      let out = 0;
      for (let r = 0; r < (group.length > 1 ? k + 1 : k) && out < k; r++) {
        if (idx[t * stride + r] === i) continue;
        indices[i * k + out] = idx[t * stride + r];
        distances[i * k + out] = dist[t * stride + r];
        out++;
      }
    }
  });
}

function nearestRows(
  Q: Matrix,
  B: Matrix,
  k: number,
  excludeSelf: boolean,
  threads: number,
  prove = true,
): { indices: Int32Array; distances: Float64Array } {
  const rt = wasmRuntime();
  return rt.scoped((alloc) => {
    const q = loadDataset(rt, alloc, Q, threads);
    const b = excludeSelf ? q : loadDataset(rt, alloc, B, threads);
    return nearestLoadedRows(rt, q, b, k, excludeSelf, threads, prove);
  });
}

/**
 * Row i, column l: the sum of cosine distances from row i to every other row
 * labelled l (labels < 0 are ignored): n × nLabels, row-major. What silhouette
 * needs. Computed as |l| − x̂_i·Σ_{j∈l} x̂_j in float64 (O(n·L·d), no pairs), so it
 * agrees with the pairwise reference to ~1e-12 relative, not bit for bit.
 */
export function labelDistanceSums(X: Matrix, labels: Labels, nLabels: number, options: ComputeOptions = {}): Float64Array {
  validateMatrix(X, 'X');
  const threads = resolveThreads(options.threads);
  const n = X.rows,
    d = X.cols;
  check.integer('nLabels', nLabels, 0);
  if (!(labels instanceof Int32Array) || labels.length !== n) {
    throw new InputError(`labels must be an Int32Array of ${n} values (one per row of X).`);
  }
  for (let i = 0; i < n; i++) {
    if (labels[i] >= nLabels) throw new InputError(`labels[${i}] is ${labels[i]}, expected < nLabels = ${nLabels} (or < 0 for noise).`, i);
  }
  if (n === 0 || nLabels === 0) return new Float64Array(n * nLabels);
  const rt = wasmRuntime();
  return rt.scoped((alloc) => {
    const ds = loadDataset(rt, alloc, X, threads);
    const norms = rt.f64(ds.norms, n).slice();
    // Per-label sums of the unit rows and label sizes.
    const sums = new Float64Array(nLabels * d);
    const counts = new Float64Array(nLabels);
    for (let i = 0; i < n; i++) {
      const l = labels[i];
      if (l < 0) continue;
      counts[l]++;
      const o = l * d,
        r = i * d,
        inv = norms[i];
      for (let t = 0; t < d; t++) sums[o + t] += X.data[r + t] / inv;
    }
    const S = alloc(nLabels * d * 8),
      C = alloc(nLabels * 8),
      L = alloc(n * 4),
      out = alloc(n * nLabels * 8);
    rt.f64(S, nLabels * d).set(sums);
    rt.f64(C, nLabels).set(counts);
    rt.i32(L, n).set(labels);
    const rowsPerTask = Math.max(16, Math.ceil(n / (threads * 16)));
    parallelFor('labelDistanceSumsTask', [ds.desc, L, nLabels, S, C, out, rowsPerTask], Math.ceil(n / rowsPerTask), threads);
    return rt.f64(out, n * nLabels).slice();
  });
}

/**
 * Minimum spanning tree of the mutual-reachability graph
 * mr(a, b) = max(core[a], core[b], d(a, b)) by Prim's algorithm from row 0: the
 * n − 1 edges in the order they are added, each from the tree row that first gave
 * the new row its key, to the new row (lowest index among equal keys). The
 * same sequence as the reference, bit for bit, for any thread count. From 4096
 * rows on, each step's work is split between threads; memory O(n·d).
 */
export function mutualReachabilityMst(X: Matrix, coreDistances: ArrayLike<number>, options: ComputeOptions = {}): SpanningTree {
  validateMatrix(X, 'X');
  const threads = resolveThreads(options.threads);
  const n = X.rows;
  if (!coreDistances || coreDistances.length !== n) {
    throw new InputError(`coreDistances has ${coreDistances?.length} values, X has ${n} rows.`);
  }
  for (let i = 0; i < n; i++) {
    const c = coreDistances[i];
    if (typeof c !== 'number' || !(c >= 0) || c === Infinity) {
      throw new InputError(`coreDistances[${i}] is ${c}, expected a finite number ≥ 0.`, i);
    }
  }
  if (n < 2) return { from: new Int32Array(0), to: new Int32Array(0), weight: new Float64Array(0) };
  // Below this size a Prim step is too short to share between threads.
  const parts = threads > 1 && n >= PARALLEL_PRIM_MIN_ROWS ? threads * 4 : 1;
  return primMst(X, coreDistances, threads, parts);
}

/** Rows from which the MST splits each Prim step between threads. */
const PARALLEL_PRIM_MIN_ROWS = 4096;

/**
 * Every row within cosine distance `eps` (d ≤ eps, decided on the exact f64
 * distance) of each row, the row itself included, ascending by index, as CSR.
 * eps in [0, 2]. Output size is what it is (dense data with a large eps gives
 * long lists); the computation itself never holds an n × n matrix.
 */
export function radiusNeighbors(X: Matrix, eps: number, options: ComputeOptions = {}): NeighborLists {
  validateMatrix(X, 'X');
  check.number('eps', eps, 0, 2);
  const threads = resolveThreads(options.threads);
  const n = X.rows;
  if (n === 0) return { offsets: new Int32Array(1), indices: new Int32Array(0) };
  const rt = wasmRuntime();
  return rt.scoped((alloc) => {
    const ds = loadDataset(rt, alloc, X, threads);
    const blockRows = blockSizes(rt).queries;
    const nBlocks = Math.ceil(n / blockRows);
    const rowCounts = alloc(n * 4);
    const needed = alloc(nBlocks * 4);
    const run = (blocks: number[], starts: number[], caps: number[], out: number): void => {
      rt.scoped((local) => {
        const cap = Math.max(...caps);
        const scratchBytes = Math.ceil(rt.kernels().radiusScratchBytes(cap) / 64) * 64;
        const scratch = local(scratchBytes * threads);
        const b = local(blocks.length * 4),
          st = local(blocks.length * 4),
          cp = local(blocks.length * 4);
        rt.i32(b, blocks.length).set(blocks);
        rt.i32(st, blocks.length).set(starts);
        rt.i32(cp, blocks.length).set(caps);
        parallelFor('radiusTask', [ds.desc, eps, b, st, cp, out, rowCounts, needed, scratch, scratchBytes], blocks.length, threads);
      });
    };
    // First pass: equal regions per block, as large as a 64 MiB budget allows (at
    // least 64 per row): a block whose lists overflow is computed a second time, and
    // on dense data (blobs, templated postings) that was most blocks at 64 per row.
    const perRow = Math.min(n, Math.max(64, Math.floor(tuning.radiusFirstPassBytes / 4 / (nBlocks * blockRows))));
    const cap0 = blockRows * perRow;
    const out0 = alloc(nBlocks * cap0 * 4);
    const all = Array.from({ length: nBlocks }, (_, b) => b);
    run(
      all,
      all.map((b) => b * cap0),
      all.map(() => cap0),
      out0,
    );
    const need = rt.i32(needed, nBlocks).slice();
    // Second pass only for blocks whose lists did not fit.
    const redo = all.filter((b) => need[b] > cap0);
    let out1 = 0;
    const start1 = new Map<number, number>();
    if (redo.length > 0) {
      let total = 0;
      for (const b of redo) {
        start1.set(b, total);
        total += need[b];
      }
      if (total > 2 ** 31 - 1)
        throw new InputError(`radiusNeighbors: more than 2^31 neighbour pairs (eps = ${eps} is too large for ${n} rows).`);
      out1 = alloc(total * 4);
      run(
        redo,
        redo.map((b) => start1.get(b)!),
        redo.map((b) => need[b]),
        out1,
      );
    }
    const counts = rt.i32(rowCounts, n);
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + counts[i];
    const indices = new Int32Array(offsets[n]);
    for (let b = 0, pos = 0; b < nBlocks; b++) {
      const src = need[b] > cap0 ? rt.i32(out1 + start1.get(b)! * 4, need[b]) : rt.i32(out0 + b * cap0 * 4, need[b]);
      indices.set(src, pos);
      pos += need[b];
    }
    return { offsets, indices };
  });
}
export { knnWithinCells, withCellSearch, type CellSearch, type CellSearchOptions, type LoadedQueries } from './cell-knn.js';
