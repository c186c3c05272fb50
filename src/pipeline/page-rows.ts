/**
 * Per map point, what the interactive page needs for hover and colouring and
 * the JSON report does not carry: title, normalised employer, facet values and
 * each clustering's label. Parallel to `report.map.ids` (documentMap's order).
 */
import { facetById, normalizeCompany, type JobPosting } from '../data/index.js';
import { ParameterError, type Labels } from '../core/index.js';
import type { MapRowData } from '../report/index.js';
import { postingsOfMap } from './document-map.js';

export function pageRows(
  jobs: readonly JobPosting[],
  rowOfPosting: Int32Array,
  facets: readonly string[],
  labelsByPosting: readonly Labels[],
): MapRowData {
  const points = postingsOfMap(rowOfPosting);
  // Platform first: it is the page's default colouring after the clusters.
  const ids = ['platform', ...facets.filter((f) => f !== 'platform')];
  return {
    titles: points.map((p) => jobs[p].title),
    companies: points.map((p) => (jobs[p].company ? normalizeCompany(jobs[p].company!) : '')),
    facets: Object.fromEntries(
      ids.map((id) => {
        const facet = facetById(id);
        if (!facet) throw new ParameterError('facets', id, 'a facet id');
        return [id, points.map((p) => facet.valueOf(jobs[p]) ?? '—')];
      }),
    ),
    labels: labelsByPosting.map((labels) => Int32Array.from(points, (p) => labels[p])),
  };
}
