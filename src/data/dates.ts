/**
 * The usable posting date. The shared corpus has three dates: 首次发布时间 (missing
 * for most BOSS postings), 首次扫描日期 (1970-01-01 when the scraper did not know) and
 * 记录更新日期; the first real one, in that order, dates a posting.
 */
import type { RawValue } from './job-posting.js';

const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:$|[\sT])/;

/**
 * ISO `yyyy-mm-dd` of a source date ("2024-10-09 11:16:55", "2024/10/9", "2024年10月9日");
 * undefined when it is not a calendar date or is the epoch placeholder (any date before
 * 1971 counts as "unknown", since no posting on a recruiting website is that old).
 */
export function isoDate(value: RawValue | undefined): string | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DATE.exec(value.normalize('NFKC').trim());
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1971 || month < 1 || month > 12 || day < 1) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return undefined;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first usable date among the candidates, in order (首次发布时间, 首次扫描日期, 记录更新日期). */
export function usableDate(...candidates: ReadonlyArray<RawValue | undefined>): string | undefined {
  for (const value of candidates) {
    const iso = isoDate(value);
    if (iso !== undefined) return iso;
  }
  return undefined;
}
