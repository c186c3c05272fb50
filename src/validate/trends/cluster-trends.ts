/**
 * Counts per cluster per period, and the periods where a cluster's share of
 * the postings changes (PELT, see pelt.ts).
 *
 * Periods are months when the dated postings span at least 365 days, ISO weeks
 * otherwise; the series runs over every period from the first dated posting to
 * the last, with zeros where a cluster had none. Postings without a usable date
 * are counted in `undated` and left out; noise postings count in each period's
 * total (the share's denominator) but get no series of their own.
 */
import { ParameterError, check, type Labels } from '../../core/index.js';
import { checkLabels } from '../labels.js';
import { parseDay, periodLabel, periodOrdinal, type PeriodKind } from './periods.js';
import { peltShareChanges, shareDispersion } from './pelt.js';

export interface TrendInput {
  readonly labels: Labels;
  /** ISO date (yyyy-mm-dd) of each posting, null when none is usable. */
  readonly dates: ReadonlyArray<string | null>;
}

export interface TrendOptions {
  /** 'auto' (default: month when the span is ≥ 365 days, else week), 'month' or 'week'. */
  period?: 'auto' | PeriodKind;
  /**
   * Penalty per change in −2 log-likelihood / φ units; default `penaltyPerLog` · ln T.
   * A number here overrides it.
   */
  penalty?: number | 'auto';
  /** Multiplier of ln T in the default penalty (default 3; chosen from null simulations, docs/validate.md). */
  penaltyPerLog?: number;
  /** Fewest periods between changes (default 2). */
  minSegment?: number;
}

export interface ClusterTrend {
  readonly cluster: number;
  readonly series: Array<{ period: string; count: number }>;
  readonly changepoints: Array<{ period: string; direction: 'up' | 'down' }>;
}

/** How a clustering's trends were counted: the period and the postings left out for want of a usable date. */
export interface TrendInfo {
  readonly period: PeriodKind;
  /** Postings without a usable date (counted, not in any series). */
  readonly undated: number;
}

export interface TrendResult extends TrendInfo {
  readonly clusters: ClusterTrend[];
}

export const DEFAULT_TREND_OPTIONS = Object.freeze({ period: 'auto' as const, penalty: 'auto' as const, penaltyPerLog: 3, minSegment: 2 });

export function clusterTrends(input: TrendInput, options: TrendOptions = {}): TrendResult {
  const o = { ...DEFAULT_TREND_OPTIONS, ...options };
  const periodOption = check.oneOf('period', o.period, ['auto', 'month', 'week'] as const);
  const minSegment = check.integer('minSegment', o.minSegment, 1);
  const penaltyPerLog = check.number('penaltyPerLog', o.penaltyPerLog, 0, 1e6);
  if (o.penalty !== 'auto') check.number('penalty', o.penalty, 0, 1e9);
  if (!Array.isArray(input?.dates)) throw new ParameterError('dates', input?.dates, 'an array with the ISO date (or null) of every row');
  const n = input.dates.length;
  checkLabels(input.labels, n);

  const days = new Float64Array(n).fill(NaN);
  let undated = 0,
    first = Infinity,
    lastDay = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = input.dates[i];
    if (d === null) {
      undated++;
      continue;
    }
    days[i] = parseDay(d, i);
    first = Math.min(first, days[i]);
    lastDay = Math.max(lastDay, days[i]);
  }
  const kind: PeriodKind = periodOption !== 'auto' ? periodOption : lastDay - first >= 365 ? 'month' : 'week';
  const clusters = [...new Set(input.labels)].filter((l) => l >= 0).sort((a, b) => a - b);
  if (!Number.isFinite(first))
    return { period: kind, undated, clusters: clusters.map((cluster) => ({ cluster, series: [], changepoints: [] })) };

  const start = periodOrdinal(first, kind);
  const T = periodOrdinal(lastDay, kind) - start + 1;
  const column = new Map(clusters.map((l, k) => [l, k]));
  const counts = clusters.map(() => new Float64Array(T));
  const totals = new Float64Array(T);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(days[i])) continue;
    const t = periodOrdinal(days[i], kind) - start;
    totals[t]++;
    const k = column.get(input.labels[i]);
    if (k !== undefined) counts[k][t]++;
  }
  const labels = Array.from({ length: T }, (_, t) => periodLabel(start + t, kind));
  const penalty = o.penalty === 'auto' ? penaltyPerLog * Math.log(Math.max(T, 2)) : o.penalty;
  return {
    period: kind,
    undated,
    clusters: clusters.map((cluster, k) => {
      const changes =
        T >= 2 * minSegment ? peltShareChanges(counts[k], totals, { penalty, minSegment }, shareDispersion(counts[k], totals)) : [];
      return {
        cluster,
        series: labels.map((period, t) => ({ period, count: counts[k][t] })),
        changepoints: changes.map((c) => ({ period: labels[c.index], direction: c.direction })),
      };
    }),
  };
}
