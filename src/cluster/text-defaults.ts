/**
 * Defaults for clustering text vectors (job postings), chosen by measurement on
 * the shared corpus and the labelled postings (`benchmarks/density.ts`; the
 * tables and the reasons are in docs/cluster.md, "Defaults for text"). The
 * estimators keep their library defaults (those of the Python `hdbscan`
 * package and scikit-learn); these functions are what the pipeline uses.
 *
 * `fitTextDensity` is the whole recipe in one call: reduce → HDBSCAN/DBSCAN on
 * the full postings → soft assignment of noise and of title-only rows → a
 * `predict` that follows the same rule.
 */
import {
  check,
  InputError,
  knn,
  ParameterError,
  selectRows,
  validateMatrix,
  type ComputeOptions,
  type Labels,
  type Matrix,
} from '../core/index.js';
import { Lsa, type LsaModel, type SparseMatrix } from '../embed/index.js';
import { DBSCAN, type DBSCANResult } from './dbscan.js';
import { HDBSCAN, type ClusterSelectionMethod, type HDBSCANResult } from './hdbscan/index.js';
import { NoiseAssigner } from './reassign-noise.js';

export interface DensityDefaults {
  /** Dimensions the density clusterers work in (truncated SVD of the vectors); null: the vectors as given. */
  reduceTo: number | null;
  hdbscan: { minClusterSize: number; minSamples: number; clusterSelectionMethod: ClusterSelectionMethod };
  /** eps = this quantile of the distances of the rows to their (minSamples − 1)-th nearest other row. */
  dbscan: { minSamples: number; epsQuantile: number };
  /** Noise (and title-only rows) join the nearest centroid at cosine similarity ≥ this, in the clustering space. */
  assignThreshold: number;
}

/**
 * Defaults for n rows of dimension `dim` (measured on 100-d LSA vectors; see
 * docs/cluster.md, "Defaults for text"):
 * - no reduction: a truncated SVD to 25 dimensions gave less noise before
 *   assignment but lower purity and ARI on the labelled postings, mean over
 *   seeds (`reduceTo` stays available as an option);
 * - HDBSCAN minClusterSize = n / 1000 (at least 10): a cluster is ≥ 0.1 % of
 *   the postings, which keeps a whole corpus to a few dozen clusters (36)
 *   instead of ~50–90 small ones, with final noise 24 % — headroom under the
 *   35 % target for changes of representation (n / 500: 29 clusters, 32 %);
 *   minSamples 5 (10: same clusters, slightly more noise); EOM selection (leaf
 *   left more noise before assignment, with no smaller largest cluster);
 * - assignment threshold 0.7 (it was 0.5 on the older 100-d vectors; measured
 *   again on 2026-12-05 for the representation with title weight 5 and rank
 *   words left out of the title copies): on the labelled postings the rows it
 *   assigns come within 2–3 points of the purity of the cluster's core members
 *   (7 classes 0.904 vs 0.928, 32 classes 0.823 vs 0.841; mean over seeds 1–3),
 *   where 0.6 falls 12 points behind at 32 classes and 0.5 17 points; 0.8
 *   assigns a quarter as many rows for no better purity at 32 classes. On the
 *   whole corpus at defaults (`jd-cluster run --algo hdbscan,kmeans,dbscan`)
 *   HDBSCAN's noise is 57.5 % before the assignment and 19.5 % after, under the
 *   35 % target (`benchmarks/density.ts`: 0.5 leaves 2.2 %, 0.6 7.4 %, 0.7
 *   18.3 %). ARI of the assigned rows stays 13 points under the core's at 32
 *   classes (0.543 vs 0.678; few rows, many classes), so purity decides.
 *   docs/cluster.md has the tables.
 */
export function densityDefaults(n: number, dim: number): DensityDefaults {
  check.integer('n', n, 1);
  check.integer('dim', dim, 1);
  return {
    reduceTo: null,
    hdbscan: { minClusterSize: Math.max(2, Math.min(n, Math.max(10, Math.round(n / 1000)))), minSamples: 5, clusterSelectionMethod: 'eom' },
    dbscan: { minSamples: DBSCAN_MIN_SAMPLES, epsQuantile: DBSCAN_EPS_QUANTILE },
    assignThreshold: 0.7,
  };
}

const DBSCAN_MIN_SAMPLES = 5;
const DBSCAN_EPS_QUANTILE = 0.25;

/**
 * K-Means restarts for the pipeline on n rows: 10 up to 2,000 rows, then
 * round(20,000 / n), at least 4. Over seeds a single init swings (ARI with the
 * labelled classes varies by ± 0.08) and keeping the lowest inertia of several
 * steadies it; on small inputs 10 restarts cost little, so they get scikit-learn's
 * classic 10. The cost is linear in nInit × n, so above 2,000 rows the restarts
 * fall as 1 / n to keep that product (and the time) flat until the floor of 4,
 * reached at 5,000 rows, which keeps the 10k sample and the whole corpus at their
 * measured cost (docs/cluster.md).
 */
