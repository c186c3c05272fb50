/** UMAP document-map layout: curve fit, fuzzy graph, determinism and layout quality on blobs with known answers. */
import { describe, expect, it } from 'vitest';
import { createMatrix, InputError, knn, ParameterError, umapLayout, type Matrix } from '../../src/core/index.js';
import { fitCurve, fuzzyGraph, pcaLayout } from '../../src/core/umap.js';
import { sphericalBlobs } from '../cluster/synthetic.js';

/** The k nearest other points of every point of a 2-D layout (brute force). */
function layoutNeighbors(xy: Float32Array, k: number): Int32Array {
  const n = xy.length / 2;
  const out = new Int32Array(n * k);
  for (let i = 0; i < n; i++) {
    const d: [number, number][] = [];
    for (let j = 0; j < n; j++) if (j !== i) d.push([(xy[2 * i] - xy[2 * j]) ** 2 + (xy[2 * i + 1] - xy[2 * j + 1]) ** 2, j]);
    d.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    for (let r = 0; r < k; r++) out[i * k + r] = d[r][1];
  }
  return out;
}

/** Share of each row's k nearest rows in X that are also among its k nearest in the layout. */
function neighbourhoodPreservation(X: Matrix, xy: Float32Array, k: number): number {
  const high = knn(X, k, { threads: 1 }).indices;
  const low = layoutNeighbors(xy, k);
  let kept = 0;
  for (let i = 0; i < X.rows; i++) {
    const set = new Set(low.subarray(i * k, (i + 1) * k));
    for (let r = 0; r < k; r++) if (set.has(high[i * k + r])) kept++;
  }
  return kept / (X.rows * k);
}

describe('fitCurve', () => {
  it("reproduces umap-learn's a and b (scipy curve_fit)", () => {
    // umap.umap_.find_ab_params(1.0, 0.1) = (1.5769434604, 0.8950608781); (1.0, 0.5) = (0.5830300, 1.3341669).
    const p = fitCurve(0.1, 1);
    expect(p.a).toBeCloseTo(1.57694346, 4);
    expect(p.b).toBeCloseTo(0.89506088, 4);
    const q = fitCurve(0.5, 1);
    expect(q.a).toBeCloseTo(0.58303, 3);
    expect(q.b).toBeCloseTo(1.33417, 3);
  });
});

describe('fuzzyGraph', () => {
  const { X } = sphericalBlobs(200, 8, 3, { seed: 4 });
  const k = 9;
  const neighbors = knn(X, k, { threads: 1 });
  const graph = fuzzyGraph(neighbors, k, k + 1);

  it('is symmetric, with the fuzzy union of the two directed memberships', () => {
    const weight = (i: number, j: number) => {
      for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) if (graph.tails[e] === j) return graph.weights[e];
      return 0;
    };
    for (let i = 0; i < graph.n; i++) {
      for (let e = graph.offsets[i]; e < graph.offsets[i + 1]; e++) {
        const j = graph.tails[e];
        expect(weight(j, i)).toBe(graph.weights[e]);
        expect(graph.weights[e]).toBeGreaterThan(0);
        expect(graph.weights[e]).toBeLessThanOrEqual(1);
        if (e > graph.offsets[i]) expect(j).toBeGreaterThan(graph.tails[e - 1]);
      }
      // Every kNN edge is in the graph; the nearest (non-identical) neighbour has membership 1.
      for (let t = 0; t < k; t++) expect(weight(i, neighbors.indices[i * k + t])).toBeGreaterThan(0);
      expect(weight(i, neighbors.indices[i * k])).toBeCloseTo(1, 12);
    }
  });

  it('calibrates σ per row so that the memberships sum to log2(nNeighbors), then takes the fuzzy union', () => {
    // Four rows, every pair mutual neighbours, target log2(4) = 2: per row 1 + e^{−(d2−ρ)/σ} + e^{−(d3−ρ)/σ} = 2.
    const hand = {
      n: 4,
      k: 3,
      indices: Int32Array.from([1, 2, 3, 0, 2, 3, 0, 1, 3, 0, 1, 2]),
      distances: Float64Array.from([0.1, 0.2, 0.4, 0.1, 0.3, 0.5, 0.2, 0.3, 0.6, 0.4, 0.5, 0.6]),
    };
    const g = fuzzyGraph(hand, 3, 4);
    /** σ with e^{−x/σ} + e^{−y/σ} = 1, by bisection. */
    const sigma = (x: number, y: number) => {
      let lo = 1e-9,
        hi = 10;
      for (let it = 0; it < 200; it++) {
        const mid = (lo + hi) / 2;
        if (Math.exp(-x / mid) + Math.exp(-y / mid) > 1) hi = mid;
        else lo = mid;
      }
      return lo;
    };
    // Row 1 (ρ = 0.1) → row 2 at 0.3; row 2 (ρ = 0.2) → row 1 at 0.3.
    const a = Math.exp(-0.2 / sigma(0.2, 0.4)),
      b = Math.exp(-0.1 / sigma(0.1, 0.4));
    expect(Array.from(g.tails.subarray(g.offsets[1], g.offsets[2]))).toEqual([0, 2, 3]);
    expect(g.weights[g.offsets[1] + 1]).toBeCloseTo(a + b - a * b, 4);
    // Row 3's nearest is row 0, so the edge 0–3 is 1 whatever row 0 thinks.
    expect(g.weights[g.offsets[0] + 2]).toBeCloseTo(1, 12);
  });
});

