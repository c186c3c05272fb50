import { describe, expect, it } from 'vitest';
import { InputError, isNormalized, Random } from '../../src/core/index.js';
import { Lsa, type SparseMatrix } from '../../src/embed/index.js';
import { orthonormalizeColumns, symmetricEigen } from '../../src/embed/linalg.js';
import { sparseTimesDense, sparseToDense } from '../../src/embed/sparse.js';

/** Dense n × m = U diag(s) Vᵀ with random orthonormal U, V, stored as CSR. */
function knownSpectrum(n: number, m: number, s: number[], seed: number): { X: SparseMatrix; V: Float64Array } {
  const rng = new Random(seed);
  const k = s.length;
  const U = Float64Array.from({ length: n * k }, () => rng.normal());
  const V = Float64Array.from({ length: m * k }, () => rng.normal());
  orthonormalizeColumns(U, n, k);
  orthonormalizeColumns(V, m, k);
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let v = 0;
      for (let c = 0; c < k; c++) v += U[i * k + c] * s[c] * V[j * k + c];
      indices.push(j);
      data.push(v);
    }
    indptr[i + 1] = indices.length;
  }
  return { X: { rows: n, cols: m, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) }, V };
}

describe('symmetricEigen', () => {
  it('diagonalises a symmetric matrix: A v = λ v, eigenvalues descending', () => {
    const rng = new Random(1);
    const k = 6;
    const A = new Float64Array(k * k);
    for (let i = 0; i < k; i++) for (let j = i; j < k; j++) A[i * k + j] = A[j * k + i] = rng.normal();
    const { values, vectors } = symmetricEigen(A, k);
    for (let c = 0; c < k; c++) {
      if (c > 0) expect(values[c]).toBeLessThanOrEqual(values[c - 1]);
      for (let i = 0; i < k; i++) {
        let av = 0;
        for (let j = 0; j < k; j++) av += A[i * k + j] * vectors[j * k + c];
        expect(av).toBeCloseTo(values[c] * vectors[i * k + c], 9);
      }
    }
  });
});

describe('Lsa (randomized truncated SVD)', () => {
  const spectrum = [20, 10, 5, 2, 1, 0.5, 0.25];
  const { X, V } = knownSpectrum(60, 40, spectrum, 3);

  it('recovers the leading singular values and subspace', () => {
    const model = new Lsa({ components: 3, seed: 1 }).fit(X);
    expect(model.singularValues[0]).toBeCloseTo(20, 3);
    expect(model.singularValues[1]).toBeCloseTo(10, 3);
    expect(model.singularValues[2]).toBeCloseTo(5, 3);
    // Each component lies in the span of the true right singular vectors of the same value: |<v, v_true>| ≈ 1.
    for (let c = 0; c < 3; c++) {
      let d = 0;
      for (let j = 0; j < 40; j++) d += model.components[c * 40 + j] * V[j * spectrum.length + c];
      expect(Math.abs(d)).toBeCloseTo(1, 3);
    }
  });

  it('embeds rows at unit length and is reproducible with a seed', () => {
    const a = new Lsa({ components: 4, seed: 5 }).fit(X);
    const b = new Lsa({ components: 4, seed: 5 }).fit(X);
    const Y = a.transform(X);
    expect(Y.rows).toBe(60);
    expect(Y.cols).toBe(4);
    expect(isNormalized(Y)).toBe(true);
    expect(Array.from(Y.data)).toEqual(Array.from(b.transform(X).data));
  });

  it('rejects impossible component counts', () => {
    expect(() => new Lsa({ components: 41 }).fit(X)).toThrow(/components=41/);
    expect(() => new Lsa({ components: 0 }).fit(X)).toThrow(/'components'/);
    expect(() =>
      new Lsa().fit({ rows: 0, cols: 3, indptr: new Int32Array(1), indices: new Int32Array(0), data: new Float32Array(0) }),
    ).toThrow(InputError);
  });
});

/** Exact singular values (descending) and right singular vectors (columns, m × m) from eig(XᵀX). */
function exactSvd(X: SparseMatrix): { values: Float64Array; vectors: Float64Array } {
  const D = sparseToDense(X);
  const m = X.cols;
  const g = new Float64Array(m * m);
  for (let i = 0; i < X.rows; i++)
    for (let a = 0; a < m; a++) for (let b = 0; b < m; b++) g[a * m + b] += D.data[i * m + a] * D.data[i * m + b];
  const { values, vectors } = symmetricEigen(g, m);
  return { values: values.map((v) => Math.sqrt(Math.max(0, v))), vectors };
}

function randomSparse(rows: number, cols: number, seed: number): SparseMatrix {
  const rng = new Random(seed);
  const indptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const data: number[] = [];
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (rng.next() < 0.3) {
        indices.push(j);
        data.push(rng.next());
      }
    }
    indptr[i + 1] = indices.length;
  }
  return { rows, cols, indptr, indices: Int32Array.from(indices), data: Float32Array.from(data) };
}

