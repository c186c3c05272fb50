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

// Threads: the rows outside the tree are split into `parts` partitions. In every
// step each participating thread claims partitions (compare-and-swap on a step
// counter), relaxes them against the current row and publishes the partition's
// best (key, row); the thread that finishes the last partition picks the step's
// row exactly as the reference would (smallest key, then lowest index) and
// records the edge. A thread that is descheduled holds up the others only while
// it holds a partition, so an oversubscribed machine degrades gracefully.
// Results do not depend on the number of threads or partitions.

// Context block (i32 slots unless noted), written by primInit.
const C_DS = 0, C_CORE = 4, C_FROM = 8, C_TO = 12, C_WEIGHT = 16, C_PARTS = 20, C_ROWS8 = 24, C_ERR = 28;
const C_INV = 32, C_PART_TABLE = 36, C_RESULTS = 40, C_CUR16 = 44, C_N = 48;
// Counters, each on its own cache line.
const C_CLAIM = 64, C_DONE = 128, C_DECIDED = 192;
const CONTEXT_BYTES = 256;
// Partition table entry: first row, capacity, live slots, pending removal, region.
const P_FIRST = 0, P_CAP = 4, P_LIVE = 8, P_REMOVE = 12, P_REGION = 16;
const PART_ENTRY = 32;
// Published partition result: key (f64), row, slot, from.
const RESULT_BYTES = 32;

/** Bytes per int8 row: dp rounded up to a multiple of 16. */
@inline function rowBytes8(dp: i32): i32 { return (dp + 15) & ~15; }
@inline function align64(x: usize): usize { return (x + 63) & ~(<usize>63); }
@inline function slotBytes(rb8: usize): usize { return rb8 + 8 + 8 + 8 + 8 + 4 + 4; }

/** Bytes of scratch primInit needs for n rows of stride dp, `parts` partitions and `threads` threads. */
export function primScratchBytes(n: i32, dp: i32, parts: i32, threads: i32): f64 {
  const rb8 = <f64>rowBytes8(dp);
  return CONTEXT_BYTES + <f64>n * (rb8 + 16) + <f64>parts * (PART_ENTRY + RESULT_BYTES + 64 * 8)
    + <f64>n * (rb8 + 40) + <f64>threads * rb8 * 2 + 1024;
}

/**
 * Lay out the scratch for Prim over dataset ds and core distances (f64 × n);
 * returns the context pointer. Then run primQuantizeTask over rows,
 * primPartitionTask over partitions, and primRunTask once on every thread.
 */
export function primInit(ds: usize, core: usize, from: usize, to: usize, weight: usize, parts: i32, threads: i32, scratch: usize): usize {
  const n = dsN(ds), dp = dsDp(ds);
  const rb8 = <usize>rowBytes8(dp);
  const ctx = align64(scratch);
  memory.fill(ctx, 0, CONTEXT_BYTES);
  store<u32>(ctx + C_DS, <u32>ds);
  store<u32>(ctx + C_CORE, <u32>core);
  store<u32>(ctx + C_FROM, <u32>from);
  store<u32>(ctx + C_TO, <u32>to);
  store<u32>(ctx + C_WEIGHT, <u32>weight);
  store<i32>(ctx + C_PARTS, parts);
  store<i32>(ctx + C_N, n);
  let p = ctx + CONTEXT_BYTES;
  store<u32>(ctx + C_ROWS8, <u32>p); p = align64(p + <usize>n * rb8);
  store<u32>(ctx + C_ERR, <u32>p); p = align64(p + (<usize>n << 3));
  store<u32>(ctx + C_INV, <u32>p); p = align64(p + (<usize>n << 3));
  store<u32>(ctx + C_PART_TABLE, <u32>p); p = align64(p + <usize>parts * PART_ENTRY);
  store<u32>(ctx + C_RESULTS, <u32>p); p = align64(p + <usize>parts * RESULT_BYTES);
  store<u32>(ctx + C_CUR16, <u32>p); p = align64(p + <usize>threads * (rb8 << 1));
  // Rows 1 … n − 1 in `parts` contiguous ranges.
  const m = n - 1;
  for (let k = 0; k < parts; k++) {
    const first = 1 + <i32>((<i64>m * k) / parts);
    const last = 1 + <i32>((<i64>m * (k + 1)) / parts);
    const e = <usize>load<u32>(ctx + C_PART_TABLE) + <usize>k * PART_ENTRY;
    store<i32>(e + P_FIRST, first);
    store<i32>(e + P_CAP, last - first);
    store<i32>(e + P_LIVE, last - first);
    store<i32>(e + P_REMOVE, -1);
    store<u32>(e + P_REGION, <u32>p);
    p = align64(p + <usize>(last - first) * slotBytes(rb8));
  }
  return ctx;
}

