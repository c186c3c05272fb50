import { describe, expect, it } from 'vitest';
import { InputError, ParameterError, fromArrays } from '../../src/core/index.js';
import { silhouette } from '../../src/validate/index.js';
import { FIXTURE_NAMES, loadFixture } from './fixtures.js';

describe('silhouette (cosine) against scikit-learn fixtures', () => {
  for (const name of FIXTURE_NAMES) {
    const fixture = loadFixture(name);
    fixture.silhouette.forEach((ref, t) => {
      it(`${name} labelling ${t} (${new Set(ref.labels).size} clusters)`, () => {
        const result = silhouette(fixture.X, Int32Array.from(ref.labels), { threads: 1 });
        expect(result.nScored).toBe(ref.labels.length);
        expect(result.sampled).toBe(false);
        expect(Math.abs(result.score - ref.score)).toBeLessThan(1e-5);
        let worst = 0;
        for (let i = 0; i < ref.samples.length; i++) worst = Math.max(worst, Math.abs(result.samples[i] - ref.samples[i]));
        expect(worst).toBeLessThan(1e-5);
      });
    });
  }
});

describe('silhouette semantics', () => {
  // Unit vectors at angles; cosine distance 1 − cos(θ).
  const at = (deg: number) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)];
  const X = fromArrays([at(0), at(10), at(90), at(100), at(180)]);

  it('computes a, b and s by hand on a tiny example', () => {
    const d = (p: number, q: number) => 1 - Math.cos(((p - q) * Math.PI) / 180);
    const result = silhouette(X, Int32Array.from([0, 0, 1, 1, 1]));
    const a0 = d(0, 10);
    const b0 = (d(0, 90) + d(0, 100) + d(0, 180)) / 3;
    expect(result.samples[0]).toBeCloseTo((b0 - a0) / Math.max(a0, b0), 6);
    const a4 = (d(180, 90) + d(180, 100)) / 2;
    const b4 = (d(180, 0) + d(180, 10)) / 2;
    expect(result.samples[4]).toBeCloseTo((b4 - a4) / Math.max(a4, b4), 6);
    expect(result.score).toBeCloseTo(result.samples.reduce((s, v) => s + v, 0) / 5, 12);
    expect(result.clusters.map((c) => c.size)).toEqual([2, 3]);
  });

  it('scores members of singleton clusters 0', () => {
    const result = silhouette(X, Int32Array.from([0, 0, 1, 1, 2]));
    expect(result.samples[4]).toBe(0);
    expect(result.clusters[2]).toEqual({ label: 2, size: 1, mean: 0 });
  });

  it('excludes noise by default and can score it as its own group', () => {
    // The noise point sits between the clusters, at 50°.
    const Xn = fromArrays([at(0), at(10), at(90), at(100), at(50)]);
    const labels = Int32Array.from([0, 0, 1, 1, -1]);
    const excluded = silhouette(Xn, labels);
    expect(excluded.nScored).toBe(4);
    expect(Number.isNaN(excluded.samples[4])).toBe(true);
    const withoutRow = silhouette(fromArrays([at(0), at(10), at(90), at(100)]), Int32Array.from([0, 0, 1, 1]));
    expect(excluded.score).toBeCloseTo(withoutRow.score, 12);

    const asGroup = silhouette(Xn, labels, { noise: 'cluster' });
    expect(asGroup.nScored).toBe(5);
    expect(asGroup.samples[4]).toBe(0); // a one-member group
    expect(asGroup.clusters.map((c) => c.label)).toEqual([-1, 0, 1]);
    // Point 2 (90°) is nearer the noise group than cluster 0, so its b shrinks.
    const d = (p: number, q: number) => 1 - Math.cos(((p - q) * Math.PI) / 180);
    expect(asGroup.samples[2]).toBeCloseTo((d(90, 50) - d(90, 100)) / d(90, 50), 6);
    expect(excluded.samples[2]).toBeCloseTo(1 - d(90, 100) / ((d(90, 0) + d(90, 10)) / 2), 6);
  });

  it('rejects fewer than 2 clusters and malformed labels', () => {
    expect(() => silhouette(X, Int32Array.from([0, 0, 0, -1, -1]))).toThrow(InputError);
    expect(() => silhouette(X, Int32Array.from([0, 1, 2, 3, 4]))).toThrow(/between 2 and n − 1/);
    expect(() => silhouette(X, Int32Array.from([0, 1]))).toThrow(/expected one per row/);
    expect(() => silhouette(X, [0, 0, 1, 1, 1] as unknown as Int32Array)).toThrow(ParameterError);
    expect(() => silhouette(X, Int32Array.from([0, 0, 1, 1, -2]))).toThrow(/labels\[4\]/);
    expect(() => silhouette(X, Int32Array.from([0, 0, 1, 1, 1]), { noise: 'drop' as never })).toThrow(ParameterError);
  });
});

describe('sampled silhouette', () => {
  const fixture = loadFixture('blobs-2k-32d');
  const ref = fixture.silhouette[1];
  const labels = Int32Array.from(ref.labels);

  it('is deterministic for a seed and close to the exact score', () => {
    const a = silhouette(fixture.X, labels, { sampleSize: 800, seed: 7 });
    const b = silhouette(fixture.X, labels, { sampleSize: 800, seed: 7 });
    const c = silhouette(fixture.X, labels, { sampleSize: 800, seed: 8 });
    expect(a.sampled).toBe(true);
    expect(a.nScored).toBe(800);
    expect(a.score).toBe(b.score);
    expect(a.score).not.toBe(c.score);
    expect(Math.abs(a.score - ref.score)).toBeLessThan(0.03);
    expect(a.samples.filter((v) => !Number.isNaN(v)).length).toBe(800);
  });

  it('falls back to the exact value when the sample covers every row', () => {
    const exact = silhouette(fixture.X, labels, { sampleSize: 5000 });
    expect(exact.sampled).toBe(false);
    expect(Math.abs(exact.score - ref.score)).toBeLessThan(1e-5);
  });
});
