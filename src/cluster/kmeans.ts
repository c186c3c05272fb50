/**
 * Spherical K-Means: K-Means on the unit sphere with cosine distance.
 *
 * - Seeding: greedy k-means++ under cosine distance (scikit-learn's variant:
 *   2 + ⌊ln k⌋ candidates per step, keep the one that lowers the potential most),
 *   from the seeded generator.
 * - Lloyd iterations: assign each row to the nearest centroid (compute core
 *   `nearestCentroid`), then set each centroid to the L2-normalised mean of its
 *   rows. An emptied cluster is re-seeded with the row farthest from its
 *   centroid. Stops when no label changes or the total squared centroid
 *   shift is ≤ tol × mean per-feature variance of the (normalised) data, as in
 *   scikit-learn. Hamerly's bounds skip the rows whose label cannot change; the
 *   result is plain Lloyd's, step for step (`algorithm: 'lloyd'` runs that).
 * - `nInit` restarts; the run with the lowest inertia wins.
 * - Inertia = Σ cosine distance of each row to its centroid.
 * - Mini-batch mode (`batchSize` > 0): each step draws a batch, assigns it and
 *   moves centroids towards the batch means with per-centroid learning rate
 *   1/count (Sculley 2010), then renormalises; stops after `maxIter` steps or
 *   when a step moves the centroids by no more than that tolerance; final
 *   labels and inertia come from a full assignment.
 */
import {
  createMatrix,
  InputError,
  nearestCentroid,
  normalizeRows,
  Random,
  validateMatrix,
  withRowSet,
  type ComputeOptions,
  type RowSet,
  type Labels,
  type Matrix,
  checkThreads,
  validateParams,
  type ParamSpecs,
} from '../core/index.js';
import { withoutThreads, type ClusterCapabilities, type ClusteringResult } from './contract.js';

/** K-Means' parameters, declared once (scikit-learn's defaults). */
export const KMEANS_PARAMS: ParamSpecs = {
  k: { type: 'integer', default: 8, min: 1, doc: 'number of clusters' },
  nInit: { type: 'integer', default: 1, min: 1, doc: 'restarts with different seeds; the lowest inertia wins' },
  maxIter: { type: 'integer', default: undefined, min: 1, doc: 'iterations per run (default 300; mini-batch: steps, default 100)' },
  tol: { type: 'number', default: 1e-4, min: 0, doc: 'convergence threshold on the centroid shift, relative to the feature variance' },
  seed: { type: 'integer', default: 0, min: 0, max: 0xffffffff, doc: 'seed of k-means++ and the mini-batches' },
  batchSize: { type: 'integer', default: 0, min: 0, doc: '> 0: mini-batch mode with batches of this many rows' },
  algorithm: { type: 'enum', default: 'hamerly', values: ['hamerly', 'lloyd'], doc: "'hamerly' (bounds) or 'lloyd'; same results" },
};

export const KMEANS_CAPABILITIES: ClusterCapabilities = { noise: false, predict: true, probabilities: false, hierarchy: false };

export interface KMeansParams {
  /** Number of clusters (default 8). */
  k?: number;
  /** Restarts with different seeds (default 1). */
  nInit?: number;
  /** Iterations per run (mini-batch: steps) (default 300; mini-batch 100). */
  maxIter?: number;
  /** Convergence threshold on the total squared centroid shift, relative to the mean feature variance (default 1e-4). */
  tol?: number;
  seed?: number;
  /** > 0: mini-batch mode with batches of this many rows (default 0: full batch). */
  batchSize?: number;
  /**
   * Full-batch iterations: 'hamerly' (default) skips rows whose label provably
   * cannot change; 'lloyd' recomputes every row. Same results, step for step.
   */
  algorithm?: 'hamerly' | 'lloyd';
  threads?: number;
}

export type ResolvedKMeansParams = Required<Omit<KMeansParams, 'threads'>> & { threads?: number };

export interface KMeansResult extends ClusteringResult {
  readonly algorithm: 'kmeans';
  /** Resolved parameters, without `threads`. */
  readonly params: Omit<ResolvedKMeansParams, 'threads'>;
  readonly labels: Labels;
  readonly nClusters: number;
  /** k × d, rows L2-normalised. */
  readonly centroids: Matrix;
  /** Σ cosine distance of every row to its centroid. */
  readonly inertia: number;
  /** Iterations (or mini-batch steps) of the winning run. */
  readonly nIter: number;
  /** Nearest centroid of each new row (cosine). */
  predict(newX: Matrix): Labels;
}

export class KMeans {
  readonly params: ResolvedKMeansParams;

