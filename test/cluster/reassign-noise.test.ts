import { describe, expect, it } from 'vitest';
import { HDBSCAN } from '../../src/cluster/index.js';
import { assignToFullClusters, NoiseAssigner, predictAssigned, reassignNoise } from '../../src/cluster/reassign-noise.js';
import { createMatrix, fromArrays } from '../../src/core/index.js';
import { sphericalBlobs } from './synthetic.js';

describe('NoiseAssigner', () => {
  // Two clusters on the x and y axes; their centroids are exactly (1, 0) and (0, 1).
  const X = fromArrays([
    [1, 0.1],
    [1, -0.1],
    [0.1, 1],
    [-0.1, 1],
    [1, 0.2], // noise, cos to (1,0) = 0.981
    [1, 1], // noise, cos 0.707 to both: tie → the lower centroid
    [-1, 0], // noise, cos −1 / 0 → stays noise at threshold 0.5
  ]);
  const labels = Int32Array.from([0, 0, 1, 1, -1, -1, -1]);

  it('moves noise to the nearest centroid at or above the threshold, with known answers', () => {
    const r = reassignNoise({ labels }, X, { threshold: 0.5 });
    expect(Array.from(r.labels)).toEqual([0, 0, 1, 1, 0, 0, -1]);
    expect(r.moved).toBe(2);
    expect(r.remainingNoise).toBe(1);
    expect(r.similarity[4]).toBeCloseTo(1 / Math.sqrt(1.04), 6);
    expect(r.similarity[5]).toBeCloseTo(Math.SQRT1_2, 6);
    expect(r.similarity[6]).toBe(0);
    const strict = reassignNoise({ labels }, X, { threshold: 0.75 });
    expect(Array.from(strict.labels)).toEqual([0, 0, 1, 1, 0, -1, -1]);
  });

  it('assigns new rows exactly as it assigned the training rows', () => {
    const r = reassignNoise({ labels }, X, { threshold: 0.5 });
    const again = r.assigner.assign(X, labels);
    expect(Array.from(again.labels)).toEqual(Array.from(r.labels));
    const fresh = r.assigner.assign(
      fromArrays([
        [0.2, 1],
        [0, -1],
      ]),
    );
    expect(Array.from(fresh.labels)).toEqual([1, -1]);
  });

  it('names the problem', () => {
    expect(() => NoiseAssigner.fit(X, labels, 1.5)).toThrow(/threshold/);
    expect(() => NoiseAssigner.fit(X, labels.subarray(0, 3), 0.5)).toThrow(/3 labels for 7 rows/);
    const a = NoiseAssigner.fit(X, labels, 0.5);
    expect(() => a.assign(createMatrix(1, 3, new Float32Array([1, 0, 0])))).toThrow(/3 columns/);
  });
});

describe('predictAssigned', () => {
  it('reproduces the labels after assignment on the training rows (HDBSCAN)', () => {
    const { X } = sphericalBlobs(600, 16, 4, { spread: 0.6, noise: 0.1, seed: 21 });
    const h = new HDBSCAN({ minClusterSize: 20, minSamples: 5 }).fit(X);
    const noise = h.labels.filter((l) => l < 0).length;
    expect(noise).toBeGreaterThan(10); // there is noise to assign
    const r = reassignNoise(h, X, { threshold: 0.3 });
    expect(r.moved).toBeGreaterThan(0);
    expect(Array.from(predictAssigned(h, r.assigner, X))).toEqual(Array.from(r.labels));
  });

  it('works with any model that has predict', () => {
    const X = fromArrays([
      [1, 0],
      [0, 1],
    ]);
    const assigner = NoiseAssigner.fit(X, Int32Array.from([0, 1]), 0.9);
    const model = { predict: () => Int32Array.from([-1, 1]) };
    expect(Array.from(predictAssigned(model, assigner, X))).toEqual([0, 1]);
  });
});

describe('assignToFullClusters', () => {
  it('builds centroids from full postings only and assigns title-only rows to them', () => {
    const X = fromArrays([
      [1, 0], // full, cluster 0
      [0.9, 0.1], // full, cluster 0
      [0, 1], // full, cluster 1
      [0.1, 0.9], // full, cluster 1
      [0.95, 0.05], // title-only → 0
      [0.05, 0.95], // title-only → 1
      [-1, -1], // title-only, far from both → −1
      [0.75, 0.65], // title-only: cos 0.79 to cluster 0's centroid, 0.70 to cluster 1's → 0
    ]);
    const labels = Int32Array.from([0, 0, 1, 1, 2, 2, 2, 2]);
    const titleOnly = [false, false, false, false, true, true, true, true];
    // Title-only rows carry a (bogus) cluster 2 of their own; it must not count.
    const r = assignToFullClusters(X, labels, titleOnly, { threshold: 0.75 });
    expect(Array.from(r.labels)).toEqual([0, 0, 1, 1, 0, 1, -1, 0]);
    expect(r.assigned).toBe(3);
    expect(r.unassigned).toBe(1);
    // Cluster 2 consists of title-only rows only: nobody is assigned to it.
    expect(Array.from(r.labels)).not.toContain(2);
    expect(() => assignToFullClusters(X, labels, titleOnly.slice(1))).toThrow(/titleOnly has 7 flags for 8 rows/);
  });
});
