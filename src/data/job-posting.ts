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
  /**
   * Years of experience asked for (所需经验): the lower bound when the source gives a
   * range ("3-5年" → 3), 0 for 不限 / 应届 / 无经验.
   */
  readonly experienceYears?: number;
  /** Upper bound of the experience range when the source gives one ("3-5年" → 5). */
  readonly experienceMaxYears?: number;
  /**
   * Education asked for (学历), folded onto one spelling per level (see
   * `normalizeEducation`: 大学本科 / 统招本科 → 本科); unknown spellings are kept as written.
   */
  readonly education?: string;
  /** Months paid a year (几薪), e.g. 13 for a 13th-month salary. */
  readonly monthsPaid?: number;
  /**
   * The usable posting date, ISO `yyyy-mm-dd`: 首次发布时间 (postedAt), else
   * 首次扫描日期 when it is a real date (1970-01-01 means unknown), else
   * 记录更新日期. Undefined when none of them is a date.
   */
  readonly date?: string;
  /** The untouched source fields, keyed by their original names. */
  readonly raw: Readonly<Record<string, RawValue>>;
}
