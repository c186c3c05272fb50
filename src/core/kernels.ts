/**
 * Public kernel API of the compute core. (Initial version: delegates to the
 * plain-TypeScript reference; the WebAssembly SIMD + worker-pool implementation
 * replaces the bodies, not the signatures.)
 */
import type { Matrix, Labels } from './matrix.js';
import {
  knnReference,
  labelDistanceSumsReference,
  mutualReachabilityMstReference,
  nearestCentroidReference,
  radiusNeighborsReference,
} from './reference/kernels.js';

export interface ComputeOptions {
  /** Threads to use (default: all cores). Results are identical for any value. */
  threads?: number;
}

/** k nearest other rows of each row, ascending by distance, ties by lower index. */
export interface Neighbors {
  n: number;
  k: number;
  /** n × k row indices. */
  indices: Int32Array;
  /** n × k cosine distances. */
  distances: Float64Array;
}

/** Edges of a spanning tree: n − 1 entries. */
export interface SpanningTree {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/** Neighbourhoods as compressed sparse rows: neighbours of i are indices[offsets[i] .. offsets[i+1]). */
export interface NeighborLists {
  offsets: Int32Array;
  indices: Int32Array;
}

export function knn(X: Matrix, k: number, _options: ComputeOptions = {}): Neighbors {
  const { indices, distances } = knnReference(X, k);
  return { n: X.rows, k, indices, distances };
}

export function nearestCentroid(
  X: Matrix,
  centroids: Matrix,
  _options: ComputeOptions = {},
): { labels: Labels; distances: Float64Array } {
  return nearestCentroidReference(X, centroids);
}

export function labelDistanceSums(X: Matrix, labels: Labels, nLabels: number, _options: ComputeOptions = {}): Float64Array {
  return labelDistanceSumsReference(X, labels, nLabels);
}

export function mutualReachabilityMst(X: Matrix, coreDistances: ArrayLike<number>, _options: ComputeOptions = {}): SpanningTree {
  return mutualReachabilityMstReference(X, coreDistances);
}

export function radiusNeighbors(X: Matrix, eps: number, _options: ComputeOptions = {}): NeighborLists {
  return radiusNeighborsReference(X, eps);
}
