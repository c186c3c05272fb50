/**
 * Platform bias: does a platform over- or under-represent a cluster?
 *
 * 1. Contingency table platform × cluster (noise a column of its own).
 * 2. χ² test of independence on the clustered postings (noise left out: noise
 *    is "no cluster", not a kind of job), rows/columns with no postings dropped.
 * 3. Per cell, the adjusted standardised residual
 *      z = (O − E) / √(E · (1 − R/N) · (1 − C/N))
 *    (Haberman), which is ~N(0, 1) under independence; two-sided p-values,
 *    corrected for the number of cells tested (Holm or Benjamini–Hochberg).
 * 4. A cell is flagged when its corrected p-value is below α, its expected
 *    count is large enough for the normal approximation, and the effect is
 *    material: observed/expected ≥ `minShareRatio` (over) or ≤ 1/`minShareRatio`
 *    (under). On tens of thousands of postings statistical significance alone
 *    would flag deviations of a few percent that nobody acts on.
 *    Flags are found step by step (outlying cells in the manner of Fuchs &
 *    Kenett, 1980): the strongest flag is set aside, the others are re-tested
 *    against quasi-independence (independence fitted without the set-aside
 *    cells, by iterative proportional fitting), and so on until nothing more
 *    qualifies. One strongly over-represented cell pushes every other cell of
 *    its row and column below its independence expectation; re-testing keeps
 *    those mirror images from being reported as biases of their own. They are
 *    marked `explained` instead. With Holm's correction this is exactly Holm's
 *    step-down procedure on the re-tested p-values.
 * 5. Separately, a cluster is "dominated" when one platform supplies at least
 *    `dominanceShare` of its postings (clusters of `minClusterSize` or more).
 *
 * Noise cells get counts, shares, expected counts and residuals for the record
 * (against independence over all postings) but are never tested or flagged.
 */
import { ParameterError, check, type Labels } from '../../core/index.js';
import { contingencyTable, type ContingencyTable } from './contingency.js';
import { chiSquareUpperTail, normalTwoSided } from './distributions.js';
import { CORRECTIONS, adjustPValues, type Correction } from './multiple-testing.js';

export interface PlatformBiasOptions {
  /** Significance level for the corrected per-cell p-values (default 0.05). */
  alpha?: number;
  /** `'holm'` (family-wise error, default) or `'bh'` (Benjamini–Hochberg false discovery rate). */
  correction?: Correction;
  /** Smallest observed/expected ratio (or its inverse, for under-representation) worth a flag (default 1.5). */
  minShareRatio?: number;
  /** Smallest expected count of a cell that can be flagged (default 5, the usual χ² rule). */
  minExpected?: number;
  /** Share of a cluster's postings from one platform that makes it dominated (default 0.7). */
  dominanceShare?: number;
  /** Smallest cluster checked for dominance (default 20). */
  minClusterSize?: number;
}

export type ResolvedBiasOptions = Required<PlatformBiasOptions>;

export type BiasDirection = 'over' | 'under';

export interface BiasCell {
  readonly platform: string;
  /** Cluster label; −1 for noise. */
  readonly cluster: number;
  readonly count: number;
  /** Expected count under independence (0 when the row or column is empty). */
  readonly expected: number;
  /** Share of the platform's postings (noise included) that fall in this cluster. */
  readonly rowShare: number;
  /** Share of the cluster's postings that come from this platform. */
  readonly columnShare: number;
  /** count / expected; null when expected is 0. */
  readonly shareRatio: number | null;
  /** Adjusted standardised residual; null when undefined (one platform, one cluster, empty row). */
  readonly residual: number | null;
  /**
   * Two-sided p-value, uncorrected; null when not tested. For a flagged cell,
   * from the step that flagged it; for the others, from the final step (for
   * the first flag and whenever nothing is flagged: the residual above).
   */
  readonly pValue: number | null;
  /** `pValue` after the multiple-testing correction; null when not tested. */
  readonly adjustedPValue: number | null;
  /** Whether the cell was among the tested family (noise cells and undefined residuals are not). */
  readonly tested: boolean;
  readonly flagged: boolean;
  /**
   * Significant and material against independence, but not once the flagged
   * cells are set aside: a side effect of other flags (e.g. every other
   * platform looks under-represented in a cluster one platform floods).
   */
  readonly explained: boolean;
  /**
   * 'over' or 'under': the sign of the residual the cell was tested with
   * (`basis.residual`), or of `residual` when untested; null when 0 or undefined.
   */
  readonly direction: BiasDirection | null;
  /**
   * What the cell's p-value was computed against: step 0 is plain
   * independence (then equal to `expected`, `shareRatio`, `residual`); step s
   * is quasi-independence with the s strongest flags set aside. For a flagged
   * cell, the step that flagged it; for the others, the last step. Null when
   * not tested.
   */
  readonly basis: StepBasis | null;
}

