/**
 * `selectK`: choose K-Means' k from the data, so that nobody has to guess it.
 *
 * Criterion: the mean cosine silhouette of a spherical K-Means fit, both on one
 * seeded sample of `sampleSize` rows (O(sampleSize² · d) per k whatever n is).
 * The silhouette weighs how tight a cluster is against how far the next one is,
 * so unlike inertia it does not improve merely because k grows — on data with
 * separated groups it peaks at their number. On text vectors it does not peak:
 * it keeps rising slowly with k (topics split into sub-topics; see
 * docs/cluster.md), so the rule is parsimonious: the smallest k whose score is
 * within `tolerance` (relative) of the best score of the scan, as the
 * one-standard-error rule does for cross-validation.
 *
 * Search: a coarse geometric grid of k between kMin and kMax (a ratio grid
 * gives small and large k the same relative resolution), then a finer grid
 * between the grid points on either side of the chosen one.
 */
import { check, InputError, Random, selectRows, validateMatrix, type Matrix } from '../core/index.js';
import { silhouette } from '../validate/index.js';
import { KMeans } from './kmeans.js';

export const K_CRITERIA = ['silhouette'] as const;
export type KCriterion = (typeof K_CRITERIA)[number];

export interface SelectKOptions {
  /** Smallest k tried (default 2). */
  kMin?: number;
  /** Largest k tried (default: see `defaultKMax`). */
  kMax?: number;
  /** 'silhouette' (the only one so far; named so reports say what was measured). */
  criterion?: KCriterion;
  /** The smallest k scoring ≥ best − tolerance·|best| wins (default 0.05). */
  tolerance?: number;
  /** Seed of the sample and of every K-Means fit (default 0). */
  seed?: number;
  /** Rows the criterion is computed on (default 3,000; all rows when n is smaller). */
  sampleSize?: number;
  /** K-Means restarts per k (default 2). */
  nInit?: number;
  /** Points of the coarse grid (default 8). */
  gridSize?: number;
  threads?: number;
}

export interface KSelection {
  /** The chosen k. */
  k: number;
  /** The k with the best score (k ≤ bestK). */
  bestK: number;
  criterion: KCriterion;
  /** Every k tried, ascending, with its score (higher is better). */
  curve: { k: number; score: number }[];
  /** Rows the criterion was computed on. */
  sampleSize: number;
  seconds: number;
}

/**
 * Default upper end of the scan: √n, at least kMin + 1 and at most 100. Beyond
 * √n clusters hold fewer rows than there are clusters, which is not a summary
 * an analyst reads; 100 keeps the scan's cost bounded on large corpora.
 */
export function defaultKMax(n: number, kMin = 2): number {
  return Math.max(kMin + 1, Math.min(100, Math.floor(Math.sqrt(n)), n - 1));
}

export function selectK(X: Matrix, options: SelectKOptions = {}): KSelection {
  const t0 = performance.now();
  validateMatrix(X, 'X');
  const n = X.rows;
  if (n < 3) throw new InputError(`selectK needs at least 3 rows, got ${n}.`);
  const kMin = check.integer('kMin', options.kMin ?? 2, 2, n - 1);
  const kMax = check.integer('kMax', options.kMax ?? defaultKMax(n, kMin), kMin, n - 1);
  const criterion = check.oneOf('criterion', options.criterion ?? 'silhouette', K_CRITERIA);
  const seed = check.integer('seed', options.seed ?? 0, 0, 0xffffffff);
  const sampleSize = Math.min(n, check.integer('sampleSize', options.sampleSize ?? 3000, 3));
  const nInit = check.integer('nInit', options.nInit ?? 2, 1);
  const gridSize = check.integer('gridSize', options.gridSize ?? 8, 2);
  const threads = options.threads === undefined ? {} : { threads: check.integer('threads', options.threads, 1, 1024) };

  const tolerance = check.number('tolerance', options.tolerance ?? 0.05, 0, 1);

  const random = new Random(seed);
  const sample = sampleSize < n ? selectRows(X, random.sampleIndices(n, sampleSize)) : X;
  const scores = new Map<number, number>();
  const score = (k: number): void => {
    if (scores.has(k)) return;
    const labels = new KMeans({ k, seed, nInit, ...threads }).fit(sample).labels;
    scores.set(k, silhouette(sample, labels, threads).score);
  };

  const coarse = geometricGrid(kMin, Math.min(kMax, sample.rows - 1), gridSize);
  coarse.forEach(score);
  // The peak may lie on either side of the chosen grid point: refine between its neighbours.
  const at = coarse.indexOf(parsimonious(scores, tolerance));
  geometricGrid(coarse[Math.max(0, at - 1)], coarse[Math.min(coarse.length - 1, at + 1)], gridSize).forEach(score);

  const k = parsimonious(scores, tolerance);
  const bestK = parsimonious(scores, 0);
  const curve = [...scores].map(([k, score]) => ({ k, score })).sort((a, b) => a.k - b.k);
  return { k, bestK, criterion, curve, sampleSize: sample.rows, seconds: (performance.now() - t0) / 1000 };
}

/** Up to `points` distinct integers from lo to hi (both included), evenly spaced in log k. */
function geometricGrid(lo: number, hi: number, points: number): number[] {
  if (hi <= lo) return [lo];
  const out = new Set<number>();
  const ratio = Math.log(hi / lo) / (points - 1);
  for (let i = 0; i < points; i++) out.add(Math.round(lo * Math.exp(ratio * i)));
  out.add(hi);
  return [...out].sort((a, b) => a - b);
}

/** The smallest k scoring ≥ best − tolerance·|best|. */
function parsimonious(scores: Map<number, number>, tolerance: number): number {
  const top = Math.max(...scores.values());
  const bar = top - tolerance * Math.abs(top);
  let chosen = Infinity;
  for (const [k, s] of scores) if (s >= bar && k < chosen) chosen = k;
  return chosen;
}
