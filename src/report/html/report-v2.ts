/**
 * The report JSON, schema version 2 (SPEC §5), as far as the HTML page reads
 * it. Kept here only until src/report/types.ts moves to v2: the field names
 * are the spec's, so switching the page to the shared types is a rename.
 * Every field the page does not read is allowed through untouched.
 */

export interface KeywordV2 {
  readonly term: string;
  readonly score: number;
}

export interface DataQualityRowV2 {
  readonly facet: string;
  readonly value: string;
  readonly postings: number;
  readonly descriptionCoverage: number | null;
  readonly medianDescriptionLength: number | null;
  readonly duplicateRate: number | null;
  readonly templateRate: number | null;
  readonly titleOnly: number | null;
  readonly titleOnlyShare: number | null;
}

export interface ReportMapV2 {
  readonly ids: readonly string[];
  readonly x: readonly number[];
  readonly y: readonly number[];
  readonly rows: number;
}

export interface LinkageStepV2 {
  readonly left: number;
  readonly right: number;
  readonly height: number;
  readonly size: number;
}

export interface ClusterV2 {
  readonly label: number;
  readonly name: string;
  readonly title?: string;
  readonly size: number;
  readonly share: number;
  readonly silhouette: number | null;
  readonly keywords: readonly KeywordV2[];
  readonly sampleTitles: readonly string[];
  readonly sampleIds?: readonly string[];
  readonly companies?: number;
  readonly topCompany?: string | null;
  readonly topCompanyShare?: number | null;
  readonly titleOnly?: number | null;
}

export interface FacetFlagV2 {
  readonly value: string;
  readonly cluster: number;
  readonly direction: 'over' | 'under';
  readonly observed: number;
  readonly expected: number;
  readonly ratio: number;
  readonly ratioCI: readonly [number, number];
  readonly pAdjusted: number;
  readonly companies?: number;
  readonly topCompany?: string | null;
  readonly topCompanyShare?: number | null;
  readonly titleOnlyShare?: number | null;
  readonly confounded: null | 'company' | 'text';
}

export interface FacetV2 {
  readonly facet: string;
  readonly values: readonly string[];
  readonly clusters: readonly number[];
  /** Row-major values × clusters. */
  readonly counts: readonly number[];
  readonly test: { readonly chi2: number; readonly df: number; readonly p: number; readonly cramersV: number; readonly n: number } | null;
  /** All flags, ranked by effect. */
  readonly flags: readonly FacetFlagV2[];
}

export interface ClusteringV2 {
  readonly algorithm: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seconds: number | null;
  readonly n: number;
  readonly nClusters: number;
  readonly noise: {
    readonly count: number;
    readonly share: number;
    readonly keywords?: readonly KeywordV2[];
    readonly sampleTitles?: readonly string[];
  };
  readonly scores?: { readonly silhouette?: number | null };
  readonly hierarchy: { readonly linkage: readonly LinkageStepV2[] } | null;
  readonly clusters: readonly ClusterV2[];
  readonly facets: readonly FacetV2[];
}

export interface PipelineReportV2 {
  readonly schemaVersion: 2;
  readonly title: string;
  readonly createdAt: string;
  readonly generator: { readonly name: string; readonly version: string | null };
  readonly dataset: {
    readonly source: string | null;
    readonly records: number;
    readonly skipped: number;
    readonly duplicates: number;
    readonly used: number;
  };
  readonly dataQuality: readonly DataQualityRowV2[];
  readonly map: ReportMapV2 | null;
  readonly clusterings: readonly ClusteringV2[];
}
