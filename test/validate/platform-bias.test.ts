import { describe, expect, it } from 'vitest';
import { InputError, ParameterError } from '../../src/core/index.js';
import { analyzePlatformBias, benjaminiHochberg, contingencyTable, holm } from '../../src/validate/index.js';

/** Rows (platform, label) repeated `count` times. */
function expand(table: [string, number, number][]): { platforms: string[]; labels: Int32Array } {
  const platforms: string[] = [],
    labels: number[] = [];
  for (const [p, l, count] of table)
    for (let i = 0; i < count; i++) {
      platforms.push(p);
      labels.push(l);
    }
  return { platforms, labels: Int32Array.from(labels) };
}

// Reference values from scipy.stats.chi2_contingency and (O − E)/√(E(1 − R/N)(1 − C/N)).
const T = [
  [30, 10, 20],
  [15, 25, 20],
  [5, 5, 40],
];
const Z = [
  [4.35107092, -1.5579333, -2.64797744],
  [-0.93237234, 4.11739516, -2.64797744],
  [-3.58556132, -2.68438624, 5.55444433],
];
const P = [
  [1.35474219e-5, 1.1924906e-1, 8.09749292e-3],
  [3.51144134e-1, 3.83178748e-5, 8.09749292e-3],
  [3.36353952e-4, 7.26631071e-3, 2.78496245e-8],
];
const names = ['A', 'B', 'C'];
const rows = expand(T.flatMap((r, i) => r.map((count, j) => [names[i], j, count] as [string, number, number])));

describe('multiple-testing corrections', () => {
  const p = [0.01, 0.04, 0.03, 0.005];
  it('Holm step-down', () => {
    const h = holm(p);
    [0.03, 0.06, 0.06, 0.02].forEach((v, i) => expect(h[i]).toBeCloseTo(v, 12));
  });
  it('Benjamini–Hochberg step-up', () => {
    const b = benjaminiHochberg(p);
    [0.02, 0.04, 0.04, 0.02].forEach((v, i) => expect(b[i]).toBeCloseTo(v, 12));
  });
});

