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

/**
 * a × b + c with a single rounding (JavaScript has no Math.fma): in double arithmetic
 * when that can decide the rounding (`fusedMultiplyAddQuick`), else exactly in BigInt.
 * The BigInt path alone cost 65–170 µs a row once warm (the 43 duplicate groups of 10k
 * real sentence vectors: 2.8–7.2 ms of every HDBSCAN fit, 18 ms in a fresh process);
 * now 0.3–1.1 ms and 8–13 ms, with the BigInt path taken for ≈ 1 term in 3,000.
 */
export function fusedMultiplyAdd(a: number, b: number, c: number): number {
  if (a === 0 || b === 0) return c;
  const quick = fusedMultiplyAddQuick(a, b, c);
  return Number.isNaN(quick) ? fusedMultiplyAddExact(a, b, c) : quick;
}

const SPLIT = 134217729; // 2^27 + 1: Veltkamp's split of a double into two 26-bit halves
const bitsOfOne = new Float64Array(1);
const wordsOfOne = new Uint32Array(bitsOfOne.buffer); // little-endian: [low, high]

/**
 * a × b + c rounded once, or NaN when this cannot tell (then the caller computes it
 * exactly). Covers products and addends of the same sign and moderate size — the
 * reference's ‖x̂‖² accumulation — by error-free transformations:
 * p = fl(ab) and e with ab = p + e exactly (Dekker's product), r = fl(p + c) and t with
 * p + c = r + t exactly (Knuth's two-sum). With no cancellation, |t| and |e| are at most
 * half r's spacing, so the exact result r + (t + e) lies within one spacing of r: it
 * rounds to r when |t + e| is clearly below half the spacing and to r's neighbour when
 * clearly above. Near a tie (within 2^-40 of it, far more than t + e's own rounding
 * error), or when r is a power of two (the spacing below it is half), it answers NaN.
 */
export function fusedMultiplyAddQuick(a: number, b: number, c: number): number {
  // Ranges where the split and the partial products neither overflow nor underflow.
  const absA = Math.abs(a),
    absB = Math.abs(b);
  if (!(absA >= 2 ** -450 && absA <= 2 ** 450 && absB >= 2 ** -450 && absB <= 2 ** 450 && Math.abs(c) <= 2 ** 900)) return NaN;
  let p = a * b;
  if (c !== 0 && p > 0 !== c > 0) return NaN;
  // fma(−a, b, −c) = −fma(a, b, c): work with a positive product.
  const negative = p < 0;
  if (negative) {
    a = -a;
    c = -c;
    p = -p;
  }
  let s = SPLIT * a;
  const aHi = s - (s - a),
    aLo = a - aHi;
  s = SPLIT * b;
  const bHi = s - (s - b),
    bLo = b - bHi;
  const e = aHi * bHi - p + aHi * bLo + aLo * bHi + aLo * bLo;
  const r = p + c;
  // An exact product: p + c is the exact result, and r its one rounding (ties to even included).
  if (e === 0) return negative ? -r : r;
  const z = r - p;
  const t = p - (r - z) + (c - z);
  const u = t + e;
  bitsOfOne[0] = r;
  if (wordsOfOne[0] === 0 && (wordsOfOne[1] & 0xfffff) === 0) return NaN; // r a power of two
  // r's neighbour above: the bits + 1 (++ on a typed array element yields 2^32, not the wrapped 0).
  wordsOfOne[0] = wordsOfOne[0] + 1;
  if (wordsOfOne[0] === 0) wordsOfOne[1]++;
  const up = bitsOfOne[0];
  const half = (up - r) / 2;
  const size = Math.abs(u);
  let out: number;
  if (size < half * (1 - 2 ** -40)) out = r;
  else if (size > half * (1 + 2 ** -40)) out = u > 0 ? up : r - 2 * half;
  else return NaN;
  return negative ? -out : out;
}

/** a × b + c with a single rounding, via exact BigInt arithmetic. */
export function fusedMultiplyAddExact(a: number, b: number, c: number): number {
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
