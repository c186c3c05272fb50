/** What the pipeline keeps of one clustering: labels, scores, facets and the fitted result. */
import type { Labels } from '../core/index.js';
import type { ClusterHierarchy, ClusteringResult } from '../cluster/index.js';
import type { FacetBias } from '../report/index.js';
import type { KeywordResult, SilhouetteResult } from '../validate/index.js';
import type { Agreement } from './agreement.js';

export interface ClusteringOutcome {
  /** Registry name of the clusterer. */
  algorithm: string;
  params: Record<string, unknown>;
  /** One label per vector row; −1 noise. */
  labels: Labels;
  /** One label per input posting: its row's, its representative's for a duplicate, −1 without a row. */
  labelsByPosting: Labels;
  nClusters: number;
  noise: number;
  /** Noise before `reassignNoiseThreshold` moved some; null when it did not run. */
  noiseBeforeAssignment: number | null;
  /** Clustering time alone. */
  seconds: number;
  /** Noise moved into clusters by `reassignNoiseThreshold` (0 when off). */
  reassigned: number;
  silhouette: SilhouetteResult | null;
  daviesBouldin: number | null;
  calinskiHarabasz: number | null;
  keywords: KeywordResult | null;
  /** One bias analysis per requested facet. */
  facets: FacetBias[];
  agreement: Agreement[];
  /** Merge tree over the clusters (leaves = labels); null with fewer than two clusters. */
  hierarchy?: ClusterHierarchy | null;
  /** The fitted clusterer's result (the contract of src/cluster/contract.ts). */
  model: ClusteringResult;
}
