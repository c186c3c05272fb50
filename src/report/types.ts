/**
 * Report data: `ReportInput` is what the pipeline hands over (the results of
 * the validation functions, as they come); `PipelineReport` is the JSON
 * document built from it, with a stable schema (docs/report-schema.md) that
 * the Markdown and HTML renderers read. Bump `REPORT_SCHEMA_VERSION` on any
 * change that can break a reader (renamed or removed fields, changed meaning).
 */
import type { Labels } from '../core/index.js';
import type { BiasDirection, Correction, KeywordResult, PlatformBiasResult, SilhouetteResult } from '../validate/index.js';

export const REPORT_SCHEMA_VERSION = 1;

/** Counts of the data stage: what was read, skipped, removed and clustered. */
export interface DatasetSummary {
  /** File or corpus name, e.g. "jd-multiplatform-2024q4.jsonl.gz" or "synthetic (seed 42)". */
  readonly source?: string;
  /** Records read from the source. */
  readonly records: number;
  /** Records skipped as unusable (bad JSON, empty description, too short …). */
  readonly skipped: number;
  /** Skipped records per reason. */
  readonly skippedByReason?: Readonly<Record<string, number>>;
  /** Postings removed as duplicates of another posting. */
  readonly duplicates: number;
  /** Postings that went into the clustering (one per row of the vectors). */
  readonly used: number;
}

/** One clustering (one algorithm) with whatever was computed for it. */
export interface ClusteringInput {
  /** e.g. "hdbscan", "kmeans", "dbscan". */
  readonly algorithm: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** One label per used posting; −1 noise. */
  readonly labels: Labels;
  /** Seconds the algorithm took. */
  readonly seconds?: number;
  readonly silhouette?: SilhouetteResult | null;
  readonly daviesBouldin?: number | null;
  readonly calinskiHarabasz?: number | null;
  /** Agreement with other labellings (known archetypes, another algorithm). */
  readonly agreement?: ReadonlyArray<{
    readonly against: string;
    readonly adjustedRandIndex: number;
    readonly normalizedMutualInformation: number;
  }>;
  readonly keywords?: KeywordResult | null;
  readonly bias?: PlatformBiasResult | null;
}

/** Everything the report builders need. Arrays under `postings` run parallel to the labels. */
export interface ReportInput {
  /** Page title (default "jd-cluster report"). */
  readonly title?: string;
  /** When the run happened (default: now). */
  readonly createdAt?: Date | string;
  /** Library version that produced the report. */
  readonly version?: string;
  readonly dataset: DatasetSummary;
  /** Vector representation, e.g. `{ name: 'word2vec-tfidf', dim: 128 }`. */
  readonly representation?: { readonly name: string; readonly dim: number; readonly params?: Readonly<Record<string, unknown>> };
  /** Run parameters, reported as given (must be JSON-serialisable). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Seconds per stage, in run order. */
  readonly timings?: ReadonlyArray<{ readonly stage: string; readonly seconds: number }>;
  /** Per used posting, parallel to every clustering's labels. */
  readonly postings?: {
    readonly ids?: ReadonlyArray<string>;
    readonly titles?: ReadonlyArray<string>;
    readonly platforms?: ReadonlyArray<string>;
  };
  readonly clusterings: ReadonlyArray<ClusteringInput>;
}

export interface BuildReportOptions {
  /** Sample titles per cluster (default 5): the distinct titles of its most typical members. */
  readonly sampleTitles?: number;
  /** Keywords per cluster kept in the report (default 10). */
  readonly keywords?: number;
}

// ---------------------------------------------------------------------------
// The JSON document (schema version 1). Numbers are finite or null, never NaN.

export interface PipelineReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly title: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly generator: { readonly name: 'jd-cluster'; readonly version: string | null };
  readonly dataset: ReportDataset;
  readonly representation: { readonly name: string; readonly dim: number; readonly params: Record<string, unknown> } | null;
  readonly params: Record<string, unknown>;
  readonly timings: { readonly stages: ReadonlyArray<{ readonly stage: string; readonly seconds: number }>; readonly totalSeconds: number };
  readonly clusterings: readonly ClusteringReport[];
}

