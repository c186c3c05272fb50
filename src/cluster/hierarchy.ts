/**
 * Merge trees over the final clusters of any clusterer, and cutting them: the core
 * of BERTopic's `reduce_topics`, done on a tree instead of by re-clustering.
 *
 * A hierarchy is a scipy-style linkage: leaves 0 … L − 1 are the cluster labels;
 * merge i joins `left` and `right` (leaves or earlier merges, left < right) into
 * node L + i at `height` (non-decreasing along the list), holding `size` rows.
 *
 * - `centroidLinkage(X, labels, L)`: average cosine linkage over the rows, computed
 *   from per-cluster sums of unit rows, for any clusterer.
 * - `hdbscanLinkage(result)`: HDBSCAN's condensed tree restricted to the selected
 *   clusters, heights in mutual-reachability distance.
 * - `mergeLabels(labels, hierarchy, n)`: apply the lowest merges until n clusters
 *   are left.
 */
import {
  check,
  InputError,
  labelSums,
  normalizeRows,
  ParameterError,
  validateMatrix,
  type ComputeOptions,
  type Labels,
  type Matrix,
} from '../core/index.js';
import type { CondensedTree } from './hdbscan/index.js';
import type { ClusterHierarchy, LinkageStep } from './contract.js';

/** One merge of a linkage: the contract's `LinkageStep`. */
export type ClusterMerge = LinkageStep;

/**
 * Average linkage (UPGMA) over clusters with cosine distance: the distance of two
 * groups is the mean cosine distance over all pairs of their rows,
 * 1 − S_A·S_B / (|A|·|B|) with S the sum of a group's unit rows, so each merge
 * needs only the clusters' sums, never the rows again. Unlike centroid linkage
 * proper, heights never decrease (no inversions), which a dendrogram and a cut by
 * height need. Rows labelled < 0 (noise) are left out. Every label in
 * [0, nClusters) must have a row. Ties: the pair with the lower (smaller id,
 * larger id) merges first. O(L·d·n/… + L³) for L clusters: fine into the
 * thousands of clusters.
 */
export function centroidLinkage(X: Matrix, labels: Labels, nClusters: number, options: ComputeOptions = {}): ClusterHierarchy {
  validateMatrix(X, 'X');
  check.integer('nClusters', nClusters, 0);
  const counts = clusterSizes(labels, X.rows, nClusters);
  if (nClusters <= 1) return { linkage: [] };
  const sums = labelSums(normalizeRows(X, options), labels, nClusters, options);
  const nodes = Array.from({ length: nClusters }, (_, l) => ({ id: l, sum: sums.subarray(l * X.cols, (l + 1) * X.cols), size: counts[l] }));
  return { linkage: averageLinkage(nodes, X.cols, nClusters, 0) };
}

interface LinkageNode {
  /** Node id in the linkage (leaf label, or L + merge index). */
  id: number;
  /** Sum of the node's unit rows. */
  sum: Float64Array;
  size: number;
}

/**
 * Merges `nodes` (the roots of a forest) pairwise until one is left. New nodes get
 * ids from `nextId` on; heights are at least `floor` (so that joining the roots of
 * an existing tree keeps the list non-decreasing).
 */
