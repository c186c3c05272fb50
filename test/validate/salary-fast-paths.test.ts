/**
 * The salary analysis' fast paths against the straightforward versions they
 * replaced (kept here as references): weighted medians by binary search over
 * prefix sums against one scan per group's complement (the same to the bit), and
 * the regression's one pass per indicator (tᵀt and tᵀy from the normal equations,
 * rows by pattern and by cluster) against the textbook four passes over per-row
 * arrays with a Map of cluster scores (the same to 10 digits: only the order of
 * the sums differs). Then the analysis on worker threads against the same on one.
 */
import { describe, expect, it } from 'vitest';
import jstat from 'jstat';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { Random } from '../../src/core/index.js';
import { groupMedianPremiums } from '../../src/validate/salary/median-premium.js';
import { salaryPartCost, salaryPlan } from '../../src/validate/salary/salary-premiums.js';
import { IndicatorRegression, type CoefficientEstimate, type DummyDesign } from '../../src/validate/salary/dummy-regression.js';
import { salaryPremiums, salaryPremiumsAsync } from '../../src/validate/index.js';
import { plantedSalaries } from './salary-simulate.js';

const { jStat } = jstat;

/** The scan the binary search replaced: one pass over the rows, every group's complement updated at every row. */
function scanMedians(salary: Float64Array, group: Int32Array, groups: number, company: Int32Array, weight: Float64Array) {
  const n = salary.length;
  const total = new Float64Array(groups);
  let all = 0;
  for (let i = 0; i < n; i++) {
    const w = weight[company[i]];
    all += w;
    if (group[i] >= 0) total[group[i]] += w;
  }
  const cum = new Float64Array(groups);
  let cumAll = 0;
  const lower = new Float64Array(groups).fill(NaN),
    upper = new Float64Array(groups).fill(NaN),
    restLower = new Float64Array(groups).fill(NaN),
    restUpper = new Float64Array(groups).fill(NaN);
  for (let i = 0; i < n; i++) {
    const w = weight[company[i]];
    if (w === 0) continue;
    const g = group[i],
      v = salary[i];
    cumAll += w;
    if (g >= 0) {
      cum[g] += w;
      if (Number.isNaN(lower[g]) && cum[g] >= total[g] / 2) lower[g] = v;
      if (Number.isNaN(upper[g]) && cum[g] > total[g] / 2) upper[g] = v;
    }
    for (let h = 0; h < groups; h++) {
      if (h === g || !Number.isNaN(restUpper[h])) continue;
      const restCum = cumAll - cum[h],
        restTotal = all - total[h];
      if (Number.isNaN(restLower[h]) && restCum >= restTotal / 2) restLower[h] = v;
      if (restCum > restTotal / 2) restUpper[h] = v;
    }
  }
  const med = (lo: Float64Array, hi: Float64Array, t: Float64Array) => lo.map((l, g) => (t[g] > 0 ? (l + hi[g]) / 2 : NaN));
  return {
    group: med(lower, upper, total),
    rest: med(
      restLower,
      restUpper,
      total.map((t) => all - t),
    ),
  };
}

function referencePremiums(
  salary: Float64Array,
  group: Int32Array,
  groups: number,
  company: Int32Array,
  companies: number,
  replicates: number,
  level: number,
  random: Random,
) {
  const n = salary.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => salary[a] - salary[b] || a - b);
  const s = Float64Array.from(order, (i) => salary[i]);
  const g = Int32Array.from(order, (i) => group[i]);
  const c = Int32Array.from(order, (i) => company[i]);
  const point = scanMedians(s, g, groups, c, new Float64Array(companies).fill(1));
  const draws: number[][] = Array.from({ length: groups }, () => []);
  const weight = new Float64Array(companies);
  for (let b = 0; b < replicates; b++) {
    weight.fill(0);
    for (let k = 0; k < companies; k++) weight[random.int(companies)]++;
    const m = scanMedians(s, g, groups, c, weight);
    for (let h = 0; h < groups; h++)
      if (Number.isFinite(m.group[h]) && Number.isFinite(m.rest[h])) draws[h].push(m.group[h] / m.rest[h] - 1);
  }
  const quantile = (sorted: number[], q: number) => {
    const h = (sorted.length - 1) * q;
    const lo = Math.floor(h);
    return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
  };
  const tail = (1 - level) / 2;
  return Array.from({ length: groups }, (_, h) => {
    const sorted = draws[h].sort((a, b) => a - b);
    const interval = sorted.length >= replicates / 2 ? [quantile(sorted, tail), quantile(sorted, 1 - tail)] : [NaN, NaN];
    let size = 0;
    for (let i = 0; i < n; i++) if (group[i] === h) size++;
    return { group: h, n: size, median: point.group[h], premium: point.group[h] / point.rest[h] - 1, interval };
  });
}

