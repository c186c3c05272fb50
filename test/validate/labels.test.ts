import { describe, expect, it } from 'vitest';
import { InputError, ParameterError } from '../../src/core/index.js';
import { clusterSizes, compactLabels } from '../../src/validate/index.js';

describe('clusterSizes', () => {
  it('counts clusters, noise and shares', () => {
    const s = clusterSizes(Int32Array.from([3, 3, -1, 0, 3, -1, 7, 0]));
    expect(s.n).toBe(8);
    expect(s.nClusters).toBe(3);
    expect(s.noise).toBe(2);
    expect(s.noiseShare).toBe(0.25);
    expect(s.clusters).toEqual([
      { label: 0, size: 2, share: 0.25 },
      { label: 3, size: 3, share: 0.375 },
      { label: 7, size: 1, share: 0.125 },
    ]);
  });

  it('handles empty and all-noise labellings, rejects bad labels', () => {
    expect(clusterSizes(new Int32Array(0))).toEqual({ n: 0, nClusters: 0, noise: 0, noiseShare: 0, clusters: [] });
    expect(clusterSizes(Int32Array.from([-1, -1])).noiseShare).toBe(1);
    expect(() => clusterSizes(Int32Array.from([0, -3]))).toThrow(InputError);
    expect(() => clusterSizes([0, 1] as unknown as Int32Array)).toThrow(ParameterError);
  });
});

describe('compactLabels', () => {
  it('renumbers labels densely, dropping or keeping noise', () => {
    const labels = Int32Array.from([5, -1, 2, 5, 9]);
    const dropped = compactLabels(labels);
    expect(Array.from(dropped.rows)).toEqual([0, 2, 3, 4]);
    expect(Array.from(dropped.labels)).toEqual([1, 0, 1, 2]);
    expect(Array.from(dropped.originals)).toEqual([2, 5, 9]);
    expect(Array.from(dropped.sizes)).toEqual([1, 2, 1]);
    const kept = compactLabels(labels, 'cluster');
    expect(Array.from(kept.originals)).toEqual([-1, 2, 5, 9]);
    expect(Array.from(kept.labels)).toEqual([2, 0, 1, 2, 3]);
  });
});
