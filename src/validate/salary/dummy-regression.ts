/**
 * Ordinary least squares of y on an intercept, fixed 0/1 dummies (the
 * covariates) and one indicator of interest, with a company-clustered (CR1)
 * standard error for the indicator's coefficient.
 *
 * Many indicators are fitted against the same covariates (one per cluster,
 * one per cluster × city), so the covariate part is factorised once and each
 * indicator is fitted by Frisch–Waugh–Lovell: residualise the indicator on the
 * covariates, then regress the residualised salary on it. That gives exactly
 * the full regression's coefficient and residuals, at the cost of one p × p
 * triangular solve and one pass over the rows per indicator, instead of a new
 * p × p factorisation (p is in the hundreds with one dummy per city).
 *
 * Every row has a handful of ones, so XᵀX is accumulated from the rows' dummy
 * lists and factorised by Cholesky in `ml-matrix`, a maintained linear-algebra
 * package, rather than by hand. Postings of one employer share a pay policy,
 * so their errors are correlated; the clustered ("sandwich") variance allows
 * for that where the textbook OLS variance would give intervals far too
 * narrow. Its t quantile has G − 1 degrees of freedom (G companies), from jstat.
 */
import jstat from 'jstat';
import { CholeskyDecomposition, Matrix } from 'ml-matrix';

const { jStat } = jstat;

export interface DummyDesign {
  /** Number of dummy columns (the intercept is column 0 and not counted here). */
  readonly columns: number;
  /** Dummy columns (1-based: 1 … columns) switched on in each row. */
  readonly rowColumns: ReadonlyArray<readonly number[]>;
}

export interface CoefficientEstimate {
  readonly estimate: number;
  readonly standardError: number;
  /** Two-sided interval at the requested level, on the coefficient's scale. */
  readonly interval: [number, number];
}

export class IndicatorRegression {
  private readonly p: number;
  private readonly cholesky: CholeskyDecomposition | null;
  /** y with the covariates partialled out. */
  private readonly yResidual: Float64Array;
  /** The dummy columns of row i (the intercept left implicit): `columns[columnStart[i]]` … `columns[columnStart[i + 1] − 1]`. */
  private readonly columnStart: Int32Array;
  private readonly columns: Int32Array;
  /** Cluster of each row renumbered 0 … G − 1 in order of first appearance (the order the variance sums them in). */
  private readonly cluster: Int32Array;
  private readonly clusters: number;

  constructor(
    design: DummyDesign,
    private readonly y: ArrayLike<number>,
    clusterOfRow: ArrayLike<number>,
  ) {
    const p = (this.p = design.columns + 1);
    const n = y.length;
    // Flat typed arrays: every coefficient makes a few passes over all n rows.
    const columnStart = (this.columnStart = new Int32Array(n + 1));
    for (let i = 0; i < n; i++) columnStart[i + 1] = columnStart[i] + design.rowColumns[i].length;
    const columns = (this.columns = new Int32Array(columnStart[n]));
    for (let i = 0; i < n; i++) columns.set(design.rowColumns[i], columnStart[i]);
    const renumber = new Map<number, number>();
    this.cluster = Int32Array.from({ length: n }, (_, i) => {
      const g = clusterOfRow[i];
      let k = renumber.get(g);
      if (k === undefined) renumber.set(g, (k = renumber.size));
      return k;
    });
    this.clusters = renumber.size;

    const xtx = new Float64Array(p * p);
    const xty = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const cols = this.columnsOf(i);
      for (const a of cols) {
        xty[a] += y[i];
        for (const b of cols) xtx[a * p + b]++;
      }
    }
    const cholesky = new CholeskyDecomposition(new Matrix(Array.from({ length: p }, (_, a) => Array.from(xtx.subarray(a * p, a * p + p)))));
    this.cholesky = cholesky.isPositiveDefinite() ? cholesky : null;
    this.yResidual = this.cholesky
      ? this.residualise(
          Float64Array.from({ length: n }, (_, i) => y[i]),
          xty,
        )
      : new Float64Array(n);
  }

  /**
   * Coefficient of the indicator that is 1 on `rows` (ascending row indices) and
   * its clustered interval; null when it is not identified (the covariates, or
   * the indicator given the covariates, are collinear) or there are fewer than two clusters.
   */
  coefficient(rows: readonly number[], level: number): CoefficientEstimate | null {
    if (!this.cholesky) return null;
    const n = this.y.length;
    const { columnStart, columns, yResidual, cluster } = this;
    const indicator = new Float64Array(n);
    const xtt = new Float64Array(this.p);
    for (const i of rows) {
      indicator[i] = 1;
      xtt[0]++;
      for (let k = columnStart[i]; k < columnStart[i + 1]; k++) xtt[columns[k]]++;
    }
    const t = this.residualise(indicator, xtt);
    let tt = 0,
      ty = 0;
    for (let i = 0; i < n; i++) {
      tt += t[i] * t[i];
      ty += t[i] * yResidual[i];
    }
    // Nothing left of the indicator once the covariates are accounted for.
    if (!(tt > 1e-9 * Math.max(1, rows.length))) return null;
    const estimate = ty / tt;
    const score = new Float64Array(this.clusters);
    for (let i = 0; i < n; i++) score[cluster[i]] += t[i] * (yResidual[i] - estimate * t[i]);
    const G = this.clusters,
      parameters = this.p + 1;
    if (G < 2 || n <= parameters) return null;
    let meat = 0;
    for (let g = 0; g < G; g++) meat += score[g] * score[g];
    const variance = (((G / (G - 1)) * (n - 1)) / (n - parameters)) * (meat / (tt * tt));
    const standardError = Math.sqrt(variance);
    const q = jStat.studentt.inv(1 - (1 - level) / 2, G - 1);
    return { estimate, standardError, interval: [estimate - q * standardError, estimate + q * standardError] };
  }

  /** v − X (XᵀX)⁻¹ Xᵀv, given Xᵀv. */
  private residualise(v: Float64Array, xtv: Float64Array): Float64Array {
    const w = this.cholesky!.solve(Matrix.columnVector(Array.from(xtv))).getColumn(0);
    const { columnStart, columns } = this;
    const out = new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) {
      let fitted = w[0];
      for (let k = columnStart[i]; k < columnStart[i + 1]; k++) fitted += w[columns[k]];
      out[i] = v[i] - fitted;
    }
    return out;
  }

  /** Column 0 (the intercept) and the row's dummies. */
  private columnsOf(i: number): number[] {
    return [0, ...this.columns.subarray(this.columnStart[i], this.columnStart[i + 1])];
  }
}