  constructor(params: KMeansParams = {}) {
    const p = params ?? {};
    const resolved = validateParams(KMEANS_PARAMS, p as Record<string, unknown>, { passThrough: ['threads'] });
    // scikit-learn's MiniBatchKMeans defaults to fewer steps than KMeans iterations.
    resolved.maxIter ??= (resolved.batchSize as number) > 0 ? 100 : 300;
    this.params = { ...(resolved as Required<Omit<KMeansParams, 'threads'>>), threads: checkThreads(p.threads) };
  }

  fit(X: Matrix): KMeansResult {
    const p = this.params;
    const options: ComputeOptions = p.threads === undefined ? {} : { threads: p.threads };
    const random = new Random(p.seed);
    let best: { centroids: Matrix; labels: Labels; inertia: number; nIter: number } | undefined;
    // X is validated, normalised and kept in the compute core for the whole fit.
    withRowSet(X, { ...options, normalize: true }, (set) => {
      if (X.rows < p.k) throw new InputError(`K-Means with k = ${p.k} needs at least ${p.k} rows, got ${X.rows}.`);
      for (let run = 0; run < p.nInit; run++) {
        const seeds = seedPlusPlus(set, p.k, random);
        const fitted =
          p.batchSize > 0 ? miniBatch(set, seeds, p, random) : p.algorithm === 'lloyd' ? lloyd(set, seeds, p) : hamerly(set, seeds, p);
        if (!best || fitted.inertia < best.inertia) best = fitted;
      }
    });
    const { centroids, labels, inertia, nIter } = best!;
    return {
      algorithm: 'kmeans',
      capabilities: KMEANS_CAPABILITIES,
      params: withoutThreads(p),
      labels,
      nClusters: p.k,
      centroids,
      inertia,
      nIter,
      predict(newX: Matrix): Labels {
        validateMatrix(newX, 'newX');
        if (newX.cols !== centroids.cols) {
          throw new InputError(`predict: new rows have ${newX.cols} columns, the centroids ${centroids.cols}.`);
        }
        return nearestCentroid(newX, centroids, options).labels;
      },
    };
  }
}

/** Greedy k-means++ under cosine distance on unit rows. */
export function kMeansPlusPlus(X: Matrix, k: number, random: Random, options: ComputeOptions = {}): Matrix {
  return withRowSet(X, options, (set) => seedPlusPlus(set, k, random));
}

function seedPlusPlus(set: RowSet, k: number, random: Random): Matrix {
  const { rows: n, cols: d, data } = set.X;
  const centroids = createMatrix(k, d);
  const trials = 2 + Math.floor(Math.log(k));
  const candidates = new Int32Array(trials);
  const candidateDist = new Float64Array(trials * n);
  const first = random.int(n);
  centroids.data.set(data.subarray(first * d, (first + 1) * d), 0);
  // One pass of the compute core over X serves all candidates of a step.
  const closest = set.distancesToRows([first]);
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i];
  for (let c = 1; c < k; c++) {
    // Sample candidates proportionally to the current distance to the nearest centre.
    for (let t = 0; t < trials; t++) {
      let r = random.next() * potential,
        cand = n - 1;
      for (let i = 0; i < n; i++) {
        r -= closest[i];
        if (r < 0) {
          cand = i;
          break;
        }
      }
      candidates[t] = cand;
    }
    set.distancesToRows(candidates, candidateDist);
    // Keep the candidate that lowers the potential most.
    let best = 0,
      bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const v = candidateDist[t * n + i];
        pot += v < closest[i] ? v : closest[i];
      }
      if (pot < bestPotential) {
        bestPotential = pot;
        best = t;
      }
    }
    for (let i = 0; i < n; i++) {
      const v = candidateDist[best * n + i];
      if (v < closest[i]) closest[i] = v;
    }
    potential = bestPotential;
    centroids.data.set(data.subarray(candidates[best] * d, (candidates[best] + 1) * d), c * d);
  }
  return centroids;
}

/**
 * Column sums (f64) and sizes of the clusters. They start as the row-order sums
 * of the compute core and then follow the rows that change cluster, so that an
 * iteration costs d per moved row instead of n·d; the rounding of these updates
 * is far below the f32 rounding of the centroids. Lloyd and Hamerly move the
 * same rows in the same (row) order, so they keep the same sums.
 */
class ClusterSums {
  readonly sums: Float64Array;
  readonly counts: Int32Array;
  private readonly X: Matrix;

  constructor(set: RowSet, labels: Labels, k: number) {
    this.X = set.X;
    this.sums = set.labelSums(labels, k);
    this.counts = new Int32Array(k);
    for (let i = 0; i < labels.length; i++) this.counts[labels[i]]++;
  }

