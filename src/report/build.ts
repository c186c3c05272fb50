/**
 * `buildReport`: from the pipeline's results (`ReportInput`) to the JSON
 * document (`PipelineReport`). Checks that every per-posting array has one
 * entry per labelled row, turns typed arrays into plain ones and non-finite
 * numbers into null, and picks sample titles.
 */
import { InputError, ParameterError, check } from '../core/index.js';
import type { SilhouetteResult } from '../validate/index.js';
import {
  REPORT_SCHEMA_VERSION,
  type BuildReportOptions,
  type ClusterReport,
  type ClusterTrend,
  type ClusteringInput,
  type FacetBias,
  type SalaryPremium,
  type ClusteringReport,
  type PipelineReport,
  type ReportInput,
  type ReportKeyword,
} from './types.js';

/** A finite number, or null (JSON has no NaN or Infinity). */
export function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function buildReport(input: ReportInput, options: BuildReportOptions = {}): PipelineReport {
  if (input === null || typeof input !== 'object') throw new ParameterError('input', input, 'a ReportInput object');
  if (!input.dataset || typeof input.dataset !== 'object')
    throw new ParameterError('input.dataset', input.dataset, 'a DatasetSummary object');
  if (!Array.isArray(input.clusterings)) throw new ParameterError('input.clusterings', input.clusterings, 'an array of clusterings');
  const nTitles = check.integer('sampleTitles', options.sampleTitles ?? 5, 0);
  const nKeywords = check.integer('keywords', options.keywords ?? 10, 0);
  const postings = input.postings ?? {};
  const n = input.clusterings[0]?.labels.length ?? input.dataset.used;
  for (const [name, values] of Object.entries(postings)) {
    if (values !== undefined && values.length !== n) {
      throw new InputError(`postings.${name} has ${values.length} entries, expected one per labelled posting (${n}).`);
    }
  }
  const createdAt = input.createdAt === undefined ? new Date() : new Date(input.createdAt);
  if (Number.isNaN(createdAt.getTime())) throw new ParameterError('createdAt', input.createdAt, 'a Date or an ISO date string');
  const stages = (input.timings ?? []).map(({ stage, seconds }) => ({ stage, seconds: finiteOrNull(seconds) ?? 0 }));
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: input.title ?? 'jd-cluster report',
    createdAt: createdAt.toISOString(),
    generator: { name: 'jd-cluster', version: input.version ?? null },
    dataset: {
      source: input.dataset.source ?? null,
      records: input.dataset.records,
      skipped: input.dataset.skipped,
      skippedByReason: { ...(input.dataset.skippedByReason ?? {}) },
      skippedRecords: (input.dataset.skippedRecords ?? []).map((r) => ({
        index: r.index,
        ...(r.line !== undefined ? { line: r.line } : {}),
        reason: r.reason,
      })),
      duplicates: input.dataset.duplicates,
      templates: input.dataset.templates ?? 0,
      used: input.dataset.used,
      platforms: postings.platforms ? tally(postings.platforms) : [],
    },
    dataQuality: (input.dataQuality ?? []).map((row) => ({ ...row })),
    representation: input.representation
      ? { name: input.representation.name, dim: input.representation.dim, params: jsonSafe(input.representation.params ?? {}) }
      : null,
    params: jsonSafe(input.params ?? {}),
    timings: { stages, totalSeconds: stages.reduce((s, t) => s + t.seconds, 0) },
    map: input.map ? { ids: [...input.map.ids], x: [...input.map.x], y: [...input.map.y], rows: input.map.rows } : null,
    clusterings: input.clusterings.map((c, k) => clusteringReport(c, k, n, postings, nTitles, nKeywords)),
  };
}

