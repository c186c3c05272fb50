/**
 * The clusterer contract. Every clusterer's `fit(X)` returns an object that
 * implements `ClusteringResult`, so the pipeline, the CLI and the report read
 * any clusterer the same way (scikit-learn's `ClusterMixin` is the model). What
 * a clusterer can do beyond labels is declared, not discovered: `capabilities`
 * says whether it produces noise, predicts new rows, gives membership
 * probabilities or a hierarchy over its clusters.
 */
import type { Labels, Matrix } from '../core/index.js';

/** What a clusterer produces beyond labels; the common tests hold every clusterer to it. */
export interface ClusterCapabilities {
  /** Labels may contain −1 (noise). When false, every row gets a cluster. */
  readonly noise: boolean;
  /** The result has `predict(X)` for new rows. */
  readonly predict: boolean;
  /** The result has `probabilities` (membership strength per row). */
  readonly probabilities: boolean;
  /** The result has `hierarchy` (a linkage over its final clusters). */
  readonly hierarchy: boolean;
}

/** One merge of a scipy-style linkage. */
export interface LinkageStep {
  /** Node merged: a cluster label (0 … nClusters − 1) or an earlier merge (nClusters + i). */
  readonly left: number;
  readonly right: number;
  /** Height of the merge; never decreases along the list. */
  readonly height: number;
  /** Rows under the new node. */
  readonly size: number;
}

/**
 * A scipy-style linkage over the final clusters: leaves 0 … nClusters − 1 are the
 * cluster labels; merge i creates node nClusters + i; heights increase along the
 * list (a top-down split tree is listed in reverse split order).
 */
export interface ClusterHierarchy {
  readonly linkage: ReadonlyArray<LinkageStep>;
}

/** What every clusterer's `fit(X)` returns. */
export interface ClusteringResult {
  /** Registry name: 'hdbscan', 'kmeans', 'dbscan', 'bisecting-kmeans' … */
  readonly algorithm: string;
  /** Cluster of every row, 0 … nClusters − 1, or −1 for noise. */
  readonly labels: Labels;
  readonly nClusters: number;
  /** Resolved parameters (defaults filled in), JSON-serialisable, without `threads`. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly capabilities: ClusterCapabilities;
  /** Membership strength per row in [0, 1], when `capabilities.probabilities`. */
  readonly probabilities?: Float64Array;
  /** Linkage over the final clusters, when `capabilities.hierarchy`. */
  readonly hierarchy?: ClusterHierarchy;
  /** Cluster (or −1) of new rows, when `capabilities.predict`. */
  predict?(X: Matrix): Labels;
}

/** Anything with `fit(X)`: what a registry entry's `create` returns. */
export interface Clusterer {
  fit(X: Matrix): ClusteringResult;
}

/** Drops `threads` from resolved estimator parameters: results never depend on it. */
export function withoutThreads<T extends object>(params: T): Omit<T, 'threads'> {
  const { threads: _threads, ...rest } = params as T & { threads?: unknown };
  return rest;
}
