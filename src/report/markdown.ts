/**
 * The report as Markdown, for notebooks and READMEs: data quality first, then
 * summary, per-clustering cluster table, bias flags, salary premiums, trends,
 * dataset counts, parameters and timings.
 */
import { clusterTag, formatCount, formatNumber, formatPEquals, formatPercent, formatSeconds } from './format.js';
import { dataQualitySection, facetFlagsSection, salarySection, trendSection } from './markdown-analysis.js';
import type { ClusteringReport, FacetBias, PipelineReport } from './types.js';

/** Escape text for a Markdown table cell (pipes, line breaks) and inline markup. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/([|*_`[\]<>])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

export function renderMarkdown(report: PipelineReport): string {
  const out: string[] = [];
  const d = report.dataset;
  out.push(`# ${escapeMarkdown(report.title)}`, '');
  out.push(
    `Generated ${report.createdAt} by jd-cluster${report.generator.version ? ' ' + escapeMarkdown(report.generator.version) : ''} (report schema ${report.schemaVersion}).`,
    '',
  );
  out.push(...dataQualitySection(report, escapeMarkdown, table));
  out.push('## Data', '');
  out.push(
    table(
      ['source', 'records read', 'skipped', 'duplicates removed', 'clustered'],
      [[escapeMarkdown(d.source ?? '—'), formatCount(d.records), formatCount(d.skipped), formatCount(d.duplicates), formatCount(d.used)]],
    ),
    '',
  );
  const reasons = Object.entries(d.skippedByReason);
  if (reasons.length) out.push(`Skipped by reason: ${reasons.map(([r, c]) => `${escapeMarkdown(r)} ${formatCount(c)}`).join(', ')}.`, '');
  if (d.platforms.length) {
    out.push(
      `Platforms: ${d.platforms.map((p) => `${escapeMarkdown(p.platform)} ${formatCount(p.count)} (${formatPercent(p.share)})`).join(', ')}.`,
      '',
    );
  }
  if (report.representation)
    out.push(`Vectors: ${escapeMarkdown(report.representation.name)}, ${report.representation.dim} dimensions.`, '');

  out.push('## Clusterings', '');
  out.push(
    table(
      ['algorithm', 'clusters', 'noise', 'silhouette (cosine)', 'Davies–Bouldin', 'Calinski–Harabasz', 'bias flags', 'time'],
      report.clusterings.map((c) => [
        escapeMarkdown(c.algorithm),
        String(c.nClusters),
        `${formatCount(c.noise.count)} (${formatPercent(c.noise.share)})`,
        formatNumber(c.scores.silhouette) + (c.scores.silhouetteSampled ? ' (sampled)' : ''),
        formatNumber(c.scores.daviesBouldin),
        formatNumber(c.scores.calinskiHarabasz, 1),
        c.facets.length ? String(c.facets.reduce((s, f) => s + f.flags.length, 0)) : '—',
        formatSeconds(c.seconds),
      ]),
    ),
    '',
  );
  for (const c of report.clusterings) out.push(...clusteringSection(c));

  out.push('## Run', '');
  if (report.timings.stages.length) {
    out.push(
      table(
        ['stage', 'seconds'],
        [
          ...report.timings.stages.map((t) => [escapeMarkdown(t.stage), formatNumber(t.seconds, 2)]),
          ['**total**', `**${formatNumber(report.timings.totalSeconds, 2)}**`],
        ],
      ),
      '',
    );
  }
  const params = Object.entries(report.params);
  if (params.length) {
    out.push(
      table(
        ['parameter', 'value'],
        params.map(([k, v]) => [escapeMarkdown(k), escapeMarkdown(JSON.stringify(v))]),
      ),
      '',
    );
  }
  return out.join('\n');
}

function clusteringSection(c: ClusteringReport): string[] {
  const out: string[] = [`## ${escapeMarkdown(c.algorithm)}`, ''];
  const params = Object.entries(c.params);
  if (params.length)
    out.push(`Parameters: ${params.map(([k, v]) => `${escapeMarkdown(k)}=${escapeMarkdown(JSON.stringify(v))}`).join(', ')}.`, '');
  for (const a of c.agreement) {
    out.push(
      `Agreement with ${escapeMarkdown(a.against)}: ARI ${formatNumber(a.adjustedRandIndex)}, NMI ${formatNumber(a.normalizedMutualInformation)}.`,
      '',
    );
  }
  out.push(
    table(
      ['cluster', 'name', 'size', 'silhouette', 'keywords', 'sample titles'],
      c.clusters.map((k) => [
        clusterTag(k.label),
        escapeMarkdown(k.name),
        `${formatCount(k.size)} (${formatPercent(k.share)})`,
        formatNumber(k.silhouette),
        escapeMarkdown(k.keywords.map((w) => w.term).join(', ')),
        escapeMarkdown(k.sampleTitles.join(' / ')),
      ]),
    ),
    '',
  );
  if (c.noise.count)
    out.push(`Noise: ${formatCount(c.noise.count)} postings (${formatPercent(c.noise.share)}), not assigned to any cluster.`, '');
  for (const f of c.facets) out.push(...facetSection(f, c));
  out.push(...salarySection(c, escapeMarkdown, table));
  out.push(...trendSection(c, escapeMarkdown, table));
  return out;
}

function facetSection(f: FacetBias, c: ClusteringReport): string[] {
  const out: string[] = [`### ${escapeMarkdown(f.facet)} bias (${escapeMarkdown(c.algorithm)})`, ''];
  out.push(
    `χ² test of independence (${escapeMarkdown(f.facet)} × cluster, noise excluded): χ² = ${formatNumber(f.test.chi2, 1)}, df = ${f.test.df}, ` +
      `${formatPEquals(f.test.p)}, Cramér's V = ${formatNumber(f.test.cramersV)}, n = ${formatCount(f.test.n)}.`,
    '',
  );
  out.push(...facetFlagsSection(f, c, escapeMarkdown, table));
  return out;
}
