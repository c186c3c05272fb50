/**
 * `dataQuality`: the table a reader needs before trusting any bias flag — per platform
 * (and per value of another facet): how many postings, how many have a description,
 * how long it is, and how many are duplicates, employer templates or title-only. A
 * platform whose postings are mostly title-only (LIEPIN in the shared corpus) clusters
 * on titles, which reads as bias unless this table comes first.
 */
import { ParameterError } from '../core/index.js';
import { findDuplicates, type DuplicateReport } from './duplicates.js';
import { FACETS, type FacetId } from './facets.js';
import type { JobPosting } from './job-posting.js';
import { findTemplates, type TemplateReport } from './templates.js';
import { descriptionLength, TITLE_ONLY_MAX_DESCRIPTION_CHARS } from './title-only.js';

/** Facet value of postings that have none (no city, no date …): they get a row, not silence. */
export const MISSING_FACET_VALUE = '(none)';

export interface DataQualityRow {
  readonly facet: FacetId;
  readonly value: string;
  readonly postings: number;
  /** Share of postings with a non-empty cleaned description. */
  readonly descriptionCoverage: number;
  /** Median length of the cleaned description in characters, empty ones included. */
  readonly medianDescriptionLength: number;
  /** Share of postings that are extra copies in a duplicate group (what dedupe removes). */
  readonly duplicateRate: number;
  /** Share of postings that are extra members of an employer template group. */
  readonly templateRate: number;
  /** Postings whose cleaned description has at most TITLE_ONLY_MAX_DESCRIPTION_CHARS characters. */
  readonly titleOnly: number;
  readonly titleOnlyShare: number;
}

export interface DataQualityOptions {
  /** Facets with rows after the platform rows (platform always comes first). Default: none. */
  readonly facet?: FacetId | readonly FacetId[];
  /** A findDuplicates report of the same postings; computed with defaults when absent. */
  readonly duplicates?: DuplicateReport;
  /** A findTemplates report of the same postings; computed with defaults when absent. */
  readonly templates?: TemplateReport;
  /**
   * `descriptionLength` of every posting, e.g. from `descriptionLengthsAsync` on worker threads;
   * computed here, on this thread, when absent (it cleans every description).
   */
  readonly descriptionLengths?: ArrayLike<number>;
}

function checkReport(
  name: string,
  report: { groupOf?: Int32Array; groups?: readonly { members: readonly number[] }[] } | undefined,
  n: number,
): void {
  if (report === undefined) return;
  if (report === null || typeof report !== 'object' || !(report.groupOf instanceof Int32Array) || report.groupOf.length !== n) {
    throw new ParameterError(name, report?.groupOf?.length, `a report of the same ${n} postings`);
  }
}

/** Marks postings that are not the first member of their group. */
function extraMembers(report: { groupOf: Int32Array; groups: readonly { members: readonly number[] }[] }): Uint8Array {
  const extra = new Uint8Array(report.groupOf.length);
  for (let i = 0; i < extra.length; i++) {
    const g = report.groupOf[i];
    if (g >= 0 && report.groups[g].members[0] !== i) extra[i] = 1;
  }
  return extra;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 === 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/**
 * Data-quality rows: one per platform (most postings first), then one per value of each
 * facet in `options.facet`. Postings without a facet value are counted under
 * MISSING_FACET_VALUE. Rates are shares of the row's postings (0 for an empty row).
 */
export function dataQuality(jobs: readonly JobPosting[], options: DataQualityOptions = {}): DataQualityRow[] {
  if (!Array.isArray(jobs)) throw new ParameterError('jobs', jobs, 'an array of JobPosting');
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an options object');
  const requested = options.facet === undefined ? [] : typeof options.facet === 'string' ? [options.facet] : [...options.facet];
  const facets = requested.map((id) => {
    const facet = FACETS.find((f) => f.id === id);
    if (!facet) throw new ParameterError('facet', id, `one of ${FACETS.map((f) => f.id).join(', ')}`);
    return facet;
  });
  const n = jobs.length;
  checkReport('duplicates', options.duplicates, n);
  checkReport('templates', options.templates, n);
  const duplicates = extraMembers(options.duplicates ?? findDuplicates(jobs));
  const templates = extraMembers(options.templates ?? findTemplates(jobs));
  const given = options.descriptionLengths;
  if (given !== undefined && (given === null || typeof given !== 'object' || given.length !== jobs.length))
    throw new ParameterError('descriptionLengths', given, `one description length per posting (${jobs.length})`);
  const lengths = given ? Array.from(given) : jobs.map((job) => descriptionLength(job));

  const rowsFor = (facetId: FacetId, valueOf: (job: JobPosting) => string | null): DataQualityRow[] => {
    const byValue = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      const value = valueOf(jobs[i]) ?? MISSING_FACET_VALUE;
      let members = byValue.get(value);
      if (!members) byValue.set(value, (members = []));
      members.push(i);
    }
    const rows: DataQualityRow[] = [];
    for (const [value, members] of byValue) {
      const count = members.length;
      let described = 0;
      let duplicate = 0;
      let template = 0;
      let titleOnly = 0;
      for (const i of members) {
        if (lengths[i] > 0) described++;
        duplicate += duplicates[i];
        template += templates[i];
        if (lengths[i] <= TITLE_ONLY_MAX_DESCRIPTION_CHARS) titleOnly++;
      }
      rows.push({
        facet: facetId,
        value,
        postings: count,
        descriptionCoverage: described / count,
        medianDescriptionLength: median(members.map((i) => lengths[i])),
        duplicateRate: duplicate / count,
        templateRate: template / count,
        titleOnly,
        titleOnlyShare: titleOnly / count,
      });
    }
    return rows.sort((a, b) => b.postings - a.postings || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  };

  const rows = rowsFor('platform', (job) => job.platform);
  for (const facet of facets) if (facet.id !== 'platform') rows.push(...rowsFor(facet.id, (job) => facet.valueOf(job)));
  return rows;
}