/** Rows with tied salaries, an empty group, a one-row group, noise rows and companies of very different sizes. */
function table(seed: number, n: number, groups: number) {
  const random = new Random(seed);
  const companies = 1 + random.int(Math.max(2, n / 3));
  const salary = Float64Array.from({ length: n }, () => 1000 * (5 + random.int(30)));
  const group = Int32Array.from({ length: n }, () => (random.next() < 0.1 ? -1 : random.int(groups - 1)));
  if (n > 3) group[n - 1] = groups - 2; // keep the last group but one non-empty …
  const lone = Math.floor(n / 2);
  group[lone] = groups - 1; // … and the last group a single row
  const company = Int32Array.from({ length: n }, () => Math.min(random.int(companies), random.int(companies)));
  return { salary, group, company, companies };
}

describe('groupMedianPremiums', () => {
  it('equals the per-group scan it replaced, bit for bit, on 30 random tables', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const n = 5 + ((seed * 37) % 400);
      const groups = 2 + (seed % 7);
      const { salary, group, company, companies } = table(seed, n, groups);
      const fast = groupMedianPremiums(salary, group, groups, company, companies, 40, 0.9, new Random(seed));
      const reference = referencePremiums(salary, group, groups, company, companies, 40, 0.9, new Random(seed));
      expect(fast).toEqual(reference);
    }
  });

  it('minN leaves out the bootstrap of small groups only, and consumes the same random numbers', () => {
    const { salary, group, company, companies } = table(7, 300, 6);
    const a = new Random(3),
      b = new Random(3);
    const all = groupMedianPremiums(salary, group, 6, company, companies, 30, 0.95, a);
    const some = groupMedianPremiums(salary, group, 6, company, companies, 30, 0.95, b, 40);
    some.forEach((p, g) => {
      expect(p.median).toBe(all[g].median);
      expect(p.interval).toEqual(p.n >= 40 && 300 - p.n >= 40 ? all[g].interval : [NaN, NaN]);
    });
    expect(some.some((p) => Number.isNaN(p.interval[0]))).toBe(true);
    expect(a.nextUint32()).toBe(b.nextUint32());
  });
});

/** The regression as it was: per-row column arrays, cluster scores in a Map in order of first appearance. */
function referenceCoefficient(
  design: DummyDesign,
  y: number[],
  cluster: number[],
  rows: number[],
  level: number,
): CoefficientEstimate | null {
  const p = design.columns + 1,
    n = y.length;
  const columnsOf = (i: number) => [0, ...design.rowColumns[i]];
  const xtx = new Float64Array(p * p),
    xty = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (const a of columnsOf(i)) {
      xty[a] += y[i];
      for (const b of columnsOf(i)) xtx[a * p + b]++;
    }
  }
  const cholesky = new CholeskyDecomposition(new Matrix(Array.from({ length: p }, (_, a) => Array.from(xtx.subarray(a * p, a * p + p)))));
  if (!cholesky.isPositiveDefinite()) return null;
  const residualise = (v: Float64Array, xtv: Float64Array) => {
    const w = cholesky.solve(Matrix.columnVector(Array.from(xtv))).getColumn(0);
    return v.map((x, i) => {
      let fitted = 0;
      for (const a of columnsOf(i)) fitted += w[a];
      return x - fitted;
    });
  };
  const yResidual = residualise(Float64Array.from(y), xty);
  const indicator = new Float64Array(n),
    xtt = new Float64Array(p);
  for (const i of rows) {
    indicator[i] = 1;
    for (const a of columnsOf(i)) xtt[a]++;
  }
  const t = residualise(indicator, xtt);
  let tt = 0,
    ty = 0;
  for (let i = 0; i < n; i++) {
    tt += t[i] * t[i];
    ty += t[i] * yResidual[i];
  }
  if (!(tt > 1e-9 * Math.max(1, rows.length))) return null;
  const estimate = ty / tt;
  const score = new Map<number, number>();
  for (let i = 0; i < n; i++) score.set(cluster[i], (score.get(cluster[i]) ?? 0) + t[i] * (yResidual[i] - estimate * t[i]));
  const G = score.size,
    parameters = p + 1;
  if (G < 2 || n <= parameters) return null;
  let meat = 0;
  for (const s of score.values()) meat += s * s;
  const standardError = Math.sqrt((((G / (G - 1)) * (n - 1)) / (n - parameters)) * (meat / (tt * tt)));
  const q = jStat.studentt.inv(1 - (1 - level) / 2, G - 1);
  return { estimate, standardError, interval: [estimate - q * standardError, estimate + q * standardError] };
}

/** a and b agree to `digits` significant digits (both null, or all four numbers). */
function expectSameEstimate(a: CoefficientEstimate | null, b: CoefficientEstimate | null, digits = 10): void {
  expect(a === null).toBe(b === null);
  if (a === null || b === null) return;
  for (const [x, y] of [
    [a.estimate, b.estimate],
    [a.standardError, b.standardError],
    [a.interval[0], b.interval[0]],
    [a.interval[1], b.interval[1]],
  ]) {
    expect(Math.abs(x - y)).toBeLessThanOrEqual(10 ** -digits * Math.max(1, Math.abs(y)));
  }
}

