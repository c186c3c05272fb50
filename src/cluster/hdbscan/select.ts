/**
 * Phase 4 of HDBSCAN: cluster stability, flat cluster selection (excess of
 * mass or leaf, with `clusterSelectionEpsilon`, `allowSingleCluster` and
 * `maxClusterSize`) and the labelling of points.
 *
 * Follows the Python `hdbscan` package 0.8.33 step by step, including details
 * that decide near-ties: the sum of the children's stabilities is held in a
 * float32 (`cdef float` in the package) before it is compared with the parent's
 * float64 stability and written back; epsilon search visits leaves in CPython
 * set order.
 */
import type { CondensedTree } from './condense.js';
import { pythonSetOrder } from './python-set-order.js';

export type ClusterSelectionMethod = 'eom' | 'leaf';

export interface SelectionOptions {
  method: ClusterSelectionMethod;
  allowSingleCluster: boolean;
  clusterSelectionEpsilon: number;
  /** 0 = no limit. */
  maxClusterSize: number;
}

export interface Selection {
  /** Selected cluster ids (condensed-tree numbering), ascending; label i is `clusters[i]`. */
  clusters: Int32Array;
  labels: Int32Array;
  /**
   * Stability of every cluster id (index = id − nPoints) after selection: for
   * clusters that excess of mass rejected in favour of their children, the
   * children's sum (as the package leaves it).
   */
  stability: Float64Array;
}

/** Stability of each cluster: Σ over its rows of (λ_row − λ_birth) × child size. */
export function computeStability(tree: CondensedTree): Float64Array {
  const { nPoints, nClusters, parent, child, lambda, childSize } = tree;
  const birth = new Float64Array(nClusters);
  for (let r = 0; r < child.length; r++) if (child[r] >= nPoints) birth[child[r] - nPoints] = lambda[r];
  birth[0] = 0;
  const stability = new Float64Array(nClusters);
  for (let r = 0; r < parent.length; r++) {
    const p = parent[r] - nPoints;
    stability[p] += (lambda[r] - birth[p]) * childSize[r];
  }
  return stability;
}

/** Rows of the condensed tree whose child is a cluster, and the tree over clusters. */
interface ClusterTree {
  /** Cluster children of each cluster (index = id − nPoints), in row order. */
  children: number[][];
  /** Parent cluster id of each cluster (−1 for the root). */
  parentOf: Int32Array;
  /** λ at which each cluster was born (0 for the root). */
  birth: Float64Array;
  /** Size of each cluster as recorded on its row. */
  size: Int32Array;
  nRows: number;
}

function clusterTreeOf(tree: CondensedTree): ClusterTree {
  const { nPoints, nClusters } = tree;
  const children: number[][] = Array.from({ length: nClusters }, () => []);
  const parentOf = new Int32Array(nClusters).fill(-1);
  const birth = new Float64Array(nClusters);
  const size = new Int32Array(nClusters);
  let nRows = 0;
  for (let r = 0; r < tree.child.length; r++) {
    if (tree.childSize[r] <= 1) continue;
    const c = tree.child[r],
      p = tree.parent[r];
    children[p - nPoints].push(c);
    parentOf[c - nPoints] = p;
    birth[c - nPoints] = tree.lambda[r];
    size[c - nPoints] = tree.childSize[r];
    nRows++;
  }
  return { children, parentOf, birth, size, nRows };
}

/** A cluster and all clusters below it, breadth-first. */
function clustersBelow(ct: ClusterTree, nPoints: number, cluster: number): number[] {
  const out = [cluster];
  for (let h = 0; h < out.length; h++) out.push(...ct.children[out[h] - nPoints]);
  return out;
}

/** Leaves of the cluster tree in depth-first order (the package's `get_cluster_tree_leaves`). */
function leavesOf(ct: ClusterTree, nPoints: number): number[] {
  if (ct.nRows === 0) return [];
  const out: number[] = [];
  const visit = (c: number) => {
    const kids = ct.children[c - nPoints];
    if (kids.length === 0) out.push(c);
    else for (const k of kids) visit(k);
  };
  visit(nPoints);
  return out;
}

/**
 * Walk up from a leaf born below the epsilon threshold to the first ancestor
 * born above it (`traverse_upwards`); the root only with `allowSingleCluster`.
 */
function traverseUpwards(ct: ClusterTree, nPoints: number, epsilon: number, leaf: number, allowSingle: boolean): number {
  for (;;) {
    const parent = ct.parentOf[leaf - nPoints];
    if (parent === nPoints) return allowSingle ? parent : leaf;
    const parentEps = 1 / ct.birth[parent - nPoints];
    if (parentEps > epsilon) return parent;
    leaf = parent;
  }
}