function averageLinkage(nodes: LinkageNode[], d: number, nextId: number, floor: number): ClusterMerge[] {
  const m = nodes.length;
  // Slots hold the live nodes; dot[a·m + b] = S_a·S_b.
  const dot = new Float64Array(m * m);
  for (let a = 0; a < m; a++) {
    for (let b = a; b < m; b++) {
      let s = 0;
      for (let t = 0; t < d; t++) s += nodes[a].sum[t] * nodes[b].sum[t];
      dot[a * m + b] = dot[b * m + a] = s;
    }
  }
  const id = nodes.map((node) => node.id);
  const size = nodes.map((node) => node.size);
  const alive = new Uint8Array(m).fill(1);
  const merges: ClusterMerge[] = [];
  let previous = floor;
  for (let step = 0; step < m - 1; step++) {
    let bestA = -1,
      bestB = -1,
      best = Infinity;
    for (let a = 0; a < m; a++) {
      if (!alive[a]) continue;
      for (let b = a + 1; b < m; b++) {
        if (!alive[b]) continue;
        const dist = 1 - dot[a * m + b] / (size[a] * size[b]);
        if (dist < best || (dist === best && pairBefore(id[a], id[b], id[bestA], id[bestB]))) {
          best = dist;
          bestA = a;
          bestB = b;
        }
      }
    }
    // Rounding may put a height a hair below the previous one; UPGMA's never is.
    const height = Math.min(2, Math.max(previous, best));
    previous = height;
    merges.push({ left: Math.min(id[bestA], id[bestB]), right: Math.max(id[bestA], id[bestB]), height, size: size[bestA] + size[bestB] });
    // The merged node takes slot bestA: S = S_a + S_b, so its dot products add.
    for (let c = 0; c < m; c++) {
      if (!alive[c] || c === bestA || c === bestB) continue;
      dot[bestA * m + c] = dot[c * m + bestA] = dot[bestA * m + c] + dot[bestB * m + c];
    }
    dot[bestA * m + bestA] += 2 * dot[bestA * m + bestB] + dot[bestB * m + bestB];
    size[bestA] += size[bestB];
    id[bestA] = nextId++;
    alive[bestB] = 0;
  }
  return merges;
}

function pairBefore(a: number, b: number, bestA: number, bestB: number): boolean {
  const lo = Math.min(a, b),
    hi = Math.max(a, b);
  const bestLo = Math.min(bestA, bestB),
    bestHi = Math.max(bestA, bestB);
  return lo < bestLo || (lo === bestLo && hi < bestHi);
}

/** Rows per label; throws when a label is out of range or a cluster has no row. */
function clusterSizes(labels: Labels, n: number, nClusters: number): Int32Array {
  if (!(labels instanceof Int32Array) || labels.length !== n) {
    throw new InputError(`labels must be an Int32Array of ${n} values (one per row of X).`);
  }
  const counts = new Int32Array(nClusters);
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l >= nClusters) throw new InputError(`labels[${i}] is ${l}, expected < nClusters = ${nClusters} (or < 0 for noise).`, i);
    if (l >= 0) counts[l]++;
  }
  const empty = counts.indexOf(0);
  if (empty >= 0) throw new InputError(`Cluster ${empty} has no rows: every label in [0, ${nClusters}) must be used.`);
  return counts;
}

/** What `hdbscanLinkage` reads of an HDBSCAN result (HDBSCANResult has all of it). */
export interface HDBSCANHierarchySource {
  readonly labels: Labels;
  readonly nClusters: number;
  readonly condensedTree: CondensedTree;
  /** Condensed-tree id of the cluster behind each label. */
  readonly selectedClusters: Int32Array;
}

/**
 * The condensed tree's cluster splits restricted to the selected clusters: a tree
 * node whose subtrees both hold selected clusters becomes a merge, at the
 * mutual-reachability distance 1/λ where it splits (0 for λ = ∞ or MAX_VALUE,
 * i.e. duplicates); nodes with one such subtree are passed through. Merges are
 * listed by height, ties deeper node (higher condensed id) first, so children
 * always come before their parent. `size` counts the rows labelled in the merged
 * clusters (noise excluded), as centroidLinkage does.
 *
 * If the tree leaves the selected clusters in several pieces (it does not for a
 * tree that HDBSCAN built: all clusters descend from the root; a pruned or
 * hand-made tree can), the pieces are joined by average cosine linkage over X,
 * above the tree's highest merge; X is then required.
 */
