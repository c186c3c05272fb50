/**
 * Salary premiums per cluster, and per cluster × city where there are enough
 * postings ("深圳云原生岗溢价率达34%").
 *
 * - `median`: median monthly salary (CNY; the midpoint of a posting's range)
 *   of the cluster's postings (in the city).
 * - `premium`: median of the cluster / median of all other postings − 1 (in the
 *   city, for a city row: a city's pay level is not a cluster premium), with a
 *   percentile bootstrap interval that resamples companies (median-premium.ts).
 * - `adjustedPremium`: exp(β) − 1 from an OLS of log salary on dummies, with
 *   a company-clustered t interval (dummy-regression.ts):
 *     cluster row:  log y ~ 1[cluster k] + city + experience + education
 *                   (k against all other postings of like city, experience, education);
 *     city row:     log y ~ cluster + city + experience + education + 1[cluster k ∧ city c]
 *                   (what k pays in c beyond what k pays elsewhere and c pays everyone:
 *                   the local premium, not the cluster's general one).
 *   Unknown city / experience / education is a level of its own, and levels
 *   with fewer than `minLevel` postings are pooled, so no posting is dropped.
 * Postings without a salary are left out (their count is `n` total − Σ used);
 * noise postings count among "all other postings" but get no row of their own.
 */
import { InputError, ParameterError, Random, check, type Labels } from '../../core/index.js';
import { checkLabels } from '../labels.js';
import { IndicatorRegression, type DummyDesign } from './dummy-regression.js';
import { groupMedianPremiums } from './median-premium.js';

export interface SalaryInput {
  readonly labels: Labels;
  /** Monthly salary midpoint in CNY, null when the posting states none. */
  readonly salaryMonthly: ReadonlyArray<number | null>;
  /** Months paid a year (几薪), null when not stated; used only with `basis: 'annual'`. */
  readonly monthsPaid?: ReadonlyArray<number | null>;
  /** Normalised city of each row (null = unknown). */
  readonly cities: ReadonlyArray<string | null>;
  /** Normalised employer of each row (null or '' = unknown: an employer of its own). */
  readonly companies: ReadonlyArray<string | null>;
  /** Experience band of each row (null = unknown). */
  readonly experience?: ReadonlyArray<string | number | null>;
  /** Education level of each row (null = unknown). */
  readonly education?: ReadonlyArray<string | null>;
}

export interface SalaryOptions {
  /** Seed of the bootstrap (default 1). */
  seed?: number;
  /** Bootstrap replicates (default 500). */
  bootstrap?: number;
  /** Fewest postings with a salary in the group, and in its rest, for a row (default 30). */
  minN?: number;
  /** Confidence level of both intervals (default 0.95). */
  level?: number;
  /** 'monthly' (default) or 'annual' (monthly × months paid, 12 where not stated). */
  basis?: 'monthly' | 'annual';
  /** Levels of city / experience / education with fewer postings are pooled into one (default 10). */
  minLevel?: number;
}

export interface SalaryPremium {
  readonly cluster: number;
  /** null: all cities. */
  readonly city: string | null;
  readonly n: number;
  readonly median: number;
  readonly premium: number;
  readonly premiumCI: [number, number];
  /** null when the regression cannot identify it (e.g. every posting of the city is in the cluster). */
  readonly adjustedPremium: number | null;
  readonly adjustedCI: [number, number] | null;
}

export type ResolvedSalaryOptions = Required<SalaryOptions>;

export const DEFAULT_SALARY_OPTIONS: ResolvedSalaryOptions = Object.freeze({
  seed: 1,
  bootstrap: 500,
  minN: 30,
  level: 0.95,
  basis: 'monthly',
  minLevel: 10,
});

const UNKNOWN = '\u0000unknown';
const POOLED = '\u0000pooled';