function epsilonSearch(leaves: number[], ct: ClusterTree, nPoints: number, epsilon: number, allowSingle: boolean): Set<number> {
  const selected: number[] = [];
  const processed = new Set<number>();
  for (const leaf of pythonSetOrder(leaves)) {
    const eps = 1 / ct.birth[leaf - nPoints];
    if (eps < epsilon) {
      if (!processed.has(leaf)) {
        const top = traverseUpwards(ct, nPoints, epsilon, leaf, allowSingle);
        selected.push(top);
        for (const sub of clustersBelow(ct, nPoints, top)) if (sub !== top) processed.add(sub);
      }
    } else {
      selected.push(leaf);
    }
  }
  return new Set(selected);
}

export function selectClusters(tree: CondensedTree, options: SelectionOptions): Selection {
  const { nPoints, nClusters } = tree;
  const stability = computeStability(tree);
  const ct = clusterTreeOf(tree);
  const root = nPoints;

  // Candidates, highest id first (ids are a topological order: children after parents).
  const nodeList: number[] = [];
  for (let c = nPoints + nClusters - 1; c >= (options.allowSingleCluster ? root : root + 1); c--) nodeList.push(c);
  const isCluster = new Map<number, boolean>(nodeList.map((c) => [c, true]));

  const maxSize = options.maxClusterSize > 0 ? options.maxClusterSize : nPoints + 1;
  const sizeOf = (c: number): number => {
    if (c !== root) return ct.size[c - nPoints];
    let s = 0;
    for (const k of ct.children[0]) s += ct.size[k - nPoints];
    return s;
  };

  if (options.method === 'eom') {
    for (const node of nodeList) {
      let childSum = 0;
      for (const k of ct.children[node - nPoints]) childSum += stability[k - nPoints];
      const subtreeStability = Math.fround(childSum);
      if (subtreeStability > stability[node - nPoints] || sizeOf(node) > maxSize) {
        isCluster.set(node, false);
        stability[node - nPoints] = subtreeStability;
      } else {
        for (const sub of clustersBelow(ct, nPoints, node)) if (sub !== node) isCluster.set(sub, false);
      }
    }
    if (options.clusterSelectionEpsilon !== 0 && ct.nRows > 0) {
      const eomClusters = nodeList.filter((c) => isCluster.get(c));
      let selected: Set<number>;
      if (eomClusters.length === 1 && eomClusters[0] === root) {
        selected = options.allowSingleCluster ? new Set(eomClusters) : new Set();
      } else {
        selected = epsilonSearch(eomClusters, ct, nPoints, options.clusterSelectionEpsilon, options.allowSingleCluster);
      }
      for (const c of nodeList) isCluster.set(c, selected.has(c));
    }
  } else {
    const leaves = leavesOf(ct, nPoints);
    // With no split at all the package marks the root, then overwrites it with the
    // (empty) leaf set: every point is noise unless epsilon search picks something.
    const selected =
      options.clusterSelectionEpsilon !== 0
        ? epsilonSearch(leaves, ct, nPoints, options.clusterSelectionEpsilon, options.allowSingleCluster)
        : new Set(leaves);
    for (const c of nodeList) isCluster.set(c, selected.has(c));
  }

  const clusters = Int32Array.from(nodeList.filter((c) => isCluster.get(c))).sort();
  const labels = labelPoints(tree, clusters, options);
  return { clusters, labels, stability };
}

/**
 * Each point takes the label of the nearest selected cluster at or above the
 * cluster it falls out of; points whose chain reaches the root unselected are
 * noise. With the root as the single selected cluster (allowSingleCluster),
 * only points at least as dense as the root's densest direct child — or, with
 * epsilon, with λ ≥ 1/epsilon — are labelled, as in the package.
 */
function labelPoints(tree: CondensedTree, clusters: Int32Array, options: SelectionOptions): Int32Array {
  const { nPoints, nClusters, parent, child, lambda } = tree;
  const root = nPoints;
  const labelOf = new Int32Array(nClusters).fill(-1);
  clusters.forEach((c, i) => (labelOf[c - nPoints] = i));
  // Selected ancestor-or-self of every cluster (root if none); rows are parent-before-child.
  const top = new Int32Array(nClusters).fill(root);
  for (let r = 0; r < child.length; r++) {
    const c = child[r];
    if (c < nPoints) continue;
    top[c - nPoints] = labelOf[c - nPoints] >= 0 ? c : top[parent[r] - nPoints];
  }
  const singleRoot = clusters.length === 1 && options.allowSingleCluster && clusters[0] === root;
  let rootMaxLambda = -Infinity;
  if (singleRoot && options.clusterSelectionEpsilon === 0) {
    for (let r = 0; r < parent.length; r++) if (parent[r] === root && lambda[r] > rootMaxLambda) rootMaxLambda = lambda[r];
  }
  const threshold = options.clusterSelectionEpsilon !== 0 ? 1 / options.clusterSelectionEpsilon : rootMaxLambda;

  const labels = new Int32Array(nPoints).fill(-1);
  for (let r = 0; r < child.length; r++) {
    const point = child[r];
    if (point >= nPoints) continue;
    const t = top[parent[r] - nPoints];
    if (t !== root) labels[point] = labelOf[t - nPoints];
    else if (singleRoot && lambda[r] >= threshold) labels[point] = labelOf[0];
  }
  return labels;
}
