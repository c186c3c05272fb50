/** What benchmarks/compare-clusterers.ts asks benchmarks/lib/run-clusterer.ts to run, and what it answers. */

export type Library = 'jd-cluster' | 'ml-kmeans' | 'density-clustering' | 'hdbscan-ts' | 'baseline';
export type BenchAlgorithm = 'kmeans' | 'dbscan' | 'hdbscan' | 'load';

export interface ClusterJob {
  library: Library;
  algorithm: BenchAlgorithm;
  vectors: string;
  rows: number;
  cols: number;
  /** kmeans: { k, seed, maxIter }; dbscan: { eps (cosine), minSamples }; hdbscan: { minClusterSize, minSamples }; threads for jd-cluster. */
  params: Record<string, number>;
  labelsOut: string;
}

export interface ClusterRunOutput {
  seconds: number;
  peakRssMB: number;
  /** Time to turn the Float32Array into the number[][] a peer takes (not in `seconds`). */
  convertSeconds: number;
}

/** Peers are Euclidean: on unit vectors d_euclid² = 2 − 2·cos = 2·d_cos, so eps_euclid = √(2·eps_cos). */
export const euclideanEps = (cosineEps: number): number => Math.sqrt(2 * cosineEps);