export function salaryPremiums(input: SalaryInput, options: SalaryOptions = {}): SalaryPremium[] {
  const plan = salaryPlan(input, options);
  return Array.from({ length: plan.parts }, (_, part) => salaryPart(plan, part)).flat();
}

/**
 * The analysis cut into independent parts, for worker threads (salary-task.ts):
 * part 0 is the cluster rows (every cluster against all other postings), part
 * k ≥ 1 the rows of the k-th city (sorted by name) with at least 2·minN
 * postings. Each part bootstraps from a generator of its own — the cluster rows
 * from `seed`, a city's from `seed` and the city's name — so a part's result
 * does not depend on which thread computes it, nor on the other cities present.
 */
export interface SalaryPlan {
  /** Number of parts (0 when too few rows have a salary for any row of the result). */
  readonly parts: number;
  readonly shared: SharedTables | null;
}

interface SharedTables {
  readonly o: { seed: number; bootstrap: number; minN: number; level: number };
  readonly salary: Float64Array;
  readonly logSalary: Float64Array;
  readonly companyIndex: { index: Int32Array; size: number };
  readonly labels: Int32Array;
  readonly clusters: number[];
  readonly clusterGroup: Int32Array;
  readonly cities: { name: string; members: number[] }[];
  readonly clusterModel: () => IndicatorRegression;
  readonly localModel: () => IndicatorRegression;
}

/** Checks the input and builds the tables every part reads (the regressions lazily, once). */
export function salaryPlan(input: SalaryInput, options: SalaryOptions = {}): SalaryPlan {
  const o = { ...DEFAULT_SALARY_OPTIONS, ...options };
  const seed = check.integer('seed', o.seed, 0);
  const bootstrap = check.integer('bootstrap', o.bootstrap, 10);
  const minN = check.integer('minN', o.minN, 2);
  const level = check.number('level', o.level, 0, 1, { minExclusive: true });
  const basis = check.oneOf('basis', o.basis, ['monthly', 'annual'] as const);
  const minLevel = check.integer('minLevel', o.minLevel, 1);
  const total = input?.salaryMonthly?.length;
  if (!Array.isArray(input?.salaryMonthly))
    throw new ParameterError('salaryMonthly', input?.salaryMonthly, 'an array with the monthly salary (or null) of every row');
  checkLabels(input.labels, total);
  for (const name of ['cities', 'companies', 'monthsPaid', 'experience', 'education'] as const) {
    const a = input[name];
    if (a === undefined && (name === 'monthsPaid' || name === 'experience' || name === 'education')) continue;
    if (!Array.isArray(a)) throw new ParameterError(name, a, `an array with one entry per row (${total})`);
    if (a.length !== total) throw new InputError(`${name} has ${a.length} entries, expected one per row (${total}).`);
  }

  // Rows with a salary, on the chosen basis.
  const rows: number[] = [];
  for (let i = 0; i < total; i++) {
    const s = input.salaryMonthly[i];
    if (s === null) continue;
    if (typeof s !== 'number' || !Number.isFinite(s) || s <= 0)
      throw new InputError(`salaryMonthly[${i}] is ${String(s)}, expected a positive number or null.`, i);
    rows.push(i);
  }
  // No row can reach minN postings in a group and minN outside it (and the design would be empty).
  if (rows.length < 2 * minN) return { parts: 0, shared: null };
  const salary = Float64Array.from(rows, (i) => {
    if (basis === 'monthly') return input.salaryMonthly[i]!;
    const m = input.monthsPaid?.[i] ?? null;
    if (m !== null && (typeof m !== 'number' || !(m >= 1 && m <= 24)))
      throw new InputError(`monthsPaid[${i}] is ${String(m)}, expected 1 … 24 or null.`, i);
    return input.salaryMonthly[i]! * (m ?? 12);
  });
  const logSalary = salary.map(Math.log);
  const companyIndex = indexOf(rows.map((i) => (input.companies[i] ? `c:${input.companies[i]}` : `row:${i}`)));
  const city = rows.map((i) => input.cities[i] ?? null);
  const labels = Int32Array.from(rows, (i) => input.labels[i]);
  const clusters = [...new Set(labels)].filter((l) => l >= 0).sort((a, b) => a - b);
  const groupOf = new Map(clusters.map((l, g) => [l, g]));

  // Shared dummy levels (reference = most common level, left out).
  const cityLevels = levels(city, minLevel);
  const experienceLevels = input.experience
    ? levels(
        rows.map((i) => (input.experience![i] === null ? null : String(input.experience![i]))),
        minLevel,
      )
    : null;
  const educationLevels = input.education
    ? levels(
        rows.map((i) => input.education![i] ?? null),
        minLevel,
      )
    : null;
  const covariates = [cityLevels, experienceLevels, educationLevels].filter((l): l is Levels => l !== null);
  // Both regressions are factorised once; each cluster (× city) indicator is then fitted against them.
  let clusterModel: IndicatorRegression | undefined, localModel: IndicatorRegression | undefined;

  const byCity = new Map<string, number[]>();
  city.forEach((c, r) => c !== null && (byCity.get(c) ?? byCity.set(c, []).get(c)!).push(r));
  const cities = [...byCity.keys()]
    .sort()
    .filter((c) => byCity.get(c)!.length >= 2 * minN)
    .map((name) => ({ name, members: byCity.get(name)! }));
  return {
    parts: 1 + cities.length,
    shared: {
      o: { seed, bootstrap, minN, level },
      salary,
      logSalary,
      companyIndex,
      labels,
      clusters,
      clusterGroup: Int32Array.from(labels, (l) => groupOf.get(l) ?? -1),
      cities,
      clusterModel: () => (clusterModel ??= new IndicatorRegression(buildDesign(rows.length, covariates), logSalary, companyIndex.index)),
      localModel: () =>
        (localModel ??= new IndicatorRegression(
          buildDesign(rows.length, [levels(Array.from(labels, String), 1), ...covariates]),
          logSalary,
          companyIndex.index,
        )),
    },
  };
}

