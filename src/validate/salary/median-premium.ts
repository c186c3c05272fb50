/**
 * Median premiums of every group against the rest, with a bootstrap that
 * resamples companies.
 *
 * premium_k = median(salaries in group k) / median(salaries of all other rows) − 1.
 * The bootstrap draws G companies with replacement out of the G present (all of
 * a company's postings come along), because one employer's ads share a pay
 * scale: resampling postings would treat a 50-ad burst as 50 independent
 * salaries and give an interval far too narrow. A replicate is a weighting of
 * the rows (company multiplicity); prefix sums of the weights over the rows
 * sorted by salary give every group's weighted median and its complement's by
 * binary search. The interval is the percentile interval of the replicates.
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
 * @param minN groups with fewer rows, or fewer other rows, get their median and premium but no
 *   bootstrap (interval [NaN, NaN]): the caller reports no row for them, and a city's many small
 *   groups would otherwise cost most of the bootstrap. The random draws do not depend on it.
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
  minN = 0,
): GroupPremium[] {
  const n = salary.length;
  const sorted = sortedRows(salary, group, groups, company);
  const sizes = Int32Array.from({ length: groups }, (_, g) => sorted.start[g + 1] - sorted.start[g]);
  const all = Int32Array.from({ length: groups }, (_, g) => g);
  const unit = new Float64Array(companies).fill(1);
  const point = weightedMedians(sorted, all, unit, medianBuffers(sorted));
  const buffers = medianBuffers(sorted);
  const wanted = all.filter((g) => sizes[g] > 0 && sizes[g] >= minN && n - sizes[g] >= minN);

  const draws: number[][] = Array.from({ length: groups }, () => []);
  const weight = new Float64Array(companies);
  const drawn = new Int32Array(companies);
  for (let b = 0; b < replicates; b++) {
    weight.fill(0);
    // random.int(companies) for each draw, in one batch.
    random.fillInt(drawn, companies);
    for (let k = 0; k < companies; k++) weight[drawn[k]]++;
    if (wanted.length === 0) continue; // the draws still advance the generator: later calls see the same stream
    const m = weightedMedians(sorted, wanted, weight, buffers);
    for (const g of wanted) {
      if (Number.isFinite(m.group[g]) && Number.isFinite(m.rest[g])) draws[g].push(m.group[g] / m.rest[g] - 1);
    }
  }
  const tail = (1 - level) / 2;
  return Array.from({ length: groups }, (_, g) => {
    const ranked = draws[g].sort((a, b) => a - b);
    const interval: [number, number] = ranked.length >= replicates / 2 ? [quantile(ranked, tail), quantile(ranked, 1 - tail)] : [NaN, NaN];
    return { group: g, n: sizes[g], median: point.group[g], premium: point.group[g] / point.rest[g] - 1, interval };
  });
}

/**
 * Rows sorted by salary, split by group once per call (not per replicate): the
 * positions of each group's rows, ascending, in one flat array (`members`,
 * group g at `start[g]` … `start[g + 1] − 1`).
 */
interface SortedRows {
  readonly salary: Float64Array;
  readonly company: Int32Array;
  readonly group: Int32Array;
  /** Position of each row in `members` (−1 for rows of no group). */
  readonly position: Int32Array;
  readonly start: Int32Array;
  readonly members: Int32Array;
}

function sortedRows(salary: Float64Array, group: Int32Array, groups: number, company: Int32Array): SortedRows {
  const n = salary.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => salary[a] - salary[b] || a - b);
  const sortedGroup = Int32Array.from(order, (i) => group[i]);
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) if (sortedGroup[i] >= 0) start[sortedGroup[i] + 1]++;
  for (let g = 0; g < groups; g++) start[g + 1] += start[g];
  const members = new Int32Array(start[groups]);
  const position = new Int32Array(n).fill(-1);
  const next = start.slice(0, groups);
  for (let i = 0; i < n; i++) {
    if (sortedGroup[i] < 0) continue;
    position[i] = next[sortedGroup[i]]++;
    members[position[i]] = i;
  }
  return {
    salary: Float64Array.from(order, (i) => salary[i]),
    group: sortedGroup,
    position,
    company: Int32Array.from(order, (i) => company[i]),
    start,
    members,
  };
}

/**
 * Weighted medians of each group and of its complement over rows sorted by salary.
 * The median is the midpoint of the lower and upper weighted medians, which is
 * the usual median (middle value, or mean of the two middle values) for unit weights.
 *
 * The lower weighted median is the salary of the first row (in salary order)
 * at which the cumulative weight reaches half the total, the upper one of the
 * first row at which it passes half. Cumulative weights never decrease, so both
 * are found by binary search over prefix sums: O(n) per replicate for the sums
 * and O(log n) per group, instead of a pass over the rows for every group's
 * complement (O(n · groups), which was most of the validation stage). The
 * weights are company multiplicities, integers, so the prefix sums are exact
 * and the result is the same as that scan's. Only the `wanted` groups are
 * computed (NaN for the others).
 */
