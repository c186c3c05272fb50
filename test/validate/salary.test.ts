import { describe, expect, it } from 'vitest';
import { InputError, ParameterError } from '../../src/core/index.js';
import { salaryPremiums } from '../../src/validate/index.js';
import { plantedSalaries } from './salary-simulate.js';

describe('salaryPremiums', () => {
  it('medians and premiums on a table small enough to check by hand', () => {
    // Cluster 0: 10, 20, 30 (median 20); everything else: 5, 10, 15, 20 (median 12.5) → premium 0.6.
    const labels = Int32Array.from([0, 0, 0, 1, 1, -1, 1]);
    const salaryMonthly = [10, 20, 30, 5, 10, 15, 20];
    const companies = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const cities = companies.map(() => '深圳');
    const rows = salaryPremiums({ labels, salaryMonthly, cities, companies }, { minN: 2, bootstrap: 50, minLevel: 1 });
    const all0 = rows.find((r) => r.cluster === 0 && r.city === null)!;
    expect(all0.n).toBe(3);
    expect(all0.median).toBe(20);
    expect(all0.premium).toBeCloseTo(20 / 12.5 - 1, 12);
    const all1 = rows.find((r) => r.cluster === 1 && r.city === null)!;
    expect(all1.median).toBe(10);
    expect(all1.premium).toBeCloseTo(10 / 17.5 - 1, 12); // others: 10, 15, 20, 30 → 17.5
  });

  it('annual basis multiplies by months paid, 12 where not stated', () => {
    const labels = Int32Array.from([0, 0, 1, 1]);
    const base = {
      labels,
      salaryMonthly: [10, 10, 10, 10],
      cities: ['a', 'a', 'a', 'a'],
      companies: ['p', 'q', 'r', 's'],
      monthsPaid: [13, 13, null, 12],
    };
    const [row0] = salaryPremiums(base, { minN: 2, bootstrap: 20, basis: 'annual', minLevel: 1 });
    expect(row0.median).toBe(130);
    expect(row0.premium).toBeCloseTo(130 / 120 - 1, 12);
  });

  it("the planted city premium's adjusted interval covers the truth in ≥ 90% of 50 seeds; the raw median premium is reported too", () => {
    let covered = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const data = plantedSalaries(seed, 3000, 1.34);
      const rows = salaryPremiums(data, { seed, bootstrap: 100 });
      const planted = rows.find((r) => r.cluster === 2 && r.city === '深圳')!;
      expect(planted.premiumCI[0]).toBeLessThan(planted.premium);
      expect(planted.premiumCI[1]).toBeGreaterThan(planted.premium);
      if (planted.adjustedCI![0] <= 0.34 && 0.34 <= planted.adjustedCI![1]) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(45);
  });

  it('with nothing planted, the adjusted interval of a cluster × city covers 0 in ≥ 90% of 50 seeds', () => {
    let covered = 0;
    for (let seed = 1; seed <= 50; seed++) {
      const rows = salaryPremiums(plantedSalaries(seed, 3000, 1), { seed, bootstrap: 20 });
      const row = rows.find((r) => r.cluster === 4 && r.city === '上海')!;
      if (row.adjustedCI![0] <= 0 && 0 <= row.adjustedCI![1]) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(45);
  });

  it('the company bootstrap is wider than the posting-level spread would suggest when one employer dominates', () => {
    // Cluster 0: one employer posts 60 ads at 30k, 20 others one ad each around 20k.
    const labels: number[] = [],
      salaryMonthly: number[] = [],
      companies: string[] = [];
    for (let i = 0; i < 60; i++) {
      labels.push(0);
      salaryMonthly.push(30000);
      companies.push('burst');
    }
    for (let i = 0; i < 20; i++) {
      labels.push(0);
      salaryMonthly.push(20000 + 100 * i);
      companies.push(`c${i}`);
    }
    for (let i = 0; i < 200; i++) {
      labels.push(1);
      salaryMonthly.push(18000 + 20 * i);
      companies.push(`d${i % 80}`);
    }
    const input = { labels: Int32Array.from(labels), salaryMonthly, companies, cities: companies.map(() => '北京') };
    const [row] = salaryPremiums(input, { seed: 3, bootstrap: 400 });
    expect(row.cluster).toBe(0);
    // The burst employer is 1 of 21 companies: some replicates leave it out and the median falls to ~21k.
    expect(row.premiumCI[0]).toBeLessThan(0.2);
    expect(row.premiumCI[1]).toBeGreaterThan(0.4);
  });

  it('is deterministic for a seed', () => {
    const data = plantedSalaries(7, 1500, 1.3);
    expect(salaryPremiums(data, { seed: 5, bootstrap: 50 })).toEqual(salaryPremiums(data, { seed: 5, bootstrap: 50 }));
    expect(salaryPremiums(data, { seed: 5, bootstrap: 50 })).not.toEqual(salaryPremiums(data, { seed: 6, bootstrap: 50 }));
  });

  it('rejects bad input with typed errors naming it', () => {
    const data = plantedSalaries(1, 200, 1);
    expect(() => salaryPremiums({ ...data, salaryMonthly: data.salaryMonthly.map((s, i) => (i === 3 ? -5 : s)) })).toThrow(
      /salaryMonthly\[3\]/,
    );
    expect(() => salaryPremiums({ ...data, cities: ['x'] })).toThrow(InputError);
    expect(() => salaryPremiums(data, { bootstrap: 1 })).toThrow(ParameterError);
    expect(() => salaryPremiums(data, { basis: 'weekly' as never })).toThrow(/basis/);
  });
});