export interface ReportDataset {
  readonly source: string | null;
  readonly records: number;
  readonly skipped: number;
  readonly skippedByReason: Record<string, number>;
  readonly duplicates: number;
  readonly used: number;
  /** Used postings per platform, most first. Empty when platforms are unknown. */
  readonly platforms: ReadonlyArray<{ readonly platform: string; readonly count: number; readonly share: number }>;
}

export interface ClusteringReport {
  readonly algorithm: string;
  readonly params: Record<string, unknown>;
  readonly seconds: number | null;
  /** Rows labelled. */
  readonly n: number;
  readonly nClusters: number;
  readonly noise: {
    readonly count: number;
    readonly share: number;
    readonly keywords: readonly ReportKeyword[];
    readonly sampleTitles: readonly string[];
    readonly sampleIds: readonly string[];
  };
  readonly scores: {
    /** Mean cosine silhouette over the scored rows (noise excluded unless stated). */
    readonly silhouette: number | null;
    readonly silhouetteSampled: boolean;
    readonly silhouetteScored: number | null;
    readonly silhouetteNoise: 'exclude' | 'cluster' | null;
    readonly daviesBouldin: number | null;
    readonly calinskiHarabasz: number | null;
  };
  readonly agreement: ReadonlyArray<{
    readonly against: string;
    readonly adjustedRandIndex: number | null;
    readonly normalizedMutualInformation: number | null;
  }>;
  /** Clusters by label ascending (noise is under `noise`). */
  readonly clusters: readonly ClusterReport[];
  readonly bias: BiasReport | null;
}

export interface ReportKeyword {
  readonly term: string;
  readonly score: number;
}

export interface ClusterReport {
  readonly label: number;
  /** Short name from the top keywords; "cluster N" when keywords were not computed. */
  readonly name: string;
  readonly size: number;
  /** Share of the labelled rows. */
  readonly share: number;
  /** Mean silhouette of the cluster's scored members. */
  readonly silhouette: number | null;
  readonly keywords: readonly ReportKeyword[];
  readonly sampleTitles: readonly string[];
  /** Ids of the postings the sample titles come from (same order); empty without ids. */
  readonly sampleIds: readonly string[];
  /** Postings per platform in this cluster, most first. */
  readonly platforms: ReadonlyArray<{ readonly platform: string; readonly count: number; readonly share: number }>;
}

export interface BiasCellReport {
  readonly platform: string;
  readonly cluster: number;
  readonly count: number;
  readonly expected: number;
  readonly rowShare: number;
  readonly columnShare: number;
  readonly shareRatio: number | null;
  readonly residual: number | null;
  readonly pValue: number | null;
  readonly adjustedPValue: number | null;
  readonly tested: boolean;
  readonly flagged: boolean;
  readonly explained: boolean;
  readonly direction: BiasDirection | null;
  /** What the p-value was computed against (step 0: independence); null when not tested. */
  readonly basis: { readonly step: number; readonly expected: number; readonly shareRatio: number; readonly residual: number } | null;
}

export interface BiasReport {
  /** Row order of the table. */
  readonly platforms: readonly string[];
  /** Column order: clusters ascending, −1 (noise) last when present. */
  readonly clusters: readonly number[];
  readonly rowTotals: readonly number[];
  readonly columnTotals: readonly number[];
  /** Row-major platforms × clusters. */
  readonly cells: readonly BiasCellReport[];
  readonly test: {
    readonly statistic: number;
    readonly degreesOfFreedom: number;
    readonly pValue: number;
    readonly cramersV: number;
    readonly n: number;
  };
  /** Flagged cells in the order they were flagged (strongest first; see `basis.step`). */
  readonly flags: readonly BiasCellReport[];
  readonly dominance: ReadonlyArray<{
    readonly cluster: number;
    readonly platform: string;
    readonly share: number;
    readonly clusterSize: number;
    readonly overallShare: number;
  }>;
  readonly options: {
    readonly alpha: number;
    readonly correction: Correction;
    readonly minShareRatio: number;
    readonly minExpected: number;
    readonly dominanceShare: number;
    readonly minClusterSize: number;
  };
  readonly notes: readonly string[];
}
