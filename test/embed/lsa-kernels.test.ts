import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/index.js';
import { LsaKernels, paddedWidth, withLsaKernels, type WasmDense } from '../../src/embed/lsa-kernels.js';
import { sparseTimesDense, sparseTransposeTimesDense, type SparseMatrix } from '../../src/embed/sparse.js';

/** Random CSR with about `density` of the entries set (some rows left empty). */
function randomCsr(rows: number, cols: number, density: number, seed: number): SparseMatrix {
  const rng = new Random(seed);
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < rows; i++) {
    if (i % 17 !== 5) {
      for (let j = 0; j < cols; j++) {
        if (rng.next() < density) {
          indices.push(j);
          data.push(rng.next() + 0.1);
        }
      }
    }
    indptr[i + 1] = indices.length;
  }
  return { rows, cols, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) };
}

function randomDense(rows: number, cols: number, seed: number): Float64Array {
  const rng = new Random(seed);
  return Float64Array.from({ length: rows * cols }, () => rng.normal());
}

/** Copy a packed rows × cols array into a padded matrix in WebAssembly memory. */
function upload(K: LsaKernels, a: Float64Array, rows: number, cols: number): WasmDense {
  const d = K.dense(rows, cols, true);
  const v = K.view(d);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) v[i * d.ld + j] = a[i * cols + j];
  return d;
}

/** The first `cols` columns of a padded matrix, packed; asserts that the padding stayed zero. */
function download(K: LsaKernels, d: WasmDense, cols: number): Float64Array {
  const v = K.view(d);
  const out = new Float64Array(d.rows * cols);
  for (let i = 0; i < d.rows; i++) {
    for (let j = 0; j < cols; j++) out[i * cols + j] = v[i * d.ld + j];
    for (let j = cols; j < d.ld; j++) expect(v[i * d.ld + j]).toBe(0);
  }
  return out;
}

function expectClose(actual: Float64Array, expected: Float64Array, tol: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / (1 + Math.abs(expected[i])));
  expect(worst).toBeLessThan(tol);
}

describe('LSA kernels (assembly/linalg.ts)', () => {
  const X = randomCsr(300, 170, 0.05, 1);
  const k = 13;

  it('pads rows to a multiple of 8 columns', () => {
    expect([1, 8, 9, 110].map(paddedWidth)).toEqual([8, 8, 16, 112]);
  });

  it('X·B and Xᵀ·B match the TypeScript products, identically for 1 and 2 threads', () => {
    const B = randomDense(X.cols, k, 2);
    const C = randomDense(X.rows, k, 3);
    const run = (threads: number) =>
      withLsaKernels(threads, (K) => {
        const x = K.csr(X);
        const xt = K.csr(X, true);
        const out1 = K.dense(X.rows, k);
        const out2 = K.dense(X.cols, k);
        K.csrTimes(x, upload(K, B, X.cols, k), out1);
        K.csrTimes(xt, upload(K, C, X.rows, k), out2);
        return [download(K, out1, k), download(K, out2, k)];
      });
    const [xb, xtc] = run(1);
    expectClose(xb, sparseTimesDense(X, B, k), 1e-12);
    expectClose(xtc, sparseTransposeTimesDense(X, C, k), 1e-12);
    const [xb2, xtc2] = run(2);
    expect(Array.from(xb2)).toEqual(Array.from(xb));
    expect(Array.from(xtc2)).toEqual(Array.from(xtc));
  });

  it('Gram matrix AᵀA over several row blocks, identical for any thread count', () => {
    const rows = 1100; // > 256 rows: several partials, added in block order
    const A = randomDense(rows, k, 4);
    const run = (threads: number) =>
      withLsaKernels(threads, (K, alloc) => {
        const a = upload(K, A, rows, k);
        return K.gram(a, alloc(LsaKernels.gramScratchBytes(rows, a.ld)));
      });
    const g = run(1);
    const ld = paddedWidth(k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        let s = 0;
        for (let r = 0; r < rows; r++) s += A[r * k + i] * A[r * k + j];
        expect(g[i * ld + j]).toBeCloseTo(s, 9);
        expect(g[j * ld + i]).toBe(g[i * ld + j]);
      }
    }
    expect(Array.from(run(2))).toEqual(Array.from(g));
  });

  it('Gaussian fill draws the Random(seed).normal() stream row by row, padding zero', () => {
    const rows = 200;
    const cols = 13;
    const fill = (seed: number) =>
      withLsaKernels(1, (K) => {
        const a = K.dense(rows, cols);
        K.gaussian(a, cols, seed);
        return download(K, a, cols);
      });
    const got = fill(42);
    const rng = new Random(42);
    let worst = 0;
    for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - rng.normal()));
    expect(worst).toBeLessThan(1e-13);
    expect(Array.from(fill(42))).toEqual(Array.from(got));
    expect(fill(43)[0]).not.toBe(got[0]);
  });

  it('dense A·W matches the naive product', () => {
    const rows = 37; // odd: exercises the single-row tail
    const inner = 11;
    const cols = 9;
    const A = randomDense(rows, inner, 5);
    const W = randomDense(inner, cols, 6);
    const got = withLsaKernels(2, (K) => {
      const out = K.dense(rows, cols);
      K.denseTimes(upload(K, A, rows, inner), upload(K, W, inner, cols), inner, out);
      return download(K, out, cols);
    });
    const want = new Float64Array(rows * cols);
    for (let i = 0; i < rows; i++)
      for (let j = 0; j < cols; j++) for (let p = 0; p < inner; p++) want[i * cols + j] += A[i * inner + p] * W[p * cols + j];
    expectClose(got, want, 1e-13);
  });

  it('two CholeskyQR passes give orthonormal columns spanning the input (first column keeps its direction)', () => {
    const rows = 501;
    const A = randomDense(rows, k, 7);
    // An ill-conditioned input (condition ~1e5): column 1 nearly parallel to column 0.
    for (let r = 0; r < rows; r++) A[r * k + 1] = A[r * k] + 1e-5 * A[r * k + 1];
    const Q = withLsaKernels(2, (K, alloc) => {
      const a = upload(K, A, rows, k);
      const partials = alloc(LsaKernels.gramScratchBytes(rows, a.ld));
      const w = K.dense(a.ld, k);
      K.choleskyQrPass(a, k, partials, w);
      K.choleskyQrPass(a, k, partials, w);
      return download(K, a, k);
    });
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        let d = 0;
        for (let r = 0; r < rows; r++) d += Q[r * k + i] * Q[r * k + j];
        expect(Math.abs(d - (i === j ? 1 : 0))).toBeLessThan(1e-11);
      }
    }
    let cos = 0;
    let norm = 0;
    for (let r = 0; r < rows; r++) {
      cos += Q[r * k] * A[r * k];
      norm += A[r * k] ** 2;
    }
    expect(cos / Math.sqrt(norm)).toBeCloseTo(1, 10);
    // Column 1 of the input lies in span(q0, q1): its residual after projection is ~0.
    let res = 0;
    let c0 = 0;
    let c1 = 0;
    for (let r = 0; r < rows; r++) {
      c0 += Q[r * k] * A[r * k + 1];
      c1 += Q[r * k + 1] * A[r * k + 1];
    }
    for (let r = 0; r < rows; r++) res += (A[r * k + 1] - c0 * Q[r * k] - c1 * Q[r * k + 1]) ** 2;
    expect(Math.sqrt(res)).toBeLessThan(1e-9);
  });
});