/** Quantise rows [task·rowsPerTask, …) of the dataset to int8 (see quantize). */
export function primQuantizeTask(ctx: usize, rowsPerTask: i32, task: i32): void {
  const ds = <usize>load<u32>(ctx + C_DS);
  const n = dsN(ds), dp = dsDp(ds);
  const rb8 = <usize>rowBytes8(dp);
  const rowBytes = <usize>dp << 2;
  const rows8 = <usize>load<u32>(ctx + C_ROWS8), err = <usize>load<u32>(ctx + C_ERR), inv = <usize>load<u32>(ctx + C_INV);
  const end = min(n, (task + 1) * rowsPerTask);
  for (let i = task * rowsPerTask; i < end; i++) {
    quantize(dsXn(ds) + <usize>i * rowBytes, dp, rows8 + <usize>i * rb8, rb8, err + (<usize>i << 3), inv + (<usize>i << 3));
  }
}

/** Fill partition `task`: its rows' int8 copies and keys = ∞. */
export function primPartitionTask(ctx: usize, task: i32): void {
  const ds = <usize>load<u32>(ctx + C_DS);
  const rb8 = <usize>rowBytes8(dsDp(ds));
  const e = <usize>load<u32>(ctx + C_PART_TABLE) + <usize>task * PART_ENTRY;
  const first = load<i32>(e + P_FIRST), cap = load<i32>(e + P_CAP);
  const region = <usize>load<u32>(e + P_REGION);
  const core = <usize>load<u32>(ctx + C_CORE);
  const rows8 = <usize>load<u32>(ctx + C_ROWS8), err = <usize>load<u32>(ctx + C_ERR), inv = <usize>load<u32>(ctx + C_INV);
  memory.copy(region, rows8 + <usize>first * rb8, <usize>cap * rb8);
  const key = region + <usize>cap * rb8;
  const coreS = key + (<usize>cap << 3), errS = coreS + (<usize>cap << 3), invS = errS + (<usize>cap << 3);
  const fromS = invS + (<usize>cap << 3), idx = fromS + (<usize>cap << 2);
  for (let s = 0; s < cap; s++) {
    const j = first + s;
    store<f64>(key + (<usize>s << 3), Infinity);
    store<f64>(coreS + (<usize>s << 3), load<f64>(core + (<usize>j << 3)));
    store<f64>(errS + (<usize>s << 3), load<f64>(err + (<usize>j << 3)));
    store<f64>(invS + (<usize>s << 3), load<f64>(inv + (<usize>j << 3)));
    store<i32>(fromS + (<usize>s << 2), -1);
    store<i32>(idx + (<usize>s << 2), j);
  }
}

/** Wait until the 32-bit counter at ptr reaches target: spin briefly, then sleep in short waits. */
@inline function awaitCounter(ptr: usize, target: i32): void {
  let spins = 0;
  for (;;) {
    const v = atomic.load<i32>(ptr);
    if (v >= target) return;
    if (++spins > 2000) memory.atomic.wait32(ptr, v, 200_000);
  }
}

/** One participant of the Prim run (every thread calls it once; see the header). */
export function primRunTask(ctx: usize, task: i32, thread: i32): void {
  const ds = <usize>load<u32>(ctx + C_DS);
  const n = dsN(ds), dp = dsDp(ds);
  if (n < 2) return;
  const parts = load<i32>(ctx + C_PARTS);
  const rb8 = <usize>rowBytes8(dp);
  const rowBytes = <usize>dp << 2;
  const xn = dsXn(ds);
  const core = <usize>load<u32>(ctx + C_CORE);
  const to = <usize>load<u32>(ctx + C_TO);
  const rows8 = <usize>load<u32>(ctx + C_ROWS8), errAll = <usize>load<u32>(ctx + C_ERR), invAll = <usize>load<u32>(ctx + C_INV);
  const table = <usize>load<u32>(ctx + C_PART_TABLE);
  const results = <usize>load<u32>(ctx + C_RESULTS);
  const cur16 = <usize>load<u32>(ctx + C_CUR16) + <usize>thread * (rb8 << 1);
  const tau = screeningTolerance(dp);
  for (let e = 0; e < n - 1; e++) {
    // The current row: 0 first, then the row the previous step added.
    if (e > 0) awaitCounter(ctx + C_DECIDED, e);
    const cur = e == 0 ? 0 : load<i32>(to + (<usize>(e - 1) << 2));
    widen(rows8 + <usize>cur * rb8, rb8, cur16);
    const curRow = xn + <usize>cur * rowBytes;
    const coreCur = load<f64>(core + (<usize>cur << 3));
    const curErr = load<f64>(errAll + (<usize>cur << 3));
    const curInv = load<f64>(invAll + (<usize>cur << 3));
    const lo = e * parts, hi = (e + 1) * parts;
    for (;;) {
      const c = atomic.load<i32>(ctx + C_CLAIM);
      if (c >= hi) break;
      if (atomic.cmpxchg<i32>(ctx + C_CLAIM, c, c + 1) != c) continue;
      relaxPartition(ds, table + <usize>(c - lo) * PART_ENTRY, results + <usize>(c - lo) * RESULT_BYTES,
        cur, curRow, coreCur, curErr, curInv, cur16, rb8, rowBytes, tau);
      if (atomic.add<i32>(ctx + C_DONE, 1) == hi - 1) {
        decide(ctx, e, parts, table, results);
        atomic.store<i32>(ctx + C_DECIDED, e + 1);
        atomic.notify(ctx + C_DECIDED);
      }
    }
  }
  awaitCounter(ctx + C_DECIDED, n - 1);
}

