/**
 * Facet, salary and trend analysis of one clustering: the pipeline's counted
 * postings (each vector row once, and once more per other facet value its
 * duplicates carry — see `facetRows`) handed to the validate stage's
 * `analyzeFacetBias`, `salaryPremiums` and `clusterTrends`, with the data
 * stage's one employer key (`normalizeCompany`), one city key
 * (`normalizeCity`) and one title-only rule (`isTitleOnly`, evaluated once per
 * posting by the caller: it cleans the description).
 */
import type { Labels } from '../core/index.js';
import { experienceBand, facetById, normalizeCity, normalizeCompany, salaryMidpoint, type JobPosting } from '../data/index.js';
import {
  analyzeFacetBias,
  clusterTrends,
  salaryPremiums,
  type FacetBiasOptions,
  type FacetBiasResult,
  type SalaryInput,
  type SalaryPremium,
  type TrendResult,
} from '../validate/index.js';
import { facetRows } from './rows.js';

const companyKey = (job: JobPosting): string | null => (job.company && job.company.trim() ? normalizeCompany(job.company) : null);

/** One bias analysis per facet id (ids checked by `resolveOptions`); `titleOnlyOfPosting`: `isTitleOnly` of every input posting. */
export function analyzeFacets(
  facets: readonly string[],
  jobs: readonly JobPosting[],
  rowOfPosting: Int32Array,
  labels: Labels,
  titleOnlyOfPosting: readonly boolean[],
  options: FacetBiasOptions = {},
): FacetBiasResult[] {
  return facetAnalysis(facets, jobs, rowOfPosting, titleOnlyOfPosting, options)(labels);
}

/**
 * `analyzeFacets` for many labellings of the same rows: each facet's counted
 * postings, values, employers and title-only flags are gathered once.
 */
export function facetAnalysis(
  facets: readonly string[],
  jobs: readonly JobPosting[],
  rowOfPosting: Int32Array,
  titleOnlyOfPosting: readonly boolean[],
  options: FacetBiasOptions = {},
): (labels: Labels) => FacetBiasResult[] {
  const prepared = facets.map((id) => {
    const facet = facetById(id);
    if (!facet) throw new Error(`unknown facet '${id}'`); // unreachable: resolveOptions checked the ids
    const { rows, values, postings } = facetRows(jobs, rowOfPosting, (job) => facet.valueOf(job));
    return {
      id,
      rows,
      values,
      companies: postings.map((i) => companyKey(jobs[i])),
      titleOnly: postings.map((i) => titleOnlyOfPosting[i]),
    };
  });
  return (labels) =>
    prepared.map(({ id, rows, values, companies, titleOnly }) =>
      analyzeFacetBias({ facet: id, values, labels: Int32Array.from(rows, (r) => labels[r]), companies, titleOnly }, options),
    );
}

/** Salary premiums per cluster and cluster × city over the clustered rows (one posting per row). */
export function salaryOfClustering(jobs: readonly JobPosting[], postingOfRow: Int32Array, labels: Labels, seed: number): SalaryPremium[] {
  return salaryPremiums({ ...salaryInputOfRows(jobs, postingOfRow), labels }, { seed });
}

/** The salary analysis' input of the rows, all but the labels (the same for every labelling). */
export function salaryInputOfRows(jobs: readonly JobPosting[], postingOfRow: Int32Array): Omit<SalaryInput, 'labels'> {
  const rowJobs = Array.from(postingOfRow, (i) => jobs[i]);
  return {
    salaryMonthly: rowJobs.map((j) => salaryMidpoint(j) ?? null),
    monthsPaid: rowJobs.map((j) => j.monthsPaid ?? null),
    cities: rowJobs.map((j) => (j.city && j.city.trim() ? normalizeCity(j.city) : null)),
    companies: rowJobs.map(companyKey),
    experience: rowJobs.map((j) => experienceBand(j.experienceYears) ?? null),
    education: rowJobs.map((j) => j.education ?? null),
  };
}

/** Postings per cluster per period (month or week) over the clustered rows, with PELT changepoints. */
export function trendsOfClustering(jobs: readonly JobPosting[], postingOfRow: Int32Array, labels: Labels): TrendResult {
  return clusterTrends({ labels, dates: Array.from(postingOfRow, (i) => jobs[i].date ?? null) });
}