/** The rows of one part of the plan (see `SalaryPlan`). */
export function salaryPart(plan: SalaryPlan, part: number): SalaryPremium[] {
  if (!plan.shared || !(part >= 0 && part < plan.parts))
    throw new ParameterError('part', part, `a part of the plan, 0 … ${plan.parts - 1}`);
  const shared = plan.shared;
  const { o, salary, companyIndex, labels, clusters, clusterGroup, cities } = shared;
  const { minN, bootstrap, level, seed } = o;
  const out: SalaryPremium[] = [];
  if (part === 0) {
    // Cluster rows: every cluster against all other postings.
    const overall = groupMedianPremiums(
      salary,
      clusterGroup,
      clusters.length,
      companyIndex.index,
      companyIndex.size,
      bootstrap,
      level,
      new Random(seed),
      minN,
    );
    clusters.forEach((cluster, g) => {
      const n = overall[g].n;
      if (n < minN || salary.length - n < minN) return;
      const members: number[] = [];
      for (let r = 0; r < labels.length; r++) if (labels[r] === cluster) members.push(r);
      out.push(row(cluster, null, overall[g], shared.clusterModel().coefficient(members, level)));
    });
    return out;
  }
  // Cluster × city rows: within the city, every cluster against the city's other postings.
  const { name, members } = cities[part - 1];
  const sub = Int32Array.from(members);
  const subCompanies = indexOf(Array.from(sub, (r) => companyIndex.index[r]));
  const premiums = groupMedianPremiums(
    Float64Array.from(sub, (r) => salary[r]),
    Int32Array.from(sub, (r) => clusterGroup[r]),
    clusters.length,
    subCompanies.index,
    subCompanies.size,
    bootstrap,
    level,
    new Random(citySeed(seed, name)),
    minN,
  );
  clusters.forEach((cluster, g) => {
    const n = premiums[g].n;
    if (n < minN || members.length - n < minN) return;
    const adjusted = shared.localModel().coefficient(
      members.filter((r) => labels[r] === cluster),
      level,
    );
    out.push(row(cluster, name, premiums[g], adjusted));
  });
  return out;
}

