/**
 * Data layer: the JobPosting record, loading, cleaning and duplicate detection.
 */
export type { JobPosting, RawValue } from './job-posting.js';
export { DEFAULT_FIELD_ALIASES, JOB_FIELDS, type FieldMapping, type JobField, type RejectReason } from './fields.js';
export {
  JobStream,
  loadJobs,
  streamJobs,
  type JobSource,
  type LoadJobsOptions,
  type LoadJobsResult,
  type LoadStats,
  type SkippedRecord,
  type SkippedReport,
} from './load.js';
export type { JobFormat } from './source.js';
export { BOILERPLATE_HEADERS, cleanText, createCleaner, type CleanTextOptions } from './clean.js';
export { cleanTextsAsync } from './clean-task.js';
export { findDuplicatesAsync } from './duplicate-signatures.js';
export * from './synthetic/index.js';
export {
  dedupeJobs,
  duplicateKey,
  findDuplicates,
  removeDuplicates,
  type DedupeResult,
  type DuplicatePostingGroup,
  type DuplicateReport,
  type FindDuplicatesOptions,
} from './duplicates.js';
export { readVectors, parseVectors, type ReadVectorsOptions } from './vectors.js';
