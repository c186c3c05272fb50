/**
 * Salary helpers on the monthly bounds (最低薪资 / 最高薪资, CNY a month in the shared
 * corpus) and 几薪 (months paid a year).
 */
import type { JobPosting } from './job-posting.js';

/**
 * Monthly salary midpoint: (min + max) / 2 when both bounds are given, else the one
 * that is; undefined when neither is a positive number or when max < min (a
 * swapped or broken record is not guessed at).
 */
export function salaryMidpoint(job: Pick<JobPosting, 'salaryMin' | 'salaryMax'>): number | undefined {
  const lo = positive(job.salaryMin);
  const hi = positive(job.salaryMax);
  if (lo !== undefined && hi !== undefined) return hi >= lo ? (lo + hi) / 2 : undefined;
  return lo ?? hi;
}

/**
 * Yearly salary: the monthly midpoint × months paid (几薪), 12 when the source does not
 * say — the legal minimum, so an unknown 几薪 never inflates a premium.
 */
export function annualSalary(job: Pick<JobPosting, 'salaryMin' | 'salaryMax' | 'monthsPaid'>): number | undefined {
  const monthly = salaryMidpoint(job);
  if (monthly === undefined) return undefined;
  const months = job.monthsPaid !== undefined && job.monthsPaid >= 12 && job.monthsPaid <= 36 ? job.monthsPaid : 12;
  return monthly * months;
}

/** Bands of the `salary` facet, monthly midpoint in CNY (k = 1,000). */
export const SALARY_BANDS = ['<5k', '5-10k', '10-15k', '15-20k', '20-30k', '30-50k', '50k+'] as const;
export type SalaryBand = (typeof SALARY_BANDS)[number];
const SALARY_CUTS = [5000, 10000, 15000, 20000, 30000, 50000];

/** The band of a monthly amount; undefined for a missing or non-positive amount. */
export function salaryBand(monthly: number | undefined): SalaryBand | undefined {
  if (monthly === undefined || !(monthly > 0)) return undefined;
  let k = 0;
  while (k < SALARY_CUTS.length && monthly >= SALARY_CUTS[k]) k++;
  return SALARY_BANDS[k];
}

function positive(x: number | undefined): number | undefined {
  return x !== undefined && Number.isFinite(x) && x > 0 ? x : undefined;
}
