import { describe, expect, it } from 'vitest';
import { dbscanEps, densityDefaults, fitTextDensity, kmeansDefaults, reduceDimensions } from '../../src/cluster/text-defaults.js';
import { createMatrix, fromArrays, selectRows } from '../../src/core/index.js';
import { sphericalBlobs } from './synthetic.js';

describe('densityDefaults', () => {
  it('scales minClusterSize with n (n / 1000, at least 10, at most n)', () => {
    expect(densityDefaults(1000, 100).hdbscan.minClusterSize).toBe(10);
    expect(densityDefaults(31_555, 100).hdbscan.minClusterSize).toBe(32);
    expect(densityDefaults(5, 100).hdbscan.minClusterSize).toBe(5);
    const d = densityDefaults(20_000, 100);
    expect(d.hdbscan).toEqual({ minClusterSize: 20, minSamples: 5, clusterSelectionMethod: 'eom' });
    expect(d.assignThreshold).toBeGreaterThan(0);
    expect(() => densityDefaults(0, 10)).toThrow(/'n'/);
  });
});

describe('kmeansDefaults', () => {
  it('restarts 10 times up to 2,000 rows, then round(20,000 / n), at least 4', () => {
    const schedule = [1, 100, 2000, 2001, 2500, 3000, 4000, 4444, 5000, 8000, 10_000, 36_171].map((n) => [n, kmeansDefaults(n).nInit]);
    expect(schedule).toEqual([
      [1, 10],
      [100, 10],
      [2000, 10],
      [2001, 10],
      [2500, 8],
      [3000, 7],
      [4000, 5],
      [4444, 5],
      [5000, 4],
      [8000, 4],
      [10_000, 4],
      [36_171, 4],
    ]);
    expect(() => kmeansDefaults(0)).toThrow(/'n'/);
  });
});

describe('dbscanEps', () => {
  it('is the quantile of the distances to the (minSamples − 1)-th nearest other row', () => {
    // Points on the unit circle at angles 0, 1, 3, 6, 10 degrees: the nearest-other distances are known.
    const angles = [0, 1, 3, 6, 10].map((a) => (a * Math.PI) / 180);
    const X = fromArrays(angles.map((a) => [Math.cos(a), Math.sin(a)]));
    const nearest = [1, 1, 2, 3, 4].map((deg) => 1 - Math.cos((deg * Math.PI) / 180)).sort((a, b) => a - b);
    expect(dbscanEps(X, 2, 0)).toBeCloseTo(nearest[0], 6);
    expect(dbscanEps(X, 2, 0.5)).toBeCloseTo(nearest[2], 6);
    expect(dbscanEps(X, 2, 1)).toBeCloseTo(nearest[4], 6);
    expect(() => dbscanEps(X, 2, 1.5)).toThrow(/quantile/);
  });

  it('never returns 0 on duplicate-heavy data', () => {
    const X = fromArrays([
      [1, 0],
      [1, 0],
      [1, 0],
      [0, 1],
    ]);
    expect(dbscanEps(X, 2, 0.25)).toBeGreaterThan(0);
  });
});

