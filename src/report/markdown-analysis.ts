/**
 * Markdown sections for the analyst's questions: data quality (first in the
 * report, so that a platform's missing descriptions are read before any flag
 * about it), facet flags with the employers behind them, salary premiums and
 * trends. Numbers are formatted exactly as the JSON holds them, rounded only
 * for display (the same rounding as the HTML page).
 */
import { clusterTag, formatCount, formatNumber, formatPValue, formatPercent } from './format.js';
import type { ClusteringReport, DataQualityRow, FacetBias, PipelineReport } from './types.js';

/** Flags listed per facet table in the Markdown; all of them stay in the JSON. */
export const MARKDOWN_TOP_FLAGS = 20;

type Escape = (text: string) => string;
type Table = (header: string[], rows: string[][]) => string;

export function dataQualitySection(report: PipelineReport, esc: Escape, table: Table): string[] {
  if (report.dataQuality.length === 0) return [];
  const out: string[] = ['## Data quality', ''];
  out.push(
    'Read this before any flag: a platform whose postings are mostly title-only, duplicated or one employer’s templates ' +
      'clusters on those artefacts; flags in such cells are marked `text` or `company`.',
    '',
  );
  const byFacet = new Map<string, DataQualityRow[]>();
  for (const row of report.dataQuality) {
    const rows = byFacet.get(row.facet);
    if (rows) rows.push(row);
    else byFacet.set(row.facet, [row]);
  }
  for (const [facet, rows] of byFacet) {
    out.push(
      table(
        [esc(facet), 'postings', 'with description', 'median description (chars)', 'duplicates', 'templates', 'title-only'],
        rows.map((r) => [
          esc(r.value),
          formatCount(r.postings),
          formatPercent(r.descriptionCoverage),
          formatNumber(r.medianDescriptionLength, 0),
          formatPercent(r.duplicateRate),
          formatPercent(r.templateRate),
          `${formatCount(r.titleOnly)} (${formatPercent(r.titleOnlyShare)})`,
        ]),
      ),
      '',
    );
  }
  return out;
}

export function facetFlagsSection(f: FacetBias, c: ClusteringReport, esc: Escape, table: Table): string[] {
  const name = (label: number) =>
    label < 0 ? 'noise' : `${clusterTag(label)} ${c.clusters.find((k) => k.label === label)?.name ?? ''}`.trim();
  const out: string[] = [];
  if (f.flags.length === 0) {
    out.push(`No ${esc(f.facet)} value over- or under-represents a cluster at these thresholds.`, '');
    return out;
  }
  const unconfounded = f.flags.filter((flag) => flag.confounded === null).length;
  out.push(
    `${formatCount(f.flags.length)} flags (${formatCount(unconfounded)} not explained by one employer or by title-only postings), largest effect first.`,
    '',
  );
  const shown = f.flags.slice(0, MARKDOWN_TOP_FLAGS);
  out.push(
    table(
      [
        esc(f.facet),
        'cluster',
        'direction',
        'observed',
        'expected',
        'ratio',
        '95% CI',
        'adjusted p',
        'companies',
        'top company',
        'title-only',
        'confounded',
      ],
      shown.map((flag) => [
        esc(flag.value),
        esc(name(flag.cluster)),
        flag.direction,
        formatCount(flag.observed),
        formatNumber(flag.expected, 1),
        formatNumber(flag.ratio, 2),
        `${formatNumber(flag.ratioCI[0], 2)}–${formatNumber(flag.ratioCI[1], 2)}`,
        formatPValue(flag.pAdjusted),
        formatCount(flag.companies),
        flag.topCompany === null ? '—' : `${esc(flag.topCompany)} (${formatPercent(flag.topCompanyShare)})`,
        formatPercent(flag.titleOnlyShare),
        flag.confounded ?? '—',
      ]),
    ),
    '',
  );
  if (f.flags.length > shown.length) out.push(`… and ${formatCount(f.flags.length - shown.length)} more flags in the JSON report.`, '');
  return out;
}

export function salarySection(c: ClusteringReport, esc: Escape, table: Table): string[] {
  if (c.salary.length === 0) return [];
  const interval = (ci: readonly [number | null, number | null] | null) =>
    ci === null || ci[0] === null || ci[1] === null ? '—' : `${formatPercent(ci[0])} – ${formatPercent(ci[1])}`;
  return [
    `### Salary premium (${esc(c.algorithm)})`,
    '',
    'Monthly salary midpoint (CNY). Premium: median vs all other postings, interval from a bootstrap over companies; ' +
      'adjusted: exp(β) − 1 of a log-salary regression on cluster + city + experience + education.',
    '',
    table(
      ['cluster', 'city', 'postings', 'median', 'premium', '95% CI', 'adjusted', '95% CI'],
      c.salary.map((s) => [
        clusterTag(s.cluster),
        s.city === null ? 'all' : esc(s.city),
        formatCount(s.n),
        formatNumber(s.median, 0),
        formatPercent(s.premium),
        interval(s.premiumCI),
        s.adjustedPremium === null ? '—' : formatPercent(s.adjustedPremium),
        interval(s.adjustedCI),
      ]),
    ),
    '',
  ];
}

export function trendSection(c: ClusteringReport, esc: Escape, table: Table): string[] {
  if (c.trends.length === 0) return [];
  const info = c.trendInfo;
  const out = [`### Trends (${esc(c.algorithm)})`, ''];
  if (info) {
    out.push(
      `Postings per ${info.period} by posting date; ${formatCount(info.undated)} postings without a usable date are left out. ` +
        'Changes found by PELT on the cluster’s share of each period.',
      '',
    );
  }
  out.push(
    table(
      ['cluster', 'periods', 'postings', 'changes'],
      c.trends.map((t) => [
        clusterTag(t.cluster),
        t.series.length ? `${esc(t.series[0].period)} … ${esc(t.series[t.series.length - 1].period)}` : '—',
        formatCount(t.series.reduce((s, p) => s + p.count, 0)),
        t.changepoints.length ? t.changepoints.map((p) => `${p.direction} at ${esc(p.period)}`).join(', ') : '—',
      ]),
    ),
    '',
  );
  return out;
}
