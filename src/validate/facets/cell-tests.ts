/**
 * The numbers of a two-way table under independence: expected counts, the
 * Pearson χ² test of the whole table, and per cell the adjusted standardised
 * residual (Haberman 1973)
 *     z = (O − E) / √(E · (1 − R/N) · (1 − C/N)),
 * which is ~N(0, 1) under independence. It is the signed square root of the χ²
 * of the 2 × 2 table "this value or not × this cluster or not", so a reader can
 * recompute a cell's test from the cell, its row total, its column total and N.
 *
 * The ratio's interval is the exact Poisson (Garwood) interval of the observed
 * count divided by the expected count, E taken as known: E comes from margins
 * that hold far more postings than the cell, so its own error is second order.
 */
import jstat from 'jstat';
import { chiSquareUpperTail, normalTwoSided } from '../bias/distributions.js';

const { jStat } = jstat;

export interface TableTest {
  readonly chi2: number;
  readonly df: number;
  readonly p: number;
  /** Cramér's V in [0, 1]; 0 when the table has one row or one column. */
  readonly cramersV: number;
  readonly n: number;
}

export interface CellStatistics {
  readonly expected: Float64Array;
  /** Adjusted standardised residual; NaN where undefined (a row or column holding all of N). */
  readonly residual: Float64Array;
  /** Two-sided p-value of the residual; NaN where undefined. */
  readonly p: Float64Array;
}

/** Expected counts, residuals and p-values of every cell of an r × c table (row-major). */
export function cellStatistics(counts: ArrayLike<number>, rowTotals: ArrayLike<number>, columnTotals: ArrayLike<number>): CellStatistics {
  const R = rowTotals.length,
    C = columnTotals.length;
  let N = 0;
  for (let r = 0; r < R; r++) N += rowTotals[r];
  const expected = new Float64Array(R * C);
  const residual = new Float64Array(R * C).fill(NaN);
  const p = new Float64Array(R * C).fill(NaN);
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const cell = r * C + c;
      const e = N > 0 ? (rowTotals[r] * columnTotals[c]) / N : 0;
      expected[cell] = e;
      const variance = e * (1 - rowTotals[r] / N) * (1 - columnTotals[c] / N);
      if (variance > 0) {
        residual[cell] = (counts[cell] - e) / Math.sqrt(variance);
        p[cell] = normalTwoSided(residual[cell]);
      }
    }
  }
  return { expected, residual, p };
}

/** Pearson χ² test of independence over the rows and columns that hold postings. */
export function independenceTest(counts: ArrayLike<number>, rowTotals: ArrayLike<number>, columnTotals: ArrayLike<number>): TableTest {
  const R = rowTotals.length,
    C = columnTotals.length;
  let N = 0,
    rows = 0,
    cols = 0;
  for (let r = 0; r < R; r++) {
    if (rowTotals[r] > 0) {
      N += rowTotals[r];
      rows++;
    }
  }
  for (let c = 0; c < C; c++) if (columnTotals[c] > 0) cols++;
  let chi2 = 0;
  for (let r = 0; r < R; r++) {
    if (rowTotals[r] === 0) continue;
    for (let c = 0; c < C; c++) {
      if (columnTotals[c] === 0) continue;
      const e = (rowTotals[r] * columnTotals[c]) / N;
      const d = counts[r * C + c] - e;
      chi2 += (d * d) / e;
    }
  }
  const df = Math.max(0, (rows - 1) * (cols - 1));
  const k = Math.min(rows, cols) - 1;
  return { chi2, df, p: df > 0 ? chiSquareUpperTail(chi2, df) : 1, cramersV: k > 0 && N > 0 ? Math.sqrt(chi2 / (N * k)) : 0, n: N };
}

/** Exact Poisson (Garwood) interval of observed/expected at the given level. */
export function ratioInterval(observed: number, expected: number, level: number): [number, number] {
  const a = (1 - level) / 2;
  const lo = observed > 0 ? jStat.chisquare.inv(a, 2 * observed) / 2 : 0;
  const hi = jStat.chisquare.inv(1 - a, 2 * observed + 2) / 2;
  return [lo / expected, hi / expected];
}
