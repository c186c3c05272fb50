/**
 * TEMPORARY ADAPTER — replace with `analyzeFacetBias` (src/validate/facets/)
 * when it lands. It produces the report's `FacetBias` shape (SPEC §5) from the
 * existing platform-bias analysis (`analyzePlatformBias`, which takes any
 * categorical values, not only platforms), so the report is end to end now.
 *
 * What it approximates until then:
 * - `ratioCI`: the Wald interval of log(observed/expected) with SE 1/√observed
 *   (expected taken as fixed);
 * - `confounded` is always null (no company/text adjustment yet);
 * - title-only postings: description shorter than `TITLE_ONLY_CHARS` characters
 *   after trimming (the data stage's `isTitleOnly` replaces this).
 */
import type { Labels } from '../core/index.js';
import type { JobPosting } from '../data/index.js';
import type { FacetBias, FacetFlag } from '../report/index.js';
import { analyzePlatformBias, type PlatformBiasOptions } from '../validate/index.js';
import type { Facet } from './facets.js';
import { facetRows } from './rows.js';

/** Description length (characters) below which a posting counts as title-only here. */
export const TITLE_ONLY_CHARS = 20;

export function isTitleOnlyPosting(job: JobPosting): boolean {
  return [...(job.description ?? '').trim()].length < TITLE_ONLY_CHARS;
}

export function facetBias(
  facet: Facet,
  jobs: readonly JobPosting[],
  rowOfPosting: Int32Array,
  labels: Labels,
  options: PlatformBiasOptions = {},
): FacetBias {
  const { rows, values, postings } = facetRows(jobs, rowOfPosting, (job) => facet.value(job));
  const labelOf = Int32Array.from(rows, (r) => labels[r]);
  const bias = analyzePlatformBias(values, labelOf, options);
  const { platforms: tableValues, clusters } = bias.table;
  // Postings behind each (value, cluster) cell, for the employer and title-only columns.
  const cellPostings = new Map<string, number[]>();
  values.forEach((v, t) => {
    const key = `${v}\u0000${labelOf[t]}`;
    const list = cellPostings.get(key);
    if (list) list.push(postings[t]);
    else cellPostings.set(key, [postings[t]]);
  });
  const flags: FacetFlag[] = bias.flags.map((cell) => {
    const members = cellPostings.get(`${cell.platform}\u0000${cell.cluster}`) ?? [];
    const expected = cell.basis?.expected ?? cell.expected;
    const ratio = expected > 0 ? cell.count / expected : 0;
    const spread = cell.count > 0 ? 1.959963984540054 / Math.sqrt(cell.count) : Infinity;
    const companies = new Map<string, number>();
    let titleOnly = 0;
    for (const i of members) {
      const company = jobs[i].company?.trim();
      if (company) companies.set(company, (companies.get(company) ?? 0) + 1);
      if (isTitleOnlyPosting(jobs[i])) titleOnly++;
    }
    const top = [...companies.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    const known = [...companies.values()].reduce((s, c) => s + c, 0);
    return {
      value: cell.platform,
      cluster: cell.cluster,
      direction: cell.direction ?? (cell.count >= expected ? 'over' : 'under'),
      observed: cell.count,
      expected,
      ratio,
      ratioCI: [ratio * Math.exp(-spread), Number.isFinite(spread) ? ratio * Math.exp(spread) : ratio] as const,
      pAdjusted: cell.adjustedPValue ?? 1,
      companies: companies.size,
      topCompany: top ? top[0] : null,
      topCompanyShare: top && known ? top[1] / known : 0,
      titleOnlyShare: members.length ? titleOnly / members.length : 0,
      confounded: null,
    };
  });
  // Ranked by effect: the largest departure of observed/expected from 1 first.
  const effect = (f: FacetFlag) => (f.ratio > 0 ? Math.abs(Math.log(f.ratio)) : Infinity);
  flags.sort((a, b) => effect(b) - effect(a));
  return {
    facet: facet.id,
    values: [...tableValues],
    clusters: [...clusters],
    counts: Array.from(bias.table.counts),
    test: { chi2: bias.test.statistic, df: bias.test.degreesOfFreedom, p: bias.test.pValue, cramersV: bias.test.cramersV, n: bias.test.n },
    flags,
  };
}
