/**
 * Multiple-testing corrections for the per-cell tests of the bias analysis.
 * Both return adjusted p-values in the input order (compare them to α).
 */
export type Correction = 'holm' | 'bh';

export const CORRECTIONS: readonly Correction[] = ['holm', 'bh'];

/** Holm–Bonferroni step-down: controls the family-wise error rate. */
export function holm(pValues: ArrayLike<number>): Float64Array {
  const m = pValues.length;
  const order = ascending(pValues);
  const out = new Float64Array(m);
  let running = 0;
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank];
    // Adjusted values must not decrease along the sorted order.
    running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
    out[i] = running;
  }
  return out;
}

/** Benjamini–Hochberg step-up: controls the false discovery rate. */
export function benjaminiHochberg(pValues: ArrayLike<number>): Float64Array {
  const m = pValues.length;
  const order = ascending(pValues);
  const out = new Float64Array(m);
  let running = 1;
  for (let rank = m - 1; rank >= 0; rank--) {
    const i = order[rank];
    running = Math.min(running, (m / (rank + 1)) * pValues[i]);
    out[i] = Math.min(1, running);
  }
  return out;
}

export function adjustPValues(pValues: ArrayLike<number>, correction: Correction): Float64Array {
  return correction === 'holm' ? holm(pValues) : benjaminiHochberg(pValues);
}

/** Indices sorted by p-value ascending, ties by index (stable). */
function ascending(pValues: ArrayLike<number>): number[] {
  return Array.from({ length: pValues.length }, (_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
}