export function kmeansDefaults(n: number): { nInit: number } {
  check.integer('n', n, 1);
  if (n <= KMEANS_FULL_INIT_ROWS) return { nInit: KMEANS_MAX_N_INIT };
  return { nInit: Math.max(KMEANS_MIN_N_INIT, Math.round((KMEANS_MAX_N_INIT * KMEANS_FULL_INIT_ROWS) / n)) };
}
const KMEANS_MAX_N_INIT = 10;
const KMEANS_FULL_INIT_ROWS = 2000;
const KMEANS_MIN_N_INIT = 4;

/** A fitted truncated SVD of dense rows, to project new rows the same way. */
export interface Reduction {
  /** The reduced rows, L2-normalised. */
  readonly vectors: Matrix;
  readonly dims: number;
  /** Projects new rows (same columns as the fitted ones) into the reduced space, L2-normalised. */
  transform(newX: Matrix): Matrix;
}

/**
 * Truncated SVD of the (unit) rows to `dims` dimensions with the embed stage's
 * randomized LSA, seeded, then rows L2-normalised — the same operation the
 * representation uses, applied to its output.
 */
export function reduceDimensions(X: Matrix, dims: number, options: { seed?: number; threads?: number } = {}): Reduction {
  validateMatrix(X, 'X');
  check.integer('dims', dims, 1, Math.min(X.rows, X.cols));
  const seed = check.integer('seed', options.seed ?? 0, 0, 0xffffffff);
  const threads = options.threads === undefined ? {} : { threads: options.threads };
  const model: LsaModel = new Lsa({ components: dims, seed, ...threads }).fit(denseAsCsr(X));
  return {
    vectors: model.transform(denseAsCsr(X), threads),
    dims,
    transform(newX: Matrix): Matrix {
      validateMatrix(newX, 'newX', { allowZeroRows: true });
      if (newX.cols !== X.cols) throw new InputError(`reduceDimensions: new rows have ${newX.cols} columns, the fitted ${X.cols}.`);
      return model.transform(denseAsCsr(newX), threads);
    },
  };
}

function denseAsCsr(X: Matrix): SparseMatrix {
  const { rows: n, cols: d } = X;
  return {
    rows: n,
    cols: d,
    indptr: Int32Array.from({ length: n + 1 }, (_, i) => i * d),
    indices: Int32Array.from({ length: n * d }, (_, j) => j % d),
    data: X.data,
  };
}

/**
 * DBSCAN's radius from the data: the `quantile` of the cosine distances of the
 * rows to their (minSamples − 1)-th nearest other row (DBSCAN counts the row
 * itself), so that about that share of the rows are core samples. The median
 * (quantile 0.5) chains neighbouring roles into one cluster on real postings.
 */
export function dbscanEps(X: Matrix, minSamples: number, quantile: number, options: ComputeOptions = {}): number {
  validateMatrix(X, 'X');
  check.integer('minSamples', minSamples, 2);
  check.number('quantile', quantile, 0, 1);
  const k = Math.min(minSamples - 1, X.rows - 1);
  if (k < 1) throw new InputError(`dbscanEps needs at least 2 rows, got ${X.rows}.`);
  const { distances } = knn(X, k, options);
  const kth = Float64Array.from({ length: X.rows }, (_, i) => distances[i * k + k - 1]).sort();
  const eps = kth[Math.min(X.rows - 1, Math.floor(quantile * (X.rows - 1)))];
  // A radius of 0 (many exact duplicates) would make every other row noise.
  if (eps > 0) return eps;
  return kth.find((v) => v > 0) ?? 1e-6;
}

export interface TextDensityOptions {
  /** Per row: true when the row was embedded from a title alone; such rows are not clustered, only assigned. */
  titleOnly?: ArrayLike<boolean | number>;
  seed?: number;
  threads?: number;
  /** Overrides of the defaults of `densityDefaults`. */
  reduceTo?: number | null;
  assignThreshold?: number;
  hdbscan?: Partial<DensityDefaults['hdbscan']>;
  dbscan?: Partial<DensityDefaults['dbscan']> & { eps?: number };
}

export interface TextDensityFit {
  algorithm: 'hdbscan' | 'dbscan';
  /** Final labels, one per row of X (after assignment). */
  labels: Labels;
  /** Labels of the clusterer itself (title-only rows: −1, they were not clustered). */
  labelsBeforeAssignment: Labels;
  nClusters: number;
  /** Rows noise before assignment (title-only rows included) and after. */
  noiseBefore: number;
  noise: number;
  /** Rows moved by the soft assignment (noise and title-only rows). */
  assigned: number;
  /** Title-only rows, and how many of them got a cluster. */
  titleOnly: { rows: number; assigned: number };
  /** Resolved settings (JSON-serialisable). */
  params: Record<string, unknown>;
  model: HDBSCANResult | DBSCANResult;
  assigner: NoiseAssigner;
  reduction: Reduction | null;
  /**
   * Labels of new rows by the same rule: project, then HDBSCAN's
   * approximatePredict (skipped for title-only rows, as in the fit), then the
   * assignment for what is left as noise. DBSCAN has no approximate predict
   * (as in scikit-learn): new rows get the assignment rule only.
   * On the training rows this returns `labels`.
   */
  predict(newX: Matrix, titleOnly?: ArrayLike<boolean | number>): Labels;
}

