/**
 * Design effects of a facet table's cells: how much wider a cell's uncertainty
 * is because postings come in employer batches rather than one at a time.
 *
 * The cell test and the Poisson interval of cell-tests.ts treat every posting
 * as an independent draw. Employers do not post that way: one employer puts
 * many ads of the same kind on the same platform, so a value's share of a
 * cluster is an average over its employers, and it varies from sample to
 * sample as much as its employers vary. Survey statistics has the standard
 * answer (Kish 1965): take the employers as the sampling units. For the cell
 * (value r, cluster c), with employers j = 1 … J of value r posting n_j ads of
 * which y_j fall in cluster c, the value's share p = Σ y_j / Σ n_j is a ratio
 * estimator whose between-employer (linearised, "cluster-robust") variance is
 *
 *     V_emp = J / (J − 1) · Σ_j (y_j − p · n_j)² / (Σ_j n_j)²,
 *
 * and the design effect is that variance over the binomial one:
 *
 *     deff = V_emp / (p (1 − p) / Σ_j n_j),   floored at 1.
 *
 * An employer that posts one ad, or spreads its ads like everyone else, adds
 * nothing (deff ≈ 1); a block of one employer's ads in one cell raises it.
 * The floor keeps the test no less strict than the plain one: a cell whose
 * employers vary less than binomial (deff < 1 estimated by chance, or an empty
 * cell, where V_emp = 0) is judged as if its postings were independent.
 * Postings of an unknown employer count as employers of their own.
 *
 * A flag's company-level confirmation (facet-bias.ts) divides the cell's
 * residual by √deff and takes the Poisson interval of the effective counts
 * O / deff and E / deff (Kish's effective sample size), so a reader recomputes
 * both from the cell's numbers and its design effect. The flag's own numbers
 * (`expected`, `ratio`, `ratioCI`) stay the posting-level ones of the tables.
 */

/**
 * Design effect of every cell of an R × C table (row-major), from the cell of
 * each input row (−1 = left out) and its employer key (rows sharing a key and a
 * table row are one employer; null keys are employers of their own).
 */
export function cellDesignEffects(
  cellOfRow: Int32Array,
  companyOfRow: ReadonlyArray<string | null>,
  rowTotals: ArrayLike<number>,
  counts: ArrayLike<number>,
  C: number,
): Float64Array {
  const R = rowTotals.length;
  // Per table row: each employer's postings per cluster (sparse) and in all.
  const employers: Array<Map<string, Map<number, number>>> = Array.from({ length: R }, () => new Map());
  for (let i = 0; i < cellOfRow.length; i++) {
    const cell = cellOfRow[i];
    if (cell < 0) continue;
    const r = Math.floor(cell / C),
      c = cell % C;
    const key = companyOfRow[i] ? `c:${companyOfRow[i]}` : `row:${i}`;
    let perCluster = employers[r].get(key);
    if (!perCluster) employers[r].set(key, (perCluster = new Map()));
    perCluster.set(c, (perCluster.get(c) ?? 0) + 1);
  }
  const deff = new Float64Array(R * C).fill(1);
  for (let r = 0; r < R; r++) {
    const J = employers[r].size;
    const total = rowTotals[r];
    if (J < 2 || total === 0) continue;
    // Σ_j (y_j − p n_j)² = Σ y_j² − 2p Σ y_j n_j + p² Σ n_j², accumulated per cluster.
    const sumY2 = new Float64Array(C),
      sumYN = new Float64Array(C);
    let sumN2 = 0;
    for (const perCluster of employers[r].values()) {
      let n = 0;
      for (const y of perCluster.values()) n += y;
      sumN2 += n * n;
      for (const [c, y] of perCluster) {
        sumY2[c] += y * y;
        sumYN[c] += y * n;
      }
    }
    for (let c = 0; c < C; c++) {
      const p = counts[r * C + c] / total;
      if (p <= 0 || p >= 1) continue;
      const between = (J / (J - 1)) * Math.max(0, sumY2[c] - 2 * p * sumYN[c] + p * p * sumN2);
      const binomial = p * (1 - p) * total;
      deff[r * C + c] = Math.max(1, between / binomial);
    }
  }
  return deff;
}