describe('umapLayout', () => {
  const { X, truth } = sphericalBlobs(600, 24, 4, { spread: 0.6, seed: 3 });

  it('separates blobs: the 2-D neighbours of a point come from its blob', () => {
    const xy = umapLayout(X, { seed: 1, threads: 1 });
    expect(xy).toHaveLength(1200);
    const k = 10;
    const low = layoutNeighbors(xy, k);
    let same = 0;
    for (let i = 0; i < X.rows; i++) for (let r = 0; r < k; r++) if (truth[low[i * k + r]] === truth[i]) same++;
    expect(same / (X.rows * k)).toBeGreaterThan(0.98);
    // And it keeps more of the high-dimensional neighbourhoods than its own starting point does.
    const start = umapLayout(X, { seed: 1, threads: 1, nEpochs: 0 });
    expect(neighbourhoodPreservation(X, xy, k)).toBeGreaterThan(neighbourhoodPreservation(X, start, k) + 0.05);
  });

  it('is seeded and identical for any thread count', () => {
    const one = umapLayout(X, { seed: 7, threads: 1, nEpochs: 60 });
    const two = umapLayout(X, { seed: 7, threads: 2, nEpochs: 60 });
    const three = umapLayout(X, { seed: 7, threads: 3, nEpochs: 60 });
    expect(Buffer.from(two.buffer).equals(Buffer.from(one.buffer))).toBe(true);
    expect(Buffer.from(three.buffer).equals(Buffer.from(one.buffer))).toBe(true);
    const other = umapLayout(X, { seed: 8, threads: 1, nEpochs: 60 });
    expect(Buffer.from(other.buffer).equals(Buffer.from(one.buffer))).toBe(false);
  });

  it('uses precomputed neighbours and gives the same layout as computing them', () => {
    const neighbors = knn(X, 20, { threads: 1 });
    const given = umapLayout(X, { seed: 2, nEpochs: 30, nNeighbors: 12, neighbors, threads: 1 });
    const computed = umapLayout(X, { seed: 2, nEpochs: 30, nNeighbors: 12, threads: 1 });
    expect(Array.from(given)).toEqual(Array.from(computed));
  });

  it('starts from the principal plane scaled to [0, 10] (nEpochs: 0), or at random', () => {
    const start = umapLayout(X, { seed: 1, nEpochs: 0, threads: 1 });
    expect(Array.from(start)).toEqual(Array.from(pcaLayout(X, 1)));
    for (const v of start) {
      expect(v).toBeGreaterThan(-0.01);
      expect(v).toBeLessThan(10.01);
    }
    const random = umapLayout(X, { seed: 1, nEpochs: 0, init: 'random', threads: 1 });
    expect(Array.from(random)).not.toEqual(Array.from(start));
  });

  it('keeps identical rows finite and tiny inputs working', () => {
    const dup = createMatrix(40, 3);
    for (let i = 0; i < 40; i++) dup.data.set(i < 30 ? [1, 0, 0] : [0, 1, i / 40], i * 3);
    const xy = umapLayout(dup, { seed: 1, nEpochs: 50, threads: 1 });
    expect(xy.every(Number.isFinite)).toBe(true);
    expect(umapLayout(createMatrix(0, 3), {})).toHaveLength(0);
    expect(Array.from(umapLayout(createMatrix(1, 2, Float32Array.from([1, 0]))))).toEqual([0, 0]);
    expect(umapLayout(createMatrix(2, 2, Float32Array.from([1, 0, 0, 1])), { seed: 1, threads: 1 }).every(Number.isFinite)).toBe(true);
  });

  it('rejects bad parameters by name', () => {
    expect(() => umapLayout(X, { nNeighbors: 1 })).toThrow(ParameterError);
    expect(() => umapLayout(X, { minDist: 1.5 })).toThrow(/minDist/);
    expect(() => umapLayout(X, { nEpochs: -1 })).toThrow(/nEpochs/);
    expect(() => umapLayout(X, { init: 'spectral' as 'pca' })).toThrow(/init/);
    expect(() => umapLayout(X, { neighbors: knn(X, 3, { threads: 1 }) })).toThrow(InputError);
  });
});
