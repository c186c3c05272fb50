/**
 * Reports: the JSON document with a stable schema (docs/report-schema.md),
 * Markdown for notebooks, and a self-contained HTML page with the platform ×
 * cluster heat map.
 */
export {
  REPORT_SCHEMA_VERSION,
  type BuildReportOptions,
  type ClusterTrend,
  type DataQualityRow,
  type FacetBias,
  type FacetFlag,
  type KSelection,
  type NoiseReport,
  type ReportHierarchy,
  type ReportMap,
  type SalaryPremium,
  type SkippedRecordReport,
  type TrendInfo,
  type ClusterReport,
  type ClusteringInput,
  type ClusteringReport,
  type DatasetSummary,
  type PipelineReport,
  type ReportDataset,
  type ReportInput,
  type ReportKeyword,
} from './types.js';
export { buildReport, reportToJson } from './build.js';
export { renderMarkdown, escapeMarkdown } from './markdown.js';
export { renderHtml, type HtmlOptions } from './html.js';
export { renderInteractivePage, type InteractivePageOptions } from './html/page.js';
export {
  buildPagePayload,
  encodeColumn,
  type MapRowData,
  type PageClustering,
  type PagePayload,
  type PagePoints,
  type EncodedColumn,
} from './html/page-data.js';
export { CJK_FONT_STACK } from './html/styles.js';
export { renderHeatmap, divergingColour, type HeatmapColour, type HeatmapOptions } from './heatmap.js';
export { escapeHtml } from './escape.js';
