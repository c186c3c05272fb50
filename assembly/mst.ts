// Minimum spanning tree of the mutual-reachability graph by Prim's algorithm,
// step for step the same as the TypeScript reference (src/core/reference):
// start at row 0; each step adds the row with the smallest key (lowest index
// among equal keys) and records (bestFrom, row, key); a key improves only when
// strictly smaller. HDBSCAN's reference results depend on that exact sequence.
//
// Speed comes from never computing what cannot matter. For the row just added
// (cur) and a row j still outside, mr(cur, j) = max(core[cur], core[j], d) can
// only improve key[j] when max(core[cur], core[j]) < key[j] and a lower bound of
// d is below key[j].
//
// Saturated rows. key[j] ≥ core[j] always, so a row whose key has reached its
// core distance can never improve again. On real data about 40% of the row
// visits of a plain Prim are to such rows. They leave the scanned arrays for a
// min-heap (by key, then row) of their partition, and only its top competes.
//
// The other rows are scanned; four levels decide, from cheap to exact:
//  0. the prefix (assembly/prefix.ts): P ≪ d coordinates of each row in a basis of
//     the data's leading principal directions (src/core/principal-subspace.ts),
//     quantised to int16.
//     x̂_a·x̂_b = y_a·y_b + (rest), |rest| ≤ t_a·t_b where y = the P coordinates
//     and t = the row's distance from their span; so a P-term int16 dot product
//     (one scale for all rows) plus error terms bounds d from below. Four rows at a
//     time in f32x4, keys and core distances kept beside them in f32 rounded the
//     safe way (keys up, core distances down), so that a pruned pair is always one
//     the f64 test prunes. The slots it keeps go to a list without a branch per
//     slot (a mispredicted branch per kept slot cost more than level 0 saved), and
//     levels 1–3 take the list four at a time;
//  1. an int8 dot product of the whole rows quantised per row (q = round(x̂·s)),
//     four rows per pass,
//     whose error is bounded rigorously by e_a + e_b + e_a·e_b with e = ‖q/s − x̂‖₂;
//  2. the f32 SIMD dot product of the normalised rows (error ≤ tolerance);
//  3. the exact f64 distance, as the reference computes it; skipped when the
//     current row is an exact copy of the row that set key[j] (template postings):
//     the same inputs give the same distance, so the key cannot fall.
// Memory traffic decides the speed from ~50k rows on, so a partition keeps what
// level 0 reads for every row in small arrays (P int16 + three f32: 44 bytes per
// row at P = 16) and everything else of a row in one record (int8 row, f64 key,
// core, error, scale, row, from) that only the rows level 0 keeps touch. Rows are
// kept compacted (swap-remove).
import { pfInv, pfPre16, pfSlack, pfTail, pfWidth, roundUp32 } from './prefix';
import { dots4i16, reduce4, reduce4i } from './simd';
import { dsDp, dsD, dsN, dsXn, dsXo, exactDistance, screeningTolerance } from './similarity';

// Threads: the rows outside the tree are split into `parts` partitions. In every
// step each participating thread claims partitions (compare-and-swap on the
// partition's step count; its own partitions, k ≡ thread mod threads, first, so
// that a partition's slots stay in one core's cache from step to step: 5–10 %
// faster at 10k rows than claiming in order, docs/perf-log.md 2026-12-06 session
// 12; then any left), relaxes them against the current row and publishes the partition's
// best (key, row); the thread that finishes the last partition picks the step's
// row exactly as the reference would (smallest key, then lowest index) and
// records the edge. A thread that is descheduled holds up the others only while
// it holds a partition, so an oversubscribed machine degrades gracefully.
// Results do not depend on the number of threads or partitions.

// Context block (i32 slots unless noted), written by primInit.
const C_DS = 0, C_CORE = 4, C_FROM = 8, C_TO = 12, C_WEIGHT = 16, C_PARTS = 20, C_ROWS8 = 24, C_ERR = 28;
const C_INV = 32, C_PART_TABLE = 36, C_RESULTS = 40, C_CUR16 = 44, C_N = 48, C_THREADS = 52;
// Counters, each on its own cache line.
const C_DONE = 128, C_DECIDED = 192;
// PF: the prefix descriptor (assembly/prefix.ts). HASH: u32 per row, of its f32 bits.
const C_PF = 256, C_HASH = 284, C_STATE = 288, C_SATURATED = 292, C_SAT_CAP = 296;
const CONTEXT_BYTES = 320;
// Per thread: a Slots view at 0 and a Current at 64 (the stub runtime must not allocate).
const STATE_BYTES: usize = 192;
// Partition table entry: first row, capacity, scanned slots, pending removal
// (slot ≥ 0, HEAP_TOP, or NONE), region, saturated rows in the heap, and the
// number of steps it has been claimed for (claimed for step s: s + 1).
const P_FIRST = 0, P_CAP = 4, P_LIVE = 8, P_REMOVE = 12, P_REGION = 16, P_HEAP = 20, P_CLAIMED = 24;
const PART_ENTRY = 32;
const NONE = -1, HEAP_TOP = -2;
// Slack of the f32 evaluation of level 0 (a few roundings of values ≤ 4: < 2e-6).
const F32_SLACK: f64 = 1e-5;
// Published partition result: key (f64), row, slot (or HEAP_TOP), from.
const RESULT_BYTES = 32;

