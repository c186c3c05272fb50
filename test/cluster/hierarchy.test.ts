/** Cluster hierarchies (centroid/average linkage, HDBSCAN's condensed tree) and cutting them, on known answers. */
import { describe, expect, it } from 'vitest';
import { createMatrix, fromArrays, InputError, ParameterError, type Matrix } from '../../src/core/index.js';
import { HDBSCAN, type CondensedTree } from '../../src/cluster/index.js';
import { centroidLinkage, clusterHierarchy, hdbscanLinkage, mergeLabels } from '../../src/cluster/hierarchy.js';
import type { ClusterHierarchy } from '../../src/cluster/contract.js';
import { sphericalBlobs } from './synthetic.js';

const deg = (a: number) => [Math.cos((a * Math.PI) / 180), Math.sin((a * Math.PI) / 180)];

/** Four clusters of vectors in the plane: {0°, 2°}, {10°}, {80°}, {90°, 89°}; one noise row (45°). */
function quadrants(): { X: Matrix; labels: Int32Array } {
  const X = fromArrays([deg(0), deg(2), deg(10), deg(80), deg(90), deg(89), deg(45)].map((r) => r.map((v) => v * 3)));
  return { X, labels: Int32Array.from([0, 0, 1, 2, 3, 3, -1]) };
}

/** Mean cosine distance over all pairs of rows of two groups: UPGMA's distance, by brute force. */
function meanDistance(X: Matrix, a: number[], b: number[]): number {
  const d = X.cols;
  const unit = (i: number) => {
    const r = Array.from(X.data.subarray(i * d, (i + 1) * d));
    const norm = Math.hypot(...r);
    return r.map((v) => v / norm);
  };
  let sum = 0;
  for (const i of a) for (const j of b) sum += 1 - unit(i).reduce((s, v, t) => s + v * unit(j)[t], 0);
  return sum / (a.length * b.length);
}

describe('centroidLinkage', () => {
  it('merges the closest clusters first, at the mean pairwise cosine distance', () => {
    const { X, labels } = quadrants();
    const { linkage } = centroidLinkage(X, labels, 4, { threads: 1 });
    expect(linkage.map(({ left, right, size }) => [left, right, size])).toEqual([
      [0, 1, 3],
      [2, 3, 3],
      [4, 5, 6],
    ]);
    // {0°, 2°}–{10°}: mean of 1 − cos10°, 1 − cos8°; {80°}–{90°, 89°}: 1 − cos10°, 1 − cos9° (farther).
    const cos = (a: number) => Math.cos((a * Math.PI) / 180);
    expect(linkage[0].height).toBeCloseTo((2 - cos(10) - cos(8)) / 2, 6);
    expect(linkage[1].height).toBeCloseTo((2 - cos(10) - cos(9)) / 2, 6);
    expect(linkage[2].height).toBeCloseTo(meanDistance(X, [0, 1, 2], [3, 4, 5]), 7);
  });

  it('breaks ties by the lower pair of node ids', () => {
    // East, north, west: east–north and north–west both at distance 1.
    const X = fromArrays([
      [1, 0],
      [0, 1],
      [-1, 0],
    ]);
    expect(centroidLinkage(X, Int32Array.from([0, 1, 2]), 3).linkage).toEqual([
      { left: 0, right: 1, height: 1, size: 2 },
      { left: 2, right: 3, height: 1.5, size: 3 },
    ]);
  });

  it('equals brute-force average linkage over the rows on blobs', () => {
    const { X, truth } = sphericalBlobs(300, 8, 6, { spread: 0.8, seed: 5 });
    const { linkage } = centroidLinkage(X, truth, 6, { threads: 2 });
    expect(linkage).toHaveLength(5);
    // Replay the merges with explicit row groups and check every height.
    const groups: number[][] = Array.from({ length: 6 }, (_, l) => [...truth.keys()].filter((i) => truth[i] === l));
    let previous = 0;
    for (const merge of linkage) {
      const a = groups[merge.left],
        b = groups[merge.right];
      expect(merge.height).toBeCloseTo(meanDistance(X, a, b), 7); // unit rows are f32
      expect(merge.size).toBe(a.length + b.length);
      expect(merge.height).toBeGreaterThanOrEqual(previous);
      previous = merge.height;
      // And no live pair was closer.
      const live = groups.filter((g) => g.length > 0);
      for (let p = 0; p < live.length; p++) {
        for (let q = p + 1; q < live.length; q++) expect(meanDistance(X, live[p], live[q])).toBeGreaterThanOrEqual(merge.height - 1e-7);
      }
      groups.push([...a, ...b]);
      groups[merge.left] = groups[merge.right] = [];
    }
  });

  it('rejects labels out of range and empty clusters, by name', () => {
    const { X, labels } = quadrants();
    expect(() => centroidLinkage(X, labels, 3)).toThrow(/labels\[4\] is 3/);
    expect(() => centroidLinkage(X, labels, 5)).toThrow(/Cluster 4 has no rows/);
    expect(() => centroidLinkage(X, labels.subarray(1), 4)).toThrow(InputError);
    expect(centroidLinkage(X, Int32Array.from([0, 0, 0, 0, 0, 0, -1]), 1)).toEqual({ linkage: [] });
  });
});