export interface StepBasis {
  readonly step: number;
  readonly expected: number;
  readonly shareRatio: number;
  readonly residual: number;
}

export interface IndependenceTest {
  /** Pearson χ² over the clustered postings. */
  readonly statistic: number;
  readonly degreesOfFreedom: number;
  readonly pValue: number;
  /** Cramér's V, effect size in [0, 1]; 0 when nothing could be tested. */
  readonly cramersV: number;
  /** Postings in the tested table (noise excluded). */
  readonly n: number;
}

export interface DominanceFlag {
  readonly cluster: number;
  readonly platform: string;
  /** Share of the cluster's postings from this platform. */
  readonly share: number;
  readonly clusterSize: number;
  /** The platform's share of all clustered postings, for comparison. */
  readonly overallShare: number;
}

export interface PlatformBiasResult {
  readonly table: ContingencyTable;
  /** Every cell, row-major in the order of `table.platforms` × `table.clusters`. */
  readonly cells: readonly BiasCell[];
  readonly test: IndependenceTest;
  /** Flagged cells in the order the step-wise procedure flagged them (strongest first). */
  readonly flags: readonly BiasCell[];
  readonly dominance: readonly DominanceFlag[];
  readonly options: ResolvedBiasOptions;
  /** Plain-language notes on degenerate cases (e.g. a single platform). */
  readonly notes: readonly string[];
}

export const DEFAULT_BIAS_OPTIONS: ResolvedBiasOptions = {
  alpha: 0.05,
  correction: 'holm',
  minShareRatio: 1.5,
  minExpected: 5,
  dominanceShare: 0.7,
  minClusterSize: 20,
};

function resolveOptions(options: PlatformBiasOptions): ResolvedBiasOptions {
  const o = { ...DEFAULT_BIAS_OPTIONS, ...options };
  const minShareRatio = check.number('minShareRatio', o.minShareRatio, 1, Number.MAX_VALUE);
  return {
    alpha: check.number('alpha', o.alpha, 0, 1, { minExclusive: true }),
    correction: check.oneOf('correction', o.correction, CORRECTIONS),
    minShareRatio,
    minExpected: check.number('minExpected', o.minExpected, 0, Number.MAX_VALUE),
    dominanceShare: check.number('dominanceShare', o.dominanceShare, 0, 1, { minExclusive: true }),
    minClusterSize: check.integer('minClusterSize', o.minClusterSize, 1),
  };
}

