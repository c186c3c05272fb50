/**
 * Clustering stage: exact cosine HDBSCAN (Python `hdbscan` semantics), DBSCAN
 * (scikit-learn semantics), spherical K-Means (+ mini-batch), bisecting
 * spherical K-Means, and `reassignNoise` for HDBSCAN/DBSCAN noise. Every
 * clusterer's result implements `ClusteringResult` (contract.ts) and has one
 * entry in `CLUSTERERS` (registry.ts).
 */
export {
  HDBSCAN,
  HDBSCANResult,
  HDBSCAN_PARAMS,
  resolveHDBSCANParams,
  APPROXIMATE_FROM_ROWS,
  type HDBSCANMode,
  type HDBSCANParams,
  type ResolvedHDBSCANParams,
  type CondensedTree,
  type SingleLinkageTree,
  type ClusterSelectionMethod,
  type ApproximatePrediction,
} from './hdbscan/index.js';
export { DBSCAN, DBSCAN_PARAMS, type DBSCANParams, type DBSCANResult } from './dbscan.js';
export { KMeans, KMEANS_PARAMS, kMeansPlusPlus, type KMeansParams, type KMeansResult, type ResolvedKMeansParams } from './kmeans.js';
export {
  BisectingKMeans,
  BisectingKMeansResult,
  BISECTING_KMEANS_PARAMS,
  type BisectingKMeansParams,
  type BisectingStrategy,
  type ResolvedBisectingKMeansParams,
} from './bisecting-kmeans.js';
export type { ClusterCapabilities, ClusterHierarchy, ClusteringResult, Clusterer, LinkageStep } from './contract.js';
export { CLUSTERERS, clustererNames, getClusterer, autoEps, type ClustererEntry, type ClustererRunOptions } from './registry.js';
export {
  reassignNoise,
  predictAssigned,
  assignToFullClusters,
  NoiseAssigner,
  type ReassignNoiseOptions,
  type ReassignedLabels,
} from './reassign-noise.js';
export { selectK, defaultKMax, K_CRITERIA, type SelectKOptions, type KSelection, type KCriterion } from './select-k.js';
export {
  densityDefaults,
  kmeansDefaults,
  dbscanEps,
  reduceDimensions,
  fitTextDensity,
  type DensityDefaults,
  type Reduction,
  type TextDensityOptions,
  type TextDensityFit,
} from './text-defaults.js';
export {
  centroidLinkage,
  clusterHierarchy,
  hdbscanLinkage,
  mergeLabels,
  type HDBSCANHierarchySource,
  type MergedLabels,
} from './hierarchy.js';