/** Bytes per int8 row: dp rounded up to a multiple of 16. */
@inline function rowBytes8(dp: i32): i32 { return (dp + 15) & ~15; }
@inline function align64(x: usize): usize { return (x + 63) & ~(<usize>63); }
// A partition's region: the hot arrays level 0 scans — key (f32, rounded up), core
// distance (f32, rounded down), distance from the span (f32), prefix (pw int16) —
// then one cold record per slot (recordBytes: int8 row, key f64, core f64, err f64,
// inv f64, row i32, from i32), then the heap (key f64, row i32, from i32).
const R_KEY = 0, R_CORE = 8, R_ERR = 16, R_INV = 24, R_IDX = 32, R_FROM = 36;
@inline function recordBytes(rb8: usize): usize { return rb8 + 48; }
@inline function slotBytes(rb8: usize, pw: usize): usize { return 3 * 4 + (pw << 1) + recordBytes(rb8) + 8 + 4 + 4; }

/** Bytes of scratch primInit needs for n rows of stride dp, prefix width pw, `parts` partitions and `threads` threads. */
export function primScratchBytes(n: i32, dp: i32, pw: i32, parts: i32, threads: i32): f64 {
  const rb8 = <f64>rowBytes8(dp);
  const perThread = rb8 * 2 + <f64>STATE_BYTES + (<f64>n / <f64>parts + 8) * 8 + 4 * 64;
  return CONTEXT_BYTES + <f64>n * (rb8 + 16) + <f64>n * 4 + <f64>parts * (PART_ENTRY + RESULT_BYTES + 64 * 8)
    + <f64>n * <f64>slotBytes(<usize>rb8, <usize>pw) + <f64>threads * perThread + 1024;
}

/** Nearest f32 ≤ x (x ≥ 0). */
@inline function roundDown32(x: f64): f32 {
  let f = <f32>x;
  if (<f64>f > x) f = reinterpret<f32>(reinterpret<i32>(f) - 1);
  return f;
}

/**
 * Lay out the scratch for Prim over dataset ds, its prefix pf and core
 * distances (f64 × n); returns the context pointer. Then run primQuantizeTask
 * over rows, primPartitionTask over partitions, and primRunTask once on every
 * thread.
 */
export function primInit(
  ds: usize, pf: usize, core: usize, from: usize, to: usize, weight: usize, parts: i32, threads: i32, scratch: usize,
): usize {
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
  store<i32>(ctx + C_THREADS, threads);
  store<u32>(ctx + C_PF, <u32>pf);
  const m = n - 1;
  const satCap = <usize>(m / parts + 8);
  let p = ctx + CONTEXT_BYTES;
  store<u32>(ctx + C_ROWS8, <u32>p); p = align64(p + <usize>n * rb8);
  store<u32>(ctx + C_ERR, <u32>p); p = align64(p + (<usize>n << 3));
  store<u32>(ctx + C_INV, <u32>p); p = align64(p + (<usize>n << 3));
  store<u32>(ctx + C_HASH, <u32>p); p = align64(p + (<usize>n << 2));
  store<u32>(ctx + C_PART_TABLE, <u32>p); p = align64(p + <usize>parts * PART_ENTRY);
  store<u32>(ctx + C_RESULTS, <u32>p); p = align64(p + <usize>parts * RESULT_BYTES);
  store<u32>(ctx + C_CUR16, <u32>p); p = align64(p + <usize>threads * (rb8 << 1));
  store<u32>(ctx + C_STATE, <u32>p); p = align64(p + <usize>threads * STATE_BYTES);
  // Per thread: the slots that saturated, then the slots level 0 kept (satCap each).
  store<u32>(ctx + C_SATURATED, <u32>p); p = align64(p + <usize>threads * (satCap << 3));
  store<i32>(ctx + C_SAT_CAP, <i32>satCap);
  // Rows 1 … n − 1 in `parts` contiguous ranges.
  for (let k = 0; k < parts; k++) {
    const first = 1 + <i32>((<i64>m * k) / parts);
    const last = 1 + <i32>((<i64>m * (k + 1)) / parts);
    const e = <usize>load<u32>(ctx + C_PART_TABLE) + <usize>k * PART_ENTRY;
    store<i32>(e + P_FIRST, first);
    store<i32>(e + P_CAP, last - first);
    store<i32>(e + P_LIVE, last - first);
    store<i32>(e + P_REMOVE, NONE);
    store<u32>(e + P_REGION, <u32>p);
    store<i32>(e + P_HEAP, 0);
    store<i32>(e + P_CLAIMED, 0);
    // + 32: slots() aligns the prefix and the records to 16 bytes.
    p = align64(p + <usize>(last - first) * slotBytes(rb8, <usize>pfWidth(pf)) + 32);
  }
  return ctx;
}

