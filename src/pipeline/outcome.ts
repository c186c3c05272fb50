/** What the pipeline keeps of one clustering: labels, scores, facets and the fitted result. */
import type { Labels } from '../core/index.js';
import type { ClusterHierarchy, ClusteringResult } from '../cluster/index.js';
import type { FacetBiasResult, KeywordResult, SalaryPremium, SilhouetteResult, TrendResult } from '../validate/index.js';
import type { Agreement } from './agreement.js';

export interface ClusteringOutcome {
  /** Registry name of the clusterer. */
  algorithm: string;
  /** Resolved parameters of the clusterer (JSON-serialisable, as in the report). */
  params: Record<string, unknown>;
  /** One label per vector row; −1 noise. */
  labels: Labels;
  /** One label per input posting: its row's, its representative's for a duplicate, −1 without a row. */
  labelsByPosting: Labels;
  /** Clusters found (noise not counted). */
  nClusters: number;
  /** Rows labelled −1 after any reassignment. */
  noise: number;
  /** Noise before `reassignNoiseThreshold` moved some; null when it did not run. */
  noiseBeforeAssignment: number | null;
  /** Clustering time alone. */
  seconds: number;
  /** Rows moved into clusters after the fit: noise and title-only rows assigned (0 when none). */
  reassigned: number;
  /** How k was chosen when it was 'auto'; null otherwise. */
  kSelection: { criterion: string; curve: { k: number; score: number }[]; chosen: number } | null;
  /** Cosine silhouette (sampled above 20,000 rows); null with `silhouette: false` or when undefined (as Davies–Bouldin). */
  silhouette: SilhouetteResult | null;
  /** Davies–Bouldin index over the clustered rows; null when undefined (fewer than two clusters, or no more rows than clusters). */
  daviesBouldin: number | null;
  /** Calinski–Harabasz index over the clustered rows; null when undefined (fewer than two clusters, or no more rows than clusters). */
  calinskiHarabasz: number | null;
  /** c-TF-IDF keywords and names per cluster, from the rows' tokens. */
  keywords: KeywordResult | null;
  /** One bias analysis per requested facet. */
  facets: FacetBiasResult[];
  /** Salary premium per cluster and per cluster × city (`salaryPremiums`). */
  salary: SalaryPremium[];
  /** Postings per cluster per period with changepoints (`clusterTrends`). */
  trends: TrendResult;
  agreement: Agreement[];
  /** Merge tree over the clusters (leaves = labels); null with fewer than two clusters. */
  hierarchy?: ClusterHierarchy | null;
  /** The fitted clusterer's result (the contract of src/cluster/contract.ts). */
  model: ClusteringResult;
}