function clusteringReport(
  c: ClusteringInput,
  index: number,
  n: number,
  postings: NonNullable<ReportInput['postings']>,
  nTitles: number,
  nKeywords: number,
): ClusteringReport {
  if (!(c.labels instanceof Int32Array)) throw new ParameterError(`clusterings[${index}].labels`, c.labels, 'an Int32Array');
  if (c.labels.length !== n) {
    throw new InputError(`clusterings[${index}] (${c.algorithm}) has ${c.labels.length} labels, expected ${n} like the first clustering.`);
  }
  const members = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const l = c.labels[i];
    const list = members.get(l);
    if (list) list.push(i);
    else members.set(l, [i]);
  }
  const sil = c.silhouette ?? null;
  const silByLabel = new Map((sil?.clusters ?? []).map((s) => [s.label, s.mean]));
  const kwByLabel = new Map((c.keywords?.clusters ?? []).map((k) => [k.label, k]));
  const keywordsOf = (label: number): ReportKeyword[] =>
    (kwByLabel.get(label)?.keywords ?? []).slice(0, nKeywords).map(({ term, score }) => ({ term, score }));
  const samplesOf = (rows: number[]) => {
    const picked = sampleRows(rows, postings.titles, sil, nTitles);
    return {
      sampleTitles: picked.map((i) => postings.titles![i].trim()),
      sampleIds: postings.ids ? picked.map((i) => postings.ids![i]) : [],
    };
  };
  const labels = [...members.keys()].filter((l) => l >= 0).sort((a, b) => a - b);
  const clusters: ClusterReport[] = labels.map((label) => {
    const rows = members.get(label)!;
    const companies = postings.companies ? tally(rows.map((i) => postings.companies![i]).filter((x) => x !== '')) : [];
    const known = companies.reduce((s, x) => s + x.count, 0);
    return {
      label,
      name: kwByLabel.get(label)?.name ?? `cluster ${label}`,
      title: postings.titles ? (tally(rows.map((i) => postings.titles![i].trim()).filter(Boolean))[0]?.platform ?? '') : '',
      size: rows.length,
      share: rows.length / n,
      silhouette: finiteOrNull(silByLabel.get(label)),
      keywords: keywordsOf(label),
      ...samplesOf(rows),
      companies: companies.length,
      topCompany: companies[0]?.platform ?? null,
      topCompanyShare: known ? companies[0].count / known : 0,
      titleOnly: postings.titleOnly ? rows.filter((i) => postings.titleOnly![i]).length : 0,
    };
  });
  const noiseRows = members.get(-1) ?? [];
  const before = c.noiseBeforeAssignment ?? null;
  return {
    algorithm: c.algorithm,
    params: jsonSafe(c.params ?? {}),
    capabilities: c.capabilities ? { ...c.capabilities } : null,
    seconds: finiteOrNull(c.seconds),
    n,
    nClusters: labels.length,
    noise: {
      count: noiseRows.length,
      share: n ? noiseRows.length / n : 0,
      beforeAssignment: before === null ? null : { count: before, share: n ? before / n : 0 },
      assigned: before === null ? 0 : before - noiseRows.length,
      keywords: keywordsOf(-1),
      ...samplesOf(noiseRows),
    },
    scores: {
      silhouette: finiteOrNull(sil?.score),
      silhouetteSampled: sil?.sampled ?? false,
      silhouetteScored: sil ? sil.nScored : null,
      silhouetteNoise: sil ? sil.noise : null,
      daviesBouldin: finiteOrNull(c.daviesBouldin),
      calinskiHarabasz: finiteOrNull(c.calinskiHarabasz),
    },
    agreement: (c.agreement ?? []).map((a) => ({
      against: a.against,
      adjustedRandIndex: finiteOrNull(a.adjustedRandIndex),
      normalizedMutualInformation: finiteOrNull(a.normalizedMutualInformation),
    })),
    kSelection: c.kSelection ?? null,
    hierarchy: c.hierarchy ? { linkage: c.hierarchy.linkage.map((l) => ({ ...l })) } : null,
    clusters,
    facets: (c.facets ?? []).map((f) => jsonSafe(f) as unknown as FacetBias),
    salary: (c.salary ?? []).map((row) => jsonSafe(row) as unknown as SalaryPremium),
    trends: (c.trends ?? []).map((row) => jsonSafe(row) as unknown as ClusterTrend),
    trendInfo: c.trendInfo ? { ...c.trendInfo } : null,
  };
}

/**
 * Rows of up to `count` distinct, non-empty titles of a cluster: its most
 * typical members first (highest silhouette) when silhouettes are known,
 * otherwise in input order.
 */
function sampleRows(rows: number[], titles: ReadonlyArray<string> | undefined, sil: SilhouetteResult | null, count: number): number[] {
  if (!titles || count === 0) return [];
  const samples = sil?.samples;
  const score = (i: number) => (samples && Number.isFinite(samples[i]) ? samples[i] : -Infinity);
  const ordered = samples ? [...rows].sort((a, b) => score(b) - score(a) || a - b) : rows;
  const out: number[] = [];
  const seen = new Set<string>();
  for (const i of ordered) {
    const t = (titles[i] ?? '').trim();
    if (!t || seen.has(t)) continue;
    seen.add(t);
    out.push(i);
    if (out.length === count) break;
  }
  return out;
}

function tally(values: ReadonlyArray<string>): { platform: string; count: number; share: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([platform, count]) => ({ platform, count, share: count / values.length }));
}

/** A deep copy that JSON can hold: typed arrays → arrays, non-finite numbers → null, functions dropped. */
function jsonSafe(value: object): Record<string, unknown> {
  const convert = (v: unknown): unknown => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'bigint') return Number(v);
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
    if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => convert(x));
    if (Array.isArray(v)) return v.map(convert);
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (x !== undefined && typeof x !== 'function') out[k] = convert(x);
      }
      return out;
    }
    return undefined;
  };
  return convert(value) as Record<string, unknown>;
}

/** The report as JSON text (2-space indent, trailing newline). */
export function reportToJson(report: PipelineReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
