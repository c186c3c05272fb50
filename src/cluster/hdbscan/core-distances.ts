/**
 * Phase 1 of HDBSCAN: core distances.
 *
 * The core distance of a point is its cosine distance to the `minSamples`-th
 * nearest *other* point (the Python `hdbscan` package's convention, which reads
 * index `minSamples` of each sorted distance row, index 0 being the point
 * itself). scikit-learn's own HDBSCAN counts the point itself instead.
 *
 * Mutual reachability, mr(a, b) = max(core[a], core[b], d(a, b)), is never
 * materialised: the MST kernel evaluates it on the fly from these values.
 */
import { knn, type ComputeOptions, type Matrix, type Neighbors } from '../../core/index.js';

export interface CoreDistances {
  /** Core distance of every row. */
  distances: Float64Array;
  /** The neighbour lists they came from (reused by approximate prediction). */
  neighbors: Neighbors;
}

/**
 * The package clamps `minSamples` to n − 1 (and to at least 1) before using
 * it; so do we, so that tiny inputs behave the same.
 */
export function effectiveMinSamples(minSamples: number, n: number): number {
  return Math.max(1, Math.min(n - 1, minSamples));
}

export function coreDistances(X: Matrix, minSamples: number, options: ComputeOptions = {}): CoreDistances {
  const k = effectiveMinSamples(minSamples, X.rows);
  const neighbors = knn(X, k, options);
  const distances = new Float64Array(X.rows);
  for (let i = 0; i < X.rows; i++) distances[i] = neighbors.distances[i * k + k - 1];
  return { distances, neighbors };
}