/** Rows [task·rowsPerTask, …): the whole row to int8 (level 1), and its hash. */
export function primQuantizeTask(ctx: usize, rowsPerTask: i32, task: i32): void {
  const ds = <usize>load<u32>(ctx + C_DS);
  const n = dsN(ds), d = dsD(ds), dp = dsDp(ds);
  const rb8 = <usize>rowBytes8(dp);
  const rowBytes = <usize>dp << 2;
  const rows8 = <usize>load<u32>(ctx + C_ROWS8), err = <usize>load<u32>(ctx + C_ERR), inv = <usize>load<u32>(ctx + C_INV);
  const hash = <usize>load<u32>(ctx + C_HASH);
  const end = min(n, (task + 1) * rowsPerTask);
  for (let i = task * rowsPerTask; i < end; i++) {
    quantize(dsXn(ds) + <usize>i * rowBytes, dp, rows8 + <usize>i * rb8, rb8, err + (<usize>i << 3), inv + (<usize>i << 3));
    store<u32>(hash + (<usize>i << 2), rowHash(dsXo(ds) + <usize>i * (<usize>d << 2), d));
  }
}

/** FNV-1a over the f32 bits of a row: equal rows, equal hashes. */
function rowHash(x: usize, d: i32): u32 {
  let h: u32 = 2166136261;
  for (let t = 0; t < d; t++) h = (h ^ load<u32>(x + (<usize>t << 2))) * 16777619;
  return h;
}

/** A partition's arrays (see slotBytes); a view of per-thread scratch, never allocated. */
@unmanaged class Slots {
  key32: usize; core32: usize; ptail: usize; pre: usize; records: usize;
  hkey: usize; hidx: usize; hfrom: usize;
}

@inline function slots(out: Slots, region: usize, cap: i32, rb8: usize, pw: usize): void {
  const c = <usize>cap;
  out.key32 = region;
  out.core32 = out.key32 + (c << 2);
  out.ptail = out.core32 + (c << 2);
  out.pre = (out.ptail + (c << 2) + 15) & ~(<usize>15);
  out.records = (out.pre + c * (pw << 1) + 15) & ~(<usize>15);
  out.hkey = out.records + c * recordBytes(rb8);
  out.hidx = out.hkey + (c << 3);
  out.hfrom = out.hidx + (c << 2);
}

@inline function recordOf(S: Slots, s: i32, rb8: usize): usize {
  return S.records + <usize>s * recordBytes(rb8);
}

@inline function stateOf(ctx: usize, thread: i32): usize {
  return <usize>load<u32>(ctx + C_STATE) + <usize>thread * STATE_BYTES;
}

/** Fill partition `task`: its rows' records and prefixes, keys = ∞. */
export function primPartitionTask(ctx: usize, task: i32, thread: i32): void {
  const ds = <usize>load<u32>(ctx + C_DS);
  const rb8 = <usize>rowBytes8(dsDp(ds));
  const pf = <usize>load<u32>(ctx + C_PF);
  const pw = <usize>pfWidth(pf);
  const e = <usize>load<u32>(ctx + C_PART_TABLE) + <usize>task * PART_ENTRY;
  const first = load<i32>(e + P_FIRST), cap = load<i32>(e + P_CAP);
  const core = <usize>load<u32>(ctx + C_CORE);
  const rows8 = <usize>load<u32>(ctx + C_ROWS8), err = <usize>load<u32>(ctx + C_ERR), inv = <usize>load<u32>(ctx + C_INV);
  const ptail = pfTail(pf);
  const S = changetype<Slots>(stateOf(ctx, thread));
  slots(S, <usize>load<u32>(e + P_REGION), cap, rb8, pw);
  memory.copy(S.pre, pfPre16(pf) + <usize>first * (pw << 1), <usize>cap * (pw << 1));
  for (let s = 0; s < cap; s++) {
    const j = first + s;
    const s4 = <usize>s << 2, j8 = <usize>j << 3;
    const c = load<f64>(core + j8);
    const rec = recordOf(S, s, rb8);
    memory.copy(rec, rows8 + <usize>j * rb8, rb8);
    store<f64>(rec + rb8 + R_KEY, Infinity);
    store<f64>(rec + rb8 + R_CORE, c);
    store<f64>(rec + rb8 + R_ERR, load<f64>(err + j8));
    store<f64>(rec + rb8 + R_INV, load<f64>(inv + j8));
    store<i32>(rec + rb8 + R_IDX, j);
    store<i32>(rec + rb8 + R_FROM, -1);
    store<f32>(S.key32 + s4, Infinity);
    store<f32>(S.core32 + s4, roundDown32(c));
    store<f32>(S.ptail + s4, load<f32>(ptail + (<usize>j << 2)));
  }
}

