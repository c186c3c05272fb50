/** Behaviour of the estimators beyond the reference fixtures: parameters, duplicates, prediction, noise reassignment. */
import { describe, expect, it } from 'vitest';
import { DBSCAN, HDBSCAN, KMeans, reassignNoise } from '../../src/cluster/index.js';
import { createMatrix, InputError, ParameterError, selectRows, type Matrix } from '../../src/core/index.js';
import { existsSync, readFileSync } from 'node:fs';
import { adjustedRandIndex } from './helpers.js';
import { sphericalBlobs } from './synthetic.js';

describe('parameter and input validation', () => {
  it('names the bad parameter', () => {
    expect(() => new HDBSCAN({ minClusterSize: 1 })).toThrow(ParameterError);
    expect(() => new HDBSCAN({ minClusterSize: 1 })).toThrow(/minClusterSize/);
    expect(() => new HDBSCAN({ clusterSelectionMethod: 'best' as 'eom' })).toThrow(/clusterSelectionMethod/);
    expect(() => new HDBSCAN({ clusterSelectionEpsilon: -0.1 })).toThrow(/clusterSelectionEpsilon/);
    expect(() => new DBSCAN({ eps: 0 })).toThrow(/eps/);
    expect(() => new DBSCAN({ minSamples: 2.5 })).toThrow(/minSamples/);
    expect(() => new KMeans({ k: 0 })).toThrow(/'k'/);
    expect(() => new KMeans({ tol: Number.NaN })).toThrow(/tol/);
    expect(() => new KMeans({ algorithm: 'elkan' as 'lloyd' })).toThrow(/algorithm/);
  });

  it('rejects NaN rows, zero rows and too few rows', () => {
    const { X } = sphericalBlobs(40, 8, 2, { seed: 3 });
    const bad = createMatrix(X.rows, X.cols, X.data.slice());
    bad.data[5 * 8 + 2] = Number.NaN;
    expect(() => new HDBSCAN().fit(bad)).toThrow(/row 5/);
    const zero = createMatrix(X.rows, X.cols, X.data.slice());
    zero.data.fill(0, 7 * 8, 8 * 8);
    expect(() => new DBSCAN().fit(zero)).toThrow(/row 7 is a zero vector/);
    expect(() => new HDBSCAN({ minClusterSize: 50 }).fit(X)).toThrow(InputError);
    expect(() => new KMeans({ k: 41 }).fit(X)).toThrow(/at least 41 rows/);
  });
});

