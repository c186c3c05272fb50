/**
 * The Markdown and HTML reports show the JSON's numbers: for every flag they
 * list, the same direction, expected count and share ratio (rounded for
 * display exactly as the formatters do); and the Markdown opens with the
 * data-quality table, before any flag.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildReport, renderHtml, renderMarkdown, type PipelineReport } from '../../src/report/index.js';
import { formatNumber } from '../../src/report/format.js';
import { MARKDOWN_TOP_FLAGS } from '../../src/report/markdown-analysis.js';
import { sampleReportInput } from './sample-input.js';

let report: PipelineReport;
beforeAll(() => {
  report = buildReport(sampleReportInput());
});

describe('report numbers agree across JSON, Markdown and HTML', () => {
  it('has flags to compare', () => {
    expect(report.clusterings.some((c) => c.facets.some((f) => f.flags.length > 0))).toBe(true);
  });

  it('Markdown: each listed flag shows the JSON direction, expected and ratio; the rest are counted', () => {
    const md = renderMarkdown(report);
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && /\| (over|under) \|/.test(l));
    const all = report.clusterings.flatMap((c) => c.facets.flatMap((f) => f.flags.slice(0, MARKDOWN_TOP_FLAGS)));
    expect(rows).toHaveLength(all.length);
    rows.forEach((row, i) => {
      const cells = row.split(' | ').map((c) => c.replace(/^\| /, '').replace(/ \|$/, ''));
      const flag = all[i];
      expect(cells[2]).toBe(flag.direction);
      expect(cells[4]).toBe(formatNumber(flag.expected, 1));
      expect(cells[5]).toBe(formatNumber(flag.ratio, 2));
      expect(flag.direction).toBe(flag.observed > flag.expected ? 'over' : 'under');
    });
    for (const c of report.clusterings)
      for (const f of c.facets)
        if (f.flags.length > MARKDOWN_TOP_FLAGS) expect(md).toContain(`${f.flags.length - MARKDOWN_TOP_FLAGS} more flags`);
  });

  it('Markdown opens with data quality, before any flag, and has salary and trend sections', () => {
    const md = renderMarkdown(report);
    expect(report.dataQuality.length).toBeGreaterThan(0);
    const dq = md.indexOf('## Data quality');
    expect(dq).toBeGreaterThan(0);
    expect(dq).toBeLessThan(md.indexOf('bias ('));
    expect(dq).toBeLessThan(md.indexOf('## Clusterings'));
    for (const row of report.dataQuality.filter((r) => r.facet === 'platform')) expect(md).toContain(`| ${row.value} | ${row.postings} |`);
    expect(report.clusterings.some((c) => c.salary.length > 0)).toBe(true);
    expect(md).toContain('### Salary premium');
    expect(md).toContain('### Trends');
  });

  it('HTML: the page carries every flag with the JSON direction, expected and ratio (its script renders them from there)', () => {
    const html = renderHtml(report);
    const match = html.match(/<script type="application\/json" id="jd-data">([\s\S]*?)<\/script>/);
    expect(match).not.toBeNull();
    const payload = JSON.parse(match![1]) as { report: PipelineReport };
    const pick = (r: PipelineReport) =>
      r.clusterings.flatMap((c) =>
        c.facets.flatMap((f) => f.flags.map((g) => [f.facet, g.value, g.cluster, g.direction, g.observed, g.expected, g.ratio])),
      );
    expect(pick(payload.report).length).toBeGreaterThan(0);
    expect(pick(payload.report)).toEqual(pick(report));
  });
});
