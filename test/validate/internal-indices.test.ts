import { describe, expect, it } from 'vitest';
import { InputError, fromArrays } from '../../src/core/index.js';
import { calinskiHarabasz, daviesBouldin } from '../../src/validate/index.js';

// 1-D points, so every distance can be checked by hand.
const X = fromArrays([[0], [2], [10], [12], [14], [30], [34], [50]]);

describe('Davies–Bouldin', () => {
  it('matches a hand computation (two clusters)', () => {
    // A = {0, 2}: centroid 1, S = 1. B = {10, 12, 14}: centroid 12, S = 4/3. M = 11.
    const labels = Int32Array.from([0, 0, 1, 1, 1, -1, -1, -1]);
    expect(daviesBouldin(X, labels)).toBeCloseTo(7 / 33, 12);
  });

  it('takes the worst partner per cluster (three clusters)', () => {
    // C = {30, 34}: centroid 32, S = 2. R_AB = 7/33, R_AC = 3/31, R_BC = (10/3)/20.
    const labels = Int32Array.from([0, 0, 1, 1, 1, 2, 2, -1]);
    expect(daviesBouldin(X, labels)).toBeCloseTo((7 / 33 + 7 / 33 + 1 / 6) / 3, 12);
  });

  it('treats noise as a cluster on request', () => {
    const labels = Int32Array.from([0, 0, 1, 1, 1, -1, -1, 5]);
    const asCluster = daviesBouldin(X, labels, { noise: 'cluster' });
    // Noise {30, 34} = C above; {50} is a singleton with S = 0.
    expect(asCluster).not.toBeCloseTo(daviesBouldin(X, labels), 3);
  });

  it('is 0 when every cluster is a single repeated point', () => {
    const P = fromArrays([[1], [1], [5], [5]]);
    expect(daviesBouldin(P, Int32Array.from([0, 0, 1, 1]))).toBe(0);
  });
});

describe('Calinski–Harabasz', () => {
  it('matches a hand computation', () => {
    // mean 7.6; B = 2·6.6² + 3·4.4² = 145.2; W = 2 + 8 = 10; CH = 145.2·3 / 10.
    const labels = Int32Array.from([0, 0, 1, 1, 1, -1, -1, -1]);
    expect(calinskiHarabasz(X, labels)).toBeCloseTo(43.56, 10);
  });

  it('is 1 when clusters have no spread (scikit-learn convention)', () => {
    const P = fromArrays([[1], [1], [5], [5]]);
    expect(calinskiHarabasz(P, Int32Array.from([0, 0, 1, 1]))).toBe(1);
  });

  it('needs 2 ≤ k ≤ n − 1 clusters', () => {
    expect(() => calinskiHarabasz(X, new Int32Array(8))).toThrow(InputError);
    expect(() => daviesBouldin(X, Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7]))).toThrow(/between 2 and n − 1/);
  });
});
