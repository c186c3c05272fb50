// Similarity building blocks shared by the all-pairs kernels.
//
// A "dataset" is a small descriptor in memory, written by src/core/wasm/dataset.ts:
//   [0] xn     rows L2-normalised in f32, zero-padded to a row stride dp (multiple
//              of 4) and to a row count that is a multiple of BLOCK_CANDIDATES;
//   [1] xo     the caller's f32 values, stride d (for exact recomputation);
//   [2] norms  f64 Euclidean norms of xo rows, summed in column order;
//   [3] n, [4] d, [5] dp, [6] rows allocated in xn;
//   [7] x16    int16 copy of xn for screening (stride dp16, a multiple of 8),
//   [8] inv16  f32 per row: the int16 values times inv16 approximate xn,
//   [9] err16  f64 per row: ‖x16·inv16 − xn‖₂, [10] dp16, f64 at byte 48: max err16.
//
// Candidates are screened with f32 SIMD dot products of the normalised rows; every
// distance that is returned or decides a result is recomputed by exactDistance in
// f64 exactly as the TypeScript reference does, so results match it bit for bit.
import { reduce4, reduce4i } from './simd';

/** Query rows per tile (a task of the pool handles one block of queries). */
export const BLOCK_QUERIES: i32 = 64;
/** Candidate rows per tile. */
export const BLOCK_CANDIDATES: i32 = 256;

@inline export function dsXn(ds: usize): usize { return <usize>load<u32>(ds); }
@inline export function dsXo(ds: usize): usize { return <usize>load<u32>(ds, 4); }
@inline export function dsNorms(ds: usize): usize { return <usize>load<u32>(ds, 8); }
@inline export function dsN(ds: usize): i32 { return load<i32>(ds, 12); }
@inline export function dsD(ds: usize): i32 { return load<i32>(ds, 16); }
@inline export function dsDp(ds: usize): i32 { return load<i32>(ds, 20); }
@inline export function dsX16(ds: usize): usize { return <usize>load<u32>(ds, 28); }
@inline export function dsInv16(ds: usize): usize { return <usize>load<u32>(ds, 32); }
@inline export function dsErr16(ds: usize): usize { return <usize>load<u32>(ds, 36); }
@inline export function dsDp16(ds: usize): i32 { return load<i32>(ds, 40); }
@inline export function dsErrMax16(ds: usize): f64 { return load<f64>(ds, 48); }

/**
 * Cosine distance between row i of dataset a and row j of dataset b, in f64 from
 * the f32 values: 1 − a·b/(‖a‖‖b‖) clamped to [0, 2], exactly 0 for identical rows.
 */
export function exactDistance(a: usize, i: i32, b: usize, j: i32): f64 {
  const d = dsD(a);
  const pa = dsXo(a) + ((<usize>i * <usize>d) << 2);
  const pb = dsXo(b) + ((<usize>j * <usize>d) << 2);
  let dot: f64 = 0;
  let same = true;
  for (let t = 0; t < d; t++) {
    const x = load<f32>(pa + (<usize>t << 2));
    const y = load<f32>(pb + (<usize>t << 2));
    dot += <f64>x * <f64>y;
    if (x != y) same = false;
  }
  if (same) return 0;
  const na = load<f64>(dsNorms(a) + (<usize>i << 3));
  const nb = load<f64>(dsNorms(b) + (<usize>j << 3));
  return clampDistance(1 - dot / (na * nb));
}

/** A cosine distance clamped to [0, 2] (rounding can step just outside). */
@inline function clampDistance(dist: f64): f64 {
  return dist < 0 ? 0 : dist > 2 ? 2 : dist;
}

/** Row i of a and row j of b are identical, value for value (exactDistance's `same`). */
function sameRows(a: usize, i: i32, b: usize, j: i32): bool {
  const d = dsD(a);
  const pa = dsXo(a) + ((<usize>i * <usize>d) << 2);
  const pb = dsXo(b) + ((<usize>j * <usize>d) << 2);
  for (let t = 0; t < d; t++) if (load<f32>(pa + (<usize>t << 2)) != load<f32>(pb + (<usize>t << 2))) return false;
  return true;
}