export function hdbscanLinkage(result: HDBSCANHierarchySource, X?: Matrix): ClusterHierarchy {
  const { condensedTree: tree, selectedClusters, nClusters, labels } = result;
  const L = nClusters;
  if (!(selectedClusters instanceof Int32Array) || selectedClusters.length !== L) {
    throw new InputError(`selectedClusters must hold one condensed-tree id per cluster (${L}).`);
  }
  const counts = clusterSizes(labels, labels.length, L);
  if (L <= 1) return { linkage: [] };

  // Cluster → parent cluster, and the λ at which it was born (= its parent's split).
  const parentOf = new Map<number, number>();
  const bornAt = new Map<number, number>();
  for (let e = 0; e < tree.parent.length; e++) {
    if (tree.child[e] < tree.nPoints) continue;
    parentOf.set(tree.child[e], tree.parent[e]);
    bornAt.set(tree.child[e], tree.lambda[e]);
  }
  // Relevant children of every ancestor of a selected cluster.
  const childrenOf = new Map<number, number[]>();
  const labelOf = new Map<number, number>();
  selectedClusters.forEach((c, label) => {
    if (labelOf.has(c)) throw new InputError(`selectedClusters lists condensed-tree cluster ${c} twice.`);
    labelOf.set(c, label);
  });
  for (const start of selectedClusters) {
    let node = start;
    for (let parent = parentOf.get(node); parent !== undefined; node = parent, parent = parentOf.get(node)) {
      if (labelOf.has(parent)) throw new InputError(`Selected cluster ${start} lies inside selected cluster ${parent}.`);
      const list = childrenOf.get(parent) ?? [];
      if (list.includes(node)) break; // the rest of the path is already recorded
      list.push(node);
      childrenOf.set(parent, list);
    }
  }
  const splits = [...childrenOf.entries()].filter(([, children]) => children.length >= 2);
  const heightOf = (node: number): number => {
    const lambda = bornAt.get(childrenOf.get(node)![0])!;
    return lambda >= Number.MAX_VALUE || lambda === Infinity ? 0 : 1 / lambda;
  };
  splits.sort((p, q) => heightOf(p[0]) - heightOf(q[0]) || q[0] - p[0]);

  // Linkage id of the subtree under a condensed node (through pass-through nodes).
  const linkageId = new Map<number, number>();
  const sizeOf = new Map<number, number>();
  selectedClusters.forEach((c, label) => {
    linkageId.set(c, label);
    sizeOf.set(c, counts[label]);
  });
  const resolve = (node: number): number => {
    let at = node;
    while (!linkageId.has(at)) {
      const children = childrenOf.get(at);
      if (!children || children.length !== 1) throw new Error(`hdbscanLinkage: condensed node ${at} reached before its children`);
      at = children[0];
    }
    return at;
  };
  const linkage: ClusterMerge[] = [];
  for (const [node, children] of splits) {
    if (children.length > 2)
      throw new InputError(`Condensed-tree cluster ${node} splits into ${children.length} clusters; a linkage is binary.`);
    const [a, b] = children.map(resolve);
    const ia = linkageId.get(a)!,
      ib = linkageId.get(b)!;
    const size = sizeOf.get(a)! + sizeOf.get(b)!;
    const height = Math.max(heightOf(node), linkage.length > 0 ? linkage[linkage.length - 1].height : 0);
    linkage.push({ left: Math.min(ia, ib), right: Math.max(ia, ib), height, size });
    linkageId.set(node, L + linkage.length - 1);
    sizeOf.set(node, size);
  }
  if (linkage.length === L - 1) return { linkage };

  // Pieces the tree does not connect: join their roots by average linkage over X.
  if (!X)
    throw new InputError(`The condensed tree does not connect all ${L} selected clusters; pass X to join the rest by average linkage.`);
  validateMatrix(X, 'X');
  if (X.rows !== labels.length) throw new InputError(`X has ${X.rows} rows, labels has ${labels.length}.`);
  // Each label's piece is named by the last merge above it (or the label itself).
  const up = new Int32Array(L + linkage.length).fill(-1);
  linkage.forEach((merge, i) => {
    up[merge.left] = up[merge.right] = L + i;
  });
  const rootOfLabel = new Int32Array(L);
  const roots: number[] = [];
  for (let label = 0; label < L; label++) {
    let node = label;
    while (up[node] >= 0) node = up[node];
    rootOfLabel[label] = node;
    if (!roots.includes(node)) roots.push(node);
  }
  roots.sort((p, q) => p - q);
  const d = X.cols;
  const sums = labelSums(normalizeRows(X), labels, L);
  const nodes = roots.map((root) => ({ id: root, sum: new Float64Array(d), size: 0 }));
  for (let label = 0; label < L; label++) {
    const node = nodes[roots.indexOf(rootOfLabel[label])];
    for (let t = 0; t < d; t++) node.sum[t] += sums[label * d + t];
    node.size += counts[label];
  }
  const top = linkage.length > 0 ? linkage[linkage.length - 1].height : 0;
  return { linkage: [...linkage, ...averageLinkage(nodes, d, L + linkage.length, top)] };
}

