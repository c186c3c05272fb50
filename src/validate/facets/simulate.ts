/**
 * Simulated facet × cluster rows with known answers, for power and false-flag
 * curves (benchmarks/bias-power.ts) and for checking a table of one's own size:
 * how large a bias could `analyzeFacetBias` find among n postings?
 *
 * Each posting falls in cell (r, c) with probability ∝ rowShares[r] ·
 * columnShares[c] · multiplier(r, c) · exp(jitter · z_rc), z_rc ~ N(0, 1) drawn
 * once per table (immaterial heterogeneity, as in real corpora), and is posted
 * by one of `companies` employers drawn uniformly (independent of the cell, so
 * a planted multiplier is a bias "over many companies"). With `batchSize` > 1
 * employers post in batches instead, as they do on real platforms: each draw
 * of a cell brings a new employer's batch of ads into that cell, its size
 * geometric with mean `batchSize` — the clustering of ads by employer that the
 * design effect (company-robust.ts) accounts for. Bursts add rows from one
 * employer; title-only blocks add title-only rows from many employers.
 */
import { ParameterError, Random, check } from '../../core/index.js';

export interface SimulatedCell {
  readonly row: number;
  readonly column: number;
}

export interface SimulateFacetOptions {
  readonly rowShares: readonly number[];
  readonly columnShares: readonly number[];
  /** Postings drawn from the (possibly biased) joint distribution. */
  readonly n: number;
  readonly seed: number;
  /** Planted biases: the cell's probability is multiplied by `multiplier` before normalising. */
  readonly biases?: ReadonlyArray<SimulatedCell & { readonly multiplier: number }>;
  /** Standard deviation of the per-cell log-multiplicative noise (default 0). */
  readonly jitter?: number;
  /** Size of the employer pool (default 500; not used when `batchSize` > 1). */
  readonly companies?: number;
  /** Mean ads per employer batch, each batch in one cell (default 1: one ad per draw, employers from the pool). */
  readonly batchSize?: number;
  /** Extra postings in one cell from one employer (`burst-k`). */
  readonly bursts?: ReadonlyArray<SimulatedCell & { readonly count: number }>;
  /** Extra title-only postings in one cell from the employer pool. */
  readonly titleOnlyBlocks?: ReadonlyArray<SimulatedCell & { readonly count: number }>;
}

export interface SimulatedFacetRows {
  /** Facet value of each row: 'v0', 'v1', … */
  readonly values: string[];
  readonly labels: Int32Array;
  readonly companies: string[];
  readonly titleOnly: boolean[];
}

export function simulateFacetRows(options: SimulateFacetOptions): SimulatedFacetRows {
  const { rowShares, columnShares } = options;
  const R = rowShares.length,
    C = columnShares.length;
  if (R < 1 || C < 1) throw new ParameterError('rowShares/columnShares', [R, C], 'at least one row and one column');
  const n = check.integer('n', options.n, 0);
  const companyPool = check.integer('companies', options.companies ?? 500, 1);
  const jitter = check.number('jitter', options.jitter ?? 0, 0, 10);
  const batchSize = check.number('batchSize', options.batchSize ?? 1, 1, 1e6);
  const random = new Random(check.integer('seed', options.seed, 0));
  const weights = new Float64Array(R * C);
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++) weights[r * C + c] = rowShares[r] * columnShares[c] * Math.exp(jitter * random.normal());
  for (const b of options.biases ?? []) weights[cellIndex(b, R, C)] *= check.number('multiplier', b.multiplier, 0, 1e6);
  const cumulative = new Float64Array(R * C);
  let sum = 0;
  for (let k = 0; k < weights.length; k++) cumulative[k] = sum += weights[k];

  const values: string[] = [],
    companies: string[] = [],
    titleOnly: boolean[] = [];
  const labels: number[] = [];
  const push = (cell: number, company: string, title: boolean) => {
    values.push(`v${Math.floor(cell / C)}`);
    labels.push(cell % C);
    companies.push(company);
    titleOnly.push(title);
  };
  for (let i = 0, batch = 0; i < n; batch++) {
    const u = random.next() * sum;
    let lo = 0,
      hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    if (batchSize === 1) {
      push(lo, `company-${random.int(companyPool)}`, false);
      i++;
      continue;
    }
    // Geometric size ≥ 1 with mean batchSize: P(size > k) = q^k, q = 1 − 1/batchSize.
    const size = 1 + Math.floor(Math.log(1 - random.next()) / Math.log(1 - 1 / batchSize));
    for (let k = 0; k < size && i < n; k++, i++) push(lo, `batch-${batch}`, false);
  }
  (options.bursts ?? []).forEach((b, k) => {
    const cell = cellIndex(b, R, C);
    for (let i = 0; i < b.count; i++) push(cell, `burst-${k}`, false);
  });
  for (const t of options.titleOnlyBlocks ?? []) {
    const cell = cellIndex(t, R, C);
    for (let i = 0; i < t.count; i++) push(cell, `company-${random.int(companyPool)}`, true);
  }
  return { values, labels: Int32Array.from(labels), companies, titleOnly };
}

function cellIndex(cell: SimulatedCell, R: number, C: number): number {
  check.integer('row', cell.row, 0, R - 1);
  check.integer('column', cell.column, 0, C - 1);
  return cell.row * C + cell.column;
}