/**
 * Spins before a thread waiting for the step's decision sleeps. A step takes tens of
 * microseconds at 10k rows, and a sleeping thread's wake-up costs about as much (a
 * virtual machine's more), so the threads must usually meet while spinning. A spin is a
 * load and a compare: 10,000 of them (a few microseconds) still let the threads sleep
 * 90–680 times in the 10,000 steps of a 10k-row tree; 100,000, 3–45 times. Exact HDBSCAN's
 * tree, two threads: 10k rows 3–5 % faster, 100k rows 5–13 % (docs/perf-log.md,
 * 2026-12-07 session 19; 2,000 → 10,000 spins in session 14). Still bounded, so that a
 * descheduled thread gets its core back: with more threads than cores the tree is
 * 4–10 % slower than with 10,000 spins.
 */
const STEP_SPINS = 100_000;

/** Wait until the 32-bit counter at ptr reaches target: spin briefly, then sleep in short waits. */
@inline function awaitCounter(ptr: usize, target: i32): void {
  let spins = 0;
  for (;;) {
    const v = atomic.load<i32>(ptr);
    if (v >= target) return;
    if (++spins > STEP_SPINS) memory.atomic.wait32(ptr, v, 200_000);
  }
}

/** The row just added, as every relaxation needs it; a view of per-thread scratch. */
@unmanaged class Current {
  row: i32; xn: usize; core: f64; err: f64; inv: f64;
  /** Whole row widened to int16 (rb8 × 2 bytes); its int16 prefix (pw × 2 bytes). */
  w16: usize; pre16: usize;
  core32: f32; ptail: f32;
  hash: u32;
  /** All rows' core distances (f64) and hashes (u32). */
  cores: usize; hashes: usize;
  /** Per-thread lists: slots that saturated in this relaxation; slots level 0 kept. */
  saturated: usize; candidates: usize;
  /** Level 0 constants: 1/scale², and the slack of everything but the tails. */
  inv2: f32; slack: f32;
}

