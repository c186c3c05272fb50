/**
 * The interactive page as a string (no browser): the section hooks, escaping,
 * the compact payload, the size budget at whole-corpus scale, errors for row
 * data that does not match the map. test/report/browser.test.ts runs the same
 * page in Chromium.
 */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { buildPagePayload, encodeColumn, type PagePayload } from '../../src/report/index.js';
import { renderInteractivePage } from '../../src/report/html/page.js';
import { CLIENT_SCRIPT } from '../../src/report/html/client.generated.js';
import { buildReport } from '../../src/report/build.js';
import { largeReportV2, smallReportV2 } from './html-fixture.js';
import { sampleReportInput } from './sample-input.js';

const EIGHT_MB = 8 * 1024 * 1024;

function embeddedPayload(html: string): PagePayload {
  const match = html.match(/<script type="application\/json" id="jd-data">([\s\S]*?)<\/script>/);
  if (!match) throw new Error('no embedded data');
  return JSON.parse(match[1]) as PagePayload;
}

describe('interactive HTML page (schema v2)', () => {
  const small = smallReportV2();
  const html = renderInteractivePage(small.report, { rows: small.rows });

  it('has the stable section hooks, one per facet', () => {
    for (const id of ['document-map', 'hierarchy', 'data-quality', 'clusters', 'facet-platform'])
      expect(html).toContain(`<section id="${id}"`);
    expect(html).toMatch(/<section id="document-map"[^>]*>[\s\S]*?<canvas/);
    // Data quality comes first among the sections.
    expect(html.indexOf('id="data-quality"')).toBeLessThan(html.indexOf('id="document-map"'));
  });

  it('is self-contained: inline scripts only, a CSP that forbids network access', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    // Markup outside the inline scripts loads nothing (ECharts' own source mentions <img>, hence the split).
    const markup = html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    expect(/<script[^>]+src=|<link|<img|<iframe/i.test(markup)).toBe(false);
    expect(markup.match(/<script/g)).toHaveLength(3);
    expect(html.match(/<\/script>/g)).toHaveLength(3);
  });

  it('escapes report text in markup and keeps row text from closing the data script', () => {
    expect(html).toContain('<h1>Small &lt;report&gt; &amp; &quot;quotes&quot;</h1>');
    const payload = embeddedPayload(html);
    expect(payload.points!.title.table).toContain('职位 0 </script> <b>');
    expect(payload.report.clusterings[0].clusters[0].name).toBe('前端 <React> & "Vue"');
  });

  it('embeds the report without its map arrays, and the rows as encoded columns', () => {
    const payload = embeddedPayload(html);
    expect(payload.report.map).toEqual({ rows: 10 });
    const p = payload.points!;
    expect(p.n).toBe(10);
    expect(Math.min(...p.x, ...p.y)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...p.x, ...p.y)).toBe(65535);
    expect(p.labels).toEqual(small.rows.labels.map((l) => Array.from(l)));
    expect(p.facets.map((f) => f.facet)).toEqual(['platform']);
    expect(p.facets[0].column.codes.map((c) => p.facets[0].column.table[c])).toEqual(small.rows.facets!.platform);
  });

  it('leaves out the salary and trend tables (the page draws neither) and keeps the rest of each clustering', () => {
    const report = buildReport(sampleReportInput());
    expect(report.clusterings.some((c) => c.salary.length > 0 && c.trends.length > 0)).toBe(true);
    const embedded = embeddedPayload(renderInteractivePage(report)).report.clusterings;
    expect(embedded).toHaveLength(report.clusterings.length);
    embedded.forEach((c, i) => {
      expect(['salary', 'trends', 'trendInfo'].filter((key) => key in c)).toEqual([]);
      const { salary: _salary, trends: _trends, trendInfo: _trendInfo, ...rest } = report.clusterings[i];
      expect(c).toEqual(JSON.parse(JSON.stringify(rest)));
    });
  });

  it('runs the page script before the browser has to read the chart library: data, script, then library text', () => {
    const data = html.indexOf('<script type="application/json" id="jd-data">');
    const script = html.indexOf(`<script>${CLIENT_SCRIPT.slice(0, 100)}`);
    const charts = html.indexOf('<script type="text/plain" id="jd-echarts">');
    expect(data).toBeGreaterThan(0);
    expect(script).toBeGreaterThan(data);
    expect(charts).toBeGreaterThan(script);
  });

  it('inlines the compiled page script as built from client.ts', async () => {
    const { compileClient } = await import('../../scripts/build-client.mjs');
    // A stale generated module means the page runs old code: rebuild with `npm run build:client`.
    expect(CLIENT_SCRIPT).toBe(compileClient());
    expect(html).toContain(CLIENT_SCRIPT.slice(0, 200));
  });

  it('names the column whose length does not match the map', () => {
    const rows = { ...small.rows, titles: small.rows.titles.slice(1) };
    expect(() => buildPagePayload(small.report, rows)).toThrow(InputError);
    expect(() => buildPagePayload(small.report, rows)).toThrow(/'titles' has 9 entries, report.map has 10 rows/);
    expect(() => buildPagePayload(small.report, { ...small.rows, labels: [small.rows.labels[0]] })).toThrow(/'labels' has 1 labellings/);
  });

  it('renders without row data or map (no points, a note in the page script)', () => {
    const payload = embeddedPayload(renderInteractivePage({ ...small.report, map: null }));
    expect(payload.points).toBeNull();
    expect(payload.report.map).toBeNull();
  });

  it('encodes a column most frequent value first', () => {
    const column = encodeColumn(['b', 'a', 'b', 'c', 'b', 'a']);
    expect(column.table).toEqual(['b', 'a', 'c']);
    expect(column.codes).toEqual([0, 1, 0, 2, 0, 1]);
  });

  it('keeps the whole-corpus-sized page (36k points, 90 clusters) within 8 MB', () => {
    const large = largeReportV2();
    const page = renderInteractivePage(large.report, { rows: large.rows });
    const bytes = Buffer.byteLength(page);
    console.log(`whole-corpus-sized page: ${(bytes / 1024 / 1024).toFixed(2)} MB (${large.rows.titles.length} points)`);
    expect(bytes).toBeLessThanOrEqual(EIGHT_MB);
    expect(embeddedPayload(page).points!.n).toBe(36_000);
  });
});
