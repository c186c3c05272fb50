/**
 * The record every stage of jd-cluster works on: one job posting, with the few
 * fields the pipeline needs lifted out and the untouched source kept in `raw`.
 */

/** A value of a source record as it came out of JSON or CSV. */
export type RawValue = string | number | boolean | null | RawValue[] | { [key: string]: RawValue };

/** One job posting. */
export interface JobPosting {
  /** Source id (e.g. `LAGOU_12004041`); generated as `<source>#<line>` when the record has none. */
  readonly id: string;
  /** Recruiting platform (e.g. `BOSS`, `51JOB`). Always non-empty. */
  readonly platform: string;
  /** Job title; may be empty when the description carries the text. */
  readonly title: string;
  /** Job description as found in the source (not cleaned; see `cleanText`). */
  readonly description: string;
  readonly city?: string;
  readonly company?: string;
  /** Monthly salary bounds as given by the source (CNY per month in the shared corpus). */
  readonly salaryMin?: number;
  readonly salaryMax?: number;
  /** Publication date as written in the source (ISO-like string, not parsed). */
  readonly postedAt?: string;
  /** The untouched source fields, keyed by their original names. */
  readonly raw: Readonly<Record<string, RawValue>>;
}