function weightedMedians(rows: SortedRows, wanted: Int32Array, weight: Float64Array, out: MedianBuffers): MedianBuffers {
  const { salary, company, group, position, start, members } = rows;
  const { cumAll, cumGroup, groupTotal } = out;
  const n = salary.length;
  // One pass: cumAll[i] is the weight of rows 0 … i, cumGroup[j] that of the group's members up to members[j].
  groupTotal.fill(0);
  let all = 0;
  for (let i = 0; i < n; i++) {
    const w = weight[company[i]];
    all += w;
    cumAll[i] = all;
    const g = group[i];
    if (g >= 0) cumGroup[position[i]] = groupTotal[g] += w;
  }
  out.group.fill(NaN);
  out.rest.fill(NaN);
  for (const g of wanted) {
    const lo = start[g],
      hi = start[g + 1],
      total = groupTotal[g];
    if (total > 0) {
      // First member whose cumulative weight reaches (≥) or passes (>) half; with a positive
      // threshold that member carries weight, as the scan required.
      const lower = firstMember(cumGroup, lo, hi, total / 2, false);
      const upper = firstMember(cumGroup, lo, hi, total / 2, true);
      out.group[g] = (salary[members[lower]] + salary[members[upper]]) / 2;
    }
    const restTotal = all - total;
    if (restTotal > 0) {
      const lower = firstRestRow(cumAll, cumGroup, members, lo, hi, restTotal / 2, false);
      const upper = firstRestRow(cumAll, cumGroup, members, lo, hi, restTotal / 2, true);
      out.rest[g] = (salary[lower] + salary[upper]) / 2;
    }
  }
  return out;
}

/** Buffers of `weightedMedians`, allocated once per call of `groupMedianPremiums`, not once per replicate. */
interface MedianBuffers {
  readonly cumAll: Float64Array;
  readonly cumGroup: Float64Array;
  readonly groupTotal: Float64Array;
  /** Weighted median of each group (NaN when not wanted or empty). */
  readonly group: Float64Array;
  /** Weighted median of the rows outside each group. */
  readonly rest: Float64Array;
}

function medianBuffers(rows: SortedRows): MedianBuffers {
  const groups = rows.start.length - 1;
  return {
    cumAll: new Float64Array(rows.salary.length),
    cumGroup: new Float64Array(rows.members.length),
    groupTotal: new Float64Array(groups),
    group: new Float64Array(groups),
    rest: new Float64Array(groups),
  };
}

/** The first j in [lo, hi) with cum[j] ≥ half (> half when `strict`); cum ascends. */
function firstMember(cum: Float64Array, lo: number, hi: number, half: number, strict: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (strict ? cum[mid] > half : cum[mid] >= half) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The first row i at which the weight of the rows outside the group (members[lo … hi − 1])
 * reaches half (passes it when `strict`): all rows' weight up to i minus the group's
 * members' at positions ≤ i. Both ascend in i, and so does their difference, rest(i).
 *
 * Between two consecutive members the group's part is constant, so the search is in
 * two steps: over the members, for the first stretch of other rows whose last row
 * reaches half, then over the rows of that stretch (log m + log n steps, where a search
 * over all rows with a search over the members at each step took log n · log m; this
 * was most of the bootstrap's time with a few hundred groups). rest() is flat at a member
 * row (its weight is in both sums), so the first row to reach half is never a member.
 */
function firstRestRow(
  cumAll: Float64Array,
  cumGroup: Float64Array,
  members: Int32Array,
  lo: number,
  hi: number,
  half: number,
  strict: boolean,
): number {
  const n = cumAll.length;
  // Stretch j (lo ≤ j ≤ hi) ends at the row before members[j] (the last row for j = hi), and
  // the group's weight up to its rows is that of members lo … j − 1.
  let a = lo,
    b = hi;
  while (a < b) {
    const j = (a + b) >>> 1;
    const end = (j < hi ? members[j] : n) - 1;
    const rest = end < 0 ? 0 : cumAll[end] - (j === lo ? 0 : cumGroup[j - 1]);
    if (strict ? rest > half : rest >= half) b = j;
    else a = j + 1;
  }
  // Rows of stretch a: after members[a − 1], up to its end; the answer is among them.
  const before = a === lo ? 0 : cumGroup[a - 1];
  let i = a === lo ? 0 : members[a - 1] + 1,
    k = (a < hi ? members[a] : n) - 1;
  while (i < k) {
    const mid = (i + k) >>> 1;
    const rest = cumAll[mid] - before;
    if (strict ? rest > half : rest >= half) k = mid;
    else i = mid + 1;
  }
  return i;
}

/** Linear-interpolation quantile (type 7) of an ascending array. */
function quantile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}
