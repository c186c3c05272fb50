import { describe, expect, it } from 'vitest';
import { InputError, ParameterError } from '../../src/core/index.js';
import { analyzeFacetBias, cellStatistics, independenceTest, ratioInterval, simulateFacetRows } from '../../src/validate/index.js';

/** Rows (value, label) repeated `count` times. */
function expand(table: [string | null, number, number][]): { values: (string | null)[]; labels: Int32Array } {
  const values: (string | null)[] = [],
    labels: number[] = [];
  for (const [v, l, count] of table)
    for (let i = 0; i < count; i++) {
      values.push(v);
      labels.push(l);
    }
  return { values, labels: Int32Array.from(labels) };
}

// Reference values from scipy.stats: chi2_contingency(T, correction=False) → χ² 45.2625, df 4, p 3.5064e-9;
// adjusted residual of cell (C, 2): 5.55444433; chi2.ppf(0.025, 60)/2 = 20.2409, chi2.ppf(0.975, 62)/2 = 42.8269.
const T = [
  [30, 10, 20],
  [15, 25, 20],
  [5, 5, 40],
];
const names = ['A', 'B', 'C'];
const table = expand(T.flatMap((r, i) => r.map((count, j) => [names[i], j, count] as [string, number, number])));

const rowShares = [0.3, 0.25, 0.2, 0.15, 0.1];
const columnShares = Array.from({ length: 20 }, (_, c) => 1 / (c + 1));

describe('cell statistics (the numbers a reader recomputes)', () => {
  it('match scipy on a 3 × 3 table', () => {
    const counts = T.flat(),
      rows = T.map((r) => r.reduce((a, b) => a + b)),
      cols = [0, 1, 2].map((j) => T.reduce((a, r) => a + r[j], 0));
    const test = independenceTest(counts, rows, cols);
    expect(test.chi2).toBeCloseTo(45.2625, 8);
    expect(test.df).toBe(4);
    expect(test.p).toBeCloseTo(3.5063858e-9, 14);
    expect(test.cramersV).toBeCloseTo(Math.sqrt(45.2625 / (170 * 2)), 12);
    const stats = cellStatistics(counts, rows, cols);
    expect(stats.residual[8]).toBeCloseTo(5.55444433, 7);
    expect(stats.expected[8]).toBeCloseTo((50 * 80) / 170, 12);
  });
  it('ratio interval is the exact Poisson interval over the expected count', () => {
    const [lo, hi] = ratioInterval(30, 10, 0.95);
    expect(lo).toBeCloseTo(20.240874 / 10, 5);
    expect(hi).toBeCloseTo(42.826865 / 10, 5);
    expect(ratioInterval(0, 5, 0.95)[0]).toBe(0);
  });
});