/** exactDistance's last step for a dot product: 0 for identical rows, else 1 − dot / (na·nb), clamped. */
@inline function finishDistance(a: usize, i: i32, b: usize, j: i32, dot: f64, na: f64): f64 {
  const dist = clampDistance(1 - dot / (na * load<f64>(dsNorms(b) + (<usize>j << 3))));
  // Identical rows give a distance of a few ulps at most: only then can they be identical.
  return dist < 1e-6 && sameRows(a, i, b, j) ? 0 : dist;
}

/** The second result of exactDistance2 (a global: each thread has its own instance). */
let secondDistance: f64 = 0;

/**
 * exactDistance(a, i, b, j1), returned, and exactDistance(a, i, b, j2), left in
 * `secondDistance` (read it with secondExactDistance()). The two sums run side by side,
 * each in column order as exactDistance's, so the results are the same bit for bit;
 * one f64 add depends on the previous one, and two chains keep the adder twice as busy.
 * Whether the rows are identical is asked only of a distance that is nearly 0 (finishDistance).
 */
export function exactDistance2(a: usize, i: i32, b: usize, j1: i32, j2: i32): f64 {
  const d = dsD(a);
  const pa = dsXo(a) + ((<usize>i * <usize>d) << 2);
  const p1 = dsXo(b) + ((<usize>j1 * <usize>d) << 2);
  const p2 = dsXo(b) + ((<usize>j2 * <usize>d) << 2);
  let dot1: f64 = 0, dot2: f64 = 0;
  for (let t = 0; t < d; t++) {
    const x = <f64>load<f32>(pa + (<usize>t << 2));
    dot1 += x * <f64>load<f32>(p1 + (<usize>t << 2));
    dot2 += x * <f64>load<f32>(p2 + (<usize>t << 2));
  }
  const na = load<f64>(dsNorms(a) + (<usize>i << 3));
  secondDistance = finishDistance(a, i, b, j2, dot2, na);
  return finishDistance(a, i, b, j1, dot1, na);
}

@inline export function secondExactDistance(): f64 {
  return secondDistance;
}

/** Results 2–4 of exactDistance4 (globals: each thread has its own instance). */
let distance4b: f64 = 0, distance4c: f64 = 0, distance4d: f64 = 0;

/**
 * exactDistance(a, i, b, j) for j = j1 … j4: the first returned, the others left for
 * exactDistance4Rest(1 … 3). Each lane of the two f64x2 sums is one pair's sum, in column
 * order, with IEEE products and sums as exactDistance's scalar ones, so every result is the
 * same bit for bit; four chains of dependent adds keep the adder busier than two. Whether the
 * rows are identical is asked only of a distance that is nearly 0 (exactDistance asks it of
 * every value).
 */
export function exactDistance4(a: usize, i: i32, b: usize, j1: i32, j2: i32, j3: i32, j4: i32): f64 {
  const d = dsD(a);
  const rowBytes = <usize>d << 2;
  const pa = dsXo(a) + <usize>i * rowBytes;
  const xo = dsXo(b);
  const p1 = xo + <usize>j1 * rowBytes, p2 = xo + <usize>j2 * rowBytes;
  const p3 = xo + <usize>j3 * rowBytes, p4 = xo + <usize>j4 * rowBytes;
  let s12 = f64x2.splat(0), s34 = f64x2.splat(0);
  for (let t: usize = 0; t < rowBytes; t += 4) {
    const x = f64x2.splat(<f64>load<f32>(pa + t));
    const y12 = f64x2.replace_lane(f64x2.splat(<f64>load<f32>(p1 + t)), 1, <f64>load<f32>(p2 + t));
    const y34 = f64x2.replace_lane(f64x2.splat(<f64>load<f32>(p3 + t)), 1, <f64>load<f32>(p4 + t));
    s12 = f64x2.add(s12, f64x2.mul(x, y12));
    s34 = f64x2.add(s34, f64x2.mul(x, y34));
  }
  const na = load<f64>(dsNorms(a) + (<usize>i << 3));
  distance4b = finishDistance(a, i, b, j2, f64x2.extract_lane(s12, 1), na);
  distance4c = finishDistance(a, i, b, j3, f64x2.extract_lane(s34, 0), na);
  distance4d = finishDistance(a, i, b, j4, f64x2.extract_lane(s34, 1), na);
  return finishDistance(a, i, b, j1, f64x2.extract_lane(s12, 0), na);
}

