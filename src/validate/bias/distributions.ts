/**
 * Tail probabilities, from the maintained `jstat` package rather than
 * hand-written special functions. jStat computes upper tails as 1 − CDF, so
 * p-values below about 1e-15 come out as 0 (double precision); they are
 * reported as such and still rank and correct correctly against any threshold.
 */
import jstat from 'jstat';

const { jStat } = jstat;

/** P(χ²_df ≥ x); 1 when df = 0 (nothing to test). */
export function chiSquareUpperTail(x: number, df: number): number {
  if (df <= 0 || !(x > 0)) return 1;
  return clampProbability(1 - jStat.chisquare.cdf(x, df));
}

/** Two-sided p-value of a standard normal score: P(|Z| ≥ |z|). */
export function normalTwoSided(z: number): number {
  return clampProbability(jStat.erfc(Math.abs(z) / Math.SQRT2));
}

function clampProbability(p: number): number {
  return p < 0 ? 0 : p > 1 ? 1 : p;
}
