/**
 * Report mapping: the pipeline's results → `ReportInput` (report/types.ts),
 * including the skipped records (data-quality rows come from the data stage's `dataQuality`).
 */
import type { ClusteringInput, ReportInput, SkippedRecordReport } from '../report/index.js';
import type { ClusteringOutcome } from './outcome.js';
import type { InputRecords } from './input-records.js';
import type { RowMap } from './rows.js';

export function clusteringInput(c: ClusteringOutcome): ClusteringInput {
  return {
    algorithm: c.algorithm,
    params: { ...c.params },
    capabilities: c.model.capabilities,
    labels: c.labels,
    noiseBeforeAssignment: c.noiseBeforeAssignment,
    seconds: c.seconds,
    silhouette: c.silhouette,
    daviesBouldin: c.daviesBouldin,
    calinskiHarabasz: c.calinskiHarabasz,
    agreement: c.agreement,
    keywords: c.keywords,
    hierarchy: c.hierarchy ?? c.model.hierarchy ?? null,
    kSelection: c.kSelection,
    facets: c.facets,
    salary: c.salary,
    trends: c.trends.clusters,
    trendInfo: { period: c.trends.period, undated: c.trends.undated },
  };
}

/** Every input record without a row: skipped at load, or for lack of usable text. */
export function skippedRecords(records: InputRecords, rows: RowMap): SkippedRecordReport[] {
  const out: SkippedRecordReport[] = records.skippedAtLoad.map((s) => ({
    index: s.index,
    ...(s.line !== undefined ? { line: s.line } : {}),
    reason: s.reason,
  }));
  for (const s of rows.skipped) out.push({ index: records.recordOfJob[s.index], reason: s.reason });
  return out.sort((a, b) => a.index - b.index);
}

export function skippedByReason(skipped: readonly SkippedRecordReport[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of skipped) counts[s.reason] = (counts[s.reason] ?? 0) + 1;
  return counts;
}

export type { ReportInput };
