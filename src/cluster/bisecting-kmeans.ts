/**
 * Bisecting spherical K-Means: the algorithm of scikit-learn's `BisectingKMeans`
 * with our spherical K-Means (cosine) doing each split.
 *
 * - Start with every row in one cluster; then, k − 1 times, split one leaf of
 *   the split tree in two with `KMeans({ k: 2, nInit })` on its rows: the leaf
 *   with the largest summed cosine distance to its centroid
 *   (`'biggest-inertia'`, scikit-learn's default) or the one with the most rows
 *   (`'largest-cluster'`). Ties go to the leaf met first, left to right.
 * - Each split draws its own seed from the seeded generator, so the result
 *   depends on `seed` only (and is the same for any thread count, as K-Means is).
 * - Final labels number the leaves left to right (depth first, the child
 *   K-Means labelled 0 first), as scikit-learn does.
 * - `predict` descends the split tree: at each split a row goes to the nearer
 *   (cosine) of the two children's centroids, ties to the first, as
 *   scikit-learn's `_predict_recursive`.
 * - The split tree is kept as `hierarchy.linkage`: splits in reverse order are
 *   merges; a merge's height is the inertia of the cluster it recreates, raised
 *   to the previous height when lower so that heights never decrease.
 *
 * There is no reference implementation to match bit for bit (scikit-learn has
 * no cosine variant); the tests check the contract and the split rules.
 */
import {
  createMatrix,
  InputError,
  nearestCentroid,
  Random,
  selectRows,
  validateMatrix,
  type Labels,
  type Matrix,
  checkThreads,
  validateParams,
  type ParamSpecs,
} from '../core/index.js';
import type { ClusterCapabilities, ClusterHierarchy, ClusteringResult, LinkageStep } from './contract.js';
import { KMeans } from './kmeans.js';

export type BisectingStrategy = 'biggest-inertia' | 'largest-cluster';

export interface BisectingKMeansParams {
  /** Number of clusters (default 8). */
  k?: number;
  /** K-Means restarts per split; the split with the lowest inertia wins (default 1). */
  nInit?: number;
  /** Which leaf to split next (default 'biggest-inertia'). */
  bisectingStrategy?: BisectingStrategy;
  /** Iterations per split (default 300). */
  maxIter?: number;
  /** K-Means tolerance of each split (default 1e-4). */
  tol?: number;
  seed?: number;
  threads?: number;
}

export type ResolvedBisectingKMeansParams = Required<Omit<BisectingKMeansParams, 'threads'>> & { threads?: number };

/** Bisecting K-Means' parameters, declared once (scikit-learn's defaults). */
export const BISECTING_KMEANS_PARAMS: ParamSpecs = {
  k: { type: 'integer', default: 8, min: 1, doc: 'number of clusters' },
  nInit: { type: 'integer', default: 1, min: 1, doc: 'K-Means restarts per split; the lowest inertia wins' },
  bisectingStrategy: {
    type: 'enum',
    default: 'biggest-inertia',
    values: ['biggest-inertia', 'largest-cluster'],
    doc: 'split the leaf with the largest inertia, or the one with the most rows',
  },
  maxIter: { type: 'integer', default: 300, min: 1, doc: 'K-Means iterations per split' },
  tol: { type: 'number', default: 1e-4, min: 0, doc: 'K-Means convergence threshold of each split' },
  seed: { type: 'integer', default: 0, min: 0, max: 0xffffffff, doc: 'seed of the splits' },
};

export const BISECTING_KMEANS_CAPABILITIES: ClusterCapabilities = { noise: false, predict: true, probabilities: false, hierarchy: true };

/** A node of the split tree. Leaves have no children. */
interface SplitNode {
  rows: Int32Array;
  /** Unit centroid (d), the normalised mean of its rows. */
  centroid: Float32Array;
  /** Σ cosine distance of its rows to the centroid. */
  inertia: number;
  children?: [SplitNode, SplitNode];
  /** Final label (leaves) or linkage node id (inner nodes), set after fitting. */
  id: number;
}

export class BisectingKMeans {
  readonly params: ResolvedBisectingKMeansParams;

  constructor(params: BisectingKMeansParams = {}) {
    const p = params ?? {};
    const resolved = validateParams(BISECTING_KMEANS_PARAMS, p as Record<string, unknown>, { passThrough: ['threads'] });
    this.params = { ...(resolved as Required<Omit<BisectingKMeansParams, 'threads'>>), threads: checkThreads(p.threads) };
  }

  fit(X: Matrix): BisectingKMeansResult {
    validateMatrix(X, 'X');
    const p = this.params;
    if (X.rows < p.k) throw new InputError(`Bisecting K-Means with k = ${p.k} needs at least ${p.k} rows, got ${X.rows}.`);
    const random = new Random(p.seed);
    const all = Int32Array.from({ length: X.rows }, (_, i) => i);
    const root = leafOf(X, all);
    const splits: SplitNode[] = [];
    for (let s = 1; s < p.k; s++) {
      const leaf = pickLeaf(root, p.bisectingStrategy);
      const split = new KMeans({
        k: 2,
        nInit: p.nInit,
        maxIter: p.maxIter,
        tol: p.tol,
        seed: random.nextUint32(),
        ...(p.threads === undefined ? {} : { threads: p.threads }),
      }).fit(selectRows(X, leaf.rows));
      const left: number[] = [];
      const right: number[] = [];
      leaf.rows.forEach((row, i) => (split.labels[i] === 0 ? left : right).push(row));
      // Identical rows cannot be told apart: K-Means then leaves one side empty.
      // Give it the last row so that every leaf keeps at least one.
      if (right.length === 0) right.push(left.pop()!);
      if (left.length === 0) left.push(right.shift()!);
      // The children keep the split's centroids (not their own means), as
      // scikit-learn does: `predict` then sends a training row where the split did.
      const d = X.cols;
      leaf.children = [
        leafOf(X, Int32Array.from(left), split.centroids.data.slice(0, d)),
        leafOf(X, Int32Array.from(right), split.centroids.data.slice(d, 2 * d)),
      ];
      splits.push(leaf);
    }
    return new BisectingKMeansResult(p, X.rows, root, splits);
  }
}