  /** Row i leaves cluster `from` for cluster `to`. */
  move(i: number, from: number, to: number): void {
    const { cols: d, data } = this.X;
    const row = i * d,
      a = from * d,
      b = to * d;
    for (let t = 0; t < d; t++) {
      this.sums[a + t] -= data[row + t];
      this.sums[b + t] += data[row + t];
    }
    this.counts[from]--;
    this.counts[to]++;
  }
}

/**
 * Centroid c ← normalised mean of its rows; returns the squared shift. An empty
 * cluster is re-seeded with the row farthest from its centroid; `distancesOf`
 * (each row's distance to its centroid) is called only then.
 */
function updateCentroids(X: Matrix, clusters: ClusterSums, centroids: Matrix, distancesOf: () => Float64Array): number {
  const { rows: n, cols: d, data } = X;
  const k = centroids.rows;
  const { sums, counts } = clusters;
  const taken = new Set<number>();
  let distances: Float64Array | undefined;
  let shift = 0;
  for (let c = 0; c < k; c++) {
    let source: ArrayLike<number> = sums,
      from = c * d;
    if (counts[c] === 0) {
      distances ??= distancesOf();
      let far = -1;
      for (let i = 0; i < n; i++) if (!taken.has(i) && (far < 0 || distances[i] > distances[far])) far = i;
      taken.add(far);
      source = data;
      from = far * d;
    }
    let sq = 0;
    for (let t = 0; t < d; t++) sq += source[from + t] * source[from + t];
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let t = 0; t < d; t++) {
      const v = Math.fround(source[from + t] * inv);
      const delta = v - centroids.data[c * d + t];
      shift += delta * delta;
      centroids.data[c * d + t] = v;
    }
  }
  return shift;
}

function inertiaOf(distances: Float64Array): number {
  let s = 0;
  for (let i = 0; i < distances.length; i++) s += distances[i];
  return s;
}

/**
 * scikit-learn's convention: `tol` is relative to the data, scaled by the mean
 * per-feature variance, and compared with the total squared centroid shift.
 */
function absoluteTolerance(set: RowSet, tol: number): number {
  const { rows: n, cols: d, data } = set.X;
  const mean = set.labelSums(new Int32Array(n), 1);
  let sq = 0;
  for (let j = 0; j < data.length; j++) sq += data[j] * data[j];
  // Σ_t (E[x_t²] − E[x_t]²), the total of the per-feature variances.
  let variance = sq / n;
  for (let t = 0; t < d; t++) variance -= (mean[t] / n) ** 2;
  return (tol * variance) / d;
}

/** Lloyd's iterations, every row assigned at every step. */
function lloyd(set: RowSet, seeds: Matrix, p: ResolvedKMeansParams) {
  const tolerance = absoluteTolerance(set, p.tol);
  const centroids = createMatrix(seeds.rows, seeds.cols, seeds.data.slice());
  let { labels, distances } = set.nearestCentroid(centroids);
  const clusters = new ClusterSums(set, labels, centroids.rows);
  let nIter = 0;
  for (let iter = 1; iter <= p.maxIter; iter++) {
    nIter = iter;
    const shift = updateCentroids(set.X, clusters, centroids, () => distances);
    const next = set.nearestCentroid(centroids);
    let changed = false;
    for (let i = 0; i < labels.length; i++) {
      if (next.labels[i] === labels[i]) continue;
      clusters.move(i, labels[i], next.labels[i]);
      changed = true;
    }
    labels = next.labels;
    distances = next.distances;
    if (!changed || shift <= tolerance) break;
  }
  return { centroids, labels, inertia: inertiaOf(distances), nIter };
}

/**
 * Lloyd's iterations with Hamerly's bounds (2010) on chords between directions
 * (see chordAbove), which obey the triangle inequality: per row an upper bound
 * on the chord to its own centroid and a lower bound on the chord to every
 * other one. When the
 * centroids move, the first grows by its own centroid's move and the second
 * shrinks by the largest move of another; a row whose upper bound stays below
 * its lower bound keeps its label and is not recomputed. The rows that are get
 * their exact label and fresh bounds from `nearestBounds`, which screens in f32
 * and computes exact distances only for near-ties. So the labels are those of
 * plain Lloyd (exact distances, ties to the lower index) step for step; exact
 * distances are computed only when they are used (an emptied cluster, the
 * final inertia).
 */
