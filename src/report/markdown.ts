/**
 * The report as Markdown, for notebooks and READMEs: summary, per-clustering
 * cluster table, bias flags, dataset counts, parameters and timings.
 */
import { clusterTag, formatCount, formatNumber, formatPEquals, formatPValue, formatPercent, formatSeconds } from './format.js';
import type { BiasReport, ClusteringReport, PipelineReport } from './types.js';

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
        c.bias ? String(c.bias.flags.length) : '—',
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
  if (c.bias) out.push(...biasSection(c.bias, c));
  return out;
}

function biasSection(b: BiasReport, c: ClusteringReport): string[] {
  const name = (label: number) =>
    label < 0 ? 'noise' : `${clusterTag(label)} ${c.clusters.find((k) => k.label === label)?.name ?? ''}`.trim();
  const out: string[] = [`### Platform bias (${escapeMarkdown(c.algorithm)})`, ''];
  out.push(
    `χ² test of independence (platform × cluster, noise excluded): χ² = ${formatNumber(b.test.statistic, 1)}, df = ${b.test.degreesOfFreedom}, ` +
      `${formatPEquals(b.test.pValue)}, Cramér's V = ${formatNumber(b.test.cramersV)}, n = ${formatCount(b.test.n)}.`,
    '',
  );
  out.push(
    `A cell is flagged when its adjusted standardised residual is significant after ${b.options.correction === 'holm' ? 'Holm' : 'Benjamini–Hochberg'} correction ` +
      `(α = ${b.options.alpha}), its expected count is ≥ ${b.options.minExpected} and observed/expected is ≥ ${b.options.minShareRatio} or ≤ 1/${b.options.minShareRatio}.`,
    '',
  );
  if (b.flags.length) {
    out.push(
      table(
        ['platform', 'cluster', 'direction', 'observed', 'expected', 'ratio', 'residual', 'adjusted p', 'step'],
        b.flags.map((f) => [
          escapeMarkdown(f.platform),
          escapeMarkdown(name(f.cluster)),
          f.direction ?? '—',
          formatCount(f.count),
          formatNumber(f.basis?.expected, 1),
          formatNumber(f.basis?.shareRatio, 2),
          formatNumber(f.basis?.residual, 2),
          formatPValue(f.adjustedPValue),
          String(f.basis?.step ?? '—'),
        ]),
      ),
      '',
    );
    if (b.flags.some((f) => (f.basis?.step ?? 0) > 0)) {
      out.push('Step 0 compares with independence; a later step compares with independence re-fitted without the stronger flags.', '');
    }
  } else {
    out.push('No platform over- or under-represents a cluster at these thresholds.', '');
  }
  const explained = b.cells.filter((cell) => cell.explained).length;
  if (explained)
    out.push(
      `${explained} more cell(s) deviate only as a consequence of the flags above (re-tested once the flagged cells are set aside).`,
      '',
    );
  for (const d of b.dominance) {
    out.push(
      `- Cluster ${escapeMarkdown(name(d.cluster))} is dominated by ${escapeMarkdown(d.platform)}: ${formatPercent(d.share)} of its ${formatCount(d.clusterSize)} postings (${formatPercent(d.overallShare)} overall).`,
    );
  }
  if (b.dominance.length) out.push('');
  for (const note of b.notes) out.push(`> ${escapeMarkdown(note)}`, '');
  return out;
}
