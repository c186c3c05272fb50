/**
 * Report data: `ReportInput` is what the pipeline hands over (the results of
 * the validation functions, as they come); `PipelineReport` is the JSON
 * document built from it, with a stable schema (docs/report-schema.md, and the
 * JSON Schema docs/report-schema.json generated from these types by
 * `npm run schema`) that the Markdown and HTML renderers read. Bump
 * `REPORT_SCHEMA_VERSION` on any change that can break a reader (renamed or
 * removed fields, changed meaning).
 */
import type { Labels } from '../core/index.js';
import type { DataQualityRow } from '../data/index.js';
import type { ClusterTrend, FacetBiasResult, KeywordResult, SalaryPremium, SilhouetteResult, TrendInfo } from '../validate/index.js';

export const REPORT_SCHEMA_VERSION = 2;

/** A record of the input that was left out when loading, or that got no vector row. */
export interface SkippedRecordReport {
  /** 0-based index of the record in the input (records skipped at load included). */
  readonly index: number;
  /** 1-based line (JSONL) or data row (CSV) in the source, when known. */
  readonly line?: number;
  /** Why it was skipped, e.g. 'empty-description', 'no-tokens', 'no-known-words'. */
  readonly reason: string;
}

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
  /** Every skipped record, in input order. */
  readonly skippedRecords?: ReadonlyArray<SkippedRecordReport>;
  /** Postings removed as duplicates of another posting. */
  readonly duplicates: number;
  /** Further postings embedded once as one employer's template copies (beyond duplicates). */
  readonly templates?: number;
  /** Postings that went into the clustering (one per row of the vectors). */
  readonly used: number;
}

// Facet bias, salary and trend shapes (SPEC §5) are declared once, where they
// are computed (src/validate/facets, salary, trends), and only named here.
export type { FacetFlag, SalaryPremium, ClusterTrend, TrendInfo } from '../validate/index.js';
/** One facet's bias analysis of one clustering (`analyzeFacetBias`'s result). */
export type FacetBias = FacetBiasResult;

/** How the number of clusters was chosen (when it was). */
export interface KSelection {
  readonly criterion: string;
  readonly curve: ReadonlyArray<{ readonly k: number; readonly score: number }>;
  readonly chosen: number;
}

/** Linkage over the final clusters (see `ClusterHierarchy` of the cluster stage). */
export interface ReportHierarchy {
  readonly linkage: ReadonlyArray<{ readonly left: number; readonly right: number; readonly height: number; readonly size: number }>;
}

/** Data quality of the postings of one facet value (platform rows first): declared by the data stage's `dataQuality`. */
export type { DataQualityRow } from '../data/index.js';

/** A 2-D map of the documents (one point per used posting). */
export interface ReportMap {
  readonly ids: readonly string[];
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly rows: number;
}

