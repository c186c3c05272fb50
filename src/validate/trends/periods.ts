/**
 * Posting dates → periods. Months ('2024-03') when the dated postings span at
 * least a year, ISO weeks ('2024-W09', Monday first, week 1 holds the year's
 * first Thursday) otherwise: four months of monthly counts is four points, too
 * few to place a change.
 */
import { InputError } from '../../core/index.js';

export type PeriodKind = 'month' | 'week';

const DAY = 86_400_000;

/** Days since 1970-01-01 (UTC) of an ISO date 'yyyy-mm-dd' (a longer ISO timestamp is cut to its date). */
export function parseDay(value: string, index: number, name = 'dates'): number {
  const m = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || !Number.isFinite(t) || new Date(t).getUTCDate() !== Number(m[3]))
    throw new InputError(`${name}[${index}] is ${JSON.stringify(value)}, expected an ISO date yyyy-mm-dd or null.`, index);
  return Math.round(t / DAY);
}

/** Ordinal of the day's period (months since 1970-01, or weeks since the ISO week of 1970-01-01). */
export function periodOrdinal(day: number, kind: PeriodKind): number {
  if (kind === 'month') {
    const d = new Date(day * DAY);
    return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
  }
  // 1970-01-01 was a Thursday; day 4 − 7 … shifts weeks to start on Monday.
  return Math.floor((day + 3) / 7);
}

/** Label of a period ordinal: 'yyyy-mm' or the ISO week 'yyyy-Www'. */
export function periodLabel(ordinal: number, kind: PeriodKind): string {
  if (kind === 'month') {
    const year = 1970 + Math.floor(ordinal / 12),
      month = (ordinal % 12) + 1;
    return `${year}-${String(month).padStart(2, '0')}`;
  }
  const monday = ordinal * 7 - 3;
  const thursday = new Date((monday + 3) * DAY); // the ISO week belongs to the year of its Thursday
  const year = thursday.getUTCFullYear();
  const firstThursdayDay = Math.round(Date.UTC(year, 0, 1) / DAY);
  const week = Math.floor((Math.round(thursday.getTime() / DAY) - firstThursdayDay) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
