/**
 * Report mapping: the pipeline's results → `ReportInput` (report/types.ts),
 * including the data-quality rows per platform and the skipped records.
 */
import type { JobPosting } from '../data/index.js';
import type { ClusteringInput, DataQualityRow, ReportInput, SkippedRecordReport } from '../report/index.js';
import type { ClusteringOutcome } from './outcome.js';
import { isTitleOnlyPosting } from './facet-bias-adapter.js';
import type { InputRecords } from './input-records.js';
import type { RowMap } from './rows.js';

export function clusteringInput(c: ClusteringOutcome): ClusteringInput {
  return {
    algorithm: c.algorithm,
    params: { ...c.params, ...(c.reassigned ? { reassignedNoise: c.reassigned } : {}) },
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
    facets: c.facets,
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

/** Data quality per platform (most postings first): coverage, lengths, duplicates, title-only postings. */
export function dataQuality(jobs: readonly JobPosting[], duplicateOf: Int32Array): DataQualityRow[] {
  const byPlatform = new Map<string, number[]>();
  jobs.forEach((job, i) => {
    const list = byPlatform.get(job.platform);
    if (list) list.push(i);
    else byPlatform.set(job.platform, [i]);
  });
  return [...byPlatform.entries()]
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1))
    .map(([value, members]) => {
      const lengths = members.map((i) => [...(jobs[i].description ?? '').trim()].length).sort((a, b) => a - b);
      const mid = lengths.length >> 1;
      const median = lengths.length % 2 ? lengths[mid] : (lengths[mid - 1] + lengths[mid]) / 2;
      const titleOnly = members.filter((i) => isTitleOnlyPosting(jobs[i])).length;
      return {
        facet: 'platform',
        value,
        postings: members.length,
        descriptionCoverage: lengths.filter((l) => l > 0).length / members.length,
        medianDescriptionLength: median,
        duplicateRate: members.filter((i) => duplicateOf[i] !== i).length / members.length,
        templateRate: null,
        titleOnly,
        titleOnlyShare: titleOnly / members.length,
      };
    });
}

export function skippedByReason(skipped: readonly SkippedRecordReport[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of skipped) counts[s.reason] = (counts[s.reason] ?? 0) + 1;
  return counts;
}

export type { ReportInput };
