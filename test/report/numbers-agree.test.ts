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

const stripTags = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();

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

  it('HTML: each flag row shows the JSON direction, expected and ratio', () => {
    const html = renderHtml(report);
    const tables = [...html.matchAll(/<table class="bias-flags">([\s\S]*?)<\/table>/g)].map((m) => m[1]);
    const all = report.clusterings.flatMap((c) => c.facets.filter((f) => f.flags.length > 0).map((f) => f.flags));
    expect(tables).toHaveLength(all.length);
    tables.forEach((t, k) => {
      const rows = [...t.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) =>
        [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => stripTags(c[1])),
      );
      const body = rows.filter((r) => r.length > 0);
      expect(body).toHaveLength(all[k].length);
      body.forEach((cells, i) => {
        const flag = all[k][i];
        expect(cells[2]).toBe(flag.direction);
        expect(cells[4]).toBe(formatNumber(flag.expected, 1));
        expect(cells[5]).toBe(`${formatNumber(flag.ratio, 2)}×`);
      });
    });
  });
});
