/**
 * `renderHtml`: the report as one self-contained interactive page (html/page.ts):
 * document map, cluster table, hierarchy, one section per facet, data quality.
 * The report JSON alone gives every section except the map's hover and
 * colouring, which need per-point data (titles, companies, facet values, each
 * clustering's labels) that the JSON does not carry; `PipelineResult.html()`
 * passes them as `rows`.
 */
import type { PipelineReport } from './types.js';
import { renderInteractivePage, type InteractivePageOptions } from './html/page.js';

export type HtmlOptions = InteractivePageOptions;

/** Renders the page; throws InputError when `options.rows` does not match `report.map`. */
export function renderHtml(report: PipelineReport, options: HtmlOptions = {}): string {
  return renderInteractivePage(report, options);
}