/** Result 2, 3 or 4 (r = 1, 2, 3) of the last exactDistance4 on this thread. */
@inline export function exactDistance4Rest(r: i32): f64 {
  return r == 1 ? distance4b : r == 2 ? distance4c : distance4d;
}

/**
 * Tile of dot products: out[c·ldo + r] = q_r · b_c for r < nq (a multiple of 4) and
 * c < nb (a multiple of 2); rows have stride dp floats. Register blocking: four
 * query rows × two candidate rows per inner loop, eight f32x4 accumulators.
 */
export function dotTile(q: usize, b: usize, dp: i32, nq: i32, nb: i32, out: usize, ldo: i32): void {
  const rowBytes = <usize>dp << 2;
  for (let r = 0; r < nq; r += 4) {
    const a0 = q + <usize>r * rowBytes;
    const a1 = a0 + rowBytes;
    const a2 = a1 + rowBytes;
    const a3 = a2 + rowBytes;
    for (let c = 0; c < nb; c += 2) {
      const b0 = b + <usize>c * rowBytes;
      const b1 = b0 + rowBytes;
      let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
      for (let t: usize = 0; t < rowBytes; t += 16) {
        const y0 = v128.load(b0 + t);
        const y1 = v128.load(b1 + t);
        const x0 = v128.load(a0 + t);
        c00 = f32x4.add(c00, f32x4.mul(x0, y0));
        c01 = f32x4.add(c01, f32x4.mul(x0, y1));
        const x1 = v128.load(a1 + t);
        c10 = f32x4.add(c10, f32x4.mul(x1, y0));
        c11 = f32x4.add(c11, f32x4.mul(x1, y1));
        const x2 = v128.load(a2 + t);
        c20 = f32x4.add(c20, f32x4.mul(x2, y0));
        c21 = f32x4.add(c21, f32x4.mul(x2, y1));
        const x3 = v128.load(a3 + t);
        c30 = f32x4.add(c30, f32x4.mul(x3, y0));
        c31 = f32x4.add(c31, f32x4.mul(x3, y1));
      }
      v128.store(out + ((<usize>c * <usize>ldo + <usize>r) << 2), reduce4(c00, c10, c20, c30));
      v128.store(out + ((<usize>(c + 1) * <usize>ldo + <usize>r) << 2), reduce4(c01, c11, c21, c31));
    }
  }
}

/**
 * Screening tile from the int16 copies: out[c·ldo + r] ≈ q_r · b_c (as f32: the
 * exact integer dot product times both rows' 1/scale), for r < nq (multiple of 4)
 * and c < nb (multiple of 2). i32x4.dot_i16x8_s does eight multiply-adds per
 * instruction, twice the rate of f32x4 mul + add.
 *
 * Register blocking: per block of four query rows and four candidates, two passes of
 * two query rows × four candidates (eight accumulators, two query vectors, one
 * candidate vector live): 20–27 % more multiply-adds per second than four rows × two
 * candidates in one pass, on V8's x64 code (docs/perf-log.md, 2026-12-06 session 11).
 * The integer sums are exact, so the blocking does not change a single score.
 */
