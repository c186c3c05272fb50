import { describe, expect, it } from 'vitest';
import { InputError, Random } from '../../src/core/index.js';
import { clusterTrends, periodLabel, periodOrdinal, parseDay } from '../../src/validate/index.js';

const DAY = 86_400_000;

/** n postings over `months` months from 2023-01; cluster 1's share is `share`, × `step` from month `at` on. */
function plantedDates(
  seed: number,
  n: number,
  months: number,
  share: number,
  step: number,
  at: number,
): { labels: Int32Array; dates: (string | null)[] } {
  const random = new Random(seed);
  const labels = new Int32Array(n);
  const dates: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    const month = random.int(months);
    const day = 1 + random.int(28);
    dates.push(random.next() < 0.03 ? null : new Date(Date.UTC(2023, month, day)).toISOString().slice(0, 10));
    const p = share * (month >= at ? step : 1);
    labels[i] = random.next() < p ? 1 : random.next() < 0.1 ? -1 : random.next() < 0.5 ? 0 : 2;
  }
  return { labels, dates };
}

describe('periods', () => {
  it('labels ISO weeks and months', () => {
    const week = (iso: string) => periodLabel(periodOrdinal(parseDay(iso, 0), 'week'), 'week');
    expect(week('2024-12-30')).toBe('2025-W01');
    expect(week('2021-01-03')).toBe('2020-W53');
    expect(week('2024-03-04')).toBe('2024-W10');
    expect(week('2024-03-03')).toBe('2024-W09');
    expect(periodLabel(periodOrdinal(parseDay('2024-11-30', 0), 'month'), 'month')).toBe('2024-11');
    expect(parseDay('1970-01-02T10:00:00Z', 0)).toBe(1);
  });
  it('rejects dates that are not dates', () => {
    expect(() => parseDay('2024-02-30', 4)).toThrow(InputError);
    expect(() => clusterTrends({ labels: Int32Array.from([0]), dates: ['yesterday'] })).toThrow(/dates\[0\]/);
  });
});

describe('clusterTrends', () => {
  it('months when the span is at least a year, weeks otherwise; contiguous series; undated counted', () => {
    const long = clusterTrends({ labels: Int32Array.from([0, 0, 1, -1]), dates: ['2023-01-05', '2024-01-05', null, '2023-06-01'] });
    expect(long.period).toBe('month');
    expect(long.undated).toBe(1);
    expect(long.clusters.map((c) => c.cluster)).toEqual([0, 1]);
    expect(long.clusters[0].series.length).toBe(13);
    expect(long.clusters[0].series[0]).toEqual({ period: '2023-01', count: 1 });
    expect(long.clusters[0].series.reduce((a, s) => a + s.count, 0)).toBe(2);
    expect(long.clusters[1].series.every((s) => s.count === 0)).toBe(true);
    const short = clusterTrends({ labels: Int32Array.from([0, 0]), dates: ['2024-09-02', '2024-12-29'] });
    expect(short.period).toBe('week');
    expect(short.clusters[0].series[0].period).toBe('2024-W36');
    expect(short.clusters[0].series.at(-1)!.period).toBe('2024-W52');
  });

  it('finds a planted change within one period, with its direction, in ≥ 90% of 50 seeds (18 months, 3,000 postings)', () => {
    let found = 0;
    for (let seed = 0; seed < 50; seed++) {
      const data = plantedDates(seed, 3000, 18, 0.08, 2, 9);
      const trend = clusterTrends(data);
      expect(trend.period).toBe('month');
      const c1 = trend.clusters.find((c) => c.cluster === 1)!;
      const changeIndex = c1.changepoints.map((c) => c1.series.findIndex((s) => s.period === c.period));
      if (c1.changepoints.some((c, k) => c.direction === 'up' && Math.abs(changeIndex[k] - 9) <= 1)) found++;
    }
    expect(found).toBeGreaterThanOrEqual(45);
  });

  it('a fall is reported as down', () => {
    const data = plantedDates(3, 3000, 18, 0.2, 0.4, 6);
    const c1 = clusterTrends(data).clusters.find((c) => c.cluster === 1)!;
    expect(c1.changepoints.map((c) => c.direction)).toContain('down');
    expect(c1.changepoints.find((c) => c.direction === 'down')!.period).toMatch(/^2023-0[678]$/);
  });

  it('finds no change in ≥ 95% of 50 seeds with nothing planted', () => {
    let falseSeeds = 0;
    for (let seed = 100; seed < 150; seed++) {
      const trend = clusterTrends(plantedDates(seed, 3000, 18, 0.08, 1, 9));
      if (trend.clusters.find((c) => c.cluster === 1)!.changepoints.length > 0) falseSeeds++;
    }
    expect(falseSeeds).toBeLessThanOrEqual(2);
  });

  it('ignores a change in the total number of postings: the share is what is tested', () => {
    const random = new Random(1);
    const labels: number[] = [],
      dates: string[] = [];
    for (let week = 0; week < 20; week++) {
      const postings = week >= 10 ? 600 : 150; // the scraper quadrupled its volume
      for (let i = 0; i < postings; i++) {
        labels.push(random.next() < 0.1 ? 1 : 0);
        dates.push(new Date(Date.UTC(2024, 0, 1) + (week * 7 + random.int(7)) * DAY).toISOString().slice(0, 10));
      }
    }
    const trend = clusterTrends({ labels: Int32Array.from(labels), dates });
    expect(trend.period).toBe('week');
    expect(trend.clusters.every((c) => c.changepoints.length === 0)).toBe(true);
  });
});
