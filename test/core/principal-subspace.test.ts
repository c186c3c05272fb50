import { describe, expect, it } from 'vitest';
import { createMatrix, Random, type Matrix } from '../../src/core/index.js';
import { orthonormalityError, prefixBasis } from '../../src/core/principal-subspace.js';

/** n rows near a `rank`-dimensional subspace of R^d, plus a little isotropic noise. */
function nearSubspace(n: number, d: number, rank: number, noise: number, seed: number): Matrix {
  const rng = new Random(seed);
  const directions = Array.from({ length: rank }, () => Float64Array.from({ length: d }, () => rng.normal()));
  const X = createMatrix(n, d);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < rank; r++) {
      const w = rng.normal();
      for (let t = 0; t < d; t++) X.data[i * d + t] += w * directions[r][t];
    }
    for (let t = 0; t < d; t++) X.data[i * d + t] += noise * rng.normal();
  }
  return X;
}

describe('prefixBasis', () => {
  it('finds a low-rank structure with the narrowest prefix, orthonormal rows', () => {
    const X = nearSubspace(2000, 128, 8, 0.05, 1);
    const b = prefixBasis(X, 128);
    expect(b.dims).toBe(16);
    expect(b.energy).toBeGreaterThan(0.95);
    expect(orthonormalityError(b)).toBeLessThan(1e-12);
  });

  it('widens the prefix when the energy is spread out, up to 64', () => {
    const spread = prefixBasis(nearSubspace(2000, 128, 40, 0.1, 2), 128);
    expect(spread.dims).toBeGreaterThanOrEqual(32);
    const isotropic = prefixBasis(nearSubspace(2000, 128, 0, 1, 3), 128);
    expect(isotropic.dims).toBe(64);
    expect(isotropic.energy).toBeLessThan(0.85);
    expect(orthonormalityError(isotropic)).toBeLessThan(1e-12);
  });

  it('is the same on every run, pads columns to the stride, and honours a forced width', () => {
    const X = nearSubspace(500, 30, 5, 0.1, 4);
    const a = prefixBasis(X, 32);
    const b = prefixBasis(X, 32);
    expect(Array.from(a.basis)).toEqual(Array.from(b.basis));
    for (let r = 0; r < a.dims; r++) expect([a.basis[r * 32 + 30], a.basis[r * 32 + 31]]).toEqual([0, 0]);
    expect(prefixBasis(X, 32, { dims: 48 }).dims).toBe(48);
  });

  it('handles fewer dimensions than the prefix and rank-deficient rows (zero rows stay zero)', () => {
    const X = nearSubspace(50, 3, 1, 0, 5);
    const b = prefixBasis(X, 4);
    expect(b.dims).toBe(16);
    expect(orthonormalityError(b)).toBeLessThan(1e-12);
    let nonzero = 0;
    for (let r = 0; r < b.dims; r++) if (b.basis.subarray(r * 4, r * 4 + 4).some((v) => v !== 0)) nonzero++;
    expect(nonzero).toBe(1);
  });
});
