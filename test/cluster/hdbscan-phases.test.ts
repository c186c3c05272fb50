/** The reference-replaying pieces of HDBSCAN, each against values produced by numpy / CPython. */
import { describe, expect, it } from 'vitest';
import { heapArgsort, numpyArgsort } from '../../src/cluster/hdbscan/numpy-argsort.js';
import { pythonSetOrder } from '../../src/cluster/hdbscan/python-set-order.js';
import {
  fusedMultiplyAdd,
  fusedMultiplyAddExact,
  fusedMultiplyAddQuick,
  referenceDuplicateDistance,
} from '../../src/cluster/hdbscan/duplicate-distance.js';
import { readFileSync } from 'node:fs';
import { Random } from '../../src/core/random.js';
import { singleLinkage } from '../../src/cluster/hdbscan/linkage.js';
import { condenseTree } from '../../src/cluster/hdbscan/condense.js';
import { computeStability, selectClusters } from '../../src/cluster/hdbscan/select.js';

describe('numpyArgsort', () => {
  it('orders ties exactly as numpy 2.x argsort (portable quicksort path)', () => {
    // numpy: np.argsort(w) with NPY_DISABLE_CPU_FEATURES="X86_V4 AVX512_ICL X86_V3".
    const w = [4, 0, 0, 1, 0, 4, 4, 2, 0, 0, 1, 2, 3, 2, 1, 0, 3, 3, 0, 0, 2, 1, 4, 2, 2, 2, 3, 2, 0, 3, 3, 4, 3, 1, 1, 3, 3, 3, 4, 1];
    const numpy = [
      19, 1, 2, 4, 28, 8, 9, 18, 15, 34, 33, 21, 14, 39, 10, 3, 11, 20, 7, 23, 24, 25, 13, 27, 12, 37, 36, 35, 32, 30, 26, 17, 16, 29, 31,
      6, 5, 22, 38, 0,
    ];
    expect(Array.from(numpyArgsort(w))).toEqual(numpy);
  });
  it('has a working heapsort fallback (the depth-limit path of numpy)', () => {
    // numpy no longer exposes its heapsort (kind='heapsort' runs the quicksort), so check the contract.
    const w = Float64Array.from({ length: 300 }, (_, i) => (i * 37) % 11);
    const order = Int32Array.from(w.keys());
    heapArgsort(w, order, 0, w.length);
    for (let i = 1; i < order.length; i++) expect(w[order[i - 1]] <= w[order[i]]).toBe(true);
    expect(new Set(order).size).toBe(300);
  });
  it('sorts large inputs', () => {
    const w = Float64Array.from({ length: 5000 }, (_, i) => (i * 7919) % 1009);
    const order = numpyArgsort(w);
    for (let i = 1; i < order.length; i++) expect(w[order[i - 1]] <= w[order[i]]).toBe(true);
    expect(new Set(order).size).toBe(5000);
  });
});

describe('pythonSetOrder', () => {
  it('iterates like CPython 3.11 list(set(values))', () => {
    expect(pythonSetOrder([3005, 3040, 3001, 3017])).toEqual([3040, 3001, 3017, 3005]);
    expect(pythonSetOrder([2013, 2012, 2008, 2016, 2018, 2020, 2005, 2006, 2002, 2014, 2021, 2022])).toEqual([
      2016, 2018, 2020, 2021, 2022, 2002, 2005, 2006, 2008, 2012, 2013, 2014,
    ]);
    const desc = Array.from({ length: 15 }, (_, i) => 3100 - 7 * i);
    expect(pythonSetOrder(desc)).toEqual([3072, 3009, 3044, 3079, 3016, 3051, 3086, 3023, 3058, 3093, 3030, 3065, 3002, 3100, 3037]);
  });
});

