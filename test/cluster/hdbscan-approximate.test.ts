/** HDBSCAN's approximate mode: its kNN kernel, its tree, its agreement with exact, thread-count invariance. */
import { describe, expect, it } from 'vitest';
import {
  createMatrix,
  knn,
  knnQuery,
  knnWithinCells,
  normalizeRows,
  ParameterError,
  Random,
  selectRows,
  withCellSearch,
  type Matrix,
} from '../../src/core/index.js';
import { usePrefix } from '../../src/core/cell-knn.js';
import { prefixBasis } from '../../src/core/principal-subspace.js';
import { APPROXIMATE_FROM_ROWS, HDBSCAN } from '../../src/cluster/hdbscan/index.js';
import { buildCells, partitionedKnn } from '../../src/cluster/hdbscan/partitioned-knn.js';
import { approximateGraphPlan, approximateSpanningTree } from '../../src/cluster/hdbscan/approximate.js';
import { lightestEdgePerPart, sortedOrder } from '../../src/cluster/hdbscan/edge-list.js';
import { adjustedRandIndex } from '../../src/validate/index.js';
import { cosineDistance, rowNorms } from '../../src/core/reference/kernels.js';
import type { Cells } from '../../src/cluster/hdbscan/partitioned-knn.js';
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
  /** The cells' candidate lists (every row in its 2 nearest cells) as knnWithinCells takes them. */
  function cellLists(X: Matrix, cells: Cells) {
    const nCells = cells.centroids.rows;
    const lists = Array.from({ length: nCells }, () => [] as number[]);
    for (let i = 0; i < X.rows; i++) for (let o = 0; o < 2; o++) lists[cells.nearest[i * 2 + o]].push(i);
    lists.forEach((l) => l.sort((a, b) => a - b));
    const offsets = Int32Array.from({ length: nCells + 1 }, (_, c) => lists.slice(0, c).reduce((t, l) => t + l.length, 0));
    const cellOf = Int32Array.from({ length: X.rows }, (_, i) => cells.nearest[i * 2]);
    return { cellOf, offsets, candidates: Int32Array.from(lists.flat()) };
  }

  it('equals an exact search restricted to each cell’s candidates, for any thread count', () => {
    const X = blobs(1500, 24, 3, 40);
    const cells = buildCells(X, { cellSize: 200, overlap: 2, seed: 5 });
    const k = 6;
    const { cellOf, offsets, candidates } = cellLists(X, cells);
    const expected = knnWithinCells(X, k, cellOf, offsets, candidates, { threads: 1 });
    // Reference: per cell, knnQuery over the candidate rows, self dropped.
    const nCells = cells.centroids.rows;
    for (let c = 0; c < nCells; c++) {
      const cand = Array.from(candidates.subarray(offsets[c], offsets[c + 1]));
      const members = cand.filter((i) => cellOf[i] === c);
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
    const two = knnWithinCells(X, k, cellOf, offsets, candidates, { threads: 2 });
    expect(two.indices).toEqual(expected.indices);
    expect(two.distances).toEqual(expected.distances);
  });

  it('without the proof (the graph’s search) keeps the screen’s best, re-ranked by exact distance, for any thread count', () => {
    // Rows in near-tied groups: the proof fails for many of them, and the screen cannot order all.
    const X = copyGroups(120, 15, 24, 3);
    const cells = buildCells(X, { cellSize: 200, overlap: 2, seed: 5 });
    const k = 6;
    const { cellOf, offsets, candidates } = cellLists(X, cells);
    const exact = knnWithinCells(X, k, cellOf, offsets, candidates, { threads: 1 });
    const screened = [1, 2].map((threads) => withCellSearch(X, { threads }, (search) => search(k, cellOf, offsets, candidates, false)));
    expect(screened[1].indices).toEqual(screened[0].indices);
    expect(screened[1].distances).toEqual(screened[0].distances);
    const { indices, distances } = screened[0];
    const norms = rowNorms(X);
    let same = 0;
    for (let i = 0; i < X.rows; i++) {
      for (let q = 0; q < k; q++) {
        const t = i * k + q;
        if (indices[t] === exact.indices[t]) same++;
        // The distance given is the exact one of the row given, and the list is in order.
        expect(distances[t]).toBe(cosineDistance(X, i, X, indices[t], norms[i], norms[indices[t]]));
        if (q > 0) expect(distances[t]).toBeGreaterThanOrEqual(distances[t - 1]);
        // Only a neighbour the screen cannot tell from the exact one takes its place.
        expect(Math.abs(distances[t] - exact.distances[t])).toBeLessThan(1e-4);
      }
    }
    expect(same / (X.rows * k)).toBeGreaterThan(0.9);
    // The approximate mode's graph is this search.
    expect(partitionedKnn(X, k, cells, { threads: 2 }).indices).toEqual(indices);
    // 'screen': the same rows with the screen's distances, each within screenError of the exact one;
    // pairDistances gives the exact ones bit for bit.
    withCellSearch(X, { threads: 2 }, (search, queries) => {
      const screen = search(k, cellOf, offsets, candidates, 'screen');
      const byRow = (nb: { indices: Int32Array }, i: number) => Array.from(nb.indices.subarray(i * k, (i + 1) * k)).sort((a, b) => a - b);
      const from = new Int32Array(X.rows * k),
        to = new Int32Array(X.rows * k);
      for (let i = 0; i < X.rows; i++) {
        expect(byRow(screen, i)).toEqual(byRow(screened[0], i));
        for (let q = 0; q < k; q++) {
          from[i * k + q] = i;
          to[i * k + q] = screen.indices[i * k + q];
        }
      }
      const exactAgain = queries.pairDistances(from, to);
      for (let t = 0; t < from.length; t++) {
        expect(exactAgain[t]).toBe(cosineDistance(X, from[t], X, to[t], norms[from[t]], norms[to[t]]));
        expect(Math.abs(screen.distances[t] - exactAgain[t])).toBeLessThanOrEqual(queries.screenError);
      }
      expect(queries.screenError).toBeGreaterThan(0);
      expect(queries.screenError).toBeLessThan(1e-3);
      expect(() => queries.pairDistances(Int32Array.of(0), Int32Array.of(X.rows))).toThrow(/is not a row of X/);
    });
  });

  it('with the searches’ k, a row joins another cell only within the margin, and the neighbours found stay those of the full overlap', () => {
    const X = blobs(4000, 24, 7);
    const k = 10;
    const full = buildCells(X, { cellSize: 250, overlap: 3, seed: 5 });
    const near = buildCells(X, { cellSize: 250, overlap: 3, seed: 5, neighbours: k });
    expect(full.margin).toBe(Infinity);
    // The same cells; the margin is an angle between the median and the largest k-th neighbour angle.
    expect(near.nearest).toEqual(full.nearest);
    const angle = (d: number) => Math.acos(Math.min(1, Math.max(-1, 1 - d)));
    const kth = Array.from(
      knn(X, k).distances.filter((_, t) => t % k === k - 1),
      angle,
    ).sort((a, b) => a - b);
    expect(near.margin).toBeGreaterThan(kth[Math.floor(kth.length / 2)]);
    expect(near.margin).toBeLessThanOrEqual(kth[kth.length - 1]);
    // Fewer candidates: the rows farther than the margin from another cell than their own are left out of it.
    let left = 0;
    for (let i = 0; i < X.rows; i++) {
      for (let o = 1; o < 3; o++) if (angle(near.nearestDistances[i * 3 + o]) - angle(near.nearestDistances[i * 3]) > near.margin) left++;
    }
    expect(left).toBeGreaterThan(0.1 * X.rows);
    const a = partitionedKnn(X, k, full);
    const b = partitionedKnn(X, k, near);
    let same = 0;
    for (let i = 0; i < X.rows; i++) if (a.indices.subarray(i * k, (i + 1) * k).every((j, q) => j === b.indices[i * k + q])) same++;
    expect(same / X.rows).toBeGreaterThan(0.97);
    // Any thread count, the same margin and neighbours.
    const two = buildCells(X, { cellSize: 250, overlap: 3, seed: 5, neighbours: k, threads: 2 });
    expect(two.margin).toBe(near.margin);
    expect(partitionedKnn(X, k, two, { threads: 2 }).indices).toEqual(b.indices);
  });

  it('screening by the prefix changes no neighbour: prefixes of 16 and 32, none and the default agree, with and without the proof, for any thread count', () => {
    // Rows near a 6-dimensional subspace (98 % of the energy in the prefix), with exact copies.
    const random = new Random(11);
    const n = 2400,
      dim = 64;
    const X = createMatrix(n, dim);
    const factors = Array.from({ length: 6 }, () => Float64Array.from({ length: dim }, () => random.normal()));
    for (let i = 0; i < n; i++) {
      const w = factors.map(() => random.normal());
      for (let t = 0; t < dim; t++) X.data[i * dim + t] = w.reduce((s, c, f) => s + c * factors[f][t], 0) + 0.1 * random.normal();
    }
    for (let i = 0; i < 30; i++) X.data.copyWithin((n - 1 - i) * dim, i * 7 * dim, (i * 7 + 1) * dim);
    normalizeRows(X, { inPlace: true });
    expect(usePrefix(prefixBasis(X, dim, { tailEnergy: 0.05, maxDims: 16 }), dim)).toBe(true);
    expect(usePrefix(prefixBasis(blobs(2400, 64, 3), 64, { tailEnergy: 0.05, maxDims: 16 }), 64)).toBe(false);
    // Cells of ≈ 800 candidates: three tiles of candidates per task, two of them screened by the prefix.
    const cells = buildCells(X, { cellSize: 600, overlap: 2, seed: 5 });
    const { cellOf, offsets, candidates } = cellLists(X, cells);
    expect(Math.max(...Array.from({ length: offsets.length - 1 }, (_, c) => offsets[c + 1] - offsets[c]))).toBeGreaterThan(512);
    for (const exact of [true, false]) {
      const expected = withCellSearch(X, { threads: 1, prefixDims: 0 }, (search) => search(10, cellOf, offsets, candidates, exact));
      for (const prefixDims of [16, 32, undefined]) {
        for (const threads of [1, 2]) {
          const got = withCellSearch(X, { threads, prefixDims }, (search) => search(10, cellOf, offsets, candidates, exact));
          expect(got.indices).toEqual(expected.indices);
          expect(got.distances).toEqual(expected.distances);
        }
      }
    }
    expect(() => withCellSearch(X, { prefixDims: 20 }, () => 0)).toThrow(/prefixDims must be 0, 16, 32, 48 or 64, got 20/);
  });

  it('rejects candidate lists that name no row', () => {
    const X = blobs(10, 4, 1);
    expect(() => knnWithinCells(X, 2, new Int32Array(10), Int32Array.of(0, 1), Int32Array.of(10))).toThrow(/candidates\[0\]/);
  });

  it('names a row with NaN, infinity or no length before searching (the values are checked once loaded)', () => {
    for (const [value, message] of [
      [Number.NaN, /X row 7 contains NaN at column 2/],
      [Number.POSITIVE_INFINITY, /X row 7 contains Infinity at column 2/],
    ] as const) {
      const X = blobs(300, 8, 2);
      X.data[7 * 8 + 2] = value;
      expect(() => withCellSearch(X, { threads: 2 }, () => 0)).toThrow(message);
    }
    const Z = blobs(300, 8, 2);
    Z.data.fill(0, 9 * 8, 10 * 8);
    expect(() => withCellSearch(Z, { threads: 1 }, () => 0)).toThrow(/X row 9 is a zero vector/);
    expect(withCellSearch(blobs(300, 8, 2), { threads: 2 }, () => 'searched')).toBe('searched');
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

/** `groups` base rows, each followed by jittered copies: every row's 10 nearest are its own copies. */
function copyGroups(groups: number, copies: number, dim: number, seed: number): Matrix {
  const random = new Random(seed);
  const X = createMatrix(groups * copies, dim);
  for (let g = 0; g < groups; g++) {
    const base = Float64Array.from({ length: dim }, () => random.normal());
    for (let c = 0; c < copies; c++) {
      for (let t = 0; t < dim; t++) X.data[(g * copies + c) * dim + t] = base[t] + 0.03 * random.normal();
    }
  }
  return normalizeRows(X, { inPlace: true });
}

describe('edge order and the joins of the kNN graph’s parts', () => {
  it('sortedOrder (radix) equals a comparator sort on (weight, from, to), ties and −0 included, also from edges in (from, to) order', () => {
    const random = new Random(4);
    const m = 5000;
    const from = new Int32Array(m),
      to = new Int32Array(m),
      weight = new Float64Array(m);
    for (let e = 0; e < m; e++) {
      const a = random.int(70_000),
        b = random.int(70_000);
      from[e] = Math.min(a, b);
      to[e] = Math.max(a, b) + 1;
      // Few distinct weights, so most edges tie on the weight; one −0 and some large values.
      weight[e] = e === 7 ? -0 : random.next() < 0.1 ? random.next() * 1e6 : random.int(20) / 8;
    }
    const edges = { from, to, weight, length: m };
    const expected = Int32Array.from({ length: m }, (_, i) => i).sort(
      (x, y) => weight[x] - weight[y] || from[x] - from[y] || to[x] - to[y],
    );
    expect(sortedOrder(edges)).toEqual(expected);
    // Edges already in (from, to) order need only the weight's passes.
    const pairOrder = Int32Array.from({ length: m }, (_, i) => i).sort((x, y) => from[x] - from[y] || to[x] - to[y]);
    const paired = {
      from: Int32Array.from(pairOrder, (e) => from[e]),
      to: Int32Array.from(pairOrder, (e) => to[e]),
      weight: Float64Array.from(pairOrder, (e) => weight[e]),
      length: m,
    };
    expect(Array.from(sortedOrder(paired, true), (e) => pairOrder[e])).toEqual(Array.from(expected));
    expect(() => sortedOrder({ ...edges, weight: Float64Array.of(1, Number.NaN), length: 2 })).toThrow(/NaN/);
  });

  it('lightestEdgePerPart from screened distances picks the edges it picks from exact ones, asking exact distances for few pairs', () => {
    const random = new Random(9);
    const n = 3000,
      k = 8,
      parts = 40,
      error = 1e-3;
    const core = Float64Array.from({ length: n }, () => 0.05 + 0.1 * random.next());
    const partOf = Int32Array.from({ length: n }, () => (random.next() < 0.1 ? parts : random.int(parts)));
    const indices = new Int32Array(n * k).fill(-1);
    const exact = new Float64Array(n * k).fill(Infinity);
    const screened = new Float64Array(n * k).fill(Infinity);
    const truth = new Map<string, number>();
    for (let a = 0; a < n; a++) {
      const filled = random.int(k + 1);
      for (let t = 0; t < filled; t++) {
        const b = random.int(n);
        // Distances on a grid finer than the error (the screen reorders them) and with ties.
        const d = Math.round(random.next() * 4000) / 10000;
        indices[a * k + t] = b;
        exact[a * k + t] = d;
        screened[a * k + t] = d + (2 * random.next() - 1) * error;
        truth.set(`${a},${b}`, d);
      }
    }
    const expected = lightestEdgePerPart({ indices, distances: exact }, k, core, partOf, parts);
    let asked = 0;
    const got = lightestEdgePerPart({ indices, distances: screened }, k, core, partOf, parts, {
      error,
      exact: (a, b) => {
        asked += a.length;
        return Float64Array.from(a, (row, t) => truth.get(`${row},${b[t]}`)!);
      },
    });
    expect(got).toEqual(expected);
    expect(expected.from.filter((f) => f >= 0).length).toBeGreaterThan(30);
    expect(asked).toBeGreaterThan(0);
    expect(asked).toBeLessThan(n);
  });

  it('a loaded cell search answers several searches as separate knnWithinCells calls do', () => {
    const X = blobs(800, 12, 21);
    const cellOf = Int32Array.from({ length: 800 }, (_, i) => i % 3);
    const all = Int32Array.from({ length: 800 }, (_, i) => i);
    const offsets = Int32Array.of(0, 300, 800, 800);
    withCellSearch(X, { threads: 2 }, (search) => {
      for (const k of [3, 9]) {
        const got = search(k, cellOf, offsets, all);
        const expected = knnWithinCells(X, k, cellOf, offsets, all, { threads: 1 });
        expect(got.indices).toEqual(expected.indices);
        expect(got.distances).toEqual(expected.distances);
      }
    });
  });

  it('a loaded cell search answers centroid and sample queries as knnQuery does, and names bad input', () => {
    const X = blobs(900, 12, 23);
    const C = selectRows(X, Int32Array.of(3, 400, 777));
    const rows = Int32Array.of(5, 0, 899, 5);
    withCellSearch(X, { threads: 2 }, (_search, queries) => {
      for (const exact of [true, false]) {
        const of = queries.nearestOf(C, 2, exact);
        const wantOf = knnQuery(X, C, 2, { threads: 1, exact });
        expect([of.n, of.k]).toEqual([900, 2]);
        expect(of.indices).toEqual(wantOf.indices);
        expect(of.distances).toEqual(wantOf.distances);
        const to = queries.nearestTo(rows, 7, exact);
        const wantTo = knnQuery(selectRows(X, rows), X, 7, { threads: 1, exact });
        expect([to.n, to.k]).toEqual([4, 7]);
        expect(to.indices).toEqual(wantTo.indices);
        expect(to.distances).toEqual(wantTo.distances);
      }
      expect(() => queries.nearestTo(Int32Array.of(900), 3)).toThrow(/rows\[0\] = 900/);
      expect(() => queries.nearestOf(C, 4)).toThrow(ParameterError);
      expect(() => queries.nearestOf(createMatrix(2, 5, new Float32Array(10).fill(1)), 1)).toThrow(/columns/);
    });
  });

  it('a refinement round gives each row its k nearest among its neighbours, capped reverse neighbours and all their neighbours, for any thread count', () => {
    // Rows without cluster structure: many true neighbours lie across the cells' boundaries.
    const random = new Random(29);
    const X = normalizeRows(
      createMatrix(
        1200,
        16,
        Float32Array.from({ length: 1200 * 16 }, () => random.normal()),
      ),
      { inPlace: true },
    );
    const n = X.rows,
      k = 6,
      cap = 3;
    // A weak graph: small cells, overlap 2 (with none, a row's neighbours' neighbours never leave its cell).
    const start = partitionedKnn(X, k, buildCells(X, { cellSize: 100, overlap: 2, seed: 3 }), { threads: 1 });
    // Expected: an exact search (ties by lower row) within each row's own candidate list.
    const reverse: number[][] = Array.from({ length: n }, () => []);
    for (let i = 0; i < n; i++) for (let q = 0; q < k; q++) reverse[start.indices[i * k + q]].push(i);
    const lists: number[][] = [];
    for (let i = 0; i < n; i++) {
      const sources = [...start.indices.subarray(i * k, i * k + k), ...reverse[i].slice(0, cap)];
      const set = new Set<number>(sources);
      for (const j of sources) for (let q = 0; q < k; q++) set.add(start.indices[j * k + q]);
      set.delete(i);
      lists.push([...set].sort((a, b) => a - b));
    }
    const offsets = Int32Array.from({ length: n + 1 }, () => 0);
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + lists[i].length;
    const identity = Int32Array.from({ length: n }, (_, i) => i);
    const expected = knnWithinCells(X, k, identity, offsets, Int32Array.from(lists.flat()), { threads: 1 });
    let improved = 0;
    for (const threads of [1, 2, 3]) {
      const got = withCellSearch(X, { threads }, (_search, queries) => queries.refine(start, cap));
      expect(got.indices).toEqual(expected.indices);
      expect(got.distances).toEqual(expected.distances);
      if (threads === 1) {
        for (let i = 0; i < n; i++) {
          // Never worse than the input, row by row.
          expect(got.distances[i * k + k - 1]).toBeLessThanOrEqual(start.distances[i * k + k - 1]);
          if (got.distances[i * k + k - 1] < start.distances[i * k + k - 1]) improved++;
        }
      }
    }
    // The weak graph had something to find (else this test would not test the join).
    expect(improved).toBeGreaterThan(n / 20);
    withCellSearch(X, {}, (_search, queries) => {
      expect(() => queries.refine({ ...start, n: n - 1 }, cap)).toThrow(/rows/);
      expect(() => queries.refine(start, -1)).toThrow(ParameterError);
    });
  });

  it('plans smaller cells and a refinement round for small inputs only', () => {
    expect(approximateGraphPlan(3_000)).toEqual({ cellSize: 500, refine: true });
    expect(approximateGraphPlan(10_000)).toEqual({ cellSize: 667, refine: true });
    expect(approximateGraphPlan(15_000)).toEqual({ cellSize: 1000, refine: false });
    expect(approximateGraphPlan(1_000_000)).toEqual({ cellSize: 1000, refine: false });
  });

  it('joins groups of near-copies into one spanning tree, the same for any thread count, close to exact', () => {
    const X = copyGroups(150, 20, 16, 8);
    const trees = [1, 2, 3].map((threads) => approximateSpanningTree(X, 5, { threads }));
    const { tree, coreDistances } = trees[0];
    for (const other of trees.slice(1)) {
      expect(other.tree.from).toEqual(tree.from);
      expect(other.tree.to).toEqual(tree.to);
      expect(other.tree.weight).toEqual(tree.weight);
    }
    expect(tree.from.length).toBe(X.rows - 1);
    const parent = Int32Array.from({ length: X.rows }, (_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
    const d = X.cols;
    for (let e = 0; e < tree.from.length; e++) {
      const a = tree.from[e],
        b = tree.to[e];
      const ra = find(a),
        rb = find(b);
      expect(ra).not.toBe(rb);
      parent[ra] = rb;
      // Every edge, the joins' included, weighs its real mutual-reachability distance.
      let dot = 0;
      for (let t = 0; t < d; t++) dot += X.data[a * d + t] * X.data[b * d + t];
      const mr = Math.max(coreDistances[a], coreDistances[b], 1 - dot);
      expect(Math.abs(tree.weight[e] - mr)).toBeLessThan(1e-6);
    }
    const exact = new HDBSCAN({ minClusterSize: 15, minSamples: 5, mode: 'exact' }).fit(X);
    const approx = new HDBSCAN({ minClusterSize: 15, minSamples: 5, mode: 'approximate' }).fit(X);
    expect(approx.nClusters).toBeGreaterThan(100);
    expect(adjustedRandIndex(approx.labels, exact.labels)).toBeGreaterThan(0.95);
  });
});
