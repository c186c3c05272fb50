/**
 * Median premiums of every group against the rest, with a bootstrap that
 * resamples companies.
 *
 * premium_k = median(salaries in group k) / median(salaries of all other rows) − 1.
 * The bootstrap draws G companies with replacement out of the G present (all of
 * a company's postings come along), because one employer's ads share a pay
 * scale: resampling postings would treat a 50-ad burst as 50 independent
 * salaries and give an interval far too narrow. A replicate is a weighting of
 * the rows (company multiplicity), so one pass over the rows sorted by salary
 * gives every group's weighted median and its complement's at once. The
 * interval is the percentile interval of the replicates.
 */
import { Random } from '../../core/index.js';

export interface GroupPremium {
  readonly group: number;
  readonly n: number;
  readonly median: number;
  readonly premium: number;
  /** Percentile interval; [NaN, NaN] when fewer than half the replicates contained the group and its rest. */
  readonly interval: [number, number];
}

/**
 * @param salary salary of each row (all finite, > 0)
 * @param group group index of each row in 0 … groups − 1, or −1 for rows that only count as "the rest"
 * @param company company index of each row (0 … companies − 1)
 */
export function groupMedianPremiums(
  salary: Float64Array,
  group: Int32Array,
  groups: number,
  company: Int32Array,
  companies: number,
  replicates: number,
  level: number,
  random: Random,
): GroupPremium[] {
  const n = salary.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => salary[a] - salary[b] || a - b);
  const sortedSalary = Float64Array.from(order, (i) => salary[i]);
  const sortedGroup = Int32Array.from(order, (i) => group[i]);
  const sortedCompany = Int32Array.from(order, (i) => company[i]);
  const unit = new Float64Array(companies).fill(1);
  const point = weightedMedians(sortedSalary, sortedGroup, groups, sortedCompany, unit);
  const sizes = new Int32Array(groups);
  for (let i = 0; i < n; i++) if (group[i] >= 0) sizes[group[i]]++;

  const draws: number[][] = Array.from({ length: groups }, () => []);
  const weight = new Float64Array(companies);
  for (let b = 0; b < replicates; b++) {
    weight.fill(0);
    for (let k = 0; k < companies; k++) weight[random.int(companies)]++;
    const m = weightedMedians(sortedSalary, sortedGroup, groups, sortedCompany, weight);
    for (let g = 0; g < groups; g++) {
      if (Number.isFinite(m.group[g]) && Number.isFinite(m.rest[g])) draws[g].push(m.group[g] / m.rest[g] - 1);
    }
  }
  const tail = (1 - level) / 2;
  return Array.from({ length: groups }, (_, g) => {
    const sorted = draws[g].sort((a, b) => a - b);
    const interval: [number, number] = sorted.length >= replicates / 2 ? [quantile(sorted, tail), quantile(sorted, 1 - tail)] : [NaN, NaN];
    return { group: g, n: sizes[g], median: point.group[g], premium: point.group[g] / point.rest[g] - 1, interval };
  });
}

/**
 * Weighted medians of each group and of its complement over rows sorted by salary.
 * The median is the midpoint of the lower and upper weighted medians, which is
 * the usual median (middle value, or mean of the two middle values) for unit weights.
 */
function weightedMedians(
  salary: Float64Array,
  group: Int32Array,
  groups: number,
  company: Int32Array,
  weight: Float64Array,
): { group: Float64Array; rest: Float64Array } {
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
    upper = new Float64Array(groups).fill(NaN);
  const restLower = new Float64Array(groups).fill(NaN),
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
    // The row joins the complement of every group but its own.
    for (let h = 0; h < groups; h++) {
      if (h === g || !Number.isNaN(restUpper[h])) continue;
      const restCum = cumAll - cum[h],
        restTotal = all - total[h];
      if (Number.isNaN(restLower[h]) && restCum >= restTotal / 2) restLower[h] = v;
      if (restCum > restTotal / 2) restUpper[h] = v;
    }
  }
  const med = (lo: Float64Array, hi: Float64Array, t: Float64Array) => lo.map((l, g) => (t[g] > 0 ? (l + hi[g]) / 2 : NaN));
  const restTotals = total.map((t) => all - t);
  return { group: med(lower, upper, total), rest: med(restLower, restUpper, restTotals) };
}

/** Linear-interpolation quantile (type 7) of an ascending array. */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}
