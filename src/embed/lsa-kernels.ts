/**
 * The LSA embedding's bridge to the compute core's WebAssembly runtime and
 * worker pool (like word2vec/kernel.ts): the f64x2 kernels of assembly/linalg.ts
 * for sparse × dense products, Gram matrices and dense × small-matrix products,
 * on matrices that live in WebAssembly memory for the whole fit.
 *
 * Dense matrices are row-major f64 with a row stride padded to a multiple of 8
 * (`paddedWidth`), padding columns zero. Every kernel task writes its own rows,
 * and Gram partials are taken over fixed row blocks and added in block order,
 * so results are identical for any thread count.
 */
import { gram, gramScratchBytes, parallelFor, wasmRuntime, type WasmRuntime } from '../core/index.js';
import { choleskyUpper, invertUpper } from './linalg.js';
import type { SparseMatrix } from './sparse.js';

/** Row stride (in f64) of a dense matrix with `k` columns in WebAssembly memory. */
export function paddedWidth(k: number): number {
  return Math.ceil(k / 8) * 8;
}

/** A CSR matrix copied into WebAssembly memory. */
export interface WasmCsr {
  rows: number;
  indptr: number;
  indices: number;
  data: number;
}

/** A dense rows × ld f64 matrix in WebAssembly memory. */
export interface WasmDense {
  rows: number;
  ld: number;
  ptr: number;
}

type Alloc = (bytes: number) => number;

/** Rows per task for row-parallel products: a few tasks per thread for load balance. */
function rowsPerTask(rows: number, threads: number): number {
  return Math.max(32, Math.ceil(rows / (threads * 8)));
}

/** Run `body` with kernels whose WebAssembly blocks are all freed afterwards (even on throw). */
export function withLsaKernels<T>(threads: number, body: (kernels: LsaKernels, alloc: Alloc) => T): T {
  return wasmRuntime().scoped((alloc) => body(new LsaKernels(alloc, threads), alloc));
}

export class LsaKernels {
  readonly rt: WasmRuntime = wasmRuntime();

  constructor(
    private readonly alloc: Alloc,
    readonly threads: number,
  ) {}

  /** Copy a CSR matrix in; with `transpose`, store its transpose (CSC of the input) instead. */
  csr(m: SparseMatrix, transpose = false): WasmCsr {
    const nnz = m.indptr[m.rows];
    const rows = transpose ? m.cols : m.rows;
    const out: WasmCsr = {
      rows,
      indptr: this.alloc((rows + 1) * 4),
      indices: this.alloc(Math.max(1, nnz) * 4),
      data: this.alloc(Math.max(1, nnz) * 4),
    };
    const indptr = this.rt.i32(out.indptr, rows + 1);
    const indices = this.rt.i32(out.indices, nnz);
    const data = this.rt.f32(out.data, nnz);
    if (!transpose) {
      indptr.set(m.indptr);
      indices.set(m.indices.subarray(0, nnz));
      data.set(m.data.subarray(0, nnz));
      return out;
    }
    // Counting sort by column: entries of each output row in ascending input row.
    indptr.fill(0);
    for (let p = 0; p < nnz; p++) indptr[m.indices[p] + 1]++;
    for (let j = 0; j < rows; j++) indptr[j + 1] += indptr[j];
    const next = indptr.slice(0, rows);
    for (let i = 0; i < m.rows; i++) {
      for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) {
        const q = next[m.indices[p]]++;
        indices[q] = i;
        data[q] = m.data[p];
      }
    }
    return out;
  }

  /** A rows × cols matrix (stride paddedWidth(cols)); zero-filled only with `zero` (kernels overwrite whole rows). */
  dense(rows: number, cols: number, zero = false): WasmDense {
    const ld = paddedWidth(cols);
    const ptr = this.alloc(Math.max(1, rows * ld) * 8);
    if (zero) this.view({ rows, ld, ptr }).fill(0);
    return { rows, ld, ptr };
  }

  view(a: WasmDense): Float64Array {
    return this.rt.f64(a.ptr, a.rows * a.ld);
  }

  /**
   * Fill the first `cols` columns of `a` with standard normal draws for `seed`
   * (row by row; the stream of Random(seed).normal() up to last-bit
   * differences of log/cos), padding columns zero.
   */
  gaussian(a: WasmDense, cols: number, seed: number): void {
    this.rt.kernels().gaussianFill(a.ptr, a.rows, cols, a.ld, seed >>> 0);
  }

  /** out = A · B for CSR A and dense B (B.rows = columns of A, out.ld = B.ld). */
  csrTimes(a: WasmCsr, b: WasmDense, out: WasmDense): void {
    const per = rowsPerTask(a.rows, this.threads);
    parallelFor(
      'csrTimesDenseTask',
      [a.indptr, a.indices, a.data, a.rows, b.ptr, b.ld, out.ptr, per],
      Math.ceil(a.rows / per),
      this.threads,
    );
  }

  /** The ld × ld Gram matrix AᵀA (both triangles filled; only the first `cols` rows/columns are meaningful). */
  gram(a: WasmDense, partials: number): Float64Array {
    return gram(a.ptr, a.rows, a.ld, partials, this.threads);
  }

  /** Bytes of Gram scratch needed for a matrix of `rows` rows and stride `ld`. */
  static gramScratchBytes(rows: number, ld: number): number {
    return gramScratchBytes(rows, ld);
  }

  /** out = A[:, :inner] · W for a dense W (inner × W.ld) in WebAssembly memory. */
  denseTimes(a: WasmDense, w: WasmDense, inner: number, out: WasmDense): void {
    const per = rowsPerTask(a.rows, this.threads);
    parallelFor('denseTimesTask', [a.ptr, a.rows, a.ld, w.ptr, w.ld, inner, 0, out.ptr, per], Math.ceil(a.rows / per), this.threads);
  }

  /**
   * One CholeskyQR pass on the first `k` columns of A in place: G = AᵀA,
   * Rᵀ R = G + shift·I, A ← A R⁻¹ (R⁻¹ explicitly, applied row-parallel).
   * `w` is ld × ld scratch in WebAssembly memory. Returns max Rᵢᵢ / min Rᵢᵢ,
   * a cheap lower estimate of A's condition number.
   */
  choleskyQrPass(a: WasmDense, k: number, partials: number, w: WasmDense): number {
    const ld = a.ld;
    const g = this.gram(a, partials);
    const gk = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) gk[i * k + j] = g[i * ld + j];
    const r = choleskyUpper(gk, k);
    let lo = Infinity;
    let hi = 0;
    for (let i = 0; i < k; i++) {
      lo = Math.min(lo, r[i * k + i]);
      hi = Math.max(hi, r[i * k + i]);
    }
    const rinv = invertUpper(r, k);
    const wv = this.view(w);
    wv.fill(0);
    for (let i = 0; i < k; i++) for (let j = i; j < k; j++) wv[i * ld + j] = rinv[i * k + j];
    const per = rowsPerTask(a.rows, this.threads);
    parallelFor('denseTimesTask', [a.ptr, a.rows, ld, w.ptr, ld, k, 1, a.ptr, per], Math.ceil(a.rows / per), this.threads);
    return hi / lo;
  }
}