/** Platform × cluster bias analysis of one clustering. */
export function analyzePlatformBias(
  platforms: ReadonlyArray<string>,
  labels: Labels,
  options: PlatformBiasOptions = {},
): PlatformBiasResult {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const resolved = resolveOptions(options);
  const table = contingencyTable(platforms, labels);
  const { counts, rowTotals, columnTotals, total } = table;
  const R = table.platforms.length,
    C = table.clusters.length;
  const notes: string[] = [];

  // The tested table: cluster columns only, rows with at least one clustered posting.
  const clusterCols: number[] = [];
  for (let c = 0; c < C; c++) if (table.clusters[c] >= 0) clusterCols.push(c);
  const noiseCol = table.clusters.indexOf(-1);
  const clusteredRow = new Int32Array(R);
  let n = 0;
  for (let r = 0; r < R; r++) {
    for (const c of clusterCols) clusteredRow[r] += counts[r * C + c];
    n += clusteredRow[r];
  }
  const testedRows = [...clusteredRow.keys()].filter((r) => clusteredRow[r] > 0);
  for (let r = 0; r < R; r++) {
    if (clusteredRow[r] === 0)
      notes.push(`Platform ${table.platforms[r]} has no clustered postings (all noise); it is left out of the test.`);
  }
  if (n === 0) notes.push('No posting is in a cluster (all noise): there is nothing to test.');
  else if (testedRows.length < 2)
    notes.push('Only one platform has clustered postings: independence of platform and cluster cannot be tested.');
  if (n > 0 && clusterCols.length < 2) notes.push('Only one cluster: independence of platform and cluster cannot be tested.');

  const expected = new Float64Array(R * C);
  const residual: (number | null)[] = new Array(R * C).fill(null);
  let statistic = 0;
  for (let r = 0; r < R; r++) {
    for (const c of clusterCols) {
      const i = r * C + c;
      if (n === 0 || clusteredRow[r] === 0) continue;
      const e = (clusteredRow[r] * columnTotals[c]) / n;
      expected[i] = e;
      statistic += (counts[i] - e) ** 2 / e;
      residual[i] = adjustedResidual(counts[i], e, clusteredRow[r] / n, columnTotals[c] / n);
    }
    if (noiseCol >= 0) {
      const i = r * C + noiseCol;
      const e = (rowTotals[r] * columnTotals[noiseCol]) / total;
      expected[i] = e;
      residual[i] = adjustedResidual(counts[i], e, rowTotals[r] / total, columnTotals[noiseCol] / total);
    }
  }
  const df = Math.max(0, (testedRows.length - 1) * (clusterCols.length - 1));
  if (df === 0) statistic = 0;
  const minDim = Math.min(testedRows.length, clusterCols.length) - 1;
  const test: IndependenceTest = {
    statistic,
    degreesOfFreedom: df,
    pValue: chiSquareUpperTail(statistic, df),
    cramersV: df > 0 && n > 0 ? Math.sqrt(statistic / (n * minDim)) : 0,
    n,
  };

  // The tested family: cluster cells whose residual is defined.
  const family: number[] = [];
  for (let r = 0; r < R; r++) for (const c of clusterCols) if (df > 0 && residual[r * C + c] !== null) family.push(r * C + c);
  const steps = stepwiseFlags(counts, C, family, residual, expected, resolved);
  const firstPass = steps.screen;

  const cells: BiasCell[] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const i = r * C + c;
      const e = expected[i];
      const z = residual[i];
      const outcome = steps.outcome.get(i);
      const flagged = steps.flagged.has(i);
      cells.push({
        platform: table.platforms[r],
        cluster: table.clusters[c],
        count: counts[i],
        expected: e,
        rowShare: rowTotals[r] > 0 ? counts[i] / rowTotals[r] : 0,
        columnShare: columnTotals[c] > 0 ? counts[i] / columnTotals[c] : 0,
        shareRatio: e > 0 ? counts[i] / e : null,
        residual: z,
        pValue: outcome ? outcome.p : null,
        adjustedPValue: outcome ? outcome.adjusted : null,
        tested: outcome !== undefined,
        flagged,
        explained: !flagged && firstPass.has(i),
        direction: directionOf(outcome ? outcome.residual : z),
        basis: outcome
          ? {
              step: outcome.step,
              expected: outcome.expected,
              shareRatio: outcome.expected > 0 ? counts[i] / outcome.expected : 0,
              residual: outcome.residual,
            }
          : null,
      });
    }
  }
  const flags = cells.filter((cell) => cell.flagged).sort((a, b) => a.basis!.step - b.basis!.step);

  const dominance: DominanceFlag[] = [];
  for (const c of clusterCols) {
    const size = columnTotals[c];
    if (size < resolved.minClusterSize || testedRows.length < 2) continue;
    let best = -1;
    for (let r = 0; r < R; r++) if (best < 0 || counts[r * C + c] > counts[best * C + c]) best = r;
    const share = counts[best * C + c] / size;
    if (share >= resolved.dominanceShare) {
      dominance.push({
        cluster: table.clusters[c],
        platform: table.platforms[best],
        share,
        clusterSize: size,
        overallShare: clusteredRow[best] / n,
      });
    }
  }
  return { table, cells, test, flags, dominance, options: resolved, notes };
}

interface StepOutcome {
  step: number;
  expected: number;
  residual: number;
  p: number;
  adjusted: number;
}

function directionOf(z: number | null): BiasDirection | null {
  return z === null || z === 0 ? null : z > 0 ? 'over' : 'under';
}

/**
 * Step-wise flagging (see the header): returns the flagged cells, the
 * p-values each tested cell is reported with, and the cells that would qualify
 * against plain independence (the first step).
 */
