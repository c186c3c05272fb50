// Minimum spanning tree of the mutual-reachability graph by Prim's algorithm,
// step for step the same as the TypeScript reference (src/core/reference):
// start at row 0; each step adds the row with the smallest key (lowest index
// among equal keys) and records (bestFrom, row, key); a key improves only when
// strictly smaller. HDBSCAN's reference results depend on that exact sequence.
//
// Speed comes from never computing what cannot matter. For the row just added
// (cur) and a row j still outside, mr(cur, j) = max(core[cur], core[j], d) can
// only improve key[j] when max(core[cur], core[j]) < key[j] and a lower bound of
// d is below key[j]. Three levels decide, from cheap to exact:
//  1. an int8 dot product of rows quantised per row (q = round(x̂·s)), whose
//     error is bounded rigorously by e_a + e_b + e_a·e_b with e = ‖q/s − x̂‖₂;
//  2. the f32 SIMD dot product of the normalised rows (error ≤ tolerance);
//  3. the exact f64 distance, as the reference computes it.
// The int8 rows outside the tree are kept compacted (swap-remove), so each step
// streams one contiguous block of d bytes per row: a quarter of the f32 traffic.
import { dsDp, dsN, dsXn, exactDistance, screeningTolerance } from './similarity';

/** Bytes of scratch primMst needs for n rows of stride dp. */
export function primScratchBytes(n: i32, dp: i32): f64 {
  return <f64>n * (<f64>rowBytes8(dp) + 8 + 8 + 8 + 8 + 4 + 4) + <f64>rowBytes8(dp) * 2 + 256;
}

/** Bytes per int8 row: dp rounded up to a multiple of 16. */
@inline function rowBytes8(dp: i32): i32 { return (dp + 15) & ~15; }

/**
 * Prim over dataset ds with core distances core (f64 × n). Writes n − 1 edges to
 * from/to (i32) and weight (f64) in the order they are added.
 */
