/** What the pipeline keeps of one clustering: labels, scores, facets and the fitted result. */
import type { Labels } from '../core/index.js';
import type { ClusteringResult } from '../cluster/index.js';
import type { FacetBiasResult, KeywordResult, SalaryPremium, SilhouetteResult, TrendResult } from '../validate/index.js';
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
  facets: FacetBiasResult[];
  /** Salary premium per cluster and per cluster × city (`salaryPremiums`). */
  salary: SalaryPremium[];
  /** Postings per cluster per period with changepoints (`clusterTrends`). */
  trends: TrendResult;
  agreement: Agreement[];
  /** The fitted clusterer's result (the contract of src/cluster/contract.ts). */
  model: ClusteringResult;
}