describe('Lsa against an exact dense SVD', () => {
  // With components + oversamples ≥ min(n, m) the range finder spans everything,
  // so the result must equal the exact SVD to rounding; both orientations
  // (orthonormalising on the document side and on the term side).
  for (const [n, m] of [
    [45, 30],
    [30, 45],
  ]) {
    it(`${n} × ${m}: singular values to 1e-10, components equal up to sign`, () => {
      const X = randomSparse(n, m, n + m);
      const exact = exactSvd(X);
      const k = 12;
      const model = new Lsa({ components: k, oversamples: 30, seed: 2 }).fit(X);
      for (let c = 0; c < k; c++) {
        expect(Math.abs(model.singularValues[c] - exact.values[c]) / exact.values[0]).toBeLessThan(1e-10);
        let d = 0;
        for (let j = 0; j < m; j++) d += model.components[c * m + j] * exact.vectors[j * m + c];
        expect(Math.abs(d)).toBeGreaterThan(1 - 1e-9);
      }
    });
  }

  it('default oversampling: leading singular values within 1e-6 relative on a decaying spectrum', () => {
    const s = Array.from({ length: 30 }, (_, i) => 10 * 0.8 ** i);
    const { X } = knownSpectrum(80, 60, s, 9);
    const exact = exactSvd(X);
    const model = new Lsa({ components: 5, seed: 4 }).fit(X);
    for (let c = 0; c < 5; c++) expect(Math.abs(model.singularValues[c] - exact.values[c]) / exact.values[c]).toBeLessThan(1e-6);
  });

  for (const [n, m] of [
    [80, 60],
    [60, 80],
  ]) {
    it(`${n} × ${m}, steep spectrum (σ₅/σ₁ = 6e-6): small singular values are not lost to one-sided normalisation`, () => {
      const s = Array.from({ length: 12 }, (_, i) => 10 * 0.05 ** i);
      const { X } = knownSpectrum(n, m, s, 3);
      const exact = exactSvd(X);
      const model = new Lsa({ components: 5, seed: 1 }).fit(X);
      for (let c = 0; c < 5; c++) expect(Math.abs(model.singularValues[c] - exact.values[c]) / exact.values[c]).toBeLessThan(1e-6);
    });
  }

  it('rank-deficient input: numerically zero singular values give zero components, not noise', () => {
    // Rank 1: every row is a multiple of the same vector.
    const rows = [1, 2, 3, 1, 1];
    const X: SparseMatrix = {
      rows: 5,
      cols: 7,
      indptr: Int32Array.from([0, 2, 4, 6, 8, 10]),
      indices: Int32Array.from([0, 4, 0, 4, 0, 4, 0, 4, 0, 4]),
      data: Float32Array.from(rows.flatMap((r) => [r, 2 * r])),
    };
    const model = new Lsa({ components: 3, seed: 1 }).fit(X);
    expect(model.singularValues[0]).toBeCloseTo(Math.sqrt(5 * 16), 10);
    expect(Array.from(model.singularValues.subarray(1))).toEqual([0, 0]);
    expect(model.components.subarray(7).every((v) => v === 0)).toBe(true);
    const Y = model.transform(X);
    for (let i = 0; i < 5; i++) expect(Array.from(Y.data.subarray(i * 3, i * 3 + 3))).toEqual([1, 0, 0]);
  });

  it('does not depend on the thread count, and transform is X·Vᵀ', () => {
    const X = randomSparse(70, 50, 11);
    const a = new Lsa({ components: 6, seed: 3, threads: 1 }).fit(X);
    const b = new Lsa({ components: 6, seed: 3, threads: 2 }).fit(X);
    expect(Array.from(b.components)).toEqual(Array.from(a.components));
    expect(Array.from(b.singularValues)).toEqual(Array.from(a.singularValues));
    const vt = new Float64Array(50 * 6);
    for (let c = 0; c < 6; c++) for (let j = 0; j < 50; j++) vt[j * 6 + c] = a.components[c * 50 + j];
    const want = sparseTimesDense(X, vt, 6);
    const got = a.transform(X, { normalize: false });
    for (let i = 0; i < want.length; i++) expect(got.data[i]).toBeCloseTo(want[i], 5);
  });
});

describe('orthonormalizeColumns', () => {
  it('returns orthonormal columns spanning the input', () => {
    const rng = new Random(4);
    const n = 50;
    const k = 6;
    const a = Float64Array.from({ length: n * k }, () => rng.normal());
    const original = a.slice();
    orthonormalizeColumns(a, n, k);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        let d = 0;
        for (let r = 0; r < n; r++) d += a[r * k + i] * a[r * k + j];
        expect(d).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
    // The first column keeps its direction (triangular factor).
    let cos = 0;
    let norm = 0;
    for (let r = 0; r < n; r++) {
      cos += a[r * k] * original[r * k];
      norm += original[r * k] ** 2;
    }
    expect(cos / Math.sqrt(norm)).toBeCloseTo(1, 10);
  });
});
