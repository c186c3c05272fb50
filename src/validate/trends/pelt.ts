/**
 * Changepoints in a cluster's share of the postings per period, by PELT
 * (Killick, Fearnhead & Eckley 2012): the exact minimiser of
 *     Σ_segments cost(segment) + penalty · (number of changes)
 * with pruning. The cost of a segment is −2 × its binomial log-likelihood at
 * the segment's own share (counts x_t out of n_t postings), divided by a
 * dispersion φ ≥ 1: real weekly counts vary more than binomially, and without
 * φ every cluster of a large corpus would "change" every few weeks.
 *
 * φ is estimated robustly from first differences of the Pearson residuals
 * against the overall share (MAD², halved because a difference adds two
 * variances): a level shift moves one difference only, so a real change does
 * not inflate φ and hide itself.
 *
 * Why the share and not the count: the number of postings scraped per period
 * varies with the scraper, for every cluster at once; a cluster's share rising
 * is a change in what is posted.
 */

export interface ShareChange {
  /** Index of the first period of the new segment. */
  readonly index: number;
  readonly direction: 'up' | 'down';
  /** Shares of the segments before and after. */
  readonly before: number;
  readonly after: number;
}

export interface PeltOptions {
  /** Penalty per change, in units of −2 log-likelihood / φ. */
  readonly penalty: number;
  /** Fewest periods in a segment. */
  readonly minSegment: number;
}

/** Robust dispersion of counts x out of n around their overall share (≥ 1). */
export function shareDispersion(x: ArrayLike<number>, n: ArrayLike<number>): number {
  let X = 0,
    N = 0;
  for (let t = 0; t < x.length; t++) {
    X += x[t];
    N += n[t];
  }
  const p = N > 0 ? X / N : 0;
  if (p <= 0 || p >= 1) return 1;
  const z: number[] = [];
  for (let t = 0; t < x.length; t++) if (n[t] > 0) z.push((x[t] - n[t] * p) / Math.sqrt(n[t] * p * (1 - p)));
  if (z.length < 4) return 1;
  const d = z.slice(1).map((v, k) => v - z[k]);
  const mad = median(d.map((v) => Math.abs(v - median(d))));
  return Math.max(1, (mad / 0.6745) ** 2 / 2);
}

export function peltShareChanges(
  x: ArrayLike<number>,
  n: ArrayLike<number>,
  options: PeltOptions,
  dispersion = shareDispersion(x, n),
): ShareChange[] {
  const T = x.length;
  const cx = new Float64Array(T + 1),
    cn = new Float64Array(T + 1);
  for (let t = 0; t < T; t++) {
    cx[t + 1] = cx[t] + x[t];
    cn[t + 1] = cn[t] + n[t];
  }
  const cost = (s: number, e: number) => binomialCost(cx[e] - cx[s], cn[e] - cn[s]) / dispersion;
  const L = options.minSegment;
  const F = new Float64Array(T + 1).fill(Infinity);
  const last = new Int32Array(T + 1);
  F[0] = -options.penalty;
  let candidates: number[] = [0];
  for (let e = L; e <= T; e++) {
    let best = Infinity,
      arg = 0;
    const value = new Map<number, number>();
    for (const s of candidates) {
      if (e - s < L) continue;
      const v = F[s] + cost(s, e) + options.penalty;
      value.set(s, v);
      if (v < best) {
        best = v;
        arg = s;
      }
    }
    F[e] = best;
    last[e] = arg;
    // PELT pruning (the cost is additive with constant 0): a start already worse
    // than the optimum by more than one penalty can never be optimal later.
    candidates = candidates.filter((s) => !value.has(s) || value.get(s)! - options.penalty <= best);
    if (Number.isFinite(best)) candidates.push(e);
  }
  const cuts: number[] = [];
  for (let e = T; e > 0; e = last[e]) if (last[e] > 0) cuts.push(last[e]);
  cuts.reverse();
  const bounds = [0, ...cuts, T];
  const share = (s: number, e: number) => (cn[e] - cn[s] > 0 ? (cx[e] - cx[s]) / (cn[e] - cn[s]) : 0);
  return cuts.map((cut, k) => {
    const before = share(bounds[k], cut),
      after = share(cut, bounds[k + 2]);
    return { index: cut, direction: after > before ? 'up' : 'down', before, after };
  });
}

/** −2 × binomial log-likelihood of a segment (X of N postings) at its pooled share. */
function binomialCost(X: number, N: number): number {
  if (N <= 0) return 0;
  const p = X / N;
  if (p <= 0 || p >= 1) return 0;
  // Σ_t x_t log p + (n_t − x_t) log(1 − p) depends on the segment's totals only.
  return -2 * (X * Math.log(p) + (N - X) * Math.log(1 - p));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