describe('platform × cluster bias analysis', () => {
  it('builds the contingency table, platforms by size and noise last', () => {
    const { platforms, labels } = expand([
      ['X', 1, 3],
      ['Y', 0, 5],
      ['Y', -1, 2],
      ['X', 0, 1],
    ]);
    const t = contingencyTable(platforms, labels);
    expect(t.platforms).toEqual(['Y', 'X']);
    expect(t.clusters).toEqual([0, 1, -1]);
    expect(Array.from(t.counts)).toEqual([5, 0, 2, 1, 3, 0]);
    expect(Array.from(t.rowTotals)).toEqual([7, 4]);
    expect(Array.from(t.columnTotals)).toEqual([6, 3, 2]);
  });

  it('matches scipy: χ², df, p-value, residuals and cell p-values', () => {
    // With no flag possible, every p-value is the one of the independence residual.
    const r = analyzePlatformBias(rows.platforms, rows.labels, { minShareRatio: 100 });
    expect(r.flags).toEqual([]);
    expect(r.test.statistic).toBeCloseTo(45.2625, 9);
    expect(r.test.degreesOfFreedom).toBe(4);
    expect(r.test.pValue).toBeCloseTo(3.5063858183274556e-9, 14);
    expect(r.test.cramersV).toBeCloseTo(Math.sqrt(45.2625 / (170 * 2)), 12);
    // Rows are ordered by size: A = 60, B = 60, C = 50 (ties by name).
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        const cell = r.cells[i * 3 + j];
        expect(cell.platform).toBe(names[i]);
        expect(cell.residual!).toBeCloseTo(Z[i][j], 7);
        expect(cell.pValue! / P[i][j]).toBeCloseTo(1, 5);
      }
    }
  });

  it('flags significant, material cells step by step, with direction and share ratio', () => {
    const r = analyzePlatformBias(rows.platforms, rows.labels);
    const key = (c: { platform: string; cluster: number }) => `${c.platform}:${c.cluster}`;
    // Against independence (Holm over 9 cells, ratio ≥ 1.5 or ≤ 2/3, expected ≥ 5) five cells qualify;
    // A:2 and B:2 are significant (p_adj 0.036) but not material (20 / 28.2 = 0.71).
    const first = analyzePlatformBias(rows.platforms, rows.labels, { minShareRatio: 100 });
    const screen = first.cells.filter(
      (c) => c.adjustedPValue! < 0.05 && c.expected >= 5 && (c.shareRatio! >= 1.5 || c.shareRatio! <= 2 / 3),
    );
    expect(screen.map(key).sort()).toEqual(['A:0', 'B:1', 'C:0', 'C:1', 'C:2']);
    // The strongest, C:2 (40 of C's 50 postings), is flagged first with its independence p-value × 9 (Holm).
    const c2 = r.flags[0];
    expect(key(c2)).toBe('C:2');
    expect(c2.direction).toBe('over');
    expect(c2.shareRatio).toBeCloseTo(40 / ((50 * 80) / 170), 12);
    expect(c2.pValue! / P[2][2]).toBeCloseTo(1, 5);
    expect(c2.adjustedPValue! / (9 * P[2][2])).toBeCloseTo(1, 5);
    // With C:2 set aside, C's low counts elsewhere are its mirror image (explained);
    // A and B then differ in cluster 1 (10 vs 25 postings), and A:1 is the next flag.
    expect(r.flags.map(key)).toEqual(['C:2', 'A:1']);
    expect(r.flags[1].direction).toBe('under');
    // Each flag says what it was tested against: C:2 plain independence, A:1 the re-fitted baseline.
    expect(c2.basis).toEqual({ step: 0, expected: c2.expected, shareRatio: c2.shareRatio, residual: c2.residual });
    const a1 = r.flags[1];
    expect(a1.basis!.step).toBe(1);
    expect(a1.basis!.shareRatio).toBeLessThanOrEqual(2 / 3);
    expect(a1.basis!.residual).toBeLessThan(-3);
    expect(a1.basis!.expected).not.toBeCloseTo(a1.expected, 3);
    // The re-fitted baseline has C's remaining cells at their own level: rows A and B share
    // cluster 1 between them, 35 of their 120 clustered postings, and A has 60 of those 120.
    expect(a1.basis!.expected).toBeGreaterThan(14);
    expect(a1.basis!.expected).toBeLessThan(20);
    expect(r.flags[1].adjustedPValue!).toBeLessThan(0.05);
    const explained = r.cells
      .filter((c) => c.explained)
      .map(key)
      .sort();
    expect(explained).toEqual(['A:0', 'B:1', 'C:0', 'C:1']);
    expect(r.cells.every((c) => !(c.flagged && c.explained))).toBe(true);
    // Benjamini–Hochberg is less strict than Holm on every cell.
    const bh = analyzePlatformBias(rows.platforms, rows.labels, { correction: 'bh', minShareRatio: 100 });
    bh.cells.forEach((c, i) => expect(c.adjustedPValue!).toBeLessThanOrEqual(first.cells[i].adjustedPValue! + 1e-15));
    expect(bh.cells.some((c, i) => c.adjustedPValue! < first.cells[i].adjustedPValue!)).toBe(true);
    expect(r.dominance).toEqual([]);
  });

  it('reports noise as a column but never tests or flags it', () => {
    const { platforms, labels } = expand([
      ['A', 0, 50],
      ['A', 1, 50],
      ['B', 0, 50],
      ['B', 1, 50],
      ['A', -1, 5],
      ['B', -1, 200],
    ]);
    const r = analyzePlatformBias(platforms, labels);
    const noise = r.cells.filter((c) => c.cluster === -1);
    expect(noise).toHaveLength(2);
    expect(noise.every((c) => !c.tested && !c.flagged && c.adjustedPValue === null)).toBe(true);
    expect(noise.find((c) => c.platform === 'B')!.residual!).toBeGreaterThan(5);
    expect(r.test.statistic).toBe(0);
    expect(r.test.n).toBe(200);
    expect(r.flags).toEqual([]);
  });

  it('flags dominated clusters', () => {
    const { platforms, labels } = expand([
      ['A', 0, 40],
      ['B', 0, 10],
      ['A', 1, 30],
      ['B', 1, 30],
      ['B', 2, 15],
    ]);
    const r = analyzePlatformBias(platforms, labels);
    expect(r.dominance).toEqual([{ cluster: 0, platform: 'A', share: 0.8, clusterSize: 50, overallShare: 70 / 125 }]);
    const none = analyzePlatformBias(platforms, labels, { dominanceShare: 0.9 });
    expect(none.dominance).toEqual([]);
  });

  it('handles one platform, one cluster and empty rows without NaN', () => {
    const one = expand([
      ['A', 0, 10],
      ['A', 1, 10],
    ]);
    const r1 = analyzePlatformBias(one.platforms, one.labels);
    expect(r1.test).toEqual({ statistic: 0, degreesOfFreedom: 0, pValue: 1, cramersV: 0, n: 20 });
    expect(r1.notes.join(' ')).toMatch(/Only one platform/);
    expect(r1.cells.every((c) => c.residual === null && !c.flagged && c.shareRatio === 1)).toBe(true);

    const single = expand([
      ['A', 0, 10],
      ['B', 0, 10],
      ['B', -1, 3],
    ]);
    const r2 = analyzePlatformBias(single.platforms, single.labels);
    expect(r2.notes.join(' ')).toMatch(/Only one cluster/);
    expect(r2.test.pValue).toBe(1);

    const empty = expand([
      ['A', 0, 10],
      ['A', 1, 5],
      ['B', 0, 10],
      ['B', 1, 5],
      ['C', -1, 4],
    ]);
    const r3 = analyzePlatformBias(empty.platforms, empty.labels);
    expect(r3.notes.join(' ')).toMatch(/Platform C has no clustered postings/);
    expect(r3.cells.filter((c) => c.platform === 'C' && c.cluster >= 0).every((c) => c.expected === 0 && c.shareRatio === null)).toBe(true);

    for (const r of [r1, r2, r3]) {
      const json = JSON.stringify(r.cells);
      expect(json).not.toMatch(/NaN|Infinity/);
      for (const c of r.cells) for (const v of Object.values(c)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
    }
  });

  it('validates its input and options', () => {
    expect(() => analyzePlatformBias(['A', ''], Int32Array.from([0, 1]))).toThrow(/platforms\[1\]/);
    expect(() => analyzePlatformBias(['A'], Int32Array.from([0, 1]))).toThrow(InputError);
    expect(() => analyzePlatformBias(['A', 'B'], Int32Array.from([0, 1]), { alpha: 0 })).toThrow(ParameterError);
    expect(() => analyzePlatformBias(['A', 'B'], Int32Array.from([0, 1]), { correction: 'bonferroni' as never })).toThrow(/correction/);
    expect(() => analyzePlatformBias(['A', 'B'], Int32Array.from([0, 1]), { minShareRatio: 0.5 })).toThrow(/minShareRatio/);
  });
});
