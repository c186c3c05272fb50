import { describe, expect, it } from 'vitest';
import { selectK, defaultKMax } from '../../src/cluster/select-k.js';
import { createMatrix } from '../../src/core/index.js';
import { sphericalBlobs } from './synthetic.js';

describe('selectK', () => {
  // Separated blobs: the silhouette peaks at their number, so the choice must land near it.
  for (const k of [4, 9, 20]) {
    it(`finds k within a factor of 2 on ${k} known blobs`, () => {
      const { X } = sphericalBlobs(1200, 24, k, { spread: 0.5, seed: 100 + k });
      const s = selectK(X, { seed: 3, kMax: 40 });
      expect(s.k).toBeGreaterThanOrEqual(k / 2);
      expect(s.k).toBeLessThanOrEqual(k * 2);
      expect(s.criterion).toBe('silhouette');
      // The curve is ascending in k, holds the chosen k, and the best score is at bestK.
      const ks = s.curve.map((c) => c.k);
      expect(ks).toEqual([...ks].sort((a, b) => a - b));
      expect(ks).toContain(s.k);
      const top = Math.max(...s.curve.map((c) => c.score));
      expect(s.curve.find((c) => c.k === s.bestK)!.score).toBe(top);
      expect(s.k).toBeLessThanOrEqual(s.bestK);
    });
  }

  it('picks exactly k on tight blobs, and tolerance 0 picks the best score', () => {
    const { X } = sphericalBlobs(900, 16, 6, { spread: 0.15, seed: 8 });
    const s = selectK(X, { seed: 1, kMax: 20, tolerance: 0 });
    expect(s.k).toBe(6);
    expect(s.bestK).toBe(6);
  });

  it('is reproducible for a seed and independent of threads', () => {
    const { X } = sphericalBlobs(3000, 16, 7, { spread: 0.4, seed: 9 });
    const a = selectK(X, { seed: 5, sampleSize: 800, threads: 1 });
    const b = selectK(X, { seed: 5, sampleSize: 800, threads: 2 });
    expect(b.k).toBe(a.k);
    expect(b.curve).toEqual(a.curve);
    expect(a.sampleSize).toBe(800);
  });

  it('scans a geometric grid then refines around the chosen point', () => {
    const { X } = sphericalBlobs(600, 16, 5, { spread: 0.3, seed: 2 });
    const s = selectK(X, { seed: 1, kMin: 2, kMax: 24, gridSize: 4 });
    // Coarse grid 2, 5, 10, 24 (ratio ≈ 2.3); every coarse point is on the curve, and the
    // refinement fills the integers between the neighbours of the chosen point (5).
    const ks = s.curve.map((c) => c.k);
    for (const k of [2, 5, 10, 24]) expect(ks).toContain(k);
    expect(s.k).toBe(5);
    for (const k of [3, 6]) expect(ks).toContain(k); // geometric 2…10 in 4 points: 2, 3, 6, 10
  });

  it('names the bad parameter', () => {
    const X = createMatrix(
      10,
      2,
      Float32Array.from({ length: 20 }, (_, i) => (i % 3) + 1),
    );
    expect(() => selectK(X, { kMin: 1 })).toThrow(/kMin/);
    expect(() => selectK(X, { kMin: 5, kMax: 3 })).toThrow(/kMax/);
    expect(() => selectK(X, { criterion: 'gap' as never })).toThrow(/criterion/);
    expect(() => selectK(X, { tolerance: -0.1 })).toThrow(/tolerance/);
    expect(() => selectK(createMatrix(2, 2, new Float32Array([1, 0, 0, 1])))).toThrow(/at least 3 rows/);
  });

  it('defaultKMax is √n, bounded by 100 and by n − 1', () => {
    expect(defaultKMax(900)).toBe(30);
    expect(defaultKMax(1_000_000)).toBe(100);
    expect(defaultKMax(5)).toBe(3);
  });
});
