// The prefix: each row's coordinates in the leading principal directions of the
// data (src/core/principal-subspace.ts), quantised to int16 at one scale for all
// rows, and the row's distance from their span. For unit rows a and b,
//   x̂_a·x̂_b = y_a·y_b + (rest),  |rest| ≤ t_a·t_b,
// so P ≪ d int16 multiply-adds bound a cosine from both sides: the MST uses it
// for a lower bound on distances, the kNN for an upper bound on scores.
//
// Descriptor (written by src/core/prefix.ts), i32 slots unless noted:
const F_PW = 0; //     P, a multiple of 8
const F_BASIS = 4; //  basis, transposed: f32 dp × P
const F_PRE16 = 8; //  int16 n × P
const F_Y = 12; //     f32 n × P (scratch between projection and quantisation)
const F_YMAX = 16; //  f32 n: max |y| of the row
const F_ERR = 20; //   f32 n: ‖ŷ − y‖ (ŷ = q / scale) plus the basis error η, rounded up
const F_TAIL = 24; //  f32 n: distance from the span (with η), rounded up
const F_INV = 32; //   f64: 1 / scale
const F_ERR_MAX = 40; // f64: the largest F_ERR
export const PREFIX_DESCRIPTOR_BYTES: i32 = 64;

import { dsDp, dsN, dsXn } from './similarity';

@inline export function pfWidth(pf: usize): i32 { return load<i32>(pf + F_PW); }
@inline export function pfPre16(pf: usize): usize { return <usize>load<u32>(pf + F_PRE16); }
@inline export function pfTail(pf: usize): usize { return <usize>load<u32>(pf + F_TAIL); }
@inline export function pfInv(pf: usize): f64 { return load<f64>(pf + F_INV); }
/**
 * Bound on |ŷ_a·ŷ_b − x̂_a·x̂_b + rest| apart from t_a·t_b: 2e + e² for the
 * quantisation (e the largest error).
 */
@inline export function pfSlack(pf: usize): f64 {
  const e = load<f64>(pf + F_ERR_MAX);
  return 2 * e + e * e;
}

/** Nearest f32 ≥ x (x ≥ 0 or +∞). */
@inline export function roundUp32(x: f64): f32 {
  let f = <f32>x;
  if (<f64>f < x) f = reinterpret<f32>(reinterpret<i32>(f) + 1);
  return f;
}

/** Basis error of a computed coordinate vector, see project(). */
@inline function basisError(pw: i32, dp: i32): f64 {
  return Math.sqrt(<f64>pw) * <f64>(dp + 2) * 5.960464477539063e-8 * 1.001;
}

/** Rows [task·rowsPerTask, …) of dataset ds: y (f32), max |y|, distance from the span. */
export function prefixProjectTask(ds: usize, pf: usize, rowsPerTask: i32, task: i32): void {
  const n = dsN(ds), dp = dsDp(ds);
  const pw = pfWidth(pf);
  const bt = <usize>load<u32>(pf + F_BASIS), ys = <usize>load<u32>(pf + F_Y);
  const ymax = <usize>load<u32>(pf + F_YMAX), tail = <usize>load<u32>(pf + F_TAIL);
  const end = min(n, (task + 1) * rowsPerTask);
  for (let i = task * rowsPerTask; i < end; i++) {
    project(dsXn(ds) + ((<usize>i * <usize>dp) << 2), dp, bt, pw, ys + <usize>i * (<usize>pw << 2), ymax + (<usize>i << 2), tail + (<usize>i << 2));
  }
}

/**
 * The common scale, from every row's max |y|: Q / max with Q = ⌊√((2³¹ − 1)/P)⌋,
 * so that no sum of P products of int16 coordinates overflows i32.
 */
export function prefixScale(ds: usize, pf: usize): void {
  const n = dsN(ds), pw = pfWidth(pf);
  const ymax = <usize>load<u32>(pf + F_YMAX);
  let mx: f32 = 0;
  for (let i = 0; i < n; i++) mx = max(mx, load<f32>(ymax + (<usize>i << 2)));
  const qmax = Math.floor(Math.sqrt(2147483647 / <f64>pw));
  store<f64>(pf + F_INV, mx > 0 ? <f64>mx / qmax : 1);
}

