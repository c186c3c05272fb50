/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script,
 * no external resource (a Content-Security-Policy forbids any), every text
 * escaped. Sections: data, clusterings summary, per clustering the platform ×
 * cluster heat map with bias flags and the cluster table (keywords, sample
 * titles, silhouette), then run parameters and timings.
 */
import { escapeHtml } from './escape.js';
import { clusterTag, formatCount, formatNumber, formatPEquals, formatPValue, formatPercent, formatSeconds } from './format.js';
import { renderHeatmap, type HeatmapColour } from './heatmap.js';
import type { FacetBias, ClusteringReport, PipelineReport } from './types.js';

export interface HtmlOptions {
  /** What the heat map colours by (default 'residual'). */
  heatmap?: HeatmapColour;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f6f7f9; color: #1a1a1a;
  font: 14px/1.5 -apple-system, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #d8dde3; }
h3 { font-size: 16px; margin: 20px 0 8px; }
.meta { color: #5b6470; margin: 0 0 18px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 8px 0 4px; }
.card { background: #fff; border: 1px solid #dfe3e8; border-radius: 6px; padding: 10px 16px; min-width: 130px; }
.card .value { font-size: 22px; font-weight: 600; }
.card .label { color: #5b6470; font-size: 12px; }
section.clustering { background: #fff; border: 1px solid #dfe3e8; border-radius: 8px; padding: 4px 20px 16px; margin-top: 24px; }
table { border-collapse: collapse; width: 100%; background: #fff; margin: 6px 0 12px; }
th, td { border-bottom: 1px solid #e6e9ed; padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: #eef1f4; font-weight: 600; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.kw { display: inline-block; background: #eef3fb; border: 1px solid #d3deef; border-radius: 3px; padding: 0 5px; margin: 1px 3px 1px 0; font-size: 12px; }
.titles { color: #3d4550; font-size: 12px; }
.bar { display: inline-block; height: 8px; background: #4a7bb7; vertical-align: middle; margin-left: 6px; }
.bar.neg { background: #c0504d; }
.over { color: #b2182b; font-weight: 600; }
.under { color: #2166ac; font-weight: 600; }
.note { background: #fff8e1; border-left: 3px solid #f0b400; padding: 6px 10px; margin: 6px 0; }
.heatmap-wrap { overflow-x: auto; margin: 8px 0; }
svg.heatmap text { font-size: 11px; }
svg.heatmap .row-label, svg.heatmap .col-label { font-size: 12px; fill: #1a1a1a; }
svg.heatmap .legend-title, svg.heatmap .tick { font-size: 11px; fill: #3d4550; }
footer { color: #7a828c; font-size: 12px; margin-top: 36px; }
`;

export function renderHtml(report: PipelineReport, options: HtmlOptions = {}): string {
  const d = report.dataset;
  const body: string[] = [];
  body.push(`<h1>${escapeHtml(report.title)}</h1>`);
  body.push(
    `<p class="meta">Generated ${escapeHtml(report.createdAt)} by jd-cluster${report.generator.version ? ' ' + escapeHtml(report.generator.version) : ''}` +
      ` · report schema ${report.schemaVersion}${d.source ? ` · source ${escapeHtml(d.source)}` : ''}</p>`,
  );
  body.push('<h2 id="data">Data</h2><div class="cards">');
  for (const [label, value] of [
    ['records read', d.records],
    ['skipped', d.skipped],
    ['duplicates removed', d.duplicates],
    ['clustered', d.used],
    ['platforms', d.platforms.length],
  ] as const) {
    body.push(`<div class="card"><div class="value">${formatCount(value)}</div><div class="label">${escapeHtml(label)}</div></div>`);
  }
  body.push('</div>');
  const reasons = Object.entries(d.skippedByReason);
  if (reasons.length) body.push(`<p>Skipped by reason: ${reasons.map(([r, c]) => `${escapeHtml(r)} ${formatCount(c)}`).join(', ')}.</p>`);
  if (d.platforms.length) {
    body.push(
      `<p>Platforms: ${d.platforms.map((p) => `${escapeHtml(p.platform)} ${formatCount(p.count)} (${formatPercent(p.share)})`).join(' · ')}</p>`,
    );
  }
  if (report.representation) {
    body.push(`<p>Vectors: ${escapeHtml(report.representation.name)}, ${report.representation.dim} dimensions.</p>`);
  }

  body.push('<h2 id="clusterings">Clusterings</h2>');
  body.push(
    table(
      ['algorithm', 'clusters', 'noise', 'silhouette (cosine)', 'Davies–Bouldin', 'Calinski–Harabasz', 'bias flags', 'time'],
      report.clusterings.map((c) => [
        `<a href="#clustering-${anchor(c.algorithm)}">${escapeHtml(c.algorithm)}</a>`,
        num(String(c.nClusters)),
        num(`${formatCount(c.noise.count)} (${formatPercent(c.noise.share)})`),
        num(formatNumber(c.scores.silhouette) + (c.scores.silhouetteSampled ? ' (sampled)' : '')),
        num(formatNumber(c.scores.daviesBouldin)),
        num(formatNumber(c.scores.calinskiHarabasz, 1)),
        num(c.facets.length ? String(c.facets.reduce((s, f) => s + f.flags.length, 0)) : '—'),
        num(formatSeconds(c.seconds)),
      ]),
      [0, 1, 1, 1, 1, 1, 1, 1],
    ),
  );
  report.clusterings.forEach((c, k) => body.push(clusteringSection(c, k, options)));
  body.push(runSection(report));
  body.push(`<footer>jd-cluster report · schema version ${report.schemaVersion} · self-contained page, no network access.</footer>`);

  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(report.title)}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    `<body><main>${body.join('\n')}</main></body>`,
    '</html>',
    '',
  ].join('\n');
}

function anchor(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '_');
}

/** Marks a cell as numeric (right-aligned); the content is already escaped. */
function num(html: string): { html: string; numeric: true } {
  return { html, numeric: true };
}

type Cell = string | { html: string; numeric: true };

function table(header: string[], rows: Cell[][], numericColumns: number[] = []): string {
  const head = header.map((h, i) => `<th${numericColumns[i] ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const bodyRows = rows
    .map((r) => `<tr>${r.map((c) => (typeof c === 'string' ? `<td>${c}</td>` : `<td class="num">${c.html}</td>`)).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${bodyRows}</tbody></table>`;
}

function silhouetteBar(value: number | null): string {
  if (value === null) return '—';
  const w = Math.round(Math.min(1, Math.abs(value)) * 60);
  return `${formatNumber(value)}<span class="bar${value < 0 ? ' neg' : ''}" style="width:${w}px"></span>`;
}

function clusteringSection(c: ClusteringReport, index: number, options: HtmlOptions): string {
  const out: string[] = [];
  const names = new Map(c.clusters.map((k) => [k.label, k.name]));
  out.push(`<section class="clustering" id="clustering-${anchor(c.algorithm)}" data-algorithm="${escapeHtml(c.algorithm)}">`);
  out.push(`<h2>${escapeHtml(c.algorithm)}</h2>`);
  const params = Object.entries(c.params);
  out.push(
    `<p>${c.nClusters} clusters, ${formatCount(c.noise.count)} noise postings (${formatPercent(c.noise.share)}) of ${formatCount(c.n)}; ` +
      `silhouette ${formatNumber(c.scores.silhouette)}${c.scores.silhouetteSampled ? ` (sampled, ${formatCount(c.scores.silhouetteScored ?? 0)} rows)` : ''}, ` +
      `Davies–Bouldin ${formatNumber(c.scores.daviesBouldin)}, Calinski–Harabasz ${formatNumber(c.scores.calinskiHarabasz, 1)}` +
      `${c.seconds !== null ? `, ${formatSeconds(c.seconds)}` : ''}.` +
      `${params.length ? ` Parameters: ${params.map(([k, v]) => `${escapeHtml(k)}=${escapeHtml(JSON.stringify(v))}`).join(', ')}.` : ''}</p>`,
  );
  for (const a of c.agreement) {
    out.push(
      `<p>Agreement with ${escapeHtml(a.against)}: ARI ${formatNumber(a.adjustedRandIndex)}, NMI ${formatNumber(a.normalizedMutualInformation)}.</p>`,
    );
  }
  c.facets.forEach((f, j) => out.push(facetSection(f, names, `hm${index}-${j}`, options)));

  out.push('<h3>Clusters</h3>');
  out.push(
    table(
      ['cluster', 'name', 'size', 'silhouette', 'keywords (c-TF-IDF)', 'sample titles', 'top employer'],
      c.clusters.map((k) => [
        `<span class="cluster-tag">${escapeHtml(clusterTag(k.label))}</span>`,
        `<span class="cluster-name">${escapeHtml(k.name)}</span>`,
        num(`${formatCount(k.size)} (${formatPercent(k.share)})`),
        num(silhouetteBar(k.silhouette)),
        k.keywords.map((w) => `<span class="kw" title="${escapeHtml(w.score.toFixed(4))}">${escapeHtml(w.term)}</span>`).join(''),
        `<span class="titles">${k.sampleTitles.map(escapeHtml).join('<br>')}</span>`,
        `<span class="titles">${k.topCompany ? `${escapeHtml(k.topCompany)} ${formatPercent(k.topCompanyShare, 0)}` : '—'}</span>`,
      ]),
      [0, 0, 1, 1],
    ),
  );
  if (c.noise.count) {
    out.push(
      `<p>Noise: ${formatCount(c.noise.count)} postings not assigned to any cluster` +
        `${
          c.noise.keywords.length
            ? `; typical terms ${c.noise.keywords
                .slice(0, 6)
                .map((w) => `<span class="kw">${escapeHtml(w.term)}</span>`)
                .join('')}`
            : ''
        }.</p>`,
    );
  }
  out.push('</section>');
  return out.join('\n');
}

function facetSection(f: FacetBias, names: Map<number, string>, idPrefix: string, options: HtmlOptions): string {
  const name = (label: number) => (label < 0 ? 'noise' : `${clusterTag(label)} ${names.get(label) ?? ''}`.trim());
  const out: string[] = [`<section id="facet-${anchor(f.facet)}-${idPrefix}" class="facet" data-facet="${escapeHtml(f.facet)}">`];
  out.push(`<h3>${escapeHtml(f.facet)} × cluster</h3>`);
  out.push(
    `<p>χ² test of independence (noise excluded): χ² = ${formatNumber(f.test.chi2, 1)}, df = ${f.test.df}, ` +
      `${formatPEquals(f.test.p)}, Cramér's V = ${formatNumber(f.test.cramersV)}, n = ${formatCount(f.test.n)}.</p>`,
  );
  out.push(`<div class="heatmap-wrap">${renderHeatmap(f, { colour: options.heatmap, names, idPrefix })}</div>`);
  if (f.flags.length) {
    out.push(
      table(
        [
          f.facet,
          'cluster',
          'direction',
          'observed',
          'expected',
          'observed / expected',
          '95% CI',
          'adjusted p',
          'top employer',
          'confounded',
        ],
        f.flags.map((flag) => [
          escapeHtml(flag.value),
          escapeHtml(name(flag.cluster)),
          `<span class="${flag.direction}">${escapeHtml(flag.direction)}</span>`,
          num(formatCount(flag.observed)),
          num(formatNumber(flag.expected, 1)),
          num(`${formatNumber(flag.ratio, 2)}×`),
          num(`${formatNumber(flag.ratioCI[0], 2)}–${formatNumber(flag.ratioCI[1], 2)}`),
          num(formatPValue(flag.pAdjusted)),
          flag.topCompany ? `${escapeHtml(flag.topCompany)} ${formatPercent(flag.topCompanyShare, 0)}` : '—',
          escapeHtml(flag.confounded ?? '—'),
        ]),
        [0, 0, 0, 1, 1, 1, 1, 1, 0, 0],
      ).replace('<table>', '<table class="bias-flags">'),
    );
  } else {
    out.push(`<p class="no-flags">No ${escapeHtml(f.facet)} value over- or under-represents a cluster at these thresholds.</p>`);
  }
  out.push('</section>');
  return out.join('\n');
}

function runSection(report: PipelineReport): string {
  const out: string[] = ['<h2 id="run">Run</h2>'];
  const stages = report.timings.stages;
  if (stages.length) {
    const max = Math.max(...stages.map((s) => s.seconds), 1e-9);
    out.push(
      table(
        ['stage', 'seconds', ''],
        [
          ...stages.map((s) => [
            escapeHtml(s.stage),
            num(formatNumber(s.seconds, 2)),
            `<span class="bar" style="width:${Math.round((s.seconds / max) * 240)}px"></span>`,
          ]),
          ['<b>total</b>', num(`<b>${formatNumber(report.timings.totalSeconds, 2)}</b>`), ''],
        ],
        [0, 1, 0],
      ),
    );
  }
  const params = Object.entries(report.params);
  if (params.length) {
    out.push(
      table(
        ['parameter', 'value'],
        params.map(([k, v]) => [escapeHtml(k), `<code>${escapeHtml(JSON.stringify(v))}</code>`]),
      ),
    );
  }
  return out.join('\n');
}
