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
 * (Between duplicates d = 0 ≤ core, so only the core distances need the
 * reference's few-ulp duplicate distance to reproduce its mutual reachability.)
 */
import { knn, type ComputeOptions, type Matrix, type Neighbors } from '../../core/index.js';
import { referenceDuplicateDistance } from './duplicate-distance.js';

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
  return { distances: coreDistancesFromNeighbors(X, neighbors, k), neighbors };
}

/**
 * Core distances read from neighbour lists (each row's k-th nearest other row;
 * the lists may hold more than k). Used by the exact path and by the approximate
 * one, whose lists come from the partitioned search.
 */
export function coreDistancesFromNeighbors(X: Matrix, neighbors: Neighbors, k: number): Float64Array {
  const stride = neighbors.k;
  const distances = new Float64Array(X.rows);
  const d = X.cols;
  // The reference's value depends on the row alone, and costs ≈ 50 µs (exact FMA in BigInt):
  // remembered per distinct row (a real corpus repeats postings: thousands of such rows).
  const remembered = new Map<number, number[]>();
  const words = new Uint32Array(X.data.buffer, X.data.byteOffset, X.data.length);
  for (let i = 0; i < X.rows; i++) {
    let core = neighbors.distances[i * stride + k - 1];
    // A row with ≥ k exact duplicates: take the reference's few-ulp value (see duplicate-distance.ts).
    if (core === 0 && identicalRows(X, i, neighbors.indices[i * stride + k - 1])) {
      let hash = 0x811c9dc5;
      for (let t = i * d; t < (i + 1) * d; t++) hash = Math.imul(hash ^ words[t], 0x01000193);
      const seen = remembered.get(hash) ?? [];
      const same = seen.find((r) => identicalRows(X, i, r));
      if (same !== undefined) core = distances[same];
      else {
        core = referenceDuplicateDistance(X.data.subarray(i * d, (i + 1) * d));
        seen.push(i);
        remembered.set(hash, seen);
      }
    }
    distances[i] = core;
  }
  return distances;
}

function identicalRows(X: Matrix, i: number, j: number): boolean {
  const d = X.cols;
  for (let t = 0; t < d; t++) if (X.data[i * d + t] !== X.data[j * d + t]) return false;
  return true;
}