describe('HDBSCAN', () => {
  const { X, truth } = sphericalBlobs(300, 16, 3, { spread: 0.25, noise: 0.05, seed: 7 });

  it('recovers well-separated blobs', () => {
    const result = new HDBSCAN({ minClusterSize: 15, minSamples: 5 }).fit(X);
    expect(result.nClusters).toBe(3);
    const clustered = Array.from(truth.keys()).filter((i) => truth[i] >= 0 && result.labels[i] >= 0);
    expect(
      adjustedRandIndex(
        clustered.map((i) => result.labels[i]),
        clustered.map((i) => truth[i]),
      ),
    ).toBe(1);
    expect(result.clusterPersistence.length).toBe(3);
  });

  it('keeps every output finite with many exact duplicates', () => {
    // 40 copies of each of 6 rows plus the blobs: distance-0 merges everywhere.
    const dup = createMatrix(X.rows + 240, X.cols);
    dup.data.set(X.data);
    for (let c = 0; c < 240; c++) dup.data.set(X.data.subarray((c % 6) * 16, (c % 6) * 16 + 16), (X.rows + c) * 16);
    const result = new HDBSCAN({ minClusterSize: 15, minSamples: 5 }).fit(dup);
    for (const values of [
      result.probabilities,
      result.outlierScores,
      result.clusterPersistence,
      result.condensedTree.lambda,
      result.coreDistances,
    ]) {
      expect(values.every(Number.isFinite)).toBe(true);
    }
    expect(result.outlierScores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(result.probabilities.every((s) => s >= 0 && s <= 1)).toBe(true);
    // Copies of one row always share a label.
    for (let c = 0; c < 240; c++) expect(result.labels[X.rows + c]).toBe(result.labels[c % 6]);
  });

  it('approximatePredict gives training rows their own cluster and keeps labels in range', () => {
    const result = new HDBSCAN({ minClusterSize: 15, minSamples: 5 }).fit(X);
    const clusteredRows = Array.from(result.labels.keys())
      .filter((i) => result.labels[i] >= 0 && result.probabilities[i] === 1)
      .slice(0, 30);
    const predicted = result.approximatePredict(selectRows(X, clusteredRows));
    expect(Array.from(predicted.labels)).toEqual(clusteredRows.map((i) => result.labels[i]));
    const fresh = sphericalBlobs(60, 16, 3, { spread: 0.25, seed: 7 }); // same centres, new rows
    const p = fresh.X;
    const out = result.approximatePredict(p);
    expect(out.labels.every((l) => l >= -1 && l < result.nClusters)).toBe(true);
    expect(out.probabilities.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(() => result.approximatePredict(createMatrix(2, 5))).toThrow(InputError);
  });
});

describe('KMeans', () => {
  const { X, truth } = sphericalBlobs(400, 16, 4, { spread: 0.3, seed: 11 });

  it('finds the blobs, with unit centroids and inertia = Σ cosine distances', () => {
    const result = new KMeans({ k: 4, nInit: 3, seed: 5 }).fit(X);
    expect(adjustedRandIndex(result.labels, truth)).toBe(1);
    for (let c = 0; c < 4; c++) {
      let sq = 0;
      for (let t = 0; t < 16; t++) sq += result.centroids.data[c * 16 + t] ** 2;
      expect(Math.sqrt(sq)).toBeCloseTo(1, 5);
    }
    let inertia = 0;
    for (let i = 0; i < X.rows; i++) {
      let dot = 0;
      for (let t = 0; t < 16; t++) dot += X.data[i * 16 + t] * result.centroids.data[result.labels[i] * 16 + t];
      inertia += 1 - dot;
    }
    expect(result.inertia).toBeCloseTo(inertia, 3);
    expect(Array.from(result.predict(X))).toEqual(Array.from(result.labels));
  });

  it('is reproducible from its seed, and the mini-batch mode agrees on easy data', () => {
    const a = new KMeans({ k: 4, seed: 9 }).fit(X);
    const b = new KMeans({ k: 4, seed: 9 }).fit(X);
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    const mini = new KMeans({ k: 4, seed: 9, batchSize: 64, maxIter: 50 }).fit(X);
    expect(adjustedRandIndex(mini.labels, truth)).toBeGreaterThan(0.95);
  });
});

function twelveDistinct(): Matrix {
  const base = sphericalBlobs(12, 8, 3, { spread: 1, seed: 4 }).X;
  return selectRows(
    base,
    Int32Array.from({ length: 240 }, (_, i) => (i * 7) % 12),
  );
}

describe("KMeans: Hamerly's bounds change nothing", () => {
  const realFile = new URL('../fixtures/jd-real-3k.f32', import.meta.url);
  const cases: Array<[string, Matrix, number]> = [
    ['blobs, k = 7', sphericalBlobs(600, 16, 5, { spread: 0.5, seed: 3 }).X, 7],
    // 12 distinct rows repeated: clusters empty out and are re-seeded.
    ['12 distinct rows, k = 10', twelveDistinct(), 10],
    // More clusters than distinct rows: some are empty after every step.
    ['12 distinct rows, k = 14', twelveDistinct(), 14],
    ['blobs with outliers, k = 12', sphericalBlobs(300, 6, 3, { spread: 0.2, noise: 0.1, seed: 8 }).X, 12],
  ];
  if (existsSync(realFile)) {
    const bytes = readFileSync(realFile);
    const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    cases.push(['real sentence vectors (3k, duplicates), k = 20', createMatrix(data.length / 128, 128, data), 20]);
  }
  for (const [name, X, k] of cases) {
    it(`labels, centroids, iterations and inertia equal plain Lloyd's: ${name}`, () => {
      for (const [maxIter, tol] of [
        [2, 0],
        [300, 0],
        [300, 1e-4],
      ]) {
        const want = new KMeans({ k, seed: 17, tol, maxIter, algorithm: 'lloyd', threads: 1 }).fit(X);
        const got = new KMeans({ k, seed: 17, tol, maxIter, threads: 2 }).fit(X);
        expect(Array.from(got.labels)).toEqual(Array.from(want.labels));
        expect(Array.from(got.centroids.data)).toEqual(Array.from(want.centroids.data));
        expect(got.nIter).toBe(want.nIter);
        expect(got.inertia).toBe(want.inertia);
      }
    });
  }
});

describe('reassignNoise', () => {
  it('moves noise rows to a similar enough centroid and counts them', () => {
    const { X } = sphericalBlobs(200, 16, 2, { spread: 0.2, seed: 13 });
    const labels = Int32Array.from({ length: 200 }, (_, i) => i % 2);
    for (let i = 0; i < 200; i += 10) labels[i] = -1; // 20 rows of blob 0 marked noise
    const strict = reassignNoise({ labels }, X, { threshold: 0.999 });
    expect(strict.moved).toBe(0);
    const loose = reassignNoise({ labels }, X, { threshold: 0.5 });
    expect(loose.moved).toBe(20);
    expect(loose.remainingNoise).toBe(0);
    for (let i = 0; i < 200; i += 10) expect(loose.labels[i]).toBe(0);
    expect(labels[0]).toBe(-1); // the input is not modified
    expect(() => reassignNoise({ labels }, X, { threshold: 2 })).toThrow(/threshold/);
  });
});

describe('reassignNoise edge cases', () => {
  it('ignores labels without members and leaves all-noise input alone', () => {
    const { X } = sphericalBlobs(60, 8, 2, { spread: 0.2, seed: 17 });
    const labels = Int32Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? 2 : -1)); // labels 0 and 1 unused
    const r = reassignNoise({ labels, nClusters: 3 }, X, { threshold: -1 });
    expect(r.moved).toBe(30);
    expect(Array.from(r.labels).every((l) => l === 2)).toBe(true);
    const none = reassignNoise({ labels: new Int32Array(60).fill(-1) }, X, { threshold: 0 });
    expect(none.moved).toBe(0);
    expect(none.remainingNoise).toBe(60);
  });
});