function stepwiseFlags(
  counts: Int32Array,
  C: number,
  family: number[],
  independenceResidual: (number | null)[],
  independenceExpected: Float64Array,
  options: ResolvedBiasOptions,
): { flagged: Set<number>; outcome: Map<number, StepOutcome>; screen: Set<number> } {
  const flagged = new Set<number>();
  const order: number[] = [];
  const outcome = new Map<number, StepOutcome>();
  let screen = new Set<number>();
  let expected: Float64Array = independenceExpected;
  let residual = independenceResidual;
  for (let step = 0; step < family.length; step++) {
    if (step > 0) ({ expected, residual } = quasiIndependence(counts, C, family, flagged));
    const open = family.filter((i) => !flagged.has(i) && residual[i] !== null);
    const raw = open.map((i) => normalTwoSided(residual[i]!));
    // Set-aside cells count as already rejected: first in the family, p = 0.
    const adjusted = adjustPValues([...order.map(() => 0), ...raw], options.correction).subarray(order.length);
    const qualifies = new Set<number>();
    open.forEach((i, t) => {
      outcome.set(i, { step, expected: expected[i], residual: residual[i]!, p: raw[t], adjusted: adjusted[t] });
      const e = expected[i];
      const ratio = counts[i] / e;
      if (
        adjusted[t] < options.alpha &&
        e >= options.minExpected &&
        (ratio >= options.minShareRatio || ratio <= 1 / options.minShareRatio)
      ) {
        qualifies.add(i);
      }
    });
    if (step === 0) screen = qualifies;
    if (qualifies.size === 0) break;
    let best = -1;
    for (const i of qualifies) if (best < 0 || Math.abs(residual[i]!) > Math.abs(residual[best]!)) best = i;
    flagged.add(best);
    order.push(best);
  }
  return { flagged, outcome, screen };
}

/**
 * Expected counts under quasi-independence — E = a_r·b_c on every cell except
 * the set-aside ones, matching the row and column totals of the cells kept —
 * by iterative proportional fitting; and adjusted residuals against them, with
 * Haberman's variance taken on the kept margins (an approximation: the exact
 * variance under quasi-independence has no closed form).
 */
function quasiIndependence(
  counts: Int32Array,
  C: number,
  family: number[],
  setAside: Set<number>,
): { expected: Float64Array; residual: (number | null)[] } {
  const kept = family.filter((i) => !setAside.has(i));
  const rowsOf = new Map<number, number>(),
    colsOf = new Map<number, number>();
  for (const i of kept) {
    rowsOf.set(Math.floor(i / C), (rowsOf.get(Math.floor(i / C)) ?? 0) + counts[i]);
    colsOf.set(i % C, (colsOf.get(i % C) ?? 0) + counts[i]);
  }
  let n = 0;
  for (const v of rowsOf.values()) n += v;
  const a = new Map<number, number>(),
    b = new Map<number, number>();
  for (const r of rowsOf.keys()) a.set(r, 1);
  for (const c of colsOf.keys()) b.set(c, 1);
  for (let iteration = 0; iteration < 500; iteration++) {
    const rowSum = new Map<number, number>();
    for (const i of kept) rowSum.set(Math.floor(i / C), (rowSum.get(Math.floor(i / C)) ?? 0) + b.get(i % C)!);
    for (const [r, total] of rowsOf) a.set(r, total > 0 ? total / rowSum.get(r)! : 0);
    const colSum = new Map<number, number>();
    for (const i of kept) colSum.set(i % C, (colSum.get(i % C) ?? 0) + a.get(Math.floor(i / C))!);
    let change = 0;
    for (const [c, total] of colsOf) {
      const next = colSum.get(c)! > 0 ? total / colSum.get(c)! : 0;
      change = Math.max(change, Math.abs(next - b.get(c)!) / Math.max(next, 1e-300));
      b.set(c, next);
    }
    if (change < 1e-12) break;
  }
  const expected = new Float64Array(counts.length);
  const residual: (number | null)[] = new Array(counts.length).fill(null);
  for (const i of kept) {
    const r = Math.floor(i / C),
      c = i % C;
    const e = a.get(r)! * b.get(c)!;
    expected[i] = e;
    residual[i] = e > 0 ? adjustedResidual(counts[i], e, rowsOf.get(r)! / n, colsOf.get(c)! / n) : null;
  }
  return { expected, residual };
}

/** Haberman's adjusted residual; null when its variance is 0 (a row or column holding everything). */
function adjustedResidual(observed: number, expected: number, rowShare: number, columnShare: number): number | null {
  const variance = expected * (1 - rowShare) * (1 - columnShare);
  if (!(variance > 0)) return null;
  return (observed - expected) / Math.sqrt(variance);
}