export function dotTile16(
  q: usize, qInv: usize, b: usize, bInv: usize, dp16: i32, nq: i32, nb: i32, out: usize, ldo: i32,
): void {
  const rowBytes = <usize>dp16 << 1;
  const nb4 = nb & ~3;
  for (let r = 0; r < nq; r += 4) {
    const a0 = q + <usize>r * rowBytes;
    const a1 = a0 + rowBytes;
    const a2 = a1 + rowBytes;
    const a3 = a2 + rowBytes;
    const rInv = v128.load(qInv + (<usize>r << 2));
    let c = 0;
    for (; c < nb4; c += 4) {
      const b0 = b + <usize>c * rowBytes;
      const b1 = b0 + rowBytes;
      const b2 = b1 + rowBytes;
      const b3 = b2 + rowBytes;
      let c00 = i32x4.splat(0), c01 = i32x4.splat(0), c02 = i32x4.splat(0), c03 = i32x4.splat(0);
      let c10 = i32x4.splat(0), c11 = i32x4.splat(0), c12 = i32x4.splat(0), c13 = i32x4.splat(0);
      for (let t: usize = 0; t < rowBytes; t += 16) {
        const x0 = v128.load(a0 + t), x1 = v128.load(a1 + t);
        let y = v128.load(b0 + t);
        c00 = i32x4.add(c00, i32x4.dot_i16x8_s(x0, y));
        c10 = i32x4.add(c10, i32x4.dot_i16x8_s(x1, y));
        y = v128.load(b1 + t);
        c01 = i32x4.add(c01, i32x4.dot_i16x8_s(x0, y));
        c11 = i32x4.add(c11, i32x4.dot_i16x8_s(x1, y));
        y = v128.load(b2 + t);
        c02 = i32x4.add(c02, i32x4.dot_i16x8_s(x0, y));
        c12 = i32x4.add(c12, i32x4.dot_i16x8_s(x1, y));
        y = v128.load(b3 + t);
        c03 = i32x4.add(c03, i32x4.dot_i16x8_s(x0, y));
        c13 = i32x4.add(c13, i32x4.dot_i16x8_s(x1, y));
      }
      // The same pass for rows 2 and 3, written out: a helper cannot hand back eight v128
      // accumulators without storing them to memory.
      let c20 = i32x4.splat(0), c21 = i32x4.splat(0), c22 = i32x4.splat(0), c23 = i32x4.splat(0);
      let c30 = i32x4.splat(0), c31 = i32x4.splat(0), c32 = i32x4.splat(0), c33 = i32x4.splat(0);
      for (let t: usize = 0; t < rowBytes; t += 16) {
        const x2 = v128.load(a2 + t), x3 = v128.load(a3 + t);
        let y = v128.load(b0 + t);
        c20 = i32x4.add(c20, i32x4.dot_i16x8_s(x2, y));
        c30 = i32x4.add(c30, i32x4.dot_i16x8_s(x3, y));
        y = v128.load(b1 + t);
        c21 = i32x4.add(c21, i32x4.dot_i16x8_s(x2, y));
        c31 = i32x4.add(c31, i32x4.dot_i16x8_s(x3, y));
        y = v128.load(b2 + t);
        c22 = i32x4.add(c22, i32x4.dot_i16x8_s(x2, y));
        c32 = i32x4.add(c32, i32x4.dot_i16x8_s(x3, y));
        y = v128.load(b3 + t);
        c23 = i32x4.add(c23, i32x4.dot_i16x8_s(x2, y));
        c33 = i32x4.add(c33, i32x4.dot_i16x8_s(x3, y));
      }
      storeScores(out, ldo, r, c, rInv, bInv, reduce4i(c00, c10, c20, c30));
      storeScores(out, ldo, r, c + 1, rInv, bInv, reduce4i(c01, c11, c21, c31));
      storeScores(out, ldo, r, c + 2, rInv, bInv, reduce4i(c02, c12, c22, c32));
      storeScores(out, ldo, r, c + 3, rInv, bInv, reduce4i(c03, c13, c23, c33));
    }
    // The last two candidates when nb is not a multiple of four: four rows × two candidates.
    for (; c < nb; c += 2) {
      const b0 = b + <usize>c * rowBytes;
      const b1 = b0 + rowBytes;
      let c00 = i32x4.splat(0), c01 = i32x4.splat(0);
      let c10 = i32x4.splat(0), c11 = i32x4.splat(0);
      let c20 = i32x4.splat(0), c21 = i32x4.splat(0);
      let c30 = i32x4.splat(0), c31 = i32x4.splat(0);
      for (let t: usize = 0; t < rowBytes; t += 16) {
        const y0 = v128.load(b0 + t);
        const y1 = v128.load(b1 + t);
        const x0 = v128.load(a0 + t);
        c00 = i32x4.add(c00, i32x4.dot_i16x8_s(x0, y0));
        c01 = i32x4.add(c01, i32x4.dot_i16x8_s(x0, y1));
        const x1 = v128.load(a1 + t);
        c10 = i32x4.add(c10, i32x4.dot_i16x8_s(x1, y0));
        c11 = i32x4.add(c11, i32x4.dot_i16x8_s(x1, y1));
        const x2 = v128.load(a2 + t);
        c20 = i32x4.add(c20, i32x4.dot_i16x8_s(x2, y0));
        c21 = i32x4.add(c21, i32x4.dot_i16x8_s(x2, y1));
        const x3 = v128.load(a3 + t);
        c30 = i32x4.add(c30, i32x4.dot_i16x8_s(x3, y0));
        c31 = i32x4.add(c31, i32x4.dot_i16x8_s(x3, y1));
      }
      storeScores(out, ldo, r, c, rInv, bInv, reduce4i(c00, c10, c20, c30));
      storeScores(out, ldo, r, c + 1, rInv, bInv, reduce4i(c01, c11, c21, c31));
    }
  }
}

