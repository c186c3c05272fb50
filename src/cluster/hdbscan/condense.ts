/**
 * Phase 3 of HDBSCAN: condense the single-linkage tree with `minClusterSize`.
 *
 * Walk the hierarchy breadth-first from the root. At each merge (seen top-down
 * as a split at λ = 1 / distance):
 * - both sides ≥ minClusterSize → two new clusters are born at λ;
 * - one side smaller → its points fall out of the current cluster at λ, and the
 *   other side carries on as the same cluster;
 * - both sides smaller → all their points fall out at λ.
 * Row order and cluster numbering (root = n, then n + 1, … in the order
 * clusters are born) follow the Python package, because later phases (and
 * their tie-breaking) depend on them.
 */
import type { SingleLinkageTree } from './linkage.js';

/** Condensed tree as an edge list (the package's `_raw_tree` layout). */
export interface CondensedTree {
  /** Number of points; the root cluster is `nPoints`, other clusters follow. */
  nPoints: number;
  /** Number of clusters including the root. */
  nClusters: number;
  parent: Int32Array;
  /** A point (< nPoints) or a cluster (≥ nPoints). */
  child: Int32Array;
  /** λ = 1 / distance at which the child leaves the parent; Infinity at distance 0. */
  lambda: Float64Array;
  childSize: Int32Array;
}

export function condenseTree(tree: SingleLinkageTree, minClusterSize: number): CondensedTree {
  const n = tree.n;
  const root = 2 * n - 2;
  const sizeOf = (node: number) => (node < n ? 1 : tree.size[node - n]);
  const relabel = new Int32Array(2 * n - 1);
  relabel[root] = n;
  let nextLabel = n + 1;

  const rows = { parent: [] as number[], child: [] as number[], lambda: [] as number[], size: [] as number[] };
  const emit = (p: number, c: number, l: number, s: number) => {
    rows.parent.push(p);
    rows.child.push(c);
    rows.lambda.push(l);
    rows.size.push(s);
  };
  // Points of a (small) subtree, in breadth-first order, marked as consumed.
  const ignored = new Uint8Array(2 * n - 1);
  const subQueue: number[] = [];
  const fallOut = (start: number, cluster: number, lambda: number) => {
    subQueue.length = 0;
    subQueue.push(start);
    for (let h = 0; h < subQueue.length; h++) {
      const node = subQueue[h];
      ignored[node] = 1;
      if (node < n) emit(cluster, node, lambda, 1);
      else subQueue.push(tree.left[node - n], tree.right[node - n]);
    }
  };

  // Breadth-first over the whole hierarchy (children left then right), as the package does.
  const queue = new Int32Array(2 * n - 1);
  let head = 0,
    tail = 0;
  if (n > 1) queue[tail++] = root;
  while (head < tail) {
    const node = queue[head++];
    if (node < n) continue;
    const left = tree.left[node - n],
      right = tree.right[node - n];
    queue[tail++] = left;
    queue[tail++] = right;
    if (ignored[node]) continue;
    const d = tree.distance[node - n];
    const lambda = d > 0 ? 1 / d : Infinity;
    const leftCount = sizeOf(left),
      rightCount = sizeOf(right);
    const cluster = relabel[node];
    if (leftCount >= minClusterSize && rightCount >= minClusterSize) {
      relabel[left] = nextLabel++;
      emit(cluster, relabel[left], lambda, leftCount);
      relabel[right] = nextLabel++;
      emit(cluster, relabel[right], lambda, rightCount);
    } else if (leftCount < minClusterSize && rightCount < minClusterSize) {
      fallOut(left, cluster, lambda);
      fallOut(right, cluster, lambda);
    } else if (leftCount < minClusterSize) {
      relabel[right] = cluster;
      fallOut(left, cluster, lambda);
    } else {
      relabel[left] = cluster;
      fallOut(right, cluster, lambda);
    }
  }
  return {
    nPoints: n,
    nClusters: nextLabel - n,
    parent: Int32Array.from(rows.parent),
    child: Int32Array.from(rows.child),
    lambda: Float64Array.from(rows.lambda),
    childSize: Int32Array.from(rows.size),
  };
}
