/**
 * The interactive page for a v2 report: the server side writes the section
 * skeleton (stable ids for scripts), the data-quality table (readable without
 * script) and the run details; the embedded client script (client.ts) draws
 * the map, the cluster table, the hierarchy and the facet heat maps from the
 * embedded data. Everything is inline — no network: a Content-Security-Policy
 * allows inline script and style only.
 *
 * ECharts (Apache, ~1 MB minified) is inlined, as inert text compiled on first use, for the heat maps: category axes
 * that carry the cluster names, a data-zoom scroll bar so 100 clusters stay
 * readable in 560 px, tooltips and a colour legend come with it; the 36k-point
 * map and the dendrogram are drawn by our own code (see docs/report.md).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { escapeHtml } from '../escape.js';
import { formatCount, formatNumber, formatPercent, formatSeconds } from '../format.js';
import { CLIENT_SCRIPT } from './client.generated.js';
import { buildPagePayload, payloadToScriptJson, type MapRowData } from './page-data.js';
import type { DataQualityRow, PipelineReport } from '../types.js';
import { PAGE_CSS } from './styles.js';

export interface InteractivePageOptions {
  /** Per map row: titles, companies, facet values and each clustering's labels (hover and colouring). */
  readonly rows?: MapRowData;
  /** Inline ECharts for the heat maps (default true); without it the facets show their flags tables only. */
  readonly charts?: boolean;
}

let chartLibrarySource: string | undefined;

/** The minified ECharts build shipped in the `echarts` package, read once. */
function chartLibrary(): string {
  chartLibrarySource ??= readFileSync(createRequire(import.meta.url).resolve('echarts/dist/echarts.min.js'), 'utf8');
  return chartLibrarySource;
}

/** Inline script text can't contain `</script`; escaping the slash keeps JS meaning. */
function inlineScript(source: string): string {
  return source.replace(/<\/script/gi, '<\\/script');
}

const percentOrDash = (v: number | null) => formatPercent(v);

