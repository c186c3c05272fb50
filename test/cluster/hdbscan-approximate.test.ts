/** HDBSCAN's approximate mode: its kNN kernel, its tree, its agreement with exact, thread-count invariance. */
import { describe, expect, it } from 'vitest';
import {
  createMatrix,
  knnQuery,
  knnWithinCells,
  normalizeRows,
  ParameterError,
  Random,
  selectRows,
  type Matrix,
} from '../../src/core/index.js';
import { APPROXIMATE_FROM_ROWS, HDBSCAN } from '../../src/cluster/hdbscan/index.js';
import { buildCells, partitionedKnn } from '../../src/cluster/hdbscan/partitioned-knn.js';
import { approximateSpanningTree } from '../../src/cluster/hdbscan/approximate.js';
import { adjustedRandIndex } from '../../src/validate/index.js';
import { loadFixture } from './helpers.js';

function blobs(n: number, dim: number, seed: number, duplicates = 0): Matrix {
  const random = new Random(seed);
  const X = createMatrix(n, dim);
  const centres = Array.from({ length: 8 }, () => Float64Array.from({ length: dim }, () => random.normal()));
  for (let i = 0; i < n; i++) {
    const noise = random.next() < 0.05;
    const c = random.int(centres.length);
    for (let t = 0; t < dim; t++) X.data[i * dim + t] = noise ? random.normal() : centres[c][t] + 0.4 * random.normal();
  }
  // Exact copies of earlier rows: ties at distance 0 in the graph.
  for (let i = 0; i < duplicates; i++) X.data.copyWithin((n - 1 - i) * dim, i * dim, (i + 1) * dim);
  return normalizeRows(X, { inPlace: true });
}

describe('knnWithinCells', () => {
  it('equals an exact search restricted to each cell’s candidates, for any thread count', () => {
    const X = blobs(1500, 24, 3, 40);
    const cells = buildCells(X, { cellSize: 200, overlap: 2, seed: 5 });
    const k = 6;
    const expected = partitionedKnn(X, k, cells, { threads: 1 });
    // Reference: per cell, knnQuery over the candidate rows, self dropped.
    const nCells = cells.centroids.rows;
    for (let c = 0; c < nCells; c++) {
      const cand: number[] = [];
      const members: number[] = [];
      for (let i = 0; i < X.rows; i++) {
        if (cells.nearest[i * 2] === c) members.push(i);
        if (cells.nearest[i * 2] === c || cells.nearest[i * 2 + 1] === c) cand.push(i);
      }
      if (members.length === 0 || cand.length <= k) continue;
      const found = knnQuery(selectRows(X, members), selectRows(X, cand), k + 1);
      members.forEach((i, r) => {
        const got: number[] = [];
        for (let q = 0; q <= k && got.length < k; q++) {
          const j = cand[found.indices[r * (k + 1) + q]];
          if (j !== i) got.push(j);
        }
        expect(Array.from(expected.indices.subarray(i * k, (i + 1) * k))).toEqual(got);
      });
    }
    const two = partitionedKnn(X, k, cells, { threads: 2 });
    expect(two.indices).toEqual(expected.indices);
    expect(two.distances).toEqual(expected.distances);
  });

  it('rejects candidate lists that name no row', () => {
    const X = blobs(10, 4, 1);
    expect(() => knnWithinCells(X, 2, new Int32Array(10), Int32Array.of(0, 1), Int32Array.of(10))).toThrow(/candidates\[0\]/);
  });
});

describe('approximate spanning tree', () => {
  it('is a spanning tree in (weight, from, to) order even when the kNN graph falls apart', () => {
    const X = blobs(2000, 16, 9, 30);
    const { tree, coreDistances } = approximateSpanningTree(X, 5);
    expect(tree.from.length).toBe(X.rows - 1);
    const parent = Int32Array.from({ length: X.rows }, (_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
    for (let e = 0; e < tree.from.length; e++) {
      if (e > 0) {
        const a = [tree.weight[e - 1], tree.from[e - 1], tree.to[e - 1]];
        const b = [tree.weight[e], tree.from[e], tree.to[e]];
        expect(a[0] < b[0] || (a[0] === b[0] && (a[1] < b[1] || (a[1] === b[1] && a[2] < b[2])))).toBe(true);
      }
      const ra = find(tree.from[e]),
        rb = find(tree.to[e]);
      expect(ra).not.toBe(rb);
      parent[ra] = rb;
      // Every weight is a real mutual-reachability distance: at least both core distances.
      expect(tree.weight[e]).toBeGreaterThanOrEqual(Math.max(coreDistances[tree.from[e]], coreDistances[tree.to[e]]));
    }
  });
});

describe('HDBSCAN mode', () => {
  it('agrees with exact on blobs and on the real 3k sentence vectors (ARI, noise as a label)', () => {
    const X = blobs(4000, 32, 11, 50);
    const exact = new HDBSCAN({ minClusterSize: 15, minSamples: 5, mode: 'exact' }).fit(X);
    const approx = new HDBSCAN({ minClusterSize: 15, minSamples: 5, mode: 'approximate' }).fit(X);
    expect(approx.params.mode).toBe('approximate');
    expect(exact.params.mode).toBe('exact');
    expect(adjustedRandIndex(approx.labels, exact.labels)).toBeGreaterThan(0.95);
    const real = loadFixture('jd-real-3k').X;
    const e2 = new HDBSCAN({ minClusterSize: 15, minSamples: 5, mode: 'exact' }).fit(real);
    const a2 = new HDBSCAN({ minClusterSize: 15, minSamples: 5, mode: 'approximate' }).fit(real);
    expect(adjustedRandIndex(a2.labels, e2.labels)).toBeGreaterThan(0.9);
  });

  it('gives identical results for any thread count', () => {
    const X = blobs(3000, 24, 13, 60);
    const runs = [1, 2, 3].map((threads) => new HDBSCAN({ mode: 'approximate', threads }).fit(X));
    for (const r of runs.slice(1)) {
      expect(r.labels).toEqual(runs[0].labels);
      expect(r.probabilities).toEqual(runs[0].probabilities);
      expect(r.outlierScores).toEqual(runs[0].outlierScores);
      expect(r.coreDistances).toEqual(runs[0].coreDistances);
      expect(r.singleLinkageTree.distance).toEqual(runs[0].singleLinkageTree.distance);
    }
  });

  it("'auto' runs exact below APPROXIMATE_FROM_ROWS and says so; bad modes are named", () => {
    const X = blobs(300, 8, 2);
    expect(new HDBSCAN().fit(X).params.mode).toBe('exact');
    expect(new HDBSCAN({ mode: 'auto' }).params.mode).toBe('auto');
    expect(APPROXIMATE_FROM_ROWS).toBeGreaterThan(10_000);
    expect(() => new HDBSCAN({ mode: 'fast' as never })).toThrow(ParameterError);
    expect(() => new HDBSCAN({ mode: 'fast' as never })).toThrow(/mode/);
  });
});