describe('analyzeFacetBias', () => {
  it('returns the SPEC shape; expected and ratio are the independence numbers; direction agrees', () => {
    const r = analyzeFacetBias({ facet: 'platform', ...table }, { minRatio: 1 });
    expect(r.facet).toBe('platform');
    expect(r.values).toEqual(['A', 'B', 'C']); // 60, 60 (tie: by name), 50 postings
    expect(r.counts.length).toBe(r.values.length * r.clusters.length);
    const N = r.counts.reduce((a, b) => a + b);
    expect(r.test.n).toBe(N);
    for (const f of r.flags) {
      const v = r.values.indexOf(f.value),
        c = r.clusters.indexOf(f.cluster),
        C = r.clusters.length;
      const rowTotal = r.counts.slice(v * C, v * C + C).reduce((a, b) => a + b);
      const colTotal = r.values.reduce((a, _, k) => a + r.counts[k * C + c], 0);
      expect(f.observed).toBe(r.counts[v * C + c]);
      expect(f.expected).toBeCloseTo((rowTotal * colTotal) / N, 12);
      expect(f.ratio).toBeCloseTo(f.observed / f.expected, 12);
      expect(f.direction).toBe(f.observed > f.expected ? 'over' : 'under');
      expect(f.ratioCI[0]).toBeLessThan(f.ratio);
      expect(f.ratioCI[1]).toBeGreaterThan(f.ratio);
      expect(f.companies).toBe(0);
      expect(f.topCompany).toBeNull();
      expect(f.titleOnlyShare).toBeNull();
    }
    expect(r.flags.find((f) => f.value === 'C' && f.cluster === 2)?.direction).toBe('over');
  });

  it('orders values by postings, then name; leaves noise and unknown values out', () => {
    const rows = expand([
      ['X', 0, 5],
      ['Y', 0, 7],
      [null, 1, 3],
      ['X', -1, 4],
      ['Z', 1, 5],
    ]);
    const r = analyzeFacetBias({ facet: 'city', ...rows });
    expect(r.values).toEqual(['Y', 'X', 'Z']);
    expect(r.clusters).toEqual([0, 1]);
    expect(r.counts).toEqual([7, 0, 5, 0, 0, 5]);
    expect(r.test.n).toBe(17);
  });

  it('ranks flags by |log ratio|, over and under alike', () => {
    const rows = simulateFacetRows({
      rowShares,
      columnShares,
      n: 20000,
      seed: 3,
      biases: [
        { row: 0, column: 3, multiplier: 3 },
        { row: 2, column: 1, multiplier: 0.3 },
      ],
    });
    const r = analyzeFacetBias({ facet: 'platform', ...rows });
    expect(r.flags.length).toBeGreaterThanOrEqual(2);
    for (let k = 1; k < r.flags.length; k++)
      expect(Math.abs(Math.log(r.flags[k - 1].ratio))).toBeGreaterThanOrEqual(Math.abs(Math.log(r.flags[k].ratio)));
    expect(r.flags.some((f) => f.value === 'v2' && f.cluster === 1 && f.direction === 'under')).toBe(true);
  });

  it('flags a planted bias spread over many companies, unconfounded, in ≥ 95% of 50 seeds', () => {
    let hits = 0;
    for (let seed = 0; seed < 50; seed++) {
      const rows = simulateFacetRows({ rowShares, columnShares, n: 3000, seed, biases: [{ row: 1, column: 5, multiplier: 4 }] });
      const r = analyzeFacetBias({ facet: 'platform', ...rows });
      if (r.flags.some((f) => f.value === 'v1' && f.cluster === 5 && f.direction === 'over' && f.confounded === null)) hits++;
    }
    expect(hits).toBeGreaterThanOrEqual(48);
  });

  it('raises no unconfounded flag on ≥ 95% of 100 tables with nothing planted', () => {
    let falseSeeds = 0;
    for (let seed = 0; seed < 100; seed++) {
      const rows = simulateFacetRows({ rowShares, columnShares, n: 3000, seed: 5000 + seed, jitter: 0.05 });
      if (analyzeFacetBias({ facet: 'platform', ...rows }).flags.some((f) => f.confounded === null)) falseSeeds++;
    }
    expect(falseSeeds).toBeLessThanOrEqual(5);
  });

  it('never flags a one-company burst unconfounded (50 seeds); the flag itself is kept as company-confounded', () => {
    let unconfounded = 0,
      kept = 0;
    for (let seed = 0; seed < 50; seed++) {
      const rows = simulateFacetRows({ rowShares, columnShares, n: 3000, seed, bursts: [{ row: 3, column: 4, count: 60 }] });
      const r = analyzeFacetBias({ facet: 'platform', ...rows });
      const flag = r.flags.find((f) => f.value === 'v3' && f.cluster === 4);
      if (flag && flag.confounded === null) unconfounded++;
      if (flag?.confounded === 'company') {
        kept++;
        expect(flag.topCompany).toBe('burst-0');
        expect(flag.topCompanyShare).toBeGreaterThan(0.5);
      }
    }
    expect(unconfounded).toBe(0);
    expect(kept).toBeGreaterThanOrEqual(45);
  });

  it("marks every flag of a mostly title-only cell 'text' (20 seeds)", () => {
    let flagged = 0;
    for (let seed = 0; seed < 20; seed++) {
      const rows = simulateFacetRows({ rowShares, columnShares, n: 3000, seed, titleOnlyBlocks: [{ row: 2, column: 0, count: 300 }] });
      const r = analyzeFacetBias({ facet: 'platform', ...rows });
      for (const f of r.flags) if (f.titleOnlyShare! > 0.5) expect(f.confounded).toBe('text');
      if (r.flags.some((f) => f.value === 'v2' && f.cluster === 0 && f.confounded === 'text')) flagged++;
    }
    expect(flagged).toBeGreaterThanOrEqual(19);
  });

  it("marks every flag of a mostly title-only value 'text', its under-representations included", () => {
    const rows = simulateFacetRows({ rowShares, columnShares, n: 3000, seed: 4, titleOnlyBlocks: [{ row: 4, column: 0, count: 400 }] });
    const r = analyzeFacetBias({ facet: 'platform', ...rows });
    const v4 = r.flags.filter((f) => f.value === 'v4');
    expect(v4.some((f) => f.direction === 'under')).toBe(true);
    for (const f of v4) expect(f.confounded).toBe('text');
    for (const f of r.flags) if (f.observed === 0) expect([f.topCompanyShare, f.titleOnlyShare]).toEqual([null, null]);
  });

  it('counts companies per cell; unknown companies never merge; no company test for the company facet', () => {
    const rows = expand([
      ['A', 0, 40],
      ['B', 1, 40],
      ['A', 1, 4],
      ['B', 0, 4],
    ]);
    const companies = rows.values.map((v, i) => (i < 20 ? '华为' : i < 40 ? null : `c${i}`));
    const r = analyzeFacetBias({ facet: 'platform', ...rows, companies });
    const a0 = r.flags.find((f) => f.value === 'A' && f.cluster === 0)!;
    expect(a0.companies).toBe(21);
    expect(a0.topCompany).toBe('华为');
    expect(a0.topCompanyShare).toBe(0.5);
    const byCompany = analyzeFacetBias({ facet: 'company', values: companies.map((c) => c ?? 'x'), labels: rows.labels, companies });
    expect(byCompany.flags.every((f) => f.confounded !== 'company')).toBe(true);
  });

  it('is deterministic and does not depend on row order', () => {
    const rows = simulateFacetRows({ rowShares, columnShares, n: 2000, seed: 9, biases: [{ row: 0, column: 2, multiplier: 3 }] });
    const order = rows.values.map((_, i) => i).reverse();
    const a = analyzeFacetBias({ facet: 'platform', ...rows });
    const b = analyzeFacetBias({
      facet: 'platform',
      values: order.map((i) => rows.values[i]),
      labels: Int32Array.from(order, (i) => rows.labels[i]),
      companies: order.map((i) => rows.companies[i]),
      titleOnly: order.map((i) => rows.titleOnly[i]),
    });
    expect(b).toEqual(a);
  });

  it('rejects bad input with typed errors naming it', () => {
    expect(() => analyzeFacetBias({ facet: '', ...table })).toThrow(ParameterError);
    expect(() => analyzeFacetBias({ facet: 'platform', ...table, companies: ['x'] })).toThrow(/companies has 1 entries/);
    expect(() => analyzeFacetBias({ facet: 'platform', values: ['a', ''], labels: Int32Array.from([0, 1]) })).toThrow(InputError);
    expect(() => analyzeFacetBias({ facet: 'platform', ...table }, { minRatio: 0.5 })).toThrow(/minRatio/);
    expect(() => analyzeFacetBias({ facet: 'platform', ...table }, { correction: 'bonferroni' as never })).toThrow(/correction/);
  });

  it('BH flags at least what Holm flags', () => {
    const rows = simulateFacetRows({
      rowShares,
      columnShares,
      n: 5000,
      seed: 2,
      biases: [
        { row: 0, column: 1, multiplier: 2 },
        { row: 3, column: 6, multiplier: 3 },
      ],
    });
    const holm = analyzeFacetBias({ facet: 'platform', ...rows });
    const bh = analyzeFacetBias({ facet: 'platform', ...rows }, { correction: 'bh' });
    expect(bh.flags.length).toBeGreaterThanOrEqual(holm.flags.length);
  });
});
