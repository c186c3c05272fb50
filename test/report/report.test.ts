import { beforeAll, describe, expect, it } from 'vitest';
import { InputError, ParameterError } from '../../src/core/index.js';
import {
  REPORT_SCHEMA_VERSION,
  buildReport,
  escapeHtml,
  escapeMarkdown,
  renderHtml,
  renderMarkdown,
  reportToJson,
  type PipelineReport,
  type ReportInput,
} from '../../src/report/index.js';
import { sampleReportInput } from './sample-input.js';

let input: ReportInput;
let report: PipelineReport;

beforeAll(() => {
  input = sampleReportInput();
  report = buildReport(input);
});

describe('buildReport (JSON)', () => {
  it('has the documented top-level shape and round-trips through JSON', () => {
    expect(report.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(Object.keys(report)).toEqual([
      'schemaVersion',
      'title',
      'createdAt',
      'generator',
      'dataset',
      'dataQuality',
      'representation',
      'params',
      'timings',
      'map',
      'clusterings',
    ]);
    const json = reportToJson(report);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(json)).toEqual(report);
    expect(report.createdAt).toBe('2026-11-25T01:00:00.000Z');
    expect(report.timings.totalSeconds).toBeCloseTo(0.95, 12);
  });

  it('accounts for every labelled posting', () => {
    for (const c of report.clusterings) {
      expect(c.clusters.reduce((s, k) => s + k.size, 0) + c.noise.count).toBe(c.n);
      expect(c.n).toBe(input.dataset.used);
      expect(c.nClusters).toBe(c.clusters.length);
      const bias = c.facets[0];
      expect(bias.counts).toHaveLength(bias.values.length * bias.clusters.length);
      // Noise is left out of the facet tables (analyzeFacetBias tests clusters only).
      expect(bias.counts.reduce((s, v) => s + v, 0)).toBe(c.n - c.noise.count);
    }
    expect(report.dataset.platforms.reduce((s, p) => s + p.count, 0)).toBe(input.dataset.used);
  });

  it('takes sample titles from the cluster, most typical first, distinct', () => {
    const c = report.clusterings[0];
    const labels = input.clusterings[0].labels;
    const titles = input.postings!.titles!;
    const ids = input.postings!.ids!;
    for (const k of c.clusters) {
      // Each sample id is a member whose title is the sample title at the same position.
      expect(k.sampleIds).toHaveLength(k.sampleTitles.length);
      k.sampleIds.forEach((id, t) => {
        const row = ids.indexOf(id);
        expect(labels[row]).toBe(k.label);
        expect(titles[row].trim()).toBe(k.sampleTitles[t]);
      });
      expect(k.sampleTitles.length).toBeGreaterThan(0);
      expect(k.sampleTitles.length).toBeLessThanOrEqual(5);
      expect(new Set(k.sampleTitles).size).toBe(k.sampleTitles.length);
      const members = new Set(titles.filter((_, i) => labels[i] === k.label));
      for (const t of k.sampleTitles) expect(members.has(t)).toBe(true);
    }
    // The first sample title belongs to the member with the highest silhouette.
    const sil = input.clusterings[0].silhouette!.samples;
    const k0 = c.clusters[0];
    let best = -1;
    labels.forEach((l, i) => {
      if (l === k0.label && (best < 0 || sil[i] > sil[best])) best = i;
    });
    expect(k0.sampleTitles[0]).toBe(titles[best].trim());
  });

  it('reports the names, silhouettes and bias of the validation results', () => {
    const c = report.clusterings[0];
    const kw = input.clusterings[0].keywords!;
    expect(c.clusters.map((k) => k.name)).toEqual(kw.clusters.filter((k) => k.label >= 0).map((k) => k.name));
    expect(c.clusters[0].silhouette).toBe(input.clusterings[0].silhouette!.clusters[0].mean);
    expect(c.scores.silhouetteNoise).toBe('exclude');
    expect(c.facets[0].flags.map((f) => f.value)).toContain('LIEPIN');
  });

  it('works without optional parts', () => {
    const bare = buildReport({
      dataset: { records: 3, skipped: 1, duplicates: 0, used: 2 },
      clusterings: [{ algorithm: 'kmeans', labels: Int32Array.from([0, -1]) }],
    });
    expect(bare.clusterings[0].clusters[0]).toMatchObject({
      label: 0,
      name: 'cluster 0',
      size: 1,
      silhouette: null,
      sampleTitles: [],
      sampleIds: [],
    });
    expect(bare.clusterings[0].facets).toEqual([]);
    expect(bare.representation).toBeNull();
    expect(renderHtml(bare)).toContain('kmeans');
    expect(renderMarkdown(bare)).toContain('## kmeans');
  });

  it('rejects arrays that do not match the labels', () => {
    const broken = { ...input, postings: { ...input.postings, titles: ['one'] } };
    expect(() => buildReport(broken)).toThrow(InputError);
    expect(() => buildReport({ ...input, clusterings: [input.clusterings[0], { algorithm: 'x', labels: Int32Array.from([0]) }] })).toThrow(
      /clusterings\[1\] \(x\)/,
    );
    expect(() => buildReport({ ...input, createdAt: 'yesterday' })).toThrow(ParameterError);
    expect(() => buildReport(input, { sampleTitles: -1 })).toThrow(ParameterError);
  });
});

