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
  /**
   * The rows' dummy columns by pattern: pattern q's columns (the intercept left implicit) are
   * `patternColumns[patternStart[q]]` … `patternColumns[patternStart[q + 1] − 1]`. Rows share few
   * patterns (a city, an experience band, an education level, a cluster), so XᵀX and each
   * coefficient's fitted values are computed once per pattern, not once per row.
   */
  private readonly patternStart: Int32Array;
  private readonly patternColumns: Int32Array;
  /** Number of clusters G (numbered 0 … G − 1 in order of first appearance: the order the variance sums them in). */
  private readonly clusters: number;
  /**
   * The rows cluster by cluster (ascending within each): cluster g holds positions
   * `clusterStart[g]` … `clusterStart[g + 1] − 1`; `positionOf[i]` is row i's position, and
   * `byCluster` holds each position's pattern and y with the covariates partialled out
   * (yResidual). The variance's one pass runs in this order, so that each cluster's score is
   * summed in a register, not in memory (a store-to-load chain when neighbouring rows share an
   * employer).
   */
  private readonly clusterStart: Int32Array;
  private readonly positionOf: Int32Array;
  private readonly byCluster: { readonly pattern: Int32Array; readonly yResidual: Float64Array };
  /** The indicator by position, all zeros between calls of `coefficient`. */
  private readonly marked: Uint8Array;

  constructor(
    design: DummyDesign,
    private readonly y: ArrayLike<number>,
    clusterOfRow: ArrayLike<number>,
  ) {
    const p = (this.p = design.columns + 1);
    const n = y.length;
    const patternIds = new Map<string, number>();
    const patterns: (readonly number[])[] = [];
    const patternOf = Int32Array.from({ length: n }, (_, i) => {
      const key = design.rowColumns[i].join(',');
      let q = patternIds.get(key);
      if (q === undefined) {
        patternIds.set(key, (q = patterns.length));
        patterns.push(design.rowColumns[i]);
      }
      return q;
    });
    const patternStart = (this.patternStart = new Int32Array(patterns.length + 1));
    patterns.forEach((cols, q) => (patternStart[q + 1] = patternStart[q] + cols.length));
    this.patternColumns = new Int32Array(patternStart[patterns.length]);
    patterns.forEach((cols, q) => this.patternColumns.set(cols, patternStart[q]));
    const renumber = new Map<number, number>();
    const cluster = Int32Array.from({ length: n }, (_, i) => {
      const g = clusterOfRow[i];
      let k = renumber.get(g);
      if (k === undefined) renumber.set(g, (k = renumber.size));
      return k;
    });
    const G = (this.clusters = renumber.size);
    const clusterStart = (this.clusterStart = new Int32Array(G + 1));
    for (let i = 0; i < n; i++) clusterStart[cluster[i] + 1]++;
    for (let g = 0; g < G; g++) clusterStart[g + 1] += clusterStart[g];
    const next = clusterStart.slice(0, G);
    this.positionOf = Int32Array.from(cluster, (g) => next[g]++);
    this.marked = new Uint8Array(n);

    // Xᵀy summed row by row, in row order; XᵀX from each pattern's row count (integers: exact in any order).
    const rowsOfPattern = new Int32Array(patterns.length);
    const xty = new Float64Array(p);
    for (let i = 0; i < n; i++) {
      const q = patternOf[i];
      rowsOfPattern[q]++;
      xty[0] += y[i];
      for (let k = patternStart[q]; k < patternStart[q + 1]; k++) xty[this.patternColumns[k]] += y[i];
    }
    const xtx = new Float64Array(p * p);
    patterns.forEach((dummies, q) => {
      const cols = [0, ...dummies];
      for (const a of cols) for (const b of cols) xtx[a * p + b] += rowsOfPattern[q];
    });
    const cholesky = new CholeskyDecomposition(new Matrix(Array.from({ length: p }, (_, a) => Array.from(xtx.subarray(a * p, a * p + p)))));
    this.cholesky = cholesky.isPositiveDefinite() ? cholesky : null;
    const fitted = this.cholesky ? this.fittedByPattern(this.solve(xty)) : null;
    this.byCluster = { pattern: new Int32Array(n), yResidual: new Float64Array(n) };
    for (let i = 0; i < n; i++) {
      const at = this.positionOf[i];
      this.byCluster.pattern[at] = patternOf[i];
      if (fitted) this.byCluster.yResidual[at] = y[i] - fitted[patternOf[i]];
    }
  }

  /**
   * Coefficient of the indicator that is 1 on `rows` (ascending row indices) and
   * its clustered interval; null when it is not identified (the covariates, or
   * the indicator given the covariates, are collinear) or there are fewer than two clusters.
   */
  coefficient(rows: readonly number[], level: number): CoefficientEstimate | null {
    if (!this.cholesky) return null;
    const n = this.y.length;
    const { patternStart, patternColumns, positionOf } = this;
    const { pattern, yResidual } = this.byCluster;
    const m = rows.length;
    // Xᵀt for the indicator t = 1[rows], and Σ yResidual over its rows.
    const xtt = new Float64Array(this.p);
    let rowsY = 0;
    for (let r = 0; r < m; r++) {
      const i = rows[r];
      if (!(i >= 0 && i < n && (r === 0 || i > rows[r - 1])))
        throw new RangeError(`rows must be ascending row indices below ${n}; rows[${r}] = ${i}`);
      xtt[0]++;
      const q = pattern[positionOf[i]];
      for (let k = patternStart[q]; k < patternStart[q + 1]; k++) xtt[patternColumns[k]]++;
      rowsY += yResidual[positionOf[i]];
    }
    // The residualised indicator is t = 1[rows] − Xw with XᵀX w = Xᵀ1[rows] (= xtt). So, by the
    // normal equations, tᵀt = m − wᵀxtt, and tᵀyResidual = Σ yResidual over the rows, because
    // yResidual ⟂ every column of X. Both without a pass over all n rows: one pass is left, for the
    // clustered variance, where there were four (t built, tᵀt and tᵀy, the scores). Equal to the
    // four-pass form up to rounding (1e-10 relative at worst on 200k rows; salary-fast-paths.test.ts).
    const w = this.solve(xtt);
    let wx = 0;
    for (let a = 0; a < this.p; a++) wx += w[a] * xtt[a];
    const tt = m - wx;
    // Nothing left of the indicator once the covariates are accounted for.
    if (!(tt > 1e-9 * Math.max(1, m))) return null;
    const estimate = rowsY / tt;
    const G = this.clusters,
      parameters = this.p + 1;
    if (G < 2 || n <= parameters) return null;
    const fitted = this.fittedByPattern(w);
    const { clusterStart, marked } = this;
    for (let r = 0; r < m; r++) marked[positionOf[rows[r]]] = 1;
    // Σ over clusters of the score² (score = Σ over the cluster's rows of t · residual).
    let meat = 0;
    for (let g = 0; g < G; g++) {
      let score = 0;
      for (let j = clusterStart[g]; j < clusterStart[g + 1]; j++) {
        const t = marked[j] - fitted[pattern[j]];
        score += t * (yResidual[j] - estimate * t);
      }
      meat += score * score;
    }
    for (let r = 0; r < m; r++) marked[positionOf[rows[r]]] = 0;
    const variance = (((G / (G - 1)) * (n - 1)) / (n - parameters)) * (meat / (tt * tt));
    const standardError = Math.sqrt(variance);
    const q = jStat.studentt.inv(1 - (1 - level) / 2, G - 1);
    return { estimate, standardError, interval: [estimate - q * standardError, estimate + q * standardError] };
  }

  /** (XᵀX)⁻¹ v. */
  private solve(v: Float64Array): number[] {
    return this.cholesky!.solve(Matrix.columnVector(Array.from(v))).getColumn(0);
  }

  /** x·w of each pattern's rows: w's intercept plus its columns'. */
  private fittedByPattern(w: readonly number[]): Float64Array {
    const { patternStart, patternColumns } = this;
    const fitted = new Float64Array(patternStart.length - 1);
    for (let q = 0; q < fitted.length; q++) {
      let f = w[0];
      for (let k = patternStart[q]; k < patternStart[q + 1]; k++) f += w[patternColumns[k]];
      fitted[q] = f;
    }
    return fitted;
  }
}