/** One participant of the Prim run (every thread calls it once; see the header). */
export function primRunTask(ctx: usize, task: i32, thread: i32): void {
  const ds = <usize>load<u32>(ctx + C_DS);
  const n = dsN(ds), dp = dsDp(ds);
  if (n < 2) return;
  const parts = load<i32>(ctx + C_PARTS);
  const threads = max(1, load<i32>(ctx + C_THREADS));
  const rb8 = <usize>rowBytes8(dp);
  const pf = <usize>load<u32>(ctx + C_PF);
  const pw = <usize>pfWidth(pf);
  const rowBytes = <usize>dp << 2;
  const xn = dsXn(ds);
  const core = <usize>load<u32>(ctx + C_CORE);
  const to = <usize>load<u32>(ctx + C_TO);
  const rows8 = <usize>load<u32>(ctx + C_ROWS8), errAll = <usize>load<u32>(ctx + C_ERR), invAll = <usize>load<u32>(ctx + C_INV);
  const pre16 = pfPre16(pf), ptail = pfTail(pf);
  const hashes = <usize>load<u32>(ctx + C_HASH);
  const table = <usize>load<u32>(ctx + C_PART_TABLE);
  const results = <usize>load<u32>(ctx + C_RESULTS);
  const tau = screeningTolerance(dp);
  const inv = pfInv(pf);
  const cur = changetype<Current>(stateOf(ctx, thread) + 64);
  cur.w16 = <usize>load<u32>(ctx + C_CUR16) + <usize>thread * (rb8 << 1);
  cur.cores = core;
  cur.hashes = hashes;
  const satCap = <usize>load<i32>(ctx + C_SAT_CAP);
  cur.saturated = <usize>load<u32>(ctx + C_SATURATED) + <usize>thread * (satCap << 3);
  cur.candidates = cur.saturated + (satCap << 2);
  cur.inv2 = <f32>(inv * inv);
  cur.slack = <f32>(pfSlack(pf) + tau + 1e-9 + F32_SLACK);
  const S = changetype<Slots>(stateOf(ctx, thread));
  for (let step = 0; step < n - 1; step++) {
    // The current row: 0 first, then the row the previous step added.
    if (step > 0) awaitCounter(ctx + C_DECIDED, step);
    const row = step == 0 ? 0 : load<i32>(to + (<usize>(step - 1) << 2));
    const r8 = <usize>row << 3;
    cur.row = row;
    cur.xn = xn + <usize>row * rowBytes;
    cur.core = load<f64>(core + r8);
    cur.err = load<f64>(errAll + r8);
    cur.inv = load<f64>(invAll + r8);
    cur.core32 = roundDown32(cur.core);
    cur.ptail = load<f32>(ptail + (<usize>row << 2));
    cur.hash = load<u32>(hashes + (<usize>row << 2));
    cur.pre16 = pre16 + <usize>row * (pw << 1);
    widen(rows8 + <usize>row * rb8, rb8, cur.w16);
    const hi = (step + 1) * parts;
    // This thread's own partitions first (k ≡ thread mod threads: the same ones every step,
    // so their slots stay in this core's cache), then any still unclaimed (a descheduled
    // or missing thread's are taken over).
    for (let pass = 0; pass < 2; pass++) {
      const stride = pass == 0 ? threads : 1;
      for (let k = pass == 0 ? thread : 0; k < parts; k += stride) {
        const e = table + <usize>k * PART_ENTRY;
        if (atomic.load<i32>(e + P_CLAIMED) != step || atomic.cmpxchg<i32>(e + P_CLAIMED, step, step + 1) != step) continue;
        relaxPartition(ds, e, results + <usize>k * RESULT_BYTES, cur, S, rb8, pw, rowBytes, tau);
        if (atomic.add<i32>(ctx + C_DONE, 1) == hi - 1) {
          decide(ctx, step, parts, table, results);
          atomic.store<i32>(ctx + C_DECIDED, step + 1);
          atomic.notify(ctx + C_DECIDED);
        }
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

/** Move slot `from` into slot `to` (swap-remove). */
function moveSlot(S: Slots, to: i32, from: i32, rb8: usize, pw: usize): void {
  const t4 = <usize>to << 2, f4 = <usize>from << 2;
  memory.copy(recordOf(S, to, rb8), recordOf(S, from, rb8), recordBytes(rb8));
  memory.copy(S.pre + <usize>to * (pw << 1), S.pre + <usize>from * (pw << 1), pw << 1);
  store<f32>(S.key32 + t4, load<f32>(S.key32 + f4));
  store<f32>(S.core32 + t4, load<f32>(S.core32 + f4));
  store<f32>(S.ptail + t4, load<f32>(S.ptail + f4));
}

/**
 * Apply the pending removal of partition `entry`, relax its scanned slots
 * against the current row, move the ones that saturated to the heap, publish
 * the partition's best: the smaller of the scanned minimum and the heap's top.
 */
function relaxPartition(
  ds: usize, entry: usize, result: usize, cur: Current, S: Slots, rb8: usize, pw: usize, rowBytes: usize, tau: f64,
): void {
  const cap = load<i32>(entry + P_CAP);
  let m = load<i32>(entry + P_LIVE);
  let h = load<i32>(entry + P_HEAP);
  slots(S, <usize>load<u32>(entry + P_REGION), cap, rb8, pw);
  const remove = load<i32>(entry + P_REMOVE);
  if (remove == HEAP_TOP) {
    h = heapPop(S, h);
  } else if (remove >= 0) {
    m--;
    if (remove != m) moveSlot(S, remove, m, rb8, pw);
  }
  store<i32>(entry + P_REMOVE, NONE);
  // Level 0 on four slots at a time: lb = 1 − ŷ_c·ŷ_j − slack − t_c·t_j.
  const oneMinusSlack = f32x4.splat(1 - cur.slack);
  const coreCur = f32x4.splat(cur.core32);
  const inv2 = f32x4.splat(cur.inv2);
  const tailCur = f32x4.splat(cur.ptail);
  // Locals: check() stores through memory, so field reads would not stay in registers.
  const key32 = S.key32, core32 = S.core32, pre = S.pre, ptail = S.ptail, pre16 = cur.pre16;
  const pb = pw << 1;
  const saturated = cur.saturated, candidates = cur.candidates;
  // Level 0 writes the slots it keeps to a list without branching on each one
  // (a mispredicted branch per kept slot cost more than the work it guarded);
  // levels 1–3 then take the list four at a time.
  let nc = 0;
  let s = 0;
  for (; s + 4 <= m; s += 4) {
    const s4 = <usize>s << 2;
    const key = v128.load(key32 + s4);
    const cm = f32x4.max(coreCur, v128.load(core32 + s4));
    if (!v128.any_true(f32x4.lt(cm, key))) continue;
    const dots = f32x4.convert_i32x4_s(prefixDots4(pre16, pre + <usize>s * pb, pb));
    const lb = f32x4.sub(f32x4.sub(oneMinusSlack, f32x4.mul(dots, inv2)), f32x4.mul(v128.load(ptail + s4), tailCur));
    const mask = i32x4.bitmask(f32x4.lt(f32x4.max(cm, lb), key));
    store<i32>(candidates + (<usize>nc << 2), s); nc += mask & 1;
    store<i32>(candidates + (<usize>nc << 2), s + 1); nc += (mask >> 1) & 1;
    store<i32>(candidates + (<usize>nc << 2), s + 2); nc += (mask >> 2) & 1;
    store<i32>(candidates + (<usize>nc << 2), s + 3); nc += (mask >> 3) & 1;
  }
  for (; s < m; s++) { store<i32>(candidates + (<usize>nc << 2), s); nc++; }
  let nSat = 0;
  let q = 0;
  for (; q + 4 <= nc; q += 4) {
    const u0 = load<i32>(candidates + (<usize>q << 2)), u1 = load<i32>(candidates + (<usize>(q + 1) << 2));
    const u2 = load<i32>(candidates + (<usize>(q + 2) << 2)), u3 = load<i32>(candidates + (<usize>(q + 3) << 2));
    const dots = int8Dots4(cur.w16, recordOf(S, u0, rb8), recordOf(S, u1, rb8), recordOf(S, u2, rb8), recordOf(S, u3, rb8), rb8);
    if (check(ds, cur, S, u0, i32x4.extract_lane(dots, 0), rb8, rowBytes, tau)) { store<i32>(saturated + (<usize>nSat << 2), u0); nSat++; }
    if (check(ds, cur, S, u1, i32x4.extract_lane(dots, 1), rb8, rowBytes, tau)) { store<i32>(saturated + (<usize>nSat << 2), u1); nSat++; }
    if (check(ds, cur, S, u2, i32x4.extract_lane(dots, 2), rb8, rowBytes, tau)) { store<i32>(saturated + (<usize>nSat << 2), u2); nSat++; }
    if (check(ds, cur, S, u3, i32x4.extract_lane(dots, 3), rb8, rowBytes, tau)) { store<i32>(saturated + (<usize>nSat << 2), u3); nSat++; }
  }
  for (; q < nc; q++) {
    const u = load<i32>(candidates + (<usize>q << 2));
    if (check(ds, cur, S, u, int8Dot(cur.w16, recordOf(S, u, rb8), rb8), rb8, rowBytes, tau)) { store<i32>(saturated + (<usize>nSat << 2), u); nSat++; }
  }
  // Saturated slots to the heap, highest slot first (so each swap-remove moves a
  // slot that stays).
  for (let t = nSat - 1; t >= 0; t--) {
    const u = load<i32>(saturated + (<usize>t << 2));
    const rec = recordOf(S, u, rb8) + rb8;
    h = heapPush(S, h, load<f64>(rec + R_KEY), load<i32>(rec + R_IDX), load<i32>(rec + R_FROM));
    m--;
    if (u != m) moveSlot(S, u, m, rb8, pw);
  }
  store<i32>(entry + P_LIVE, m);
  store<i32>(entry + P_HEAP, h);
  const best = scannedBest(S, m, rb8);
  let w: f64 = Infinity, j = -1, slot = NONE, from = -1;
  if (best >= 0) {
    const rec = recordOf(S, best, rb8) + rb8;
    w = load<f64>(rec + R_KEY);
    j = load<i32>(rec + R_IDX);
    slot = best;
    from = load<i32>(rec + R_FROM);
  }
  if (h > 0) {
    const hw = load<f64>(S.hkey), hj = load<i32>(S.hidx);
    if (j < 0 || hw < w || (hw == w && hj < j)) { w = hw; j = hj; slot = HEAP_TOP; from = load<i32>(S.hfrom); }
  }
  store<f64>(result, w);
  store<i32>(result, j, 8);
  store<i32>(result, slot, 12);
  store<i32>(result, from, 16);
}

/**
 * Slot with the smallest key (then the lowest row) among the m scanned slots,
 * or −1. The f32 keys (rounded up, so order-preserving) find the minimum four
 * at a time; only slots at that f32 value compare their f64 keys.
 */
function scannedBest(S: Slots, m: i32, rb8: usize): i32 {
  if (m == 0) return -1;
  const key32 = S.key32;
  let mn = f32x4.splat(Infinity);
  let s = 0;
  for (; s + 4 <= m; s += 4) mn = f32x4.min(mn, v128.load(key32 + (<usize>s << 2)));
  let min32 = min(min(f32x4.extract_lane(mn, 0), f32x4.extract_lane(mn, 1)), min(f32x4.extract_lane(mn, 2), f32x4.extract_lane(mn, 3)));
  for (; s < m; s++) min32 = min(min32, load<f32>(key32 + (<usize>s << 2)));
  let best = -1;
  const target = f32x4.splat(min32);
  s = 0;
  for (; s + 4 <= m; s += 4) {
    let mask = i32x4.bitmask(f32x4.eq(v128.load(key32 + (<usize>s << 2)), target));
    while (mask != 0) {
      const u = s + ctz(mask);
      mask &= mask - 1;
      best = best < 0 ? u : better(S, u, best, rb8);
    }
  }
  for (; s < m; s++) {
    if (load<f32>(key32 + (<usize>s << 2)) == min32) best = best < 0 ? s : better(S, s, best, rb8);
  }
  return best;
}

/** Slot u or slot b, whichever holds the smaller key (then the lower row). */
@inline function better(S: Slots, u: i32, b: i32, rb8: usize): i32 {
  const ru = recordOf(S, u, rb8) + rb8, rb = recordOf(S, b, rb8) + rb8;
  const ku = load<f64>(ru + R_KEY), kb = load<f64>(rb + R_KEY);
  if (ku < kb) return u;
  if (ku == kb && load<i32>(ru + R_IDX) < load<i32>(rb + R_IDX)) return u;
  return b;
}

/** Heap entry a before entry b: smaller key, then lower row. */
@inline function heapBefore(S: Slots, a: i32, b: i32): bool {
  const ka = load<f64>(S.hkey + (<usize>a << 3)), kb = load<f64>(S.hkey + (<usize>b << 3));
  return ka < kb || (ka == kb && load<i32>(S.hidx + (<usize>a << 2)) < load<i32>(S.hidx + (<usize>b << 2)));
}

@inline function heapSwap(S: Slots, a: i32, b: i32): void {
  const a8 = <usize>a << 3, b8 = <usize>b << 3, a4 = <usize>a << 2, b4 = <usize>b << 2;
  const k = load<f64>(S.hkey + a8);
  store<f64>(S.hkey + a8, load<f64>(S.hkey + b8));
  store<f64>(S.hkey + b8, k);
  const j = load<i32>(S.hidx + a4);
  store<i32>(S.hidx + a4, load<i32>(S.hidx + b4));
  store<i32>(S.hidx + b4, j);
  const f = load<i32>(S.hfrom + a4);
  store<i32>(S.hfrom + a4, load<i32>(S.hfrom + b4));
  store<i32>(S.hfrom + b4, f);
}

/** Add (key, row, from) to the heap of h entries; returns h + 1. */
function heapPush(S: Slots, h: i32, key: f64, row: i32, from: i32): i32 {
  store<f64>(S.hkey + (<usize>h << 3), key);
  store<i32>(S.hidx + (<usize>h << 2), row);
  store<i32>(S.hfrom + (<usize>h << 2), from);
  let c = h;
  while (c > 0) {
    const parent = (c - 1) >> 1;
    if (!heapBefore(S, c, parent)) break;
    heapSwap(S, c, parent);
    c = parent;
  }
  return h + 1;
}

/** Remove the top of the heap of h entries; returns h − 1. */
function heapPop(S: Slots, h: i32): i32 {
  const last = h - 1;
  if (last > 0) heapSwap(S, 0, last);
  let c = 0;
  for (;;) {
    const l = 2 * c + 1, r = l + 1;
    let top = c;
    if (l < last && heapBefore(S, l, top)) top = l;
    if (r < last && heapBefore(S, r, top)) top = r;
    if (top == c) break;
    heapSwap(S, c, top);
    c = top;
  }
  return last;
}

/** Int16 dot products of the current prefix with four consecutive prefix rows of `bytes` each. */
@inline function prefixDots4(cur: usize, rows: usize, bytes: usize): v128 {
  return dots4i16(cur, rows, rows + bytes, rows + 2 * bytes, rows + 3 * bytes, bytes);
}

/**
 * Levels 1–3 for slot s, which level 0 did not rule out, given the int8 dot
 * product of its row with the current one: the core distances, then the
 * whole-row int8 bound, the f32 bound, the exact distance. Returns
 * whether the slot saturated (its key fell to its core distance).
 */
function check(ds: usize, cur: Current, S: Slots, s: i32, idot: i32, rb8: usize, rowBytes: usize, tau: f64): bool {
  const f = recordOf(S, s, rb8) + rb8;
  const k = load<f64>(f + R_KEY);
  const coreJ = load<f64>(f + R_CORE);
  const coreMax = max(cur.core, coreJ);
  if (coreMax >= k) return false;
  const e = load<f64>(f + R_ERR);
  const approx = <f64>idot * cur.inv * load<f64>(f + R_INV);
  const bound = 1 - approx - ((cur.err + e) * (1 + 1e-6) + cur.err * e + tau + 1e-9);
  if (bound >= k) return false;
  const j = load<i32>(f + R_IDX);
  const sim = <f64>dotRowLocal(cur.xn, dsXn(ds) + <usize>j * rowBytes, rowBytes);
  if (max(coreMax, 1 - sim - tau) >= k) return false;
  // A copy of the row that set the key gives the same distance: no strict improvement.
  const from = load<i32>(f + R_FROM);
  if (from >= 0 && load<u32>(cur.hashes + (<usize>from << 2)) == cur.hash
    && cur.core >= load<f64>(cur.cores + (<usize>from << 3)) && sameRow(ds, cur.row, from)) return false;
  const mr = max(coreMax, exactDistance(ds, cur.row, ds, j));
  if (mr >= k) return false;
  store<f64>(f + R_KEY, mr);
  store<f32>(S.key32 + (<usize>s << 2), roundUp32(mr));
  store<i32>(f + R_FROM, cur.row);
  return mr == coreJ;
}

/** Rows a and b of the caller's values are identical (bit for bit). */
function sameRow(ds: usize, a: i32, b: i32): bool {
  const d = <usize>dsD(ds);
  const pa = dsXo(ds) + <usize>a * (d << 2), pb = dsXo(ds) + <usize>b * (d << 2);
  for (let t: usize = 0; t < d; t++) if (load<u32>(pa + (t << 2)) != load<u32>(pb + (t << 2))) return false;
  return true;
}

/** Int8 dot products of a widened row with four int8 rows (lane r: row r). */
@inline function int8Dots4(w16: usize, r0: usize, r1: usize, r2: usize, r3: usize, rb8: usize): v128 {
  let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
  for (let t: usize = 0; t < rb8; t += 16) {
    const lo = v128.load(w16 + (t << 1)), hi = v128.load(w16 + (t << 1) + 16);
    const y0 = v128.load(r0 + t), y1 = v128.load(r1 + t), y2 = v128.load(r2 + t), y3 = v128.load(r3 + t);
    a0 = i32x4.add(a0, i32x4.add(i32x4.dot_i16x8_s(lo, i16x8.extend_low_i8x16_s(y0)), i32x4.dot_i16x8_s(hi, i16x8.extend_high_i8x16_s(y0))));
    a1 = i32x4.add(a1, i32x4.add(i32x4.dot_i16x8_s(lo, i16x8.extend_low_i8x16_s(y1)), i32x4.dot_i16x8_s(hi, i16x8.extend_high_i8x16_s(y1))));
    a2 = i32x4.add(a2, i32x4.add(i32x4.dot_i16x8_s(lo, i16x8.extend_low_i8x16_s(y2)), i32x4.dot_i16x8_s(hi, i16x8.extend_high_i8x16_s(y2))));
    a3 = i32x4.add(a3, i32x4.add(i32x4.dot_i16x8_s(lo, i16x8.extend_low_i8x16_s(y3)), i32x4.dot_i16x8_s(hi, i16x8.extend_high_i8x16_s(y3))));
  }
  return reduce4i(a0, a1, a2, a3);
}

/** Int8 dot product of a widened row with an int8 row of rb8 bytes. */
@inline function int8Dot(w16: usize, row: usize, rb8: usize): i32 {
  let a = i32x4.splat(0);
  for (let t: usize = 0; t < rb8; t += 16) {
    const y = v128.load(row + t);
    a = i32x4.add(a, i32x4.add(
      i32x4.dot_i16x8_s(v128.load(w16 + (t << 1)), i16x8.extend_low_i8x16_s(y)),
      i32x4.dot_i16x8_s(v128.load(w16 + (t << 1) + 16), i16x8.extend_high_i8x16_s(y))));
  }
  return hsum(a);
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

@inline function dotRowLocal(a: usize, b: usize, bytes: usize): f32 {
  let acc = f32x4.splat(0);
  for (let t: usize = 0; t < bytes; t += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + t), v128.load(b + t)));
  const z = f32x4.splat(0);
  return f32x4.extract_lane(reduce4(acc, z, z, z), 0);
}