/** One clustering (one algorithm) with whatever was computed for it. */
export interface ClusteringInput {
  /** Registry name, e.g. "hdbscan", "kmeans", "dbscan", "bisecting-kmeans". */
  readonly algorithm: string;
  readonly params?: Readonly<Record<string, unknown>>;
  /** What the clusterer declares it produces. */
  readonly capabilities?: {
    readonly noise: boolean;
    readonly predict: boolean;
    readonly probabilities: boolean;
    readonly hierarchy: boolean;
  };
  /** One label per used posting; −1 noise. */
  readonly labels: Labels;
  /** Noise before `reassignNoise` moved some of it (null when nothing was reassigned). */
  readonly noiseBeforeAssignment?: number | null;
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
  readonly hierarchy?: ReportHierarchy | null;
  readonly kSelection?: KSelection | null;
  readonly facets?: readonly FacetBias[];
  readonly salary?: readonly SalaryPremium[];
  readonly trends?: readonly ClusterTrend[];
  readonly trendInfo?: TrendInfo | null;
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
  readonly dataQuality?: readonly DataQualityRow[];
  /** Vector representation, e.g. `{ name: 'word2vec-tfidf', dim: 128 }`. */
  readonly representation?: { readonly name: string; readonly dim: number; readonly params?: Readonly<Record<string, unknown>> };
  /** Run parameters, reported as given (must be JSON-serialisable). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** Seconds per stage, in run order. */
  readonly timings?: ReadonlyArray<{ readonly stage: string; readonly seconds: number }>;
  readonly map?: ReportMap | null;
  /** Per used posting, parallel to every clustering's labels. */
  readonly postings?: {
    readonly ids?: ReadonlyArray<string>;
    readonly titles?: ReadonlyArray<string>;
    readonly platforms?: ReadonlyArray<string>;
    /** Employer (normalised when the data stage can), '' when unknown. */
    readonly companies?: ReadonlyArray<string>;
    readonly titleOnly?: ReadonlyArray<boolean>;
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
// The JSON document (schema version 2). Numbers are finite or null, never NaN.

/** The report document (`report.json`). */
export interface PipelineReport {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly title: string;
  /** ISO 8601. */
  readonly createdAt: string;
  readonly generator: { readonly name: 'jd-cluster'; readonly version: string | null };
  readonly dataset: ReportDataset;
  /** Data quality per facet value, platform rows first. */
  readonly dataQuality: readonly DataQualityRow[];
  readonly representation: { readonly name: string; readonly dim: number; readonly params: Record<string, unknown> } | null;
  readonly params: Record<string, unknown>;
  readonly timings: { readonly stages: ReadonlyArray<{ readonly stage: string; readonly seconds: number }>; readonly totalSeconds: number };
  /** 2-D document map, when one was computed. */
  readonly map: ReportMap | null;
  readonly clusterings: readonly ClusteringReport[];
}

export interface ReportDataset {
  readonly source: string | null;
  readonly records: number;
  readonly skipped: number;
  readonly skippedByReason: Record<string, number>;
  /** Every skipped record (at load or for lack of usable text), in input order. */
  readonly skippedRecords: readonly SkippedRecordReport[];
  readonly duplicates: number;
  /** Further postings embedded once as one employer's template copies (0 when not computed). */
  readonly templates: number;
  readonly used: number;
  /** Used postings per platform, most first. Empty when platforms are unknown. */
  readonly platforms: ReadonlyArray<{ readonly platform: string; readonly count: number; readonly share: number }>;
}

export interface ClusteringReport {
  readonly algorithm: string;
  readonly params: Record<string, unknown>;
  readonly capabilities: {
    readonly noise: boolean;
    readonly predict: boolean;
    readonly probabilities: boolean;
    readonly hierarchy: boolean;
  } | null;
  readonly seconds: number | null;
  /** Rows labelled. */
  readonly n: number;
  readonly nClusters: number;
  readonly noise: NoiseReport;
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
  readonly kSelection: KSelection | null;
  readonly hierarchy: ReportHierarchy | null;
  /** Clusters by label ascending (noise is under `noise`). */
  readonly clusters: readonly ClusterReport[];
  /** One bias analysis per facet, in the order the facets were asked for. */
  readonly facets: readonly FacetBias[];
  readonly salary: readonly SalaryPremium[];
  readonly trends: readonly ClusterTrend[];
  readonly trendInfo: TrendInfo | null;
}

export interface NoiseReport {
  /** Rows labelled −1 (after reassignment, if any). */
  readonly count: number;
  readonly share: number;
  /** Noise before reassignment; null when nothing was reassigned. */
  readonly beforeAssignment: { readonly count: number; readonly share: number } | null;
  /** Noise rows moved into a cluster. */
  readonly assigned: number;
  readonly keywords: readonly ReportKeyword[];
  readonly sampleTitles: readonly string[];
  readonly sampleIds: readonly string[];
}

export interface ReportKeyword {
  readonly term: string;
  readonly score: number;
}

export interface ClusterReport {
  readonly label: number;
  /** Short name from the top keywords; "cluster N" when keywords were not computed. */
  readonly name: string;
  /** The most frequent title among the members ('' without titles). */
  readonly title: string;
  readonly size: number;
  /** Share of the labelled rows. */
  readonly share: number;
  /** Mean silhouette of the cluster's scored members. */
  readonly silhouette: number | null;
  readonly keywords: readonly ReportKeyword[];
  readonly sampleTitles: readonly string[];
  /** Ids of the postings the sample titles come from (same order); empty without ids. */
  readonly sampleIds: readonly string[];
  /** Distinct employers among the members (0 when unknown). */
  readonly companies: number;
  readonly topCompany: string | null;
  readonly topCompanyShare: number;
  /** Title-only members. */
  readonly titleOnly: number;
}