describe('fitTextDensity', () => {
  const { X, truth } = sphericalBlobs(900, 24, 5, { spread: 0.7, noise: 0.08, seed: 31 });

  for (const algorithm of ['hdbscan', 'dbscan'] as const) {
    it(`${algorithm}: assignment moves noise, and predict on the training rows returns the final labels`, () => {
      const fit = fitTextDensity(algorithm, X, { seed: 1, assignThreshold: 0.4 });
      expect(fit.noiseBefore).toBeGreaterThan(fit.noise);
      expect(fit.assigned).toBe(fit.noiseBefore - fit.noise);
      for (let i = 0; i < X.rows; i++) {
        if (fit.labelsBeforeAssignment[i] >= 0) expect(fit.labels[i]).toBe(fit.labelsBeforeAssignment[i]);
      }
      if (algorithm === 'hdbscan') expect(Array.from(fit.predict(X))).toEqual(Array.from(fit.labels));
      // Blob rows that were assigned mostly join the cluster of their own blob.
      const major = new Map<number, Map<number, number>>();
      fit.labelsBeforeAssignment.forEach((l, i) => {
        if (l < 0 || truth[i] < 0) return;
        const m = major.get(l) ?? new Map<number, number>();
        m.set(truth[i], (m.get(truth[i]) ?? 0) + 1);
        major.set(l, m);
      });
      const blobOf = (l: number): number => [...major.get(l)!].sort((a, b) => b[1] - a[1])[0][0];
      let moved = 0,
        right = 0;
      for (let i = 0; i < X.rows; i++) {
        if (fit.labelsBeforeAssignment[i] < 0 && fit.labels[i] >= 0 && truth[i] >= 0) {
          moved++;
          if (blobOf(fit.labels[i]) === truth[i]) right++;
        }
      }
      if (moved > 0) expect(right / moved).toBeGreaterThan(0.9);
    });
  }

  it('clusters only full rows; title-only rows are assigned, and predict agrees for them too', () => {
    // Every 4th row is "title-only": a noisier copy would be typical, here the row itself suffices.
    const titleOnly = Uint8Array.from({ length: X.rows }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const fit = fitTextDensity('hdbscan', X, { seed: 1, titleOnly, assignThreshold: 0.4 });
    for (let i = 0; i < X.rows; i += 4) expect(fit.labelsBeforeAssignment[i]).toBe(-1);
    expect(fit.titleOnly.rows).toBe(225);
    expect(fit.titleOnly.assigned).toBeGreaterThan(150);
    expect(Array.from(fit.predict(X, titleOnly))).toEqual(Array.from(fit.labels));
    // Fitting on the full rows alone gives the same clusters for them.
    const full = Array.from({ length: X.rows }, (_, i) => i).filter((i) => i % 4 !== 0);
    const alone = fitTextDensity('hdbscan', selectRows(X, full), { seed: 1, assignThreshold: 0.4 });
    expect(Array.from(full, (i) => fit.labelsBeforeAssignment[i])).toEqual(Array.from(alone.labelsBeforeAssignment));
    expect(() => fitTextDensity('hdbscan', X, { titleOnly: titleOnly.subarray(1) })).toThrow(/titleOnly/);
  });

  it('in a reduced space, predict projects new rows the same way', () => {
    const fit = fitTextDensity('hdbscan', X, { seed: 2, reduceTo: 8, assignThreshold: 0.6 });
    expect(fit.reduction?.vectors.cols).toBe(8);
    expect(Array.from(fit.predict(X))).toEqual(Array.from(fit.labels));
    expect(fit.params.reduceTo).toBe(8);
  });

  it('rejects bad input by name', () => {
    expect(() => fitTextDensity('kmeans' as never, X)).toThrow(/algorithm/);
    expect(() => fitTextDensity('hdbscan', X, { assignThreshold: 2 })).toThrow(/assignThreshold/);
    expect(() => fitTextDensity('hdbscan', X).predict(createMatrix(1, 3, new Float32Array([1, 0, 0])))).toThrow(/3 columns/);
  });
});

describe('reduceDimensions', () => {
  it('reduces to dims columns, and transform of the fitted rows gives the same rows', () => {
    const { X } = sphericalBlobs(300, 16, 3, { spread: 0.3, seed: 4 });
    const r = reduceDimensions(X, 3, { seed: 1 });
    expect(r.vectors.rows).toBe(300);
    expect(r.vectors.cols).toBe(3);
    const again = r.transform(X);
    for (let i = 0; i < again.data.length; i++) expect(again.data[i]).toBeCloseTo(r.vectors.data[i], 5);
    expect(() => reduceDimensions(X, 0)).toThrow(/dims/);
  });
});