export function primMst(ds: usize, core: usize, from: usize, to: usize, weight: usize, scratch: usize): void {
  const n = dsN(ds), dp = dsDp(ds);
  if (n < 2) return;
  const rowBytes = <usize>dp << 2;
  const rb8 = <usize>rowBytes8(dp);
  const xn = dsXn(ds);
  // Scratch: int8 rows (compacted), then per slot: key, core, quantisation error,
  // 1/scale (f64), bestFrom, original index (i32); then the current row as i16.
  const rows8 = scratch;
  const key = (rows8 + <usize>n * rb8 + 15) & ~(<usize>15);
  const coreS = key + (<usize>n << 3);
  const errS = coreS + (<usize>n << 3);
  const invS = errS + (<usize>n << 3);
  const fromS = invS + (<usize>n << 3);
  const idx = fromS + (<usize>n << 2);
  const cur16 = (idx + (<usize>n << 2) + 15) & ~(<usize>15);
  // Row 0 is quantised into slot n − 1 (never a live slot) to serve as the first current row.
  let m = n - 1; // slots 0 … m − 1 hold rows 1 … n − 1
  for (let s = 0; s < m; s++) {
    quantize(xn + <usize>(s + 1) * rowBytes, dp, rows8 + <usize>s * rb8, rb8, errS + (<usize>s << 3), invS + (<usize>s << 3));
    store<f64>(key + (<usize>s << 3), Infinity);
    store<f64>(coreS + (<usize>s << 3), load<f64>(core + (<usize>(s + 1) << 3)));
    store<i32>(fromS + (<usize>s << 2), -1);
    store<i32>(idx + (<usize>s << 2), s + 1);
  }
  const spare = <usize>(n - 1);
  quantize(xn, dp, rows8 + spare * rb8, rb8, errS + (spare << 3), invS + (spare << 3));
  let curErr = load<f64>(errS + (spare << 3)), curInv = load<f64>(invS + (spare << 3));
  widen(rows8 + spare * rb8, rb8, cur16);
  const tau = screeningTolerance(dp);
  let cur = 0;
  let curRow = xn; // row 0 of the normalised copy
  for (let e = 0; e < n - 1; e++) {
    const coreCur = load<f64>(core + (<usize>cur << 3));
    let next = -1, nextSlot = -1;
    let nextW: f64 = Infinity;
    let s = 0;
    for (; s + 4 <= m; s += 4) {
      const k0 = load<f64>(key + (<usize>s << 3)), k1 = load<f64>(key + (<usize>(s + 1) << 3));
      const k2 = load<f64>(key + (<usize>(s + 2) << 3)), k3 = load<f64>(key + (<usize>(s + 3) << 3));
      const c0 = max(coreCur, load<f64>(coreS + (<usize>s << 3)));
      const c1 = max(coreCur, load<f64>(coreS + (<usize>(s + 1) << 3)));
      const c2 = max(coreCur, load<f64>(coreS + (<usize>(s + 2) << 3)));
      const c3 = max(coreCur, load<f64>(coreS + (<usize>(s + 3) << 3)));
      if (c0 < k0 || c1 < k1 || c2 < k2 || c3 < k3) {
        const r0 = rows8 + <usize>s * rb8;
        const r1 = r0 + rb8, r2 = r1 + rb8, r3 = r2 + rb8;
        let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
        for (let t: usize = 0; t < rb8; t += 16) {
          const lo = v128.load(cur16 + (t << 1));
          const hi = v128.load(cur16 + (t << 1) + 16);
          const y0 = v128.load(r0 + t), y1 = v128.load(r1 + t), y2 = v128.load(r2 + t), y3 = v128.load(r3 + t);
          a0 = i32x4.add(a0, i32x4.add(i32x4.dot_i16x8_s(lo, i16x8.extend_low_i8x16_s(y0)), i32x4.dot_i16x8_s(hi, i16x8.extend_high_i8x16_s(y0))));
          a1 = i32x4.add(a1, i32x4.add(i32x4.dot_i16x8_s(lo, i16x8.extend_low_i8x16_s(y1)), i32x4.dot_i16x8_s(hi, i16x8.extend_high_i8x16_s(y1))));
          a2 = i32x4.add(a2, i32x4.add(i32x4.dot_i16x8_s(lo, i16x8.extend_low_i8x16_s(y2)), i32x4.dot_i16x8_s(hi, i16x8.extend_high_i8x16_s(y2))));
          a3 = i32x4.add(a3, i32x4.add(i32x4.dot_i16x8_s(lo, i16x8.extend_low_i8x16_s(y3)), i32x4.dot_i16x8_s(hi, i16x8.extend_high_i8x16_s(y3))));
        }
        if (c0 < k0) screen(ds, cur, curRow, rowBytes, curErr, curInv, s, hsum(a0), c0, k0, tau, key, errS, invS, fromS, idx, xn);
        if (c1 < k1) screen(ds, cur, curRow, rowBytes, curErr, curInv, s + 1, hsum(a1), c1, k1, tau, key, errS, invS, fromS, idx, xn);
        if (c2 < k2) screen(ds, cur, curRow, rowBytes, curErr, curInv, s + 2, hsum(a2), c2, k2, tau, key, errS, invS, fromS, idx, xn);
        if (c3 < k3) screen(ds, cur, curRow, rowBytes, curErr, curInv, s + 3, hsum(a3), c3, k3, tau, key, errS, invS, fromS, idx, xn);
      }
      for (let u = s; u < s + 4; u++) {
        const kv = load<f64>(key + (<usize>u << 3));
        const j = load<i32>(idx + (<usize>u << 2));
        if (kv < nextW || (kv == nextW && j < next)) { nextW = kv; next = j; nextSlot = u; }
      }
    }
    for (; s < m; s++) {
      const kv0 = load<f64>(key + (<usize>s << 3));
      const c = max(coreCur, load<f64>(coreS + (<usize>s << 3)));
      if (c < kv0) {
        const j = load<i32>(idx + (<usize>s << 2));
        relax(ds, cur, s, <f64>dotRowLocal(curRow, xn + <usize>j * rowBytes, rowBytes), c, kv0, tau, key, fromS, idx);
      }
      const kv = load<f64>(key + (<usize>s << 3));
      const j = load<i32>(idx + (<usize>s << 2));
      if (kv < nextW || (kv == nextW && j < next)) { nextW = kv; next = j; nextSlot = s; }
    }
    store<i32>(from + (<usize>e << 2), load<i32>(fromS + (<usize>nextSlot << 2)));
    store<i32>(to + (<usize>e << 2), next);
    store<f64>(weight + (<usize>e << 3), nextW);
    // The chosen row becomes current; then swap-remove its slot.
    curErr = load<f64>(errS + (<usize>nextSlot << 3));
    curInv = load<f64>(invS + (<usize>nextSlot << 3));
    widen(rows8 + <usize>nextSlot * rb8, rb8, cur16);
    m--;
    if (nextSlot != m) {
      memory.copy(rows8 + <usize>nextSlot * rb8, rows8 + <usize>m * rb8, rb8);
      store<f64>(key + (<usize>nextSlot << 3), load<f64>(key + (<usize>m << 3)));
      store<f64>(coreS + (<usize>nextSlot << 3), load<f64>(coreS + (<usize>m << 3)));
      store<f64>(errS + (<usize>nextSlot << 3), load<f64>(errS + (<usize>m << 3)));
      store<f64>(invS + (<usize>nextSlot << 3), load<f64>(invS + (<usize>m << 3)));
      store<i32>(fromS + (<usize>nextSlot << 2), load<i32>(fromS + (<usize>m << 2)));
      store<i32>(idx + (<usize>nextSlot << 2), load<i32>(idx + (<usize>m << 2)));
    }
    cur = next;
    curRow = xn + <usize>cur * rowBytes;
  }
}

