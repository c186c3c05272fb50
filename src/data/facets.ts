/**
 * Facets: categorical attributes of a posting that the bias analysis crosses with
 * clusters. One table, so that the pipeline, the CLI's `--facets` and the report read
 * the same ids, descriptions and value functions.
 */
import { normalizeCity } from './city.js';
import { normalizeCompany } from './company.js';
import { experienceBand } from './experience.js';
import type { JobPosting } from './job-posting.js';
import { salaryBand, salaryMidpoint } from './salary.js';

export const FACET_IDS = ['platform', 'city', 'company', 'experience', 'education', 'salary', 'month'] as const;
export type FacetId = (typeof FACET_IDS)[number];

export interface Facet {
  readonly id: FacetId;
  /** One line for `--help` and the report. */
  readonly describe: string;
  /** The posting's value, or null when the posting does not have one (counted, not guessed). */
  valueOf(job: JobPosting): string | null;
}

const nonEmpty = (text: string | undefined): string | null => (text === undefined || text === '' ? null : text);

export const FACETS: readonly Facet[] = [
  { id: 'platform', describe: 'recruiting platform (发布平台)', valueOf: (job) => job.platform },
  {
    id: 'city',
    describe: 'city (地区) without district or province: 重庆·江北区 → 重庆',
    valueOf: (job) => nonEmpty(job.city === undefined ? undefined : normalizeCity(job.city)),
  },
  {
    id: 'company',
    describe: 'employer (公司) normalised: 华为 / 华为技术有限公司 / 西安华为 → 华为',
    valueOf: (job) => nonEmpty(job.company === undefined ? undefined : normalizeCompany(job.company)),
  },
  {
    id: 'experience',
    describe: 'years of experience asked for (所需经验), banded 0 / 1-2 / 3-4 / 5-9 / 10+',
    valueOf: (job) => experienceBand(job.experienceYears) ?? null,
  },
  { id: 'education', describe: 'education asked for (学历), one spelling per level', valueOf: (job) => nonEmpty(job.education) },
  {
    id: 'salary',
    describe: 'monthly salary midpoint in CNY, banded <5k / 5-10k / … / 50k+',
    valueOf: (job) => salaryBand(salaryMidpoint(job)) ?? null,
  },
  {
    id: 'month',
    describe: 'posting month yyyy-mm (首次发布时间, else 首次扫描日期, else 记录更新日期)',
    valueOf: (job) => (job.date === undefined ? null : job.date.slice(0, 7)),
  },
];

/** The facet with this id, undefined when unknown (the caller throws, naming its own flag or option). */
export function facetById(id: string): Facet | undefined {
  return FACETS.find((facet) => facet.id === id);
}