describe('fusedMultiplyAdd', () => {
  it('rounds once', () => {
    // (1 + 2^-30)(1 − 2^-30) − 1 = −2^-60 exactly; a separate multiply would round it to 0.
    expect(fusedMultiplyAdd(1 + 2 ** -30, 1 - 2 ** -30, -1)).toBe(-(2 ** -60));
    expect((1 + 2 ** -30) * (1 - 2 ** -30) - 1).toBe(0);
    expect(fusedMultiplyAdd(3, 4, 5)).toBe(17);
    expect(fusedMultiplyAdd(0.5, 0, 0.25)).toBe(0.25);
  });

  // The double-arithmetic path must give the BigInt path's value bit for bit, or decline.
  const agree = (a: number, b: number, c: number) => {
    const quick = fusedMultiplyAddQuick(a, b, c);
    const exact = fusedMultiplyAddExact(a, b, c);
    if (!Number.isNaN(quick)) expect(Object.is(quick, exact), `fma(${a}, ${b}, ${c}): ${quick} vs ${exact}`).toBe(true);
    expect(Object.is(fusedMultiplyAdd(a, b, c), exact)).toBe(true);
    return !Number.isNaN(quick);
  };

  it('decides in double arithmetic exactly as BigInt does, and declines near ties of inexact products', () => {
    const rng = new Random(7);
    let decided = 0;
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const a = (rng.next() * 2 - 1) * 2 ** Math.floor(rng.next() * 40 - 20);
      const b = rng.next() < 0.5 ? a : (rng.next() * 2 - 1) * 2 ** Math.floor(rng.next() * 40 - 20);
      // An addend of the product's sign, from far below it to far above it.
      const c = Math.sign(a * b) * Math.abs(a * b) * 2 ** (rng.next() * 120 - 60) * rng.next();
      if (agree(a, b, c)) decided++;
      agree(a, b, -c); // opposite signs: always the BigInt path
    }
    expect(decided).toBeGreaterThan(0.98 * n);
    // Exact ties: c's spacing is 2^(k − 52), the product exactly an odd multiple of half of it. The
    // product is exact (e = 0), so the sum's own rounding (ties to even) is the answer.
    // Inexact products within 2^-44 of such a tie: declined.
    for (let i = 0; i < 2_000; i++) {
      const k = Math.floor(rng.next() * 20 - 10);
      const c = (1 + (1 + Math.floor(rng.next() * (2 ** 20 - 1))) * 2 ** -20) * 2 ** k;
      const odd = 2 * Math.floor(rng.next() * 8) + 1;
      expect(agree(odd * 2 ** (k - 53), 1, c)).toBe(true);
      expect(agree(-odd * 2 ** (k - 53), 1, -c)).toBe(true);
      expect(agree(1 + 2 ** -45, 2 ** (k - 53) * (1 + 2 ** -45), c)).toBe(false);
      agree(odd * 2 ** (k - 53) * (1 + 2 ** -30), 1 + 2 ** -30, c);
    }
    // Sums just below 1, where r's low word is all ones and its neighbour above carries into the
    // high word; inexact squares, so that t + e moves the result off r.
    for (let i = 0; i < 20_000; i++) {
      const x = Math.sqrt(rng.next() * 4 * 2 ** -53);
      agree(x, x, 1 - (1 + Math.floor(rng.next() * 4)) * 2 ** -53);
    }
    // Out of range, powers of two and zero.
    for (const [a, b, c] of [
      [2 ** 500, 2 ** -300, 1],
      [2 ** -460, 3, 1],
      [0.75, 0.75, 2 ** 901],
      [0.5, 0.5, 0.75],
      [1, 1, 1],
      [3, 0, -0],
    ])
      agree(a, b, c);
  });

  it('agrees along the accumulation of real rows (the duplicate distance), deciding nearly every term', () => {
    const d = 128;
    const buf = readFileSync(new URL('../fixtures/jd-real-3k.f32', import.meta.url));
    const rows = new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
    let decided = 0;
    let terms = 0;
    for (let i = 0; i < 300; i++) {
      const row = rows.subarray(i * d, (i + 1) * d);
      let sum = 0;
      for (const x of row) sum += x * x;
      const norm = Math.sqrt(sum);
      let dot = 0;
      for (const v of row) {
        const x = v / norm;
        if (x !== 0 && agree(x, x, dot)) decided++;
        terms++;
        dot = fusedMultiplyAddExact(x, x, dot);
      }
      expect(referenceDuplicateDistance(row)).toBeLessThan(1e-14);
    }
    expect(decided).toBeGreaterThan(0.95 * terms);
  });
});

describe('tree phases on a hand-made hierarchy', () => {
  // Two tight groups of 4 (rows 0–3 at 0.1, rows 4–7 at 0.2) joined at 1.0, and an outlier 8 at 2.0.
  const added = Int32Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
  const weight = Float64Array.from([0.1, 0.1, 0.1, 1.0, 0.2, 0.2, 0.2, 2.0]);
  const linkage = singleLinkage(9, { added, weight });

  it('builds the single-linkage tree in weight order', () => {
    expect(Array.from(linkage.distance)).toEqual([0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 1, 2]);
    expect(Array.from(linkage.size)).toEqual([2, 3, 4, 2, 3, 4, 8, 9]);
  });

  it('condenses, scores stability and selects both groups with EOM', () => {
    const tree = condenseTree(linkage, 3);
    // Root 9: point 8 leaves at λ = 0.5, then the root splits into clusters 10 and 11 at λ = 1.
    expect(Array.from(tree.parent.slice(0, 3))).toEqual([9, 9, 9]);
    expect(Array.from(tree.child.slice(0, 3))).toEqual([8, 10, 11]);
    const stability = computeStability(tree);
    // Cluster of rows 0–3: 4 points × (10 − 1); rows 4–7: 4 × (5 − 1).
    expect(stability[1]).toBeCloseTo(36, 12);
    expect(stability[2]).toBeCloseTo(16, 12);
    const selection = selectClusters(tree, { method: 'eom', allowSingleCluster: false, clusterSelectionEpsilon: 0, maxClusterSize: 0 });
    expect(Array.from(selection.labels)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, -1]);
    // maxClusterSize 3 forbids both groups: nothing is left to select.
    const capped = selectClusters(tree, { method: 'eom', allowSingleCluster: false, clusterSelectionEpsilon: 0, maxClusterSize: 3 });
    expect(Array.from(capped.labels).every((l) => l === -1)).toBe(true);
    // An epsilon larger than the split distance merges the groups back into the root (allowed single).
    const merged = selectClusters(tree, { method: 'eom', allowSingleCluster: true, clusterSelectionEpsilon: 1.5, maxClusterSize: 0 });
    expect(merged.clusters.length).toBe(1);
  });
});