describe('IndicatorRegression', () => {
  it('equals the per-row-array regression (four passes per indicator) to 10 digits, with clusters numbered out of order', () => {
    let compared = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const random = new Random(seed);
      const n = 200 + random.int(300);
      const columns = 3 + random.int(8);
      const rowColumns = Array.from({ length: n }, () => {
        // Two one-hot blocks (like city and experience), reference level = no column.
        const a = random.int(Math.ceil(columns / 2) + 1);
        const b = random.int(columns - Math.ceil(columns / 2) + 1);
        return [...(a > 0 ? [a] : []), ...(b > 0 ? [Math.ceil(columns / 2) + b] : [])];
      });
      const design: DummyDesign = { columns, rowColumns };
      const y = Array.from({ length: n }, () => 9 + random.normal());
      // Cluster ids large and unordered: the variance sums clusters in order of first appearance.
      const cluster = Array.from({ length: n }, () => 1000 - 7 * random.int(40));
      const model = new IndicatorRegression(design, y, cluster);
      for (let k = 0; k < 5; k++) {
        const rows: number[] = [];
        for (let i = 0; i < n; i++) if (random.next() < 0.2) rows.push(i);
        const expected = referenceCoefficient(design, y, cluster, rows, 0.95);
        if (expected) compared++;
        expectSameEstimate(model.coefficient(rows, 0.95), expected);
      }
      // An indicator that one covariate level spans exactly is not identified, in both forms.
      const level = rowColumns.flatMap((cols, i) => (cols.includes(1) ? [i] : []));
      expect(referenceCoefficient(design, y, cluster, level, 0.95)).toBeNull();
      expect(model.coefficient(level, 0.95)).toBeNull();
    }
    expect(compared).toBe(100);
  });

  it('needs its rows ascending, without repeats', () => {
    const model = new IndicatorRegression({ columns: 1, rowColumns: [[1], [], [1], []] }, [1, 2, 3, 5], [0, 0, 1, 1]);
    expect(() => model.coefficient([2, 0], 0.95)).toThrow(RangeError);
    expect(() => model.coefficient([0, 0], 0.95)).toThrow(/ascending/);
    expect(() => model.coefficient([4], 0.95)).toThrow(/rows\[0\] = 4/);
  });
});

describe('salaryPremiumsAsync', () => {
  it('equals salaryPremiums on 1, 2 and 3 threads; a city does not depend on the other cities', async () => {
    const data = plantedSalaries(5, 3000, 1.3);
    const sync = salaryPremiums(data, { seed: 9, bootstrap: 60 });
    expect(sync.filter((r) => r.city !== null).length).toBeGreaterThan(4);
    for (const threads of [1, 2, 3]) expect(await salaryPremiumsAsync(data, { seed: 9, bootstrap: 60 }, { threads })).toEqual(sync);
    // Without 成都's postings, the other cities' rows are the same (their bootstrap streams are their own).
    const keep = data.cities.map((c) => c !== '成都');
    const pick = <T>(a: readonly T[]) => a.filter((_, i) => keep[i]);
    const without = salaryPremiums(
      {
        labels: Int32Array.from(pick(Array.from(data.labels))),
        salaryMonthly: pick(data.salaryMonthly),
        cities: pick(data.cities),
        companies: pick(data.companies),
        experience: pick(data.experience),
      },
      { seed: 9, bootstrap: 60 },
    );
    const shanghai = (rows: typeof sync) => rows.filter((r) => r.city === '上海').map((r) => [r.cluster, r.median, r.premium, r.premiumCI]);
    expect(shanghai(without)).toEqual(shanghai(sync));
  });

  it("estimates a part's cost as its bootstrap and its regressions: the cluster rows weigh most", () => {
    const data = plantedSalaries(5, 3000, 1.3);
    const plan = salaryPlan(data, { seed: 9, bootstrap: 60 });
    const costs = Array.from({ length: plan.parts }, (_, k) => salaryPartCost(plan, k));
    expect(costs.length).toBeGreaterThan(2);
    for (const c of costs.slice(1)) expect(costs[0]).toBeGreaterThan(c);
    // A city's cost grows with its rows: the bootstrap's 60 replicates each pass over them.
    expect(costs.slice(1).every((c) => c >= 60 * 2 * 30)).toBe(true);
    expect(() => salaryPartCost(plan, plan.parts)).toThrow(/part/);
  });

  it('names the bad field before any worker starts', async () => {
    const data = plantedSalaries(5, 200, 1);
    await expect(salaryPremiumsAsync({ ...data, cities: data.cities.slice(1) }, {}, { threads: 2 })).rejects.toThrow(
      /cities has 199 entries/,
    );
  });
});
