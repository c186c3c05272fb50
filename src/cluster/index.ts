/**
 * Clustering stage: exact cosine HDBSCAN (Python `hdbscan` semantics), DBSCAN
 * (scikit-learn semantics), spherical K-Means (+ mini-batch), and
 * `reassignNoise` for HDBSCAN/DBSCAN noise.
 */
export {
  HDBSCAN,
  HDBSCANResult,
  resolveHDBSCANParams,
  type HDBSCANParams,
  type ResolvedHDBSCANParams,
  type CondensedTree,
  type SingleLinkageTree,
  type ClusterSelectionMethod,
  type ApproximatePrediction,
} from './hdbscan/index.js';
export { DBSCAN, type DBSCANParams, type DBSCANResult } from './dbscan.js';
export { KMeans, kMeansPlusPlus, type KMeansParams, type KMeansResult, type ResolvedKMeansParams } from './kmeans.js';
export { reassignNoise, type ReassignNoiseOptions, type ReassignedLabels } from './reassign-noise.js';
export {
  centroidLinkage,
  clusterHierarchy,
  hdbscanLinkage,
  mergeLabels,
  type HDBSCANHierarchySource,
  type MergedLabels,
} from './hierarchy.js';
