/**
 * The cosine distance the reference computes between two identical rows.
 *
 * Ours is exactly 0. scikit-learn's `cosine_distances` (used by the reference
 * HDBSCAN) normalises each row — x̂ = x / ‖x‖ with ‖x‖² summed by numpy's
 * `einsum` (two interleaved partial sums) — and takes 1 − x̂·x̂ from BLAS
 * (one fused multiply-add per term, in index order), clipped at 0. That is 0
 * or a few ulps above it (1.1e-16 … 7.8e-16), depending on the row.
 *
 * Those few ulps matter only in one place: when a row has ≥ minSamples exact
 * duplicates its core distance is this value, and the reference's unstable
 * sort of MST weights orders such edges by it. Using the same value makes our
 * merge order — and so our labels — identical to the reference's on data with
 * duplicate rows. Nowhere else is it distinguishable from 0.
 */
export function referenceDuplicateDistance(row: Float32Array): number {
  const d = row.length;
  // ‖x‖² as numpy's einsum sums it: lanes k = 0, 1 accumulate t ≡ k (mod 2);
  // full blocks of 8 are added in the order 6–7, 4–5, 2–3, 0–1.
  const lane = [0, 0];
  let t = 0;
  for (; d - t >= 8; t += 8) {
    for (let k = 0; k < 2; k++) {
      let acc = lane[k];
      for (let v = 3; v >= 0; v--) {
        const x = row[t + 2 * v + k];
        acc = x * x + acc; // float32 × float32 is exact in float64, so no FMA question here
      }
      lane[k] = acc;
    }
  }
  for (; t < d; t += 2) {
    for (let k = 0; k < 2 && t + k < d; k++) lane[k] = row[t + k] * row[t + k] + lane[k];
  }
  const norm = Math.sqrt(lane[0] + lane[1]);
  let dot = 0;
  for (let i = 0; i < d; i++) {
    const x = row[i] / norm;
    dot = fusedMultiplyAdd(x, x, dot);
  }
  const dist = 1 - dot;
  return dist < 0 ? 0 : dist;
}

/** a × b + c with a single rounding (JavaScript has no Math.fma), via exact BigInt arithmetic. */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  if (a === 0 || b === 0) return c;
  const [ma, ea] = decompose(a);
  const [mb, eb] = decompose(b);
  const ep = ea + eb;
  const mp = ma * mb;
  if (c === 0) return scale(mp, ep);
  const [mc, ec] = decompose(c);
  const e = Math.min(ep, ec);
  const sum = (mp << BigInt(ep - e)) + (mc << BigInt(ec - e));
  return scale(sum, e);
}

const view = new DataView(new ArrayBuffer(8));

/** Finite non-zero double → [integer mantissa, exponent] with value = m · 2^e. */
function decompose(x: number): [bigint, number] {
  view.setFloat64(0, x);
  const hi = view.getUint32(0),
    lo = view.getUint32(4);
  const sign = hi >>> 31 ? -1n : 1n;
  const exponentBits = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (exponentBits === 0) exponent = -1074;
  else {
    mantissa |= 1n << 52n;
    exponent = exponentBits - 1075;
  }
  return [sign * mantissa, exponent];
}

/** m · 2^e rounded once to the nearest double (Number(bigint) rounds to nearest, ties to even). */
function scale(m: bigint, e: number): number {
  if (m === 0n) return 0;
  // Keep the mantissa within 2^64 so that Number() does the only rounding
  // (shift off low bits but remember them as a sticky bit).
  const neg = m < 0n;
  let abs = neg ? -m : m;
  const bits = abs.toString(2).length;
  if (bits > 64) {
    const shift = bits - 64;
    const dropped = abs & ((1n << BigInt(shift)) - 1n);
    abs >>= BigInt(shift);
    if (dropped !== 0n) abs |= 1n; // sticky: below the rounding position of a 53-bit result
    e += shift;
  }
  const value = Number(abs) * 2 ** e;
  return neg ? -value : value;
}
