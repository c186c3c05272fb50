/**
 * How the pipeline clusters JD vectors: the estimators keep their library
 * defaults, the pipeline applies the defaults measured on real postings
 * (src/cluster/text-defaults.ts, docs/cluster.md "Defaults for text"):
 *
 * - HDBSCAN / DBSCAN go through `fitTextDensity`: minimum cluster size scaling
 *   with n, DBSCAN's radius from a quantile of the k-distances (the median
 *   chains the corpus into one cluster), clustering of the full postings only,
 *   then soft assignment of noise and title-only rows at the measured
 *   threshold; `predict` follows the same rule.
 * - K-Means (and bisecting K-Means) fit the full postings; title-only rows get
 *   the nearest centroid, so that postings embedded from a title alone do not
 *   form clusters of their own by artefact. K-Means restarts `kmeansDefaults(n)`
 *   times unless `nInit` is given; `k: 'auto'` is chosen by `selectK` (timed on its own).
 * - Any other registered clusterer runs as registered, on every row.
 */
import { selectRows, type Labels, type Matrix } from '../core/index.js';
import { fitTextDensity, getClusterer, kmeansDefaults, selectK, type ClusteringResult } from '../cluster/index.js';
import { countNoise, type FittedClustering } from './cluster-loop.js';

export interface TextClusteringContext {
  readonly seed: number;
  readonly threads?: number;
  /** Per row: embedded from a title alone. */
  readonly titleOnly: Uint8Array;
  /** Soft-assignment threshold of HDBSCAN/DBSCAN (default: the measured one of `densityDefaults`). */
  readonly reassignNoiseThreshold?: number;
}

/** Rows needed besides the title-only ones before they are set apart (else every row is clustered). */
const MIN_FULL_ROWS = 2;

export function fitTextClustering(
  algorithm: string,
  params: Readonly<Record<string, unknown>>,
  X: Matrix,
  context: TextClusteringContext,
): FittedClustering {
  const threads = context.threads === undefined ? {} : { threads: context.threads };
  const full: number[] = [];
  for (let i = 0; i < X.rows; i++) if (!context.titleOnly[i]) full.push(i);
  // Too few full postings to cluster apart, or no way to place the others afterwards: treat every row alike.
  const density = algorithm === 'hdbscan' || algorithm === 'dbscan';
  const apart = full.length >= MIN_FULL_ROWS && (density || getClusterer(algorithm).capabilities.predict);
  const titleOnly = apart ? context.titleOnly : new Uint8Array(X.rows);
  if (!apart) full.splice(0, full.length, ...Array.from({ length: X.rows }, (_, i) => i));

  if (density) {
    const { eps, minSamples, epsQuantile, ...rest } = params as Record<string, unknown>;
    const f = fitTextDensity(algorithm, X, {
      seed: context.seed,
      ...threads,
      titleOnly,
      ...(context.reassignNoiseThreshold === undefined ? {} : { assignThreshold: context.reassignNoiseThreshold }),
      ...(algorithm === 'hdbscan'
        ? { hdbscan: { ...rest, ...(minSamples === undefined ? {} : { minSamples: minSamples as number }) } }
        : {
            dbscan: {
              ...(minSamples === undefined ? {} : { minSamples: minSamples as number }),
              ...(typeof epsQuantile === 'number' ? { epsQuantile } : {}),
              ...(typeof eps === 'number' ? { eps } : {}),
            },
          }),
    });
    return {
      algorithm,
      result: f.model,
      params: f.params,
      labels: f.labels,
      nClusters: f.nClusters,
      reassigned: f.assigned,
      noiseBeforeAssignment: f.noiseBefore,
      kSelection: null,
      predictRows: (newX, newTitleOnly) => f.predict(newX, newTitleOnly),
    };
  }

  const given = { ...params };
  let kSelection: FittedClustering['kSelection'] = null;
  const fullX = full.length === X.rows ? X : selectRows(X, full);
  if (algorithm === 'kmeans') {
    // Restarts for the rows K-Means fits (title-only rows are only assigned afterwards).
    given.nInit ??= kmeansDefaults(fullX.rows).nInit;
    if (given.k === 'auto') {
      const s = selectK(fullX, { seed: context.seed, ...threads });
      given.k = s.k;
      kSelection = { criterion: s.criterion, curve: s.curve, chosen: s.k, seconds: s.seconds, requested: 'auto' };
    }
  }
  const result: ClusteringResult = getClusterer(algorithm)
    .create(given, { seed: context.seed, ...threads })
    .fit(fullX);
  let labels: Labels = result.labels;
  let assigned = 0;
  if (full.length < X.rows) {
    labels = new Int32Array(X.rows).fill(-1);
    full.forEach((row, r) => (labels[row] = result.labels[r]));
    const rest: number[] = [];
    for (let i = 0; i < X.rows; i++) if (titleOnly[i]) rest.push(i);
    if (result.predict) {
      const p = result.predict(selectRows(X, rest));
      rest.forEach((row, r) => (labels[row] = p[r]));
      assigned = rest.length;
    }
  }
  const predict = result.predict?.bind(result);
  return {
    algorithm,
    result,
    params: { ...result.params, ...(kSelection ? { kRequested: 'auto' } : {}) },
    labels,
    nClusters: result.nClusters,
    reassigned: assigned,
    noiseBeforeAssignment: result.capabilities.noise ? countNoise(labels) : null,
    kSelection,
    ...(predict ? { predictRows: (newX: Matrix) => predict(newX) } : {}),
  };
}