/**
 * A part's rough cost, for spreading parts over threads: its bootstrap (replicates × its
 * rows) and its regressions (one pass over all rows per cluster that can get a row).
 */
export function salaryPartCost(plan: SalaryPlan, part: number): number {
  if (!plan.shared || !(part >= 0 && part < plan.parts))
    throw new ParameterError('part', part, `a part of the plan, 0 … ${plan.parts - 1}`);
  const { o, salary, clusterGroup, clusters, cities } = plan.shared;
  const members = part === 0 ? null : cities[part - 1].members;
  const count = new Int32Array(clusters.length);
  const rows = members ?? clusterGroup.keys();
  for (const r of rows) if (clusterGroup[r] >= 0) count[clusterGroup[r]]++;
  let regressions = 0;
  for (const c of count) if (c >= o.minN) regressions++;
  return o.bootstrap * (members ? members.length : salary.length) + regressions * salary.length;
}

/** The seed of a city's bootstrap: the run's seed and the city's name (FNV-1a), mixed. */
function citySeed(seed: number, city: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < city.length; i++) h = Math.imul(h ^ city.charCodeAt(i), 0x01000193);
  return (h ^ Math.imul(seed, 0x9e3779b1)) >>> 0;
}

function row(
  cluster: number,
  city: string | null,
  p: { n: number; median: number; premium: number; interval: [number, number] },
  adjusted: { estimate: number; interval: [number, number] } | null,
): SalaryPremium {
  return {
    cluster,
    city,
    n: p.n,
    median: p.median,
    premium: p.premium,
    premiumCI: p.interval,
    adjustedPremium: adjusted ? Math.expm1(adjusted.estimate) : null,
    adjustedCI: adjusted ? [Math.expm1(adjusted.interval[0]), Math.expm1(adjusted.interval[1])] : null,
  };
}

interface Levels {
  /** Dummy level of each row, −1 for the reference level. */
  readonly of: Int32Array;
  readonly count: number;
}

/** Categorical → dummy levels; unknown is a level, rare levels are pooled, the most common is the reference. */
function levels(values: ReadonlyArray<string | null>, minLevel: number): Levels {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v ?? UNKNOWN, (counts.get(v ?? UNKNOWN) ?? 0) + 1);
  const pooled = (v: string) => ((counts.get(v) ?? 0) < minLevel ? POOLED : v);
  const merged = new Map<string, number>();
  for (const [v, k] of counts) merged.set(pooled(v), (merged.get(pooled(v)) ?? 0) + k);
  const ordered = [...merged.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v]) => v);
  const index = new Map(ordered.map((v, k) => [v, k - 1]));
  return { of: Int32Array.from(values, (v) => index.get(pooled(v ?? UNKNOWN))!), count: ordered.length - 1 };
}

/** Dummies of the given level sets (the covariates). */
function buildDesign(n: number, sets: readonly Levels[]): DummyDesign {
  const rowColumns: number[][] = [];
  let offset = 1;
  const offsets = sets.map((s) => {
    const o = offset;
    offset += s.count;
    return o;
  });
  for (let r = 0; r < n; r++) {
    const cols: number[] = [];
    sets.forEach((s, k) => {
      if (s.of[r] >= 0) cols.push(offsets[k] + s.of[r]);
    });
    rowColumns.push(cols);
  }
  return { columns: offset - 1, rowColumns };
}

function indexOf<T>(keys: readonly T[]): { index: Int32Array; size: number } {
  const map = new Map<T, number>();
  const index = Int32Array.from(keys, (k) => map.get(k) ?? (map.set(k, map.size), map.size - 1));
  return { index, size: map.size };
}
