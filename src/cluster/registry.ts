/**
 * The clusterer registry: one entry per clusterer (name, one-line summary,
 * capabilities, parameter specs, factory). The pipeline, the CLI (`--algo`
 * choices, flags, `--help`) and the report read this list, so adding a
 * clusterer means one new file and one entry here.
 */
import { knn, ParameterError, type Matrix, type ParamSpecs } from '../core/index.js';
import { BISECTING_KMEANS_CAPABILITIES, BISECTING_KMEANS_PARAMS, BisectingKMeans, type BisectingKMeansParams } from './bisecting-kmeans.js';
import type { ClusterCapabilities, Clusterer } from './contract.js';
import { DBSCAN, DBSCAN_CAPABILITIES, DBSCAN_PARAMS } from './dbscan.js';
import { HDBSCAN, HDBSCAN_CAPABILITIES, HDBSCAN_PARAMS, type HDBSCANParams } from './hdbscan/index.js';
import { KMeans, KMEANS_CAPABILITIES, KMEANS_PARAMS, type KMeansParams } from './kmeans.js';
import { selectK } from './select-k.js';

/** How a registry entry's clusterer runs: compute threads and the run's seed. */
export interface ClustererRunOptions {
  readonly threads?: number;
  /** Seed for clusterers that declare a `seed` parameter, unless the parameters set one. */
  readonly seed?: number;
}

export interface ClustererEntry {
  /** `--algo` name and `ClusteringResult.algorithm`. */
  readonly name: string;
  /** One line for `--help`. */
  readonly summary: string;
  readonly capabilities: ClusterCapabilities;
  /** The estimator's parameters (scikit-learn's defaults); 'auto' where `auto: true`. */
  readonly params: ParamSpecs;
  /** A clusterer with these parameters; bad parameters throw a ParameterError naming them. */
  create(params: Readonly<Record<string, unknown>>, options?: ClustererRunOptions): Clusterer;
}

/** `seed` from the run when the clusterer takes one and the parameters do not set it. */
function seeded(params: Readonly<Record<string, unknown>>, options: ClustererRunOptions): Record<string, unknown> {
  return params.seed === undefined && options.seed !== undefined ? { ...params, seed: options.seed } : { ...params };
}

const threadsOf = (options: ClustererRunOptions) => (options.threads === undefined ? {} : { threads: options.threads });

/**
 * DBSCAN's `eps: 'auto'`: the median cosine distance of a row to its
 * (minSamples − 1)-th nearest other row (DBSCAN counts the row itself), so that
 * about half of the rows are core samples whatever the distance scale.
 */
export function autoEps(X: Matrix, minSamples: number, options: { threads?: number } = {}): number {
  const k = Math.min(Math.max(1, minSamples - 1), X.rows - 1);
  const { distances } = knn(X, k, options);
  const kth = Float64Array.from({ length: X.rows }, (_, i) => distances[i * k + k - 1]).sort();
  return kth[Math.floor(kth.length / 2)];
}

export const CLUSTERERS: readonly ClustererEntry[] = [
  {
    name: 'hdbscan',
    summary: 'exact cosine HDBSCAN (Python hdbscan semantics); noise, probabilities, approximate prediction',
    capabilities: HDBSCAN_CAPABILITIES,
    params: HDBSCAN_PARAMS,
    create: (params, options = {}) => new HDBSCAN({ ...(params as HDBSCANParams), ...threadsOf(options) }),
  },
  {
    name: 'kmeans',
    summary: 'spherical K-Means (cosine), k-means++ seeding, Hamerly bounds, mini-batch mode',
    capabilities: KMEANS_CAPABILITIES,
    // k 'auto': chosen by `selectK` (silhouette on a seeded sample; see select-k.ts) when the data is seen.
    params: { ...KMEANS_PARAMS, k: { ...KMEANS_PARAMS.k, auto: true } },
    create: (params, options = {}) => {
      const { k, ...rest } = seeded(params, options);
      if (k !== 'auto')
        return new KMeans({ ...(rest as KMeansParams), ...(k === undefined ? {} : { k: k as number }), ...threadsOf(options) });
      // Check the other parameters now, before any data is seen.
      const checked = new KMeans({ ...(rest as KMeansParams), ...threadsOf(options) });
      return {
        fit: (X: Matrix) => {
          const chosen = selectK(X, { seed: checked.params.seed, ...threadsOf(options) }).k;
          return new KMeans({ ...(rest as KMeansParams), k: chosen, ...threadsOf(options) }).fit(X);
        },
      };
    },
  },
  {
    name: 'dbscan',
    summary: "DBSCAN with cosine distance (scikit-learn semantics); eps may be 'auto'",
    capabilities: DBSCAN_CAPABILITIES,
    params: { ...DBSCAN_PARAMS, eps: { ...DBSCAN_PARAMS.eps, auto: true } },
    create: (params, options = {}) => {
      const { eps, ...rest } = params;
      if (eps !== 'auto') return new DBSCAN({ ...rest, ...(eps === undefined ? {} : { eps: eps as number }), ...threadsOf(options) });
      // Check the other parameters now, before any data is seen.
      const checked = new DBSCAN({ ...rest, ...threadsOf(options) });
      return {
        fit: (X: Matrix) => new DBSCAN({ ...checked.params, eps: autoEps(X, checked.params.minSamples, threadsOf(options)) }).fit(X),
      };
    },
  },
  {
    name: 'bisecting-kmeans',
    summary: 'bisecting spherical K-Means (scikit-learn BisectingKMeans, cosine); split tree as hierarchy',
    capabilities: BISECTING_KMEANS_CAPABILITIES,
    params: BISECTING_KMEANS_PARAMS,
    create: (params, options = {}) => new BisectingKMeans({ ...(seeded(params, options) as BisectingKMeansParams), ...threadsOf(options) }),
  },
];

/** Registered names, in registry order. */
export function clustererNames(): string[] {
  return CLUSTERERS.map((c) => c.name);
}

/** The entry named `name`; an unknown name throws a ParameterError naming `parameter`. */
export function getClusterer(name: string, parameter = 'algorithm'): ClustererEntry {
  const entry = CLUSTERERS.find((c) => c.name === name);
  if (!entry) throw new ParameterError(parameter, name, `one of ${clustererNames().join(', ')}`);
  return entry;
}
