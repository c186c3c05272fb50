/**
 * Spherical K-Means: K-Means on the unit sphere with cosine distance.
 *
 * - Seeding: greedy k-means++ under cosine distance (scikit-learn's variant:
 *   2 + ⌊ln k⌋ candidates per step, keep the one that lowers the potential most),
 *   from the seeded generator.
 * - Lloyd iterations: assign each row to the nearest centroid (compute core
 *   `nearestCentroid`), then set each centroid to the L2-normalised mean of its
 *   rows. An emptied cluster is re-seeded with the row farthest from its
 *   centroid. Stops when no label changes or the total squared centroid shift
 *   is ≤ tol × mean per-feature variance of the (normalised) data, as in
 *   scikit-learn.
 * - `nInit` restarts; the run with the lowest inertia wins.
 * - Inertia = Σ cosine distance of each row to its centroid.
 * - Mini-batch mode (`batchSize` > 0): each step draws a batch, assigns it and
 *   moves centroids towards the batch means with per-centroid learning rate
 *   1/count (Sculley 2010), then renormalises; stops after `maxIter` steps or
 *   when a step moves the centroids by no more than that tolerance; final
 *   labels and inertia come from a full assignment.
 */
import {
  check,
  createMatrix,
  InputError,
  nearestCentroid,
  normalizeRows,
  Random,
  validateMatrix,
  type ComputeOptions,
  type Labels,
  type Matrix,
} from '../core/index.js';

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
  threads?: number;
}

export type ResolvedKMeansParams = Required<Omit<KMeansParams, 'threads'>> & { threads?: number };

