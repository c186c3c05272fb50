/**
 * Ordinary least squares on an intercept plus 0/1 dummies, with a
 * company-clustered (CR1) standard error for one coefficient.
 *
 * Every row has at most a handful of ones, so XᵀX and Xᵀy are accumulated from
 * the rows' dummy lists (cost n · k² for k dummies per row, not n · p²) and the
 * p × p normal equations are solved by Cholesky in `ml-matrix`, a maintained
 * linear-algebra package, rather than by hand. Postings of one employer share a
 * salary policy, so their errors are correlated; the clustered ("sandwich")
 * variance lets them, where the textbook OLS variance would give intervals far
 * too narrow. Its t quantile has G − 1 degrees of freedom (G companies), from jstat.
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

/**
 * Fit y on the design and return coefficient `target` (1-based dummy column) with
 * its clustered interval; null when the design is singular (the coefficient is not
 * identified) or there are fewer than two clusters.
 */
export function clusteredCoefficient(
  design: DummyDesign,
  y: ArrayLike<number>,
  clusterOfRow: ArrayLike<number>,
  target: number,
  level: number,
): CoefficientEstimate | null {
  const p = design.columns + 1;
  const n = y.length;
  // Accumulate in flat arrays (hot loop), then hand the p × p system to ml-matrix.
  const xtxFlat = new Float64Array(p * p);
  const xty = new Float64Array(p);
  const withIntercept = (i: number) => [0, ...design.rowColumns[i]];
  for (let i = 0; i < n; i++) {
    const cols = withIntercept(i);
    for (const a of cols) {
      xty[a] += y[i];
      for (const b of cols) xtxFlat[a * p + b]++;
    }
  }
  const xtx = new Matrix(Array.from({ length: p }, (_, a) => Array.from(xtxFlat.subarray(a * p, a * p + p))));
  const rhs = Matrix.zeros(p, 2); // column 0: Xᵀy, column 1: the unit vector of `target`
  for (let a = 0; a < p; a++) rhs.set(a, 0, xty[a]);
  rhs.set(target, 1, 1);
  const cholesky = new CholeskyDecomposition(xtx);
  if (!cholesky.isPositiveDefinite()) return null;
  const solution = cholesky.solve(rhs);
  const beta = solution.getColumn(0);
  const row = solution.getColumn(1); // (XᵀX)⁻¹ e_target: the target's row of the inverse

  // Sandwich: Var(β_t) = Σ_g (Σ_{i∈g} e_i · row·x_i)², scaled by the CR1 factor.
  const score = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const cols = withIntercept(i);
    let fitted = 0,
      leverage = 0;
    for (const a of cols) {
      fitted += beta[a];
      leverage += row[a];
    }
    const g = clusterOfRow[i];
    score.set(g, (score.get(g) ?? 0) + (y[i] - fitted) * leverage);
  }
  const G = score.size;
  if (G < 2 || n <= p) return null;
  let meat = 0;
  for (const s of score.values()) meat += s * s;
  const variance = (G / (G - 1)) * ((n - 1) / (n - p)) * meat;
  const standardError = Math.sqrt(variance);
  const t = jStat.studentt.inv(1 - (1 - level) / 2, G - 1);
  const estimate = beta[target];
  return { estimate, standardError, interval: [estimate - t * standardError, estimate + t * standardError] };
}