/** Rows [task·rowsPerTask, …): coordinates to int16 at the common scale, and their error. */
export function prefixQuantizeTask(ds: usize, pf: usize, rowsPerTask: i32, task: i32): void {
  const n = dsN(ds), pw = pfWidth(pf);
  const ys = <usize>load<u32>(pf + F_Y), pre16 = pfPre16(pf), errs = <usize>load<u32>(pf + F_ERR);
  const inv = pfInv(pf);
  const scale = 1 / inv;
  const qmax = <i32>Math.floor(Math.sqrt(2147483647 / <f64>pw));
  const eta = basisError(pw, dsDp(ds));
  const end = min(n, (task + 1) * rowsPerTask);
  for (let i = task * rowsPerTask; i < end; i++) {
    const y = ys + <usize>i * (<usize>pw << 2), q = pre16 + <usize>i * (<usize>pw << 1);
    let e: f64 = 0;
    for (let p = 0; p < pw; p++) {
      const v = <f64>load<f32>(y + (<usize>p << 2));
      const qi = <i32>Math.round(v * scale);
      const c = qi > qmax ? qmax : qi < -qmax ? -qmax : qi;
      store<i16>(q + (<usize>p << 1), <i16>c);
      const diff = <f64>c * inv - v;
      e += diff * diff;
    }
    store<f32>(errs + (<usize>i << 2), roundUp32((Math.sqrt(e) + eta) * (1 + 1e-9) + 1e-12));
  }
}

/** The largest quantisation error, after prefixQuantizeTask. */
export function prefixErrorMax(ds: usize, pf: usize): void {
  const n = dsN(ds);
  const errs = <usize>load<u32>(pf + F_ERR);
  let e: f64 = 0;
  for (let i = 0; i < n; i++) e = max(e, <f64>load<f32>(errs + (<usize>i << 2)));
  store<f64>(pf + F_ERR_MAX, e);
}

/**
 * A normalised row x (dp f32): its coordinates y = B·x in the prefix basis
 * (bt = Bᵀ in f32, dp × pw), max |y|, and the distance t from the span, rounded
 * up, such that x̂_a·x̂_b ≤ y_a·y_b + t_a·t_b + η-terms for any two rows.
 *
 * y is computed in f32 from the f32 basis: against the exact orthonormal basis
 * each coordinate is off by at most (dp + 2)·2⁻²⁴ (rounding of the basis and of
 * a dp-term sum of products whose magnitudes add up to ≤ ‖B_p‖·‖x‖ ≈ 1), so the
 * vector by η = √pw·(dp + 2)·2⁻²⁴; t here and the quantisation error include it.
 */
function project(x: usize, dp: i32, bt: usize, pw: i32, y: usize, ymaxPtr: usize, tailPtr: usize): void {
  const rowBytes = <usize>pw << 2;
  for (let c = 0; c < pw; c += 8) {
    const col = bt + (<usize>c << 2);
    let a0 = f32x4.splat(0), a1 = f32x4.splat(0);
    for (let t = 0; t < dp; t++) {
      const v = v128.load32_splat(x + (<usize>t << 2));
      const b = col + <usize>t * rowBytes;
      a0 = f32x4.add(a0, f32x4.mul(v, v128.load(b)));
      a1 = f32x4.add(a1, f32x4.mul(v, v128.load(b, 16)));
    }
    const o = y + (<usize>c << 2);
    v128.store(o, a0);
    v128.store(o, a1, 16);
  }
  let mx: f32 = 0, ny2: f64 = 0, nx2: f64 = 0;
  for (let t = 0; t < dp; t++) { const v = <f64>load<f32>(x + (<usize>t << 2)); nx2 += v * v; }
  for (let p = 0; p < pw; p++) {
    const v = load<f32>(y + (<usize>p << 2));
    mx = max(mx, Mathf.abs(v));
    ny2 += <f64>v * <f64>v;
  }
  const ny = max(0, Math.sqrt(ny2) - basisError(pw, dp));
  store<f32>(ymaxPtr, mx);
  store<f32>(tailPtr, roundUp32(Math.sqrt(max(0, nx2 - ny * ny) + 1e-12) * (1 + 1e-9)));
}