/**
 * The hierarchy of any clustering result: HDBSCAN's condensed tree when the result
 * has one (`condensedTree` and `selectedClusters`), otherwise average cosine
 * linkage over X. Bisecting K-Means' split tree, where a result carries its own
 * `hierarchy`, is returned as it is.
 */
export function clusterHierarchy(
  result: { readonly labels: Labels; readonly nClusters: number; readonly hierarchy?: ClusterHierarchy } & Partial<
    Pick<HDBSCANHierarchySource, 'condensedTree' | 'selectedClusters'>
  >,
  X: Matrix,
  options: ComputeOptions = {},
): ClusterHierarchy {
  if (result.hierarchy) return result.hierarchy;
  if (result.condensedTree && result.selectedClusters) {
    return hdbscanLinkage({ ...result, condensedTree: result.condensedTree, selectedClusters: result.selectedClusters }, X);
  }
  return centroidLinkage(X, result.labels, result.nClusters, options);
}

/** Labels after a cut of the hierarchy. */
export interface MergedLabels {
  /** New label of every row (−1 stays −1): 0 … n − 1, numbered by their smallest old label. */
  labels: Labels;
  /** New label of every old label. */
  mapping: Int32Array;
  /** The merges above the cut, over the new labels: the hierarchy of the merged clustering. */
  hierarchy: ClusterHierarchy;
}

/**
 * Cut `hierarchy` (a full linkage over L = linkage.length + 1 clusters) to `n`
 * clusters: apply its first L − n merges, i.e. merge the closest groups first
 * (ties in list order). n in [1, L].
 */
export function mergeLabels(labels: Labels, hierarchy: ClusterHierarchy, n: number): MergedLabels {
  const linkage = hierarchy?.linkage;
  if (!Array.isArray(linkage)) throw new InputError('hierarchy must be { linkage: [{ left, right, height, size }, …] }.');
  const L = linkage.length + 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > L)
    throw new ParameterError('n', n, `an integer in [1, ${L}] (the hierarchy has ${L} clusters)`);
  if (!(labels instanceof Int32Array)) throw new InputError('labels must be an Int32Array.');
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] >= L) throw new InputError(`labels[${i}] is ${labels[i]}, but the hierarchy has only ${L} clusters.`, i);
  }
  // Group of every node: leaves are their own; a merge's group is its children's union.
  const parent = Int32Array.from({ length: 2 * L - 1 }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  const used = new Uint8Array(2 * L - 1);
  linkage.forEach((merge, i) => {
    for (const child of [merge.left, merge.right]) {
      if (!Number.isInteger(child) || child < 0 || child >= L + i || used[child]) {
        throw new InputError(`hierarchy.linkage[${i}] joins node ${child}, which is not an unmerged node before it.`, i);
      }
      used[child] = 1;
    }
    if (merge.left === merge.right) throw new InputError(`hierarchy.linkage[${i}] joins node ${merge.left} with itself.`, i);
  });
  const applied = L - n;
  for (let i = 0; i < applied; i++) {
    const { left, right } = linkage[i];
    parent[find(left)] = L + i;
    parent[find(right)] = L + i;
  }
  // New labels, numbered by the smallest old label of each group.
  const newOfRoot = new Map<number, number>();
  const mapping = new Int32Array(L);
  for (let l = 0; l < L; l++) {
    const root = find(l);
    if (!newOfRoot.has(root)) newOfRoot.set(root, newOfRoot.size);
    mapping[l] = newOfRoot.get(root)!;
  }
  const merged = labels.map((l) => (l < 0 ? l : mapping[l]));
  const above = linkage.slice(applied).map((merge) => {
    const relabel = (node: number): number => (node < L + applied ? newOfRoot.get(find(node))! : n + (node - L - applied));
    const a = relabel(merge.left),
      b = relabel(merge.right);
    return { left: Math.min(a, b), right: Math.max(a, b), height: merge.height, size: merge.size };
  });
  return { labels: merged, mapping, hierarchy: { linkage: above } };
}
