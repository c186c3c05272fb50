/**
 * Facets: categorical properties of a posting that the bias analysis crosses
 * with the clusters (SPEC §6 ids). A facet is an id and a function from a
 * posting to its value, or null when the posting has none (it is then left out
 * of that facet's table). Add a facet here and it is available to
 * `PipelineOptions.facets` and `--facets`.
 */
import type { JobPosting } from '../data/index.js';

export interface Facet {
  readonly id: string;
  readonly doc: string;
  value(job: JobPosting): string | null;
}

const nonEmpty = (v: string | undefined): string | null => (v && v.trim() ? v.trim() : null);

export const FACETS: readonly Facet[] = [
  { id: 'platform', doc: 'recruiting platform', value: (job) => nonEmpty(job.platform) },
  { id: 'city', doc: 'city as given by the source', value: (job) => nonEmpty(job.city) },
  { id: 'company', doc: 'employer as given by the source', value: (job) => nonEmpty(job.company) },
  {
    id: 'month',
    doc: 'publication month (yyyy-mm) when the source gives a date',
    value: (job) => (job.postedAt && /^\d{4}-\d{2}/.test(job.postedAt) ? job.postedAt.slice(0, 7) : null),
  },
];

export const FACET_IDS: readonly string[] = FACETS.map((f) => f.id);

export function facetById(id: string): Facet {
  const facet = FACETS.find((f) => f.id === id);
  if (!facet) throw new Error(`unknown facet '${id}'`); // resolveOptions has checked the ids
  return facet;
}