/** A fitted bisecting K-Means clustering. */
export class BisectingKMeansResult implements ClusteringResult {
  readonly algorithm = 'bisecting-kmeans';
  readonly capabilities = BISECTING_KMEANS_CAPABILITIES;
  readonly params: Omit<ResolvedBisectingKMeansParams, 'threads'>;
  readonly labels: Labels;
  readonly nClusters: number;
  /** nClusters × d, unit rows: the centroid of each final cluster. */
  readonly centroids: Matrix;
  /** Σ cosine distance of every row to its cluster's centroid. */
  readonly inertia: number;
  readonly hierarchy: ClusterHierarchy;
  private readonly threads: number | undefined;

  constructor(
    params: ResolvedBisectingKMeansParams,
    n: number,
    private readonly root: SplitNode,
    splits: readonly SplitNode[],
  ) {
    const { threads, ...rest } = params;
    this.params = rest;
    this.threads = threads;
    const leaves = leavesOf(root);
    this.nClusters = leaves.length;
    this.labels = new Int32Array(n);
    const d = root.centroid.length;
    this.centroids = createMatrix(leaves.length, d);
    let inertia = 0;
    leaves.forEach((leaf, label) => {
      leaf.id = label;
      for (const row of leaf.rows) this.labels[row] = label;
      this.centroids.data.set(leaf.centroid, label * d);
      inertia += leaf.inertia;
    });
    this.inertia = inertia;
    // Reverse split order: the last split is the first (lowest) merge.
    const linkage: LinkageStep[] = [];
    let height = 0;
    for (let i = splits.length - 1; i >= 0; i--) {
      const node = splits[i];
      const [a, b] = node.children!;
      height = Math.max(height, node.inertia);
      node.id = this.nClusters + linkage.length;
      linkage.push({ left: a.id, right: b.id, height, size: node.rows.length });
    }
    this.hierarchy = { linkage };
  }

  /** Cluster of each new row, by descending the split tree (nearer child centroid, cosine). */
  predict(newX: Matrix): Labels {
    validateMatrix(newX, 'newX');
    if (newX.cols !== this.centroids.cols) {
      throw new InputError(`predict: new rows have ${newX.cols} columns, the centroids ${this.centroids.cols}.`);
    }
    const out = new Int32Array(newX.rows);
    const options = this.threads === undefined ? {} : { threads: this.threads };
    const descend = (node: SplitNode, rows: Int32Array) => {
      if (rows.length === 0) return;
      if (!node.children) {
        for (const r of rows) out[r] = node.id;
        return;
      }
      const [a, b] = node.children;
      const pair = createMatrix(2, a.centroid.length);
      pair.data.set(a.centroid, 0);
      pair.data.set(b.centroid, a.centroid.length);
      const { labels } = nearestCentroid(selectRows(newX, rows), pair, options);
      const left: number[] = [];
      const right: number[] = [];
      rows.forEach((r, i) => (labels[i] === 0 ? left : right).push(r));
      descend(a, Int32Array.from(left));
      descend(b, Int32Array.from(right));
    };
    descend(
      this.root,
      Int32Array.from({ length: newX.rows }, (_, i) => i),
    );
    return out;
  }
}

/**
 * A leaf over `rows` with its unit centroid (given, or the normalised mean of
 * the rows) and inertia (Σ cosine distance to the centroid).
 */
function leafOf(X: Matrix, rows: Int32Array, given?: Float32Array): SplitNode {
  const d = X.cols;
  const sums = new Float64Array(d);
  const norms = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    let sq = 0;
    for (let t = 0; t < d; t++) sq += X.data[row * d + t] ** 2;
    norms[i] = Math.sqrt(sq);
    for (let t = 0; t < d; t++) sums[t] += X.data[row * d + t] / norms[i];
  });
  let sq = 0;
  for (let t = 0; t < d; t++) sq += sums[t] * sums[t];
  const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
  const centroid = given ?? Float32Array.from(sums, (v) => v * inv);
  let inertia = 0;
  rows.forEach((row, i) => {
    let dot = 0;
    for (let t = 0; t < d; t++) dot += X.data[row * d + t] * centroid[t];
    inertia += Math.min(2, Math.max(0, 1 - dot / norms[i]));
  });
  return { rows, centroid, inertia, id: -1 };
}

function leavesOf(root: SplitNode): SplitNode[] {
  const out: SplitNode[] = [];
  const walk = (node: SplitNode) => {
    if (!node.children) out.push(node);
    else node.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** The leaf to split next; only leaves of two rows or more can be split. */
function pickLeaf(root: SplitNode, strategy: BisectingStrategy): SplitNode {
  let best: SplitNode | undefined;
  for (const leaf of leavesOf(root)) {
    if (leaf.rows.length < 2) continue;
    const better = !best || (strategy === 'largest-cluster' ? leaf.rows.length > best.rows.length : leaf.inertia > best.inertia);
    if (better) best = leaf;
  }
  // fit() checks rows ≥ k, so a splittable leaf exists while fewer than k leaves.
  return best!;
}