describe('renderMarkdown', () => {
  it('has the sections, the cluster table and the bias flags', () => {
    const md = renderMarkdown(report);
    expect(md).toMatch(/^# Synthetic corpus \\<seed 3\\> & "bias" check/);
    for (const heading of ['## Data', '## Clusterings', '## archetypes', '### platform bias (archetypes)', '## Run'])
      expect(md).toContain(heading);
    for (const k of report.clusterings[0].clusters) expect(md).toContain(escapeMarkdown(k.name));
    expect(md).toMatch(/\| LIEPIN \| #\d+ .* \| over \|/);
    // Every table row has the same number of cells as its header.
    for (const block of md.split('\n\n').filter((b) => b.startsWith('| '))) {
      const widths = block
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/\\\|/g, '').split('|').length);
      expect(new Set(widths).size).toBe(1);
    }
  });

  it('escapes table-breaking characters', () => {
    expect(escapeMarkdown('a|b\nc *d*')).toBe('a\\|b c \\*d\\*');
  });
});

describe('renderHtml', () => {
  let html: string;
  beforeAll(() => {
    html = renderHtml(report);
  });

  it('is the interactive page: section hooks, one section per facet, inline scripts only', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    for (const id of ['document-map', 'hierarchy', 'data-quality', 'clusters'])
      expect(html.match(new RegExp(`<section id="${id}"`, 'g'))).toHaveLength(1);
    const facets = new Set(report.clusterings.flatMap((c) => c.facets.map((f) => f.facet)));
    expect(facets.size).toBeGreaterThan(0);
    for (const f of facets) expect(html.match(new RegExp(`<section id="facet-${f}"`, 'g'))).toHaveLength(1);
    expect(html).toContain('Content-Security-Policy');
    const markup = html.replace(/(<script[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
    expect(/<script[^>]+src=|<link|<img|<iframe/i.test(markup)).toBe(false);
    // Ids stay unique with several clusterings on the page.
    const ids = [...markup.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('escapes every piece of text', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    const nasty = buildReport({
      ...input,
      title: '<script>alert(1)</script>',
      postings: { ...input.postings, platforms: input.postings!.platforms!.map((p, i) => (i === 0 ? '<img onerror=x>' : p)) },
      clusterings: [{ ...input.clusterings[0], algorithm: '"><b>algo' }],
    });
    const page = renderHtml(nasty);
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img onerror');
    expect(page).not.toContain('"><b>algo');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});