/**
 * Quantise a normalised f32 row to int8 with scale s = 127 / max|x|; store the
 * error ‖q/s − x‖₂ (rounded up) and 1/s.
 */
function quantize(x: usize, dp: i32, q: usize, rb8: usize, errPtr: usize, invPtr: usize): void {
  let mx: f64 = 0;
  for (let t = 0; t < dp; t++) mx = max(mx, Math.abs(<f64>load<f32>(x + (<usize>t << 2))));
  const scale = mx > 0 ? 127 / mx : 1;
  const inv = 1 / scale;
  let err: f64 = 0;
  for (let t = 0; t < <i32>rb8; t++) {
    const v = t < dp ? <f64>load<f32>(x + (<usize>t << 2)) : 0;
    const qi = <i32>Math.round(v * scale);
    const c = qi > 127 ? 127 : qi < -127 ? -127 : qi;
    store<i8>(q + <usize>t, <i8>c);
    const diff = <f64>c * inv - v;
    err += diff * diff;
  }
  store<f64>(errPtr, Math.sqrt(err) * (1 + 1e-9) + 1e-12);
  store<f64>(invPtr, inv);
}

/** Sign-extend an int8 row to int16 (low and high halves of every 16 bytes). */
@inline function widen(q: usize, rb8: usize, out: usize): void {
  for (let t: usize = 0; t < rb8; t += 16) {
    const v = v128.load(q + t);
    v128.store(out + (t << 1), i16x8.extend_low_i8x16_s(v));
    v128.store(out + (t << 1) + 16, i16x8.extend_high_i8x16_s(v));
  }
}

@inline function hsum(a: v128): i32 {
  return i32x4.extract_lane(a, 0) + i32x4.extract_lane(a, 1) + i32x4.extract_lane(a, 2) + i32x4.extract_lane(a, 3);
}

/** Levels 1 and 2 for slot s: int8 bound, then f32 bound, then relax exactly. */
@inline function screen(
  ds: usize, cur: i32, curRow: usize, rowBytes: usize, curErr: f64, curInv: f64, s: i32, idot: i32,
  coreMax: f64, k: f64, tau: f64, key: usize, errS: usize, invS: usize, fromS: usize, idx: usize, xn: usize,
): void {
  const e = load<f64>(errS + (<usize>s << 3));
  const approx = <f64>idot * curInv * load<f64>(invS + (<usize>s << 3));
  const bound = 1 - approx - ((curErr + e) * (1 + 1e-6) + curErr * e + tau + 1e-9);
  if (max(coreMax, bound) >= k) return;
  const j = load<i32>(idx + (<usize>s << 2));
  relax(ds, cur, s, <f64>dotRowLocal(curRow, xn + <usize>j * rowBytes, rowBytes), coreMax, k, tau, key, fromS, idx);
}

/** Update slot s from the row just added, when the exact value can beat its key. */
@inline function relax(
  ds: usize, cur: i32, s: i32, sim: f64, coreMax: f64, k: f64, tau: f64, key: usize, fromS: usize, idx: usize,
): void {
  if (max(coreMax, 1 - sim - tau) >= k) return;
  const j = load<i32>(idx + (<usize>s << 2));
  const mr = max(coreMax, exactDistance(ds, cur, ds, j));
  if (mr < k) {
    store<f64>(key + (<usize>s << 3), mr);
    store<i32>(fromS + (<usize>s << 2), cur);
  }
}

@inline function reduce4(a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  const s01 = f32x4.add(f32x4.shuffle(a0, a1, 0, 4, 1, 5), f32x4.shuffle(a0, a1, 2, 6, 3, 7));
  const s23 = f32x4.add(f32x4.shuffle(a2, a3, 0, 4, 1, 5), f32x4.shuffle(a2, a3, 2, 6, 3, 7));
  return f32x4.add(f32x4.shuffle(s01, s23, 0, 1, 4, 5), f32x4.shuffle(s01, s23, 2, 3, 6, 7));
}

@inline function dotRowLocal(a: usize, b: usize, bytes: usize): f32 {
  let acc = f32x4.splat(0);
  for (let t: usize = 0; t < bytes; t += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + t), v128.load(b + t)));
  const z = f32x4.splat(0);
  return f32x4.extract_lane(reduce4(acc, z, z, z), 0);
}
