/**
 * Phase 2 of HDBSCAN: minimum spanning tree of the mutual-reachability graph
 * → single-linkage tree (scipy `linkage` layout).
 *
 * Ties matter. Mutual-reachability weights tie often (every edge leaving a
 * point within its core radius weighs exactly its core distance; duplicate
 * rows tie at 0), and the order in which tied merges happen decides the shape
 * of the binary tree, hence which side of a split is a "cluster" and which
 * points "fall out". To reproduce the reference we follow its generic path:
 *
 * 1. Prim's algorithm from row 0; the next row is the one with the smallest
 *    key, the lowest row index among equal keys. Each step is recorded as the
 *    edge (previously added row → newly added row, key) — the package stores
 *    the previous row rather than the true tree neighbour; both lie in the same
 *    component at that weight, so the hierarchy is the same, but the recorded
 *    pair decides which union-find roots a tied merge names.
 * 2. Edges sorted by weight with numpy's (unstable) default argsort, replayed
 *    exactly (see `numpyArgsort`): the order it leaves tied weights in is part
 *    of the reference's result.
 * 3. Kruskal-style merging with a union-find whose new nodes are numbered
 *    n, n + 1, … in merge order.
 */
import { mutualReachabilityMst, type ComputeOptions, type Matrix, type SpanningTree } from '../../core/index.js';
import { numpyArgsort } from './numpy-argsort.js';

/** Single-linkage tree: merge i creates node n + i from `left[i]` and `right[i]`. */
export interface SingleLinkageTree {
  /** Number of points. */
  n: number;
  left: Int32Array;
  right: Int32Array;
  /** Mutual-reachability distance of the merge. */
  distance: Float64Array;
  /** Points under the new node. */
  size: Int32Array;
}

/** Prim's sequence: row added at step e (e = 0 … n − 2) and the key it was added with. */
export interface PrimSequence {
  added: Int32Array;
  weight: Float64Array;
}

export function primSequence(X: Matrix, coreDistances: Float64Array, options: ComputeOptions = {}): PrimSequence {
  const tree = mutualReachabilityMst(X, coreDistances, options);
  // The kernel returns edges in the order Prim adds the `to` rows, starting from row 0.
  // Check the shape of that contract: an MST from another algorithm would still be a
  // valid tree but would silently change how ties are resolved.
  const seen = new Uint8Array(X.rows);
  seen[0] = 1;
  for (const r of tree.to) {
    if (seen[r]) throw new Error(`mutualReachabilityMst did not return Prim's sequence from row 0 (row ${r} added twice or first).`);
    seen[r] = 1;
  }
  return { added: tree.to, weight: tree.weight };
}

export function singleLinkage(n: number, prim: PrimSequence, order: Int32Array = numpyArgsort(prim.weight)): SingleLinkageTree {
  // Prim's edge e joins the row added at step e to the one before it; put the edges in merge order.
  const m = n - 1;
  const from = new Int32Array(m);
  const to = new Int32Array(m);
  const weight = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    const e = order[i];
    from[i] = e === 0 ? 0 : prim.added[e - 1];
    to[i] = prim.added[e];
    weight[i] = prim.weight[e];
  }
  return singleLinkageFromEdges(n, { from, to, weight });
}

/**
 * Single-linkage tree of a spanning tree whose edges are already in merge order
 * (the exact path's numpy order of Prim's edges, the approximate path's
 * (weight, from, to) order). Union-find over 2n − 1 nodes; a merge makes a
 * fresh root, as in the package.
 */
export function singleLinkageFromEdges(n: number, tree: SpanningTree): SingleLinkageTree {
  const m = n - 1;
  const left = new Int32Array(m);
  const right = new Int32Array(m);
  const distance = new Float64Array(m);
  const size = new Int32Array(m);
  const parent = new Int32Array(2 * n - 1).fill(-1);
  const count = new Int32Array(2 * n - 1);
  count.fill(1, 0, n);
  const find = (x: number): number => {
    let r = x;
    while (parent[r] !== -1) r = parent[r];
    while (parent[x] !== -1 && parent[x] !== r) {
      const next = parent[x];
      parent[x] = r;
      x = next;
    }
    return r;
  };
  for (let i = 0; i < m; i++) {
    const ra = find(tree.from[i]),
      rb = find(tree.to[i]);
    const node = n + i;
    left[i] = ra;
    right[i] = rb;
    distance[i] = tree.weight[i];
    size[i] = count[ra] + count[rb];
    count[node] = size[i];
    parent[ra] = node;
    parent[rb] = node;
  }
  return { n, left, right, distance, size };
}