/** HDBSCAN or DBSCAN on text vectors with the measured defaults, noise and title-only rows assigned. */
export function fitTextDensity(algorithm: 'hdbscan' | 'dbscan', X: Matrix, options: TextDensityOptions = {}): TextDensityFit {
  check.oneOf('algorithm', algorithm, ['hdbscan', 'dbscan'] as const);
  validateMatrix(X, 'X');
  const n = X.rows;
  const defaults = densityDefaults(n, X.cols);
  const seed = check.integer('seed', options.seed ?? 0, 0, 0xffffffff);
  const threads = options.threads === undefined ? {} : { threads: check.integer('threads', options.threads, 1, 1024) };
  const threshold = check.number('assignThreshold', options.assignThreshold ?? defaults.assignThreshold, -1, 1);
  const titleOnly = options.titleOnly;
  if (titleOnly !== undefined && titleOnly.length !== n) {
    throw new ParameterError('titleOnly', titleOnly.length, `one flag per row of X (${n})`);
  }
  const isTitleOnly = (i: number): boolean => Boolean(titleOnly?.[i]);
  const full: number[] = [];
  for (let i = 0; i < n; i++) if (!isTitleOnly(i)) full.push(i);
  if (full.length < 2) throw new InputError(`fitTextDensity: ${full.length} row(s) that are not title-only; at least 2 are needed.`);

  const reduceTo = options.reduceTo === undefined ? defaults.reduceTo : options.reduceTo;
  const reduction =
    reduceTo === null ? null : reduceDimensions(X, check.integer('reduceTo', reduceTo, 1, Math.min(n, X.cols)), { seed, ...threads });
  const space = reduction ? reduction.vectors : X;
  const fullSpace = full.length === n ? space : selectRows(space, full);

  let model: HDBSCANResult | DBSCANResult;
  let params: Record<string, unknown>;
  if (algorithm === 'hdbscan') {
    const hdbscanDefaults = densityDefaults(full.length, X.cols).hdbscan;
    const p = { ...hdbscanDefaults, ...options.hdbscan };
    model = new HDBSCAN({ ...p, ...threads }).fit(fullSpace);
    params = { ...p };
  } else {
    const minSamples = options.dbscan?.minSamples ?? defaults.dbscan.minSamples;
    const epsQuantile = options.dbscan?.epsQuantile ?? defaults.dbscan.epsQuantile;
    const eps = options.dbscan?.eps ?? dbscanEps(fullSpace, minSamples, epsQuantile, threads);
    model = new DBSCAN({ eps, minSamples, ...threads }).fit(fullSpace);
    params = { eps, minSamples, epsQuantile: options.dbscan?.eps === undefined ? epsQuantile : null };
  }
  const before = new Int32Array(n).fill(-1);
  full.forEach((row, r) => (before[row] = model.labels[r]));
  const assigner = NoiseAssigner.fit(space, before, threshold);
  const after = assigner.assign(space, before, threads);
  let noiseBefore = 0,
    noise = 0,
    titleRows = 0,
    titleAssigned = 0;
  for (let i = 0; i < n; i++) {
    if (before[i] < 0) noiseBefore++;
    if (after.labels[i] < 0) noise++;
    if (isTitleOnly(i)) {
      titleRows++;
      if (after.labels[i] >= 0) titleAssigned++;
    }
  }
  const fittedModel = model;
  return {
    algorithm,
    labels: after.labels,
    labelsBeforeAssignment: before,
    nClusters: model.nClusters,
    noiseBefore,
    noise,
    assigned: after.moved,
    titleOnly: { rows: titleRows, assigned: titleAssigned },
    params: { ...params, reduceTo, assignThreshold: threshold },
    model,
    assigner,
    reduction,
    predict(newX: Matrix, newTitleOnly?: ArrayLike<boolean | number>): Labels {
      validateMatrix(newX, 'newX', { allowZeroRows: true });
      if (newX.cols !== X.cols) throw new InputError(`predict: new rows have ${newX.cols} columns, the fitted ${X.cols}.`);
      if (newTitleOnly !== undefined && newTitleOnly.length !== newX.rows) {
        throw new ParameterError('titleOnly', newTitleOnly.length, `one flag per new row (${newX.rows})`);
      }
      const Y = reduction ? reduction.transform(newX) : newX;
      const labels = new Int32Array(Y.rows).fill(-1);
      if ('approximatePredict' in fittedModel) {
        const rows: number[] = [];
        for (let i = 0; i < Y.rows; i++) if (!newTitleOnly?.[i]) rows.push(i);
        if (rows.length > 0) {
          const p = fittedModel.approximatePredict(rows.length === Y.rows ? Y : selectRows(Y, rows)).labels;
          rows.forEach((row, r) => (labels[row] = p[r]));
        }
      }
      return assigner.assign(Y, labels, threads).labels;
    },
  };
}