/**
 * A hand-made condensed tree over 12 points: root 12 splits at λ = 1 into 13 and 14;
 * 13 splits at λ = 4 into 15 and 16; 14 splits at λ = 2 into 17 and 18.
 */
function handTree(): CondensedTree {
  const rows: [number, number, number, number][] = [
    [12, 13, 1, 6],
    [12, 14, 1, 6],
    [13, 15, 4, 3],
    [13, 16, 4, 3],
    [14, 17, 2, 3],
    [14, 18, 2, 3],
  ];
  const points: [number, number, number, number][] = [15, 15, 15, 16, 16, 16, 17, 17, 17, 18, 18, 18].map((c, i) => [c, i, 8, 1]);
  const all = [...rows, ...points];
  return {
    nPoints: 12,
    nClusters: 7,
    parent: Int32Array.from(all.map((r) => r[0])),
    child: Int32Array.from(all.map((r) => r[1])),
    lambda: Float64Array.from(all.map((r) => r[2])),
    childSize: Int32Array.from(all.map((r) => r[3])),
  };
}

describe('hdbscanLinkage', () => {
  it('restricts the condensed tree to the selected clusters, heights 1/λ', () => {
    // Selected: 15, 16 and 14 (as EOM would when 14 is more stable than its children).
    const labels = Int32Array.from([0, 0, 0, 1, 1, -1, 2, 2, 2, 2, 2, 2]);
    const h = hdbscanLinkage({ labels, nClusters: 3, condensedTree: handTree(), selectedClusters: Int32Array.from([15, 16, 14]) });
    expect(h.linkage).toEqual([
      { left: 0, right: 1, height: 0.25, size: 5 },
      { left: 2, right: 3, height: 1, size: 11 },
    ]);
  });

  it('passes through tree nodes with one selected subtree', () => {
    // 18 not selected (its points noise): 14 only leads to 17.
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2, -1, -1, -1]);
    const h = hdbscanLinkage({ labels, nClusters: 3, condensedTree: handTree(), selectedClusters: Int32Array.from([16, 17, 15]) });
    expect(h.linkage).toEqual([
      { left: 0, right: 2, height: 0.25, size: 6 },
      { left: 1, right: 3, height: 1, size: 9 },
    ]);
  });

  it('joins pieces the tree leaves apart by average linkage over X (and asks for X)', () => {
    const tree = handTree();
    // Drop the root's rows: 13 and 14 become separate pieces.
    const keep = [...tree.parent.keys()].filter((e) => tree.parent[e] !== 12);
    const pruned: CondensedTree = {
      ...tree,
      parent: Int32Array.from(keep.map((e) => tree.parent[e])),
      child: Int32Array.from(keep.map((e) => tree.child[e])),
      lambda: Float64Array.from(keep.map((e) => tree.lambda[e])),
      childSize: Int32Array.from(keep.map((e) => tree.childSize[e])),
    };
    const labels = Int32Array.from([0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3]);
    const source = { labels, nClusters: 4, condensedTree: pruned, selectedClusters: Int32Array.from([15, 16, 17, 18]) };
    expect(() => hdbscanLinkage(source)).toThrow(/pass X/);
    const X = createMatrix(12, 2, Float32Array.from([0, 1, 2, 3, 4, 5, 30, 31, 32, 33, 34, 35].flatMap((a) => deg(a))));
    const h = hdbscanLinkage(source, X);
    expect(h.linkage.slice(0, 2)).toEqual([
      { left: 0, right: 1, height: 0.25, size: 6 },
      { left: 2, right: 3, height: 0.5, size: 6 },
    ]);
    expect(h.linkage[2]).toMatchObject({ left: 4, right: 5, size: 12 });
    expect(h.linkage[2].height).toBeCloseTo(Math.max(0.5, meanDistance(X, [0, 1, 2, 3, 4, 5], [6, 7, 8, 9, 10, 11])), 12);
  });

  it('gives a full, non-decreasing tree for a fitted HDBSCAN', () => {
    const { X } = sphericalBlobs(600, 16, 6, { spread: 0.6, seed: 2 });
    const result = new HDBSCAN({ minClusterSize: 20, threads: 1 }).fit(X);
    expect(result.nClusters).toBeGreaterThan(2);
    const { linkage } = hdbscanLinkage(result);
    expectFullTree(linkage, result.nClusters);
    const rowsInClusters = result.labels.filter((l) => l >= 0).length;
    expect(linkage[linkage.length - 1].size).toBe(rowsInClusters);
    // clusterHierarchy picks the condensed tree for HDBSCAN, centroid linkage for labels alone.
    expect(clusterHierarchy(result, X).linkage).toEqual(linkage);
    const plain = { labels: result.labels, nClusters: result.nClusters };
    expect(clusterHierarchy(plain, X, { threads: 1 })).toEqual(centroidLinkage(X, result.labels, result.nClusters, { threads: 1 }));
    const given = { ...plain, hierarchy: { linkage: [] } };
    expect(clusterHierarchy(given, X)).toBe(given.hierarchy);
  });
});