function hamerly(set: RowSet, seeds: Matrix, p: ResolvedKMeansParams) {
  const n = set.X.rows;
  const tolerance = absoluteTolerance(set, p.tol);
  const centroids = createMatrix(seeds.rows, seeds.cols, seeds.data.slice());
  const first = set.nearestBounds(centroids);
  const labels = first.labels;
  const upper = new Float64Array(n),
    lower = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    upper[i] = chordAbove(first.upper[i]);
    lower[i] = chordBelow(first.lower[i]);
  }
  const clusters = new ClusterSums(set, labels, centroids.rows);
  const recheck = new Int32Array(n);
  let nIter = 0;
  for (let iter = 1; iter <= p.maxIter; iter++) {
    nIter = iter;
    const before = centroids.data.slice();
    const shift = updateCentroids(
      set.X,
      clusters,
      centroids,
      () => set.nearestCentroid(createMatrix(seeds.rows, seeds.cols, before)).distances,
    );
    const moved = centroidMoves(before, centroids);
    let largest = 0,
      runnerUp = 0,
      largestAt = -1;
    for (let c = 0; c < moved.length; c++) {
      if (moved[c] > largest) {
        runnerUp = largest;
        largest = moved[c];
        largestAt = c;
      } else if (moved[c] > runnerUp) runnerUp = moved[c];
    }
    let count = 0;
    for (let i = 0; i < n; i++) {
      const own = labels[i];
      upper[i] += moved[own];
      lower[i] -= own === largestAt ? runnerUp : largest;
      if (!(upper[i] < lower[i])) recheck[count++] = i;
    }
    let changed = false;
    if (count > 0) {
      const next = set.nearestBounds(centroids, count === n ? undefined : recheck.subarray(0, count));
      for (let r = 0; r < count; r++) {
        const i = recheck[r];
        if (next.labels[r] !== labels[i]) {
          clusters.move(i, labels[i], next.labels[r]);
          labels[i] = next.labels[r];
          changed = true;
        }
        upper[i] = chordAbove(next.upper[r]);
        lower[i] = chordBelow(next.lower[r]);
      }
    }
    if (!changed || shift <= tolerance) break;
  }
  return { centroids, labels, inertia: inertiaOf(set.nearestCentroid(centroids).distances), nIter };
}

// Bounds are chord lengths ‖x/‖x‖ − c/‖c‖‖ = √(2·cosine distance): a metric on
// directions, so the triangle inequality holds, and √ costs far less than acos.
// The 2e-12 covers the rounding of the cosine distances (≤ 1e-12) and of √.
function chordAbove(d: number): number {
  return Math.sqrt(2 * d + 2e-12);
}
function chordBelow(d: number): number {
  return Math.sqrt(Math.max(0, 2 * d - 2e-12));
}

/** Chord each centroid moved by (an upper bound), from its old to its new direction. */
function centroidMoves(before: Float32Array, centroids: Matrix): Float64Array {
  const { rows: k, cols: d, data } = centroids;
  const moved = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let na = 0,
      nb = 0,
      same = true;
    for (let t = 0; t < d; t++) {
      const a = before[c * d + t],
        b = data[c * d + t];
      na += a * a;
      nb += b * b;
      if (a !== b) same = false;
    }
    if (same) continue;
    // ‖a/‖a‖ − b/‖b‖‖ directly (no cancellation for small moves); the error of
    // the f64 steps is far below the margin.
    const ia = 1 / Math.sqrt(na),
      ib = 1 / Math.sqrt(nb);
    let sq = 0;
    for (let t = 0; t < d; t++) {
      const e = before[c * d + t] * ia - data[c * d + t] * ib;
      sq += e * e;
    }
    moved[c] = Math.sqrt(sq) * (1 + 1e-12) + 1e-15;
  }
  return moved;
}

function miniBatch(set: RowSet, seeds: Matrix, p: ResolvedKMeansParams, random: Random) {
  const tolerance = absoluteTolerance(set, p.tol);
  const { rows: n, cols: d, data } = set.X;
  const k = seeds.rows;
  const centroids = createMatrix(k, d, seeds.data.slice());
  const counts = new Float64Array(k);
  const batchSize = Math.min(p.batchSize, n);
  const picked = new Int32Array(batchSize);
  let nIter = 0;
  for (let step = 1; step <= p.maxIter; step++) {
    nIter = step;
    for (let b = 0; b < batchSize; b++) picked[b] = random.int(n);
    // The batch's exact nearest centroids, straight from the loaded rows (no copy).
    const { labels } = set.nearestBounds(centroids, picked);
    const before = centroids.data.slice();
    for (let b = 0; b < batchSize; b++) {
      const c = labels[b];
      counts[c]++;
      const eta = 1 / counts[c];
      const row = picked[b] * d;
      for (let t = 0; t < d; t++) centroids.data[c * d + t] += eta * (data[row + t] - centroids.data[c * d + t]);
    }
    normalizeRows(centroids, { inPlace: true });
    let shift = 0;
    for (let t = 0; t < k * d; t++) shift += (centroids.data[t] - before[t]) ** 2;
    if (shift <= tolerance) break;
  }
  const { labels, distances } = set.nearestCentroid(centroids);
  return { centroids, labels, inertia: inertiaOf(distances), nIter };
}