/** Scores of query rows r … r + 3 against candidate c: the integer sums times both scales, in that order. */
@inline function storeScores(out: usize, ldo: i32, r: i32, c: i32, rInv: v128, bInv: usize, sums: v128): void {
  const s = f32x4.mul(f32x4.mul(f32x4.convert_i32x4_s(sums), rInv), f32x4.splat(load<f32>(bInv + (<usize>c << 2))));
  v128.store(out + ((<usize>c * <usize>ldo + <usize>r) << 2), s);
}

/** Tile task like dotTilesTask, on the int16 copies. */
export function dotTiles16Task(q: usize, b: usize, scratch: usize, scratchBytes: i32, task: i32, thread: i32): void {
  const dp16 = dsDp16(q);
  const tile = scratch + <usize>thread * <usize>scratchBytes;
  const i0 = task * BLOCK_QUERIES;
  const nb = dsN(b);
  const qRows = dsX16(q) + ((<usize>i0 * <usize>dp16) << 1);
  for (let j0 = 0; j0 < nb; j0 += BLOCK_CANDIDATES) {
    dotTile16(qRows, dsInv16(q) + (<usize>i0 << 2), dsX16(b) + ((<usize>j0 * <usize>dp16) << 1), dsInv16(b) + (<usize>j0 << 2),
      dp16, BLOCK_QUERIES, BLOCK_CANDIDATES, tile, BLOCK_QUERIES);
  }
}

/** f32 dot product of two rows of stride dp (same lane order as dotTile). */
export function dotRow(a: usize, b: usize, dp: i32): f32 {
  const bytes = <usize>dp << 2;
  let acc = f32x4.splat(0);
  for (let t: usize = 0; t < bytes; t += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + t), v128.load(b + t)));
  const z = f32x4.splat(0);
  return f32x4.extract_lane(reduce4(acc, z, z, z), 0);
}

/**
 * Tile task for benchmarks and generic use: block `task` of BLOCK_QUERIES rows of
 * dataset q against all rows of dataset b, tile by tile into per-thread scratch;
 * returns nothing (the GMAC/s measurement of the core loop).
 */
export function dotTilesTask(q: usize, b: usize, scratch: usize, scratchBytes: i32, task: i32, thread: i32): void {
  const dp = dsDp(q);
  const tile = scratch + <usize>thread * <usize>scratchBytes;
  const i0 = task * BLOCK_QUERIES;
  const nb = dsN(b);
  const qRows = dsXn(q) + ((<usize>i0 * <usize>dp) << 2);
  for (let j0 = 0; j0 < nb; j0 += BLOCK_CANDIDATES) {
    dotTile(qRows, dsXn(b) + ((<usize>j0 * <usize>dp) << 2), dp, BLOCK_QUERIES, BLOCK_CANDIDATES, tile, BLOCK_QUERIES);
  }
}

/** Error bound of an f32 dot product of unit rows as computed here, plus normalisation error. */
export function screeningTolerance(dp: i32): f64 {
  return (<f64>(dp >> 2) + 8) * 1.1 * 5.960464477539063e-8 + 1e-9;
}

/**
 * Bound of the int16 screen's error on the cosine similarity of two rows whose
 * quantisation errors are errA and errB (dsErr16): both quantisations, three f32
 * roundings of the scaled score, and the f32 normalisation (tau = screeningTolerance).
 */
@inline export function screeningMargin(errA: f64, errB: f64, tau: f64): f64 {
  return (errA + errB) * (1 + 1e-6) + errA * errB + 1e-6 + tau;
}