function expectFullTree(linkage: ClusterHierarchy['linkage'], L: number): void {
  expect(linkage).toHaveLength(L - 1);
  const used = new Set<number>();
  linkage.forEach((m, i) => {
    expect(m.left).toBeLessThan(m.right);
    expect(m.right).toBeLessThan(L + i);
    expect(used.has(m.left) || used.has(m.right)).toBe(false);
    used.add(m.left).add(m.right);
    if (i > 0) expect(m.height).toBeGreaterThanOrEqual(linkage[i - 1].height);
  });
}

describe('mergeLabels', () => {
  const hierarchy: ClusterHierarchy = {
    linkage: [
      { left: 0, right: 3, height: 0.1, size: 4 },
      { left: 1, right: 2, height: 0.2, size: 4 },
      { left: 4, right: 5, height: 0.7, size: 8 },
    ],
  };
  const labels = Int32Array.from([0, 1, 2, 3, 3, -1, 2, 1, 0]);

  it('cuts the tree to n clusters, numbered by their smallest old label', () => {
    const three = mergeLabels(labels, hierarchy, 3);
    expect(Array.from(three.mapping)).toEqual([0, 1, 2, 0]);
    expect(Array.from(three.labels)).toEqual([0, 1, 2, 0, 0, -1, 2, 1, 0]);
    expect(three.hierarchy.linkage).toEqual([
      { left: 1, right: 2, height: 0.2, size: 4 },
      { left: 0, right: 3, height: 0.7, size: 8 },
    ]);
    const two = mergeLabels(labels, hierarchy, 2);
    expect(Array.from(two.mapping)).toEqual([0, 1, 1, 0]);
    expect(two.hierarchy.linkage).toEqual([{ left: 0, right: 1, height: 0.7, size: 8 }]);
    expect(Array.from(mergeLabels(labels, hierarchy, 1).labels)).toEqual([0, 0, 0, 0, 0, -1, 0, 0, 0]);
    const same = mergeLabels(labels, hierarchy, 4);
    expect(Array.from(same.labels)).toEqual(Array.from(labels));
    expect(same.hierarchy).toEqual(hierarchy);
  });

  it('agrees with centroidLinkage + a second cut (cutting twice = cutting once)', () => {
    const { X, truth } = sphericalBlobs(400, 8, 8, { spread: 0.9, seed: 7 });
    const h = centroidLinkage(X, truth, 8, { threads: 1 });
    const five = mergeLabels(truth, h, 5);
    const thenThree = mergeLabels(five.labels, five.hierarchy, 3);
    expect(Array.from(thenThree.labels)).toEqual(Array.from(mergeLabels(truth, h, 3).labels));
  });

  it('rejects a bad n or a malformed linkage', () => {
    expect(() => mergeLabels(labels, hierarchy, 0)).toThrow(ParameterError);
    expect(() => mergeLabels(labels, hierarchy, 5)).toThrow(/\[1, 4\]/);
    expect(() => mergeLabels(Int32Array.from([4]), hierarchy, 2)).toThrow(/only 4 clusters/);
    const bad = { linkage: [{ left: 0, right: 0, height: 0, size: 2 }] };
    expect(() => mergeLabels(Int32Array.from([0, 1]), bad, 1)).toThrow(InputError);
    const reused = { linkage: [hierarchy.linkage[0], { left: 0, right: 1, height: 0.2, size: 3 }, hierarchy.linkage[2]] };
    expect(() => mergeLabels(labels, reused, 2)).toThrow(/linkage\[1\] joins node 0/);
  });
});
