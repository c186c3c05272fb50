/**
 * Data layer: the JobPosting record, loading, cleaning and duplicate detection.
 */
export type { JobPosting, RawValue } from './job-posting.js';