export interface KMeansResult {
  readonly params: ResolvedKMeansParams;
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
    const batchSize = check.integer('batchSize', p.batchSize ?? 0, 0);
    this.params = {
      k: check.integer('k', p.k ?? 8, 1),
      nInit: check.integer('nInit', p.nInit ?? 1, 1),
      maxIter: check.integer('maxIter', p.maxIter ?? (batchSize > 0 ? 100 : 300), 1),
      tol: check.number('tol', p.tol ?? 1e-4, 0, Number.MAX_VALUE),
      seed: check.integer('seed', p.seed ?? 0, 0, 0xffffffff),
      batchSize,
      threads: p.threads === undefined ? undefined : check.integer('threads', p.threads, 1, 1024),
    };
  }

  fit(X: Matrix): KMeansResult {
    validateMatrix(X, 'X');
    const p = this.params;
    if (X.rows < p.k) throw new InputError(`K-Means with k = ${p.k} needs at least ${p.k} rows, got ${X.rows}.`);
    const options: ComputeOptions = p.threads === undefined ? {} : { threads: p.threads };
    const Xn = normalizeRows(X);
    const random = new Random(p.seed);
    let best: { centroids: Matrix; labels: Labels; inertia: number; nIter: number } | undefined;
    for (let run = 0; run < p.nInit; run++) {
      const seeds = kMeansPlusPlus(Xn, p.k, random);
      const fitted = p.batchSize > 0 ? miniBatch(Xn, seeds, p, random, options) : lloyd(Xn, seeds, p, options);
      if (!best || fitted.inertia < best.inertia) best = fitted;
    }
    const { centroids, labels, inertia, nIter } = best!;
    return {
      params: p,
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

/**
 * Cosine distances (1 − dot, rows are unit) from every row of X to each of the
 * `count` rows listed in `candidates`, written to out[c·n + i]. One pass over X
 * serves all candidates, which is what makes greedy seeding affordable.
 */
function distancesToRows(X: Matrix, candidates: Int32Array, count: number, out: Float64Array): void {
  const { rows: n, cols: d, data } = X;
  for (let c0 = 0; c0 < count; c0 += 4) {
    const m = Math.min(4, count - c0);
    const o0 = candidates[c0] * d;
    const o1 = candidates[c0 + (m > 1 ? 1 : 0)] * d;
    const o2 = candidates[c0 + (m > 2 ? 2 : 0)] * d;
    const o3 = candidates[c0 + (m > 3 ? 3 : 0)] * d;
    for (let i = 0; i < n; i++) {
      const oi = i * d;
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      for (let t = 0; t < d; t++) {
        const x = data[oi + t];
        s0 += x * data[o0 + t];
        s1 += x * data[o1 + t];
        s2 += x * data[o2 + t];
        s3 += x * data[o3 + t];
      }
      out[c0 * n + i] = s0 < 1 ? 1 - s0 : 0;
      if (m > 1) out[(c0 + 1) * n + i] = s1 < 1 ? 1 - s1 : 0;
      if (m > 2) out[(c0 + 2) * n + i] = s2 < 1 ? 1 - s2 : 0;
      if (m > 3) out[(c0 + 3) * n + i] = s3 < 1 ? 1 - s3 : 0;
    }
  }
}

/** Greedy k-means++ under cosine distance on unit rows. */
export function kMeansPlusPlus(X: Matrix, k: number, random: Random): Matrix {
  const { rows: n, cols: d, data } = X;
  const centroids = createMatrix(k, d);
  const trials = 2 + Math.floor(Math.log(k));
  const candidates = new Int32Array(trials);
  const candidateDist = new Float64Array(trials * n);
  candidates[0] = random.int(n);
  centroids.data.set(data.subarray(candidates[0] * d, (candidates[0] + 1) * d), 0);
  const closest = new Float64Array(n);
  distancesToRows(X, candidates, 1, candidateDist);
  closest.set(candidateDist.subarray(0, n));
  let potential = 0;
  for (let i = 0; i < n; i++) potential += closest[i];
  for (let c = 1; c < k; c++) {
    // Sample candidates proportionally to the current distance to the nearest centre.
    for (let t = 0; t < trials; t++) {
      let r = random.next() * potential, cand = n - 1;
      for (let i = 0; i < n; i++) {
        r -= closest[i];
        if (r < 0) { cand = i; break; }
      }
      candidates[t] = cand;
    }
    distancesToRows(X, candidates, trials, candidateDist);
    // Keep the candidate that lowers the potential most.
    let best = 0, bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      let pot = 0;
      for (let i = 0; i < n; i++) {
        const v = candidateDist[t * n + i];
        pot += v < closest[i] ? v : closest[i];
      }
      if (pot < bestPotential) { bestPotential = pot; best = t; }
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

/** Centroid c ← normalised mean of its rows; returns the squared shift. */
function updateCentroids(X: Matrix, labels: Labels, centroids: Matrix, distances: Float64Array): number {
  const { rows: n, cols: d, data } = X;
  const k = centroids.rows;
  const sums = new Float64Array(k * d);
  const counts = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    counts[c]++;
    for (let t = 0; t < d; t++) sums[c * d + t] += data[i * d + t];
  }
  // Re-seed empty clusters with the rows farthest from their centroids.
  const taken = new Set<number>();
  for (let c = 0; c < k; c++) {
    if (counts[c] > 0) continue;
    let far = -1;
    for (let i = 0; i < n; i++) if (!taken.has(i) && (far < 0 || distances[i] > distances[far])) far = i;
    taken.add(far);
    for (let t = 0; t < d; t++) sums[c * d + t] = data[far * d + t];
  }
  let shift = 0;
  for (let c = 0; c < k; c++) {
    let sq = 0;
    for (let t = 0; t < d; t++) sq += sums[c * d + t] * sums[c * d + t];
    const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
    for (let t = 0; t < d; t++) {
      const v = Math.fround(sums[c * d + t] * inv);
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
function absoluteTolerance(X: Matrix, tol: number): number {
  const { rows: n, cols: d, data } = X;
  const mean = new Float64Array(d), sq = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < d; t++) {
      const v = data[i * d + t];
      mean[t] += v;
      sq[t] += v * v;
    }
  }
  let variance = 0;
  for (let t = 0; t < d; t++) variance += sq[t] / n - (mean[t] / n) ** 2;
  return (tol * variance) / d;
}

function lloyd(X: Matrix, seeds: Matrix, p: ResolvedKMeansParams, options: ComputeOptions) {
  const tolerance = absoluteTolerance(X, p.tol);
  const centroids = createMatrix(seeds.rows, seeds.cols, seeds.data.slice());
  let { labels, distances } = nearestCentroid(X, centroids, options);
  let nIter = 0;
  for (let iter = 1; iter <= p.maxIter; iter++) {
    nIter = iter;
    const shift = updateCentroids(X, labels, centroids, distances);
    const next = nearestCentroid(X, centroids, options);
    let changed = false;
    for (let i = 0; i < labels.length; i++) if (next.labels[i] !== labels[i]) { changed = true; break; }
    labels = next.labels;
    distances = next.distances;
    if (!changed || shift <= tolerance) break;
  }
  return { centroids, labels, inertia: inertiaOf(distances), nIter };
}

function miniBatch(X: Matrix, seeds: Matrix, p: ResolvedKMeansParams, random: Random, options: ComputeOptions) {
  const tolerance = absoluteTolerance(X, p.tol);
  const { rows: n, cols: d, data } = X;
  const k = seeds.rows;
  const centroids = createMatrix(k, d, seeds.data.slice());
  const counts = new Float64Array(k);
  const batchSize = Math.min(p.batchSize, n);
  const batch = createMatrix(batchSize, d);
  const picked = new Int32Array(batchSize);
  let nIter = 0;
  for (let step = 1; step <= p.maxIter; step++) {
    nIter = step;
    for (let b = 0; b < batchSize; b++) {
      picked[b] = random.int(n);
      batch.data.set(data.subarray(picked[b] * d, (picked[b] + 1) * d), b * d);
    }
    const { labels } = nearestCentroid(batch, centroids, options);
    const before = centroids.data.slice();
    for (let b = 0; b < batchSize; b++) {
      const c = labels[b];
      counts[c]++;
      const eta = 1 / counts[c];
      for (let t = 0; t < d; t++) centroids.data[c * d + t] += eta * (batch.data[b * d + t] - centroids.data[c * d + t]);
    }
    normalizeRows(centroids, { inPlace: true });
    let shift = 0;
    for (let t = 0; t < k * d; t++) shift += (centroids.data[t] - before[t]) ** 2;
    if (shift <= tolerance) break;
  }
  const { labels, distances } = nearestCentroid(X, centroids, options);
  return { centroids, labels, inertia: inertiaOf(distances), nIter };
}
