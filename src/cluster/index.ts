/**
 * Clustering stage: exact cosine HDBSCAN (Python `hdbscan` semantics), DBSCAN
 * (scikit-learn semantics), spherical K-Means (+ mini-batch), and
 * `reassignNoise` for HDBSCAN/DBSCAN noise.
 */
export {
  HDBSCAN,
  HDBSCANResult,
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
export { DBSCAN, type DBSCANParams, type DBSCANResult } from './dbscan.js';
export { KMeans, kMeansPlusPlus, type KMeansParams, type KMeansResult, type ResolvedKMeansParams } from './kmeans.js';
export { reassignNoise, type ReassignNoiseOptions, type ReassignedLabels } from './reassign-noise.js';