/** Pick the step's row from the partitions' bests, record the edge, schedule its removal. */
function decide(ctx: usize, e: i32, parts: i32, table: usize, results: usize): void {
  let bestK = -1, next = -1;
  let nextW: f64 = Infinity;
  for (let k = 0; k < parts; k++) {
    const r = results + <usize>k * RESULT_BYTES;
    const j = load<i32>(r, 8);
    if (j < 0) continue;
    const w = load<f64>(r);
    if (bestK < 0 || w < nextW || (w == nextW && j < next)) { bestK = k; next = j; nextW = w; }
  }
  const r = results + <usize>bestK * RESULT_BYTES;
  store<i32>(<usize>load<u32>(ctx + C_FROM) + (<usize>e << 2), load<i32>(r, 16));
  store<i32>(<usize>load<u32>(ctx + C_TO) + (<usize>e << 2), next);
  store<f64>(<usize>load<u32>(ctx + C_WEIGHT) + (<usize>e << 3), nextW);
  store<i32>(table + <usize>bestK * PART_ENTRY + P_REMOVE, load<i32>(r, 12));
}

/** Apply the pending removal of partition `entry`, relax its slots against the current row, publish its best. */
function relaxPartition(
  ds: usize, entry: usize, result: usize, cur: i32, curRow: usize, coreCur: f64, curErr: f64, curInv: f64,
  cur16: usize, rb8: usize, rowBytes: usize, tau: f64,
): void {
  const cap = load<i32>(entry + P_CAP);
  let m = load<i32>(entry + P_LIVE);
  const region = <usize>load<u32>(entry + P_REGION);
  const rows = region;
  const key = region + <usize>cap * rb8;
  const coreS = key + (<usize>cap << 3), errS = coreS + (<usize>cap << 3), invS = errS + (<usize>cap << 3);
  const fromS = invS + (<usize>cap << 3), idx = fromS + (<usize>cap << 2);
  const remove = load<i32>(entry + P_REMOVE);
  if (remove >= 0) {
    // Swap-remove the row the previous step added.
    m--;
    if (remove != m) {
      memory.copy(rows + <usize>remove * rb8, rows + <usize>m * rb8, rb8);
      store<f64>(key + (<usize>remove << 3), load<f64>(key + (<usize>m << 3)));
      store<f64>(coreS + (<usize>remove << 3), load<f64>(coreS + (<usize>m << 3)));
      store<f64>(errS + (<usize>remove << 3), load<f64>(errS + (<usize>m << 3)));
      store<f64>(invS + (<usize>remove << 3), load<f64>(invS + (<usize>m << 3)));
      store<i32>(fromS + (<usize>remove << 2), load<i32>(fromS + (<usize>m << 2)));
      store<i32>(idx + (<usize>remove << 2), load<i32>(idx + (<usize>m << 2)));
    }
    store<i32>(entry + P_LIVE, m);
    store<i32>(entry + P_REMOVE, -1);
  }
  const xn = dsXn(ds);
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
      const r0 = rows + <usize>s * rb8;
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
      if (kv < nextW || (kv == nextW && j < next) || next < 0) { nextW = kv; next = j; nextSlot = u; }
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
    if (kv < nextW || (kv == nextW && j < next) || next < 0) { nextW = kv; next = j; nextSlot = s; }
  }
  store<f64>(result, nextW);
  store<i32>(result, next, 8);
  store<i32>(result, nextSlot, 12);
  store<i32>(result, nextSlot >= 0 ? load<i32>(fromS + (<usize>nextSlot << 2)) : -1, 16);
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
