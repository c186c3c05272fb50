/**
 * Validation: how good the clusters are (silhouette, Davies–Bouldin,
 * Calinski–Harabasz, agreement with known labels), what each one is (c-TF-IDF
 * keywords and names) and which ones a platform over- or under-represents.
 */
export { silhouette, silhouetteFromSums, type SilhouetteOptions, type SilhouetteResult, type ClusterSilhouette } from './silhouette.js';
export { daviesBouldin, calinskiHarabasz, type InternalIndexOptions } from './internal-indices.js';
export { adjustedRandIndex, normalizedMutualInformation } from './agreement.js';
export { clusterSizes, compactLabels, NOISE_LABEL, type ClusterSizes, type CompactLabels, type NoiseHandling } from './labels.js';
export {
  clusterKeywords,
  KeywordCounter,
  nameFromTerms,
  NAME_SEPARATOR,
  type ClusterKeywords,
  type Keyword,
  type KeywordOptions,
  type KeywordResult,
} from './keywords.js';
export * from './bias/index.js';
export * from './facets/index.js';
export { simulateFacetRows, type SimulateFacetOptions, type SimulatedCell, type SimulatedFacetRows } from './facets/simulate.js';
export * from './salary/index.js';
export * from './trends/index.js';
export { nameClusters, normalizeTitle, ClusterNamer, type NameClustersInput } from './names.js';
