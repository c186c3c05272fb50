/**
 * Input records: which input record (0-based, in input order, records skipped at
 * load included) each loaded posting came from, and what was skipped at load.
 * `labels.json`, `--vectors` rows and `dataset.skippedRecords` are all indexed
 * by input record, so that nothing read is lost from the outputs.
 */
import { streamJobs, type JobPosting, type JobSource, type LoadJobsOptions, type LoadJobsResult } from '../data/index.js';

export interface SkippedInputRecord {
  /** 0-based index of the record in the input. */
  readonly index: number;
  /** 1-based line (JSONL) or data row (CSV) in the source, when known. */
  readonly line?: number;
  readonly reason: string;
  /** The loader's message, when skipped at load. */
  readonly message?: string;
  /** The record's id, when it had one. */
  readonly id?: string;
}

/** `loadJobs`' result plus the input record of every posting. */
export interface LoadedRecords extends LoadJobsResult {
  /** Input record index of each posting in `jobs`. */
  readonly recordOfJob: Int32Array;
  /** Records skipped at load, with their input record index. */
  readonly skippedRecords: readonly SkippedInputRecord[];
}

/** Like `loadJobs`, keeping the input record index of every posting and skipped record. */
export async function loadRecords(source: JobSource, options: LoadJobsOptions = {}): Promise<LoadedRecords> {
  const stream = streamJobs(source, options);
  const jobs: JobPosting[] = [];
  const recordOfJob: number[] = [];
  // Records are read in order: when a posting is yielded, every record skipped
  // before it has been counted, so its record index is (kept + skipped) so far.
  for await (const job of stream) {
    recordOfJob.push(jobs.length + stream.skippedCount);
    jobs.push(job);
  }
  const skipped = stream.skipped;
  const kept = Int32Array.from(recordOfJob);
  return {
    jobs,
    skipped,
    stats: stream.stats,
    recordOfJob: kept,
    skippedRecords: skippedIndices(kept, skipped.records, skipped.count + jobs.length),
  };
}

/** The record indices not taken by postings, paired with the skip report in order. */
function skippedIndices(recordOfJob: Int32Array, records: LoadJobsResult['skipped']['records'], total: number): SkippedInputRecord[] {
  const taken = new Uint8Array(total);
  for (const r of recordOfJob) taken[r] = 1;
  const out: SkippedInputRecord[] = [];
  let k = 0;
  for (let i = 0; i < total && k < records.length; i++) {
    if (taken[i]) continue;
    const s = records[k++];
    out.push({ index: i, line: s.line, reason: s.reason, message: s.message, ...(s.id !== undefined ? { id: s.id } : {}) });
  }
  return out;
}

/** The input records behind what `runPipeline` was given. */
export interface InputRecords {
  readonly jobs: readonly JobPosting[];
  /** Input records in all (postings + skipped at load). */
  readonly total: number;
  readonly recordOfJob: Int32Array;
  readonly skippedAtLoad: readonly SkippedInputRecord[];
}

/**
 * Postings as given (each its own record), a `loadRecords` result (exact), or a
 * plain `loadJobs` result: records are then placed by their line numbers, which
 * holds for CSV rows, arrays and JSONL without blank lines.
 */
export function inputRecords(input: readonly JobPosting[] | LoadJobsResult | LoadedRecords): InputRecords {
  if (Array.isArray(input)) {
    const jobs = input as readonly JobPosting[];
    return { jobs, total: jobs.length, recordOfJob: Int32Array.from(jobs.keys()), skippedAtLoad: [] };
  }
  const loaded = input as LoadJobsResult | LoadedRecords;
  if ('recordOfJob' in loaded) {
    return {
      jobs: loaded.jobs,
      total: loaded.jobs.length + loaded.skippedRecords.length,
      recordOfJob: loaded.recordOfJob,
      skippedAtLoad: loaded.skippedRecords,
    };
  }
  const total = loaded.jobs.length + loaded.skipped.records.length;
  const skippedAt = new Set<number>();
  const skippedAtLoad: SkippedInputRecord[] = loaded.skipped.records.map((s) => {
    const index = Math.min(Math.max(0, s.line - 1), total - 1);
    skippedAt.add(index);
    return { index, line: s.line, reason: s.reason, message: s.message, ...(s.id !== undefined ? { id: s.id } : {}) };
  });
  const recordOfJob = new Int32Array(loaded.jobs.length);
  let j = 0;
  for (let i = 0; i < total && j < recordOfJob.length; i++) if (!skippedAt.has(i)) recordOfJob[j++] = i;
  return { jobs: loaded.jobs, total, recordOfJob, skippedAtLoad };
}