function dataQualityTable(rows: readonly DataQualityRow[]): string {
  if (!rows.length) return '<p class="note">No data-quality rows in this report.</p>';
  // Platform rows first (the spec's order), then the other facets as given.
  const ordered = [...rows.filter((r) => r.facet === 'platform'), ...rows.filter((r) => r.facet !== 'platform')];
  const head = [
    'facet',
    'value',
    'postings',
    'with description',
    'median description length',
    'duplicate rate',
    'template rate',
    'title-only',
  ];
  return (
    `<div class="scroll"><table class="data-quality"><thead><tr>${head.map((h, i) => `<th${i >= 2 ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>` +
    ordered
      .map(
        (r) =>
          `<tr data-facet="${escapeHtml(r.facet)}"><td>${escapeHtml(r.facet)}</td><td>${escapeHtml(r.value)}</td>` +
          `<td class="num">${formatCount(r.postings)}</td><td class="num">${percentOrDash(r.descriptionCoverage)}</td>` +
          `<td class="num">${r.medianDescriptionLength === null ? '—' : formatCount(Math.round(r.medianDescriptionLength))}</td>` +
          `<td class="num">${percentOrDash(r.duplicateRate)}</td><td class="num">${percentOrDash(r.templateRate)}</td>` +
          `<td class="num">${r.titleOnly === null ? '—' : formatCount(r.titleOnly)} <small>${percentOrDash(r.titleOnlyShare)}</small></td></tr>`,
      )
      .join('') +
    '</tbody></table></div>'
  );
}

/** Renders the whole page; throws InputError when `rows` does not match the report's map. */
export function renderInteractivePage(report: PipelineReport, options: InteractivePageOptions = {}): string {
  const payload = buildPagePayload(report, options.rows);
  const d = report.dataset;
  const facetIds = [...new Set(report.clusterings.flatMap((c) => c.facets.map((f) => f.facet)))];
  const out: string[] = [];
  out.push(`<h1>${escapeHtml(report.title)}</h1>`);
  out.push(
    `<p class="meta">Generated ${escapeHtml(report.createdAt)} by jd-cluster${report.generator.version ? ' ' + escapeHtml(report.generator.version) : ''}` +
      ` · report schema ${report.schemaVersion}${d.source ? ` · source ${escapeHtml(d.source)}` : ''}</p>`,
  );
  out.push('<div class="cards">');
  for (const [label, value] of [
    ['records read', d.records],
    ['skipped', d.skipped],
    ['duplicates', d.duplicates],
    ['clustered', d.used],
    ['map points', payload.points?.n ?? 0],
  ] as const) {
    out.push(`<div class="card"><div class="value">${formatCount(value)}</div><div class="label">${escapeHtml(label)}</div></div>`);
  }
  out.push('</div>');
  if (report.clusterings.length > 1) {
    out.push(
      `<p>Clustering: <select class="clustering-select">${report.clusterings
        .map((c, i) => `<option value="${i}">${escapeHtml(c.algorithm)} · ${c.nClusters} clusters</option>`)
        .join('')}</select></p>`,
    );
  }
  out.push(
    '<nav class="toc"><a href="#data-quality">data quality</a><a href="#document-map">map</a><a href="#clusters">clusters</a>' +
      '<a href="#hierarchy">hierarchy</a><a href="#facets">facets</a><a href="#run">run</a></nav>',
  );
  out.push(`<section id="data-quality" class="panel"><h2>Data quality</h2>${dataQualityTable(report.dataQuality)}</section>`);
  out.push(
    '<section id="document-map" class="panel" data-colour-by="cluster" data-points-drawn="0"><h2>Document map</h2>' +
      '<div class="toolbar"><label>Colour by <select class="map-colour"></select></label>' +
      '<button type="button" class="map-reset">reset view</button>' +
      '<small>wheel: zoom · drag: pan · click a point: filter the tables to its cluster</small></div>' +
      '<div class="map-wrap"><canvas aria-label="document map"></canvas><div class="map-tooltip" hidden></div></div>' +
      '<div class="map-legend"></div></section>',
  );
  out.push(
    '<section id="clusters" class="panel"><h2>Clusters</h2>' +
      '<div class="toolbar"><input type="search" class="cluster-search" placeholder="search names, keywords, titles, companies"><span class="filter-note"></span></div>' +
      '<div class="scroll"><table class="cluster-table"><thead><tr>' +
      '<th class="num" data-sort="label">cluster</th><th data-sort="name">name</th><th class="num" data-sort="size">size</th>' +
      '<th class="num" data-sort="silhouette">silhouette</th><th data-sort="topCompanyShare">top company</th><th>keywords</th><th>sample titles</th>' +
      '</tr></thead><tbody></tbody></table></div></section>',
  );
  out.push(
    '<section id="hierarchy" class="panel"><h2>Cluster hierarchy</h2>' +
      '<div class="toolbar"><label>Cut into <input type="range" class="cut" min="1" max="1" step="1"></label> <b class="cut-value"></b>' +
      '<small>leaves share a colour when they merge below the cut; click a leaf to filter the tables to its group</small></div>' +
      '<div class="dendrogram"></div></section>',
  );
  out.push(
    `<section id="facets" class="panel"><h2>Facets</h2><div class="facet-tabs">${facetIds
      .map((f) => `<button type="button" class="facet-tab" data-facet="${escapeHtml(f)}">${escapeHtml(f)}</button>`)
      .join('')}</div>` +
      facetIds.map((f) => `<section id="facet-${escapeHtml(f)}" class="facet"><div class="facet-body"></div></section>`).join('') +
      (facetIds.length ? '' : '<p class="note">No facet tables in this report.</p>') +
      '</section>',
  );
  out.push(runSection(report));
  out.push('<footer>jd-cluster report · self-contained page, no network access.</footer>');

  // The page script comes before the chart library's inert text: the browser runs it as soon as the data is
  // read, instead of first tokenising the library's megabyte (the client compiles it for the first heat map).
  const scripts = [
    `<script type="application/json" id="jd-data">${payloadToScriptJson(payload)}</script>`,
    `<script>${inlineScript(CLIENT_SCRIPT)}</script>`,
    options.charts === false ? '' : `<script type="text/plain" id="jd-echarts">${inlineScript(chartLibrary())}</script>`,
  ];
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${PAGE_CSS}</style>`,
    '</head>',
    `<body><main>${out.join('\n')}</main>`,
    ...scripts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function runSection(report: PipelineReport): string {
  const rows = report.clusterings
    .map(
      (c) =>
        `<tr><td>${escapeHtml(c.algorithm)}</td><td class="num">${c.nClusters}</td><td class="num">${formatCount(c.noise.count)} <small>${formatPercent(c.noise.share)}</small></td>` +
        `<td class="num">${formatSeconds(c.seconds)}</td><td><code>${escapeHtml(JSON.stringify(c.params))}</code></td></tr>`,
    )
    .join('');
  const silhouettes = report.clusterings.map((c) => formatNumber(c.scores?.silhouette ?? null)).join(', ');
  return (
    '<section id="run" class="panel"><h2>Run</h2><table><thead><tr><th>algorithm</th><th class="num">clusters</th><th class="num">noise</th>' +
    `<th class="num">time</th><th>parameters</th></tr></thead><tbody>${rows}</tbody></table><p><small>silhouette: ${escapeHtml(silhouettes)}</small></p></section>`
  );
}
