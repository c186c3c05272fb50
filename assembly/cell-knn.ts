// k nearest neighbours within cells (approximate HDBSCAN's graph, see
// src/cluster/hdbscan/partitioned-knn.ts): the rows of one dataset are searched
// against a list of candidate rows of the same dataset, per cell, with the same
// int16 screening, exact re-ranking and proof-or-rescan as knnTask. X is loaded
// once; a task gathers its query rows and, tile by tile, its candidate rows into
// thread scratch, so no per-cell copy of the data is ever made.
import {
  BLOCK_CANDIDATES, BLOCK_QUERIES, dotRow, dotTile16, dsDp, dsDp16, dsErr16, dsErrMax16, dsInv16, dsX16, dsXn,
  exactDistance, screeningMargin, screeningTolerance,
} from './similarity';
import { rerank } from './knn';
import { dots4i16 } from './simd';
import { pfInv, pfPre16, pfSlack, pfTail, pfWidth } from './prefix';

@inline function align16(x: usize): usize { return (x + 15) & ~(<usize>15); }

/** Slack of the f32 evaluation of the prefix bound (a few roundings of values ≤ 4: < 2e-6), as mst.ts's. */
const F32_SLACK: f64 = 1e-5;

/** Bytes of per-thread scratch that cellKnnTask needs (pw: the prefix's width, 0 without one). */
export function cellKnnScratchBytes(k: i32, kk: i32, dp16: i32, pw: i32): i32 {
  let s: usize = <usize>(BLOCK_QUERIES * BLOCK_CANDIDATES) << 2; // tile
  s += align16(<usize>(BLOCK_QUERIES * dp16) << 1) + align16(<usize>BLOCK_QUERIES << 2); // gathered queries, scales
  s += align16(<usize>(BLOCK_CANDIDATES * dp16) << 1) + align16(<usize>BLOCK_CANDIDATES << 2); // gathered candidates
  s += align16(<usize>(BLOCK_QUERIES * kk) << 2) * 2; // heap scores, heap indices
  s += align16(<usize>BLOCK_QUERIES << 2) * 2; // heap counts, thresholds
  s += align16(<usize>kk << 3) + align16(<usize>kk << 2); // re-rank
  s += align16(<usize>k << 3) + align16(<usize>k << 2); // rescan
  if (pw > 0) {
    s += align16(<usize>(BLOCK_QUERIES * pw) << 1) + align16(<usize>BLOCK_QUERIES << 2) * 3; // query prefixes, tails, 1/scale, margins
    s += align16(<usize>(BLOCK_CANDIDATES * pw) << 1) + align16(<usize>BLOCK_CANDIDATES << 2) * 2; // candidate prefixes, tails, 1/scale
    s += <usize>(4 * BLOCK_CANDIDATES) << 2; // the kept candidates of four query rows
  }
  return <i32>s;
}

/**
 * Rows `rows[0 … count − 1]` of a row-major table (`bytes` a row) and one f32 per row beside it,
 * copied to out / outScalar, zero-padded to `pad` rows.
 */
@inline function gatherRows(
  rows: usize, count: i32, pad: i32, table: usize, bytes: usize, scalars: usize, out: usize, outScalar: usize,
): void {
  for (let r = 0; r < pad; r++) {
    if (r < count) {
      const j = load<i32>(rows + (<usize>r << 2));
      memory.copy(out + <usize>r * bytes, table + <usize>j * bytes, bytes);
      store<f32>(outScalar + (<usize>r << 2), load<f32>(scalars + (<usize>j << 2)));
    } else {
      memory.fill(out + <usize>r * bytes, 0, bytes);
      store<f32>(outScalar + (<usize>r << 2), 0);
    }
  }
}

/** The int16 rows and 1/scales of listed rows of ds. */
@inline function gather16(ds: usize, rows: usize, count: i32, pad: i32, out: usize, outInv: usize): void {
  gatherRows(rows, count, pad, dsX16(ds), <usize>dsDp16(ds) << 1, dsInv16(ds), out, outInv);
}

/** The prefixes (pw int16 each) and tails of listed rows. */
@inline function gatherPrefix(pf: usize, rows: usize, count: i32, pad: i32, out: usize, outTail: usize): void {
  gatherRows(rows, count, pad, pfPre16(pf), <usize>pfWidth(pf) << 1, pfTail(pf), out, outTail);
}

/**
 * Screening scores of gathered query row q (int16, its 1/scale qi) against four gathered
 * candidate rows b0…b3 (their 1/scales in the lanes of bi), lane by lane as dotTile16
 * computes them: the exact integer sum, to f32, times qi, times the candidate's 1/scale.
 */
@inline function screenScores4(q: usize, qi: f32, b0: usize, b1: usize, b2: usize, b3: usize, bi: v128, rowBytes: usize): v128 {
  return f32x4.mul(f32x4.mul(f32x4.convert_i32x4_s(dots4i16(q, b0, b1, b2, b3, rowBytes)), f32x4.splat(qi)), bi);
}

/**
 * Task t: queries = `taskTable[3t+1]` … rows of `members` from offset `taskTable[3t+1]`,
 * `taskTable[3t+2]` of them (≤ BLOCK_QUERIES), all of cell c = `taskTable[3t]`;
 * candidates = candidates[candOffsets[c] .. candOffsets[c+1]) (ascending rows, each
 * query among them). Writes each query row i's k nearest other candidates to
 * outIdx/outDist at i·k, ascending by (distance, row). prove: 1 = the proof (and a rescan
 * where it fails), 0 = the screen's best re-ranked by exact distance, 2 = the screen's best
 * with the screen's distances (1 − score, in the screen's order).
 *
 * pf (0: none): the prefix of ds (assembly/prefix.ts). From the second tile of candidates
 * on, a pair is screened only when its prefix bound leaves it a chance: the bound plus the
 * screen's own error (screeningMargin) and the prefix's slack must reach the query's
 * current threshold. A pair it rules out has a screening score below that threshold, so
 * it would not have entered the heap either: the heaps, and so the results, are the same
 * with or without the prefix. (The first tile fills the heaps: before that every
 * threshold is −∞ and the prefix could rule out nothing.)
 */
export function cellKnnTask(
  ds: usize, pf: usize, k: i32, kk: i32, prove: i32, taskTable: usize, members: usize, candOffsets: usize, candidates: usize,
  outIdx: usize, outDist: usize, scratch: usize, scratchBytes: i32, task: i32, thread: i32,
): void {
  const dp16 = dsDp16(ds);
  const rowBytes = <usize>dp16 << 1;
  const cell = load<i32>(taskTable + (<usize>(task * 3) << 2));
  const q0 = load<i32>(taskTable + (<usize>(task * 3 + 1) << 2));
  const qn = load<i32>(taskTable + (<usize>(task * 3 + 2) << 2));
  const c0 = load<i32>(candOffsets + (<usize>cell << 2));
  const nc = load<i32>(candOffsets + (<usize>(cell + 1) << 2)) - c0;
  const cand = candidates + (<usize>c0 << 2);
  const qRowsList = members + (<usize>q0 << 2);

  const tile = scratch + <usize>thread * <usize>scratchBytes;
  const qRows = tile + (<usize>(BLOCK_QUERIES * BLOCK_CANDIDATES) << 2);
  const qInv = qRows + align16(<usize>(BLOCK_QUERIES * dp16) << 1);
  const bRows = qInv + align16(<usize>BLOCK_QUERIES << 2);
  const bInv = bRows + align16(<usize>(BLOCK_CANDIDATES * dp16) << 1);
  const hs = bInv + align16(<usize>BLOCK_CANDIDATES << 2);
  const hi = hs + align16(<usize>(BLOCK_QUERIES * kk) << 2);
  const hc = hi + align16(<usize>(BLOCK_QUERIES * kk) << 2);
  const thr = hc + align16(<usize>BLOCK_QUERIES << 2);
  const cd = thr + align16(<usize>BLOCK_QUERIES << 2);
  const ci = cd + align16(<usize>kk << 3);
  const fd = ci + align16(<usize>kk << 2);
  const fi = fd + align16(<usize>k << 3);
  const tau = screeningTolerance(dsDp(ds));
  // Bound on the candidates' quantisation error: the dataset's maximum (as knnTask).
  const errMax = dsErrMax16(ds);

  for (let r = 0; r < BLOCK_QUERIES; r++) {
    store<i32>(hc + (<usize>r << 2), 0);
    store<f32>(thr + (<usize>r << 2), r < qn ? -Infinity : Infinity);
  }
  const qPad = (qn + 3) & ~3;
  gather16(ds, qRowsList, qn, qPad, qRows, qInv);
  // The prefix's scratch (after the rescan's) and the query rows' prefixes and margins.
  const pw = pf != 0 ? pfWidth(pf) : 0;
  const qPre = fi + align16(<usize>k << 2);
  const qTail = qPre + align16(<usize>(BLOCK_QUERIES * pw) << 1);
  const qPinv = qTail + align16(<usize>BLOCK_QUERIES << 2);
  const qMargin = qPinv + align16(<usize>BLOCK_QUERIES << 2);
  const bPre = qMargin + align16(<usize>BLOCK_QUERIES << 2);
  const bTail = bPre + align16(<usize>(BLOCK_CANDIDATES * pw) << 1);
  const bPinv = bTail + align16(<usize>BLOCK_CANDIDATES << 2);
  const kept = bPinv + align16(<usize>BLOCK_CANDIDATES << 2);
  if (pw > 0 && nc > BLOCK_CANDIDATES) {
    gatherPrefix(pf, qRowsList, qn, qPad, qPre, qTail);
    const inv = <f32>pfInv(pf);
    const slack = pfSlack(pf) + tau + 1e-9 + F32_SLACK;
    for (let r = 0; r < BLOCK_QUERIES; r++) {
      store<f32>(qPinv + (<usize>r << 2), inv);
      const errQ = r < qn ? load<f64>(dsErr16(ds) + (<usize>load<i32>(qRowsList + (<usize>r << 2)) << 3)) : 0;
      store<f32>(qMargin + (<usize>r << 2), <f32>(screeningMargin(errQ, errMax, tau) + slack));
    }
    for (let c = 0; c < BLOCK_CANDIDATES; c++) store<f32>(bPinv + (<usize>c << 2), inv);
  }
  for (let j0 = 0; j0 < nc; j0 += BLOCK_CANDIDATES) {
    const cn = min(BLOCK_CANDIDATES, nc - j0);
    const cPad = (cn + 1) & ~1;
    if (pw > 0 && j0 > 0) {
      // Prefix bound of every pair: ŷ_q·ŷ_c + t_q·t_c ≥ x̂_q·x̂_c − slack (assembly/prefix.ts).
      gatherPrefix(pf, cand + (<usize>j0 << 2), cn, cPad, bPre, bTail);
      // The whole rows too: the pairs the bound keeps read them from here, not from all of X.
      gather16(ds, cand + (<usize>j0 << 2), cn, cPad, bRows, bInv);
      dotTile16(qPre, qPinv, bPre, bPinv, pw, qPad, cPad, tile, BLOCK_QUERIES);
      for (let r4 = 0; r4 < qn; r4 += 4) {
        // The candidates each of the four rows keeps, listed without a branch per pair,
        // against the thresholds at the tile's start (they only rise, so no pair is lost).
        const floor4 = f32x4.sub(v128.load(thr + (<usize>r4 << 2)), v128.load(qMargin + (<usize>r4 << 2)));
        const tail4 = v128.load(qTail + (<usize>r4 << 2));
        const l1 = kept + (<usize>BLOCK_CANDIDATES << 2), l2 = l1 + (<usize>BLOCK_CANDIDATES << 2), l3 = l2 + (<usize>BLOCK_CANDIDATES << 2);
        let n0 = 0, n1 = 0, n2 = 0, n3 = 0;
        for (let c = 0; c < cn; c++) {
          const ub = f32x4.add(v128.load(tile + ((<usize>c * BLOCK_QUERIES + <usize>r4) << 2)), f32x4.mul(tail4, f32x4.splat(load<f32>(bTail + (<usize>c << 2)))));
          const mask = i32x4.bitmask(f32x4.ge(ub, floor4));
          store<i32>(kept + (<usize>n0 << 2), c); n0 += mask & 1;
          store<i32>(l1 + (<usize>n1 << 2), c); n1 += (mask >> 1) & 1;
          store<i32>(l2 + (<usize>n2 << 2), c); n2 += (mask >> 2) & 1;
          store<i32>(l3 + (<usize>n3 << 2), c); n3 += (mask >> 3) & 1;
        }
        for (let lane = 0; lane < 4; lane++) {
          const r = r4 + lane;
          if (r >= qn) break;
          const list = kept + (<usize>(lane * BLOCK_CANDIDATES) << 2);
          const count = lane == 0 ? n0 : lane == 1 ? n1 : lane == 2 ? n2 : n3;
          const self = load<i32>(qRowsList + (<usize>r << 2));
          const q = qRows + <usize>r * rowBytes, qi = load<f32>(qInv + (<usize>r << 2));
          const rhs = hs + ((<usize>r * <usize>kk) << 2), rhi = hi + ((<usize>r * <usize>kk) << 2);
          const rhc = hc + (<usize>r << 2), rthr = thr + (<usize>r << 2);
          for (let u = 0; u < count; u += 4) {
            // Four kept candidates at a time; a short last group repeats its last one (not used).
            const u0 = load<i32>(list + (<usize>u << 2));
            const u1 = load<i32>(list + (<usize>min(u + 1, count - 1) << 2));
            const u2 = load<i32>(list + (<usize>min(u + 2, count - 1) << 2));
            const u3 = load<i32>(list + (<usize>min(u + 3, count - 1) << 2));
            let bi = f32x4.splat(load<f32>(bInv + (<usize>u0 << 2)));
            bi = f32x4.replace_lane(bi, 1, load<f32>(bInv + (<usize>u1 << 2)));
            bi = f32x4.replace_lane(bi, 2, load<f32>(bInv + (<usize>u2 << 2)));
            bi = f32x4.replace_lane(bi, 3, load<f32>(bInv + (<usize>u3 << 2)));
            const scores = screenScores4(q, qi, bRows + <usize>u0 * rowBytes, bRows + <usize>u1 * rowBytes, bRows + <usize>u2 * rowBytes, bRows + <usize>u3 * rowBytes, bi, rowBytes);
            const m = min(4, count - u);
            for (let e = 0; e < m; e++) {
              const s = e == 0 ? f32x4.extract_lane(scores, 0) : e == 1 ? f32x4.extract_lane(scores, 1) : e == 2 ? f32x4.extract_lane(scores, 2) : f32x4.extract_lane(scores, 3);
              if (!(s > load<f32>(rthr))) continue;
              const j = load<i32>(cand + (<usize>(j0 + load<i32>(list + (<usize>(u + e) << 2))) << 2));
              if (j == self) continue;
              heapInsert(rhs, rhi, rhc, rthr, kk, s, j);
            }
          }
        }
      }
      continue;
    }
    gather16(ds, cand + (<usize>j0 << 2), cn, cPad, bRows, bInv);
    dotTile16(qRows, qInv, bRows, bInv, dp16, qPad, cPad, tile, BLOCK_QUERIES);
    for (let r4 = 0; r4 < qn; r4 += 4) {
      let th = v128.load(thr + (<usize>r4 << 2));
      for (let c = 0; c < cn; c++) {
        const v = v128.load(tile + ((<usize>c * BLOCK_QUERIES + <usize>r4) << 2));
        if (v128.any_true(f32x4.gt(v, th))) {
          for (let lane = 0; lane < 4; lane++) {
            const r = r4 + lane;
            const s = load<f32>(tile + ((<usize>c * BLOCK_QUERIES + <usize>r) << 2));
            if (s > load<f32>(thr + (<usize>r << 2))) {
              const j = load<i32>(cand + (<usize>(j0 + c) << 2));
              if (j == load<i32>(qRowsList + (<usize>r << 2))) continue;
              heapInsert(hs + ((<usize>r * <usize>kk) << 2), hi + ((<usize>r * <usize>kk) << 2), hc + (<usize>r << 2), thr + (<usize>r << 2), kk, s, j);
            }
          }
          th = v128.load(thr + (<usize>r4 << 2));
        }
      }
    }
  }
  for (let r = 0; r < qn; r++) {
    const i = load<i32>(qRowsList + (<usize>r << 2));
    const rs = hs + ((<usize>r * <usize>kk) << 2);
    const ri = hi + ((<usize>r * <usize>kk) << 2);
    const cnt = load<i32>(hc + (<usize>r << 2));
    if (prove == 2) {
      // The screen's own distances, no re-ranking (kk = k): the caller computes exact ones where they matter.
      const oi = outIdx + ((<usize>i * <usize>k) << 2);
      const od = outDist + ((<usize>i * <usize>k) << 3);
      for (let t = 0; t < min(cnt, k); t++) {
        store<i32>(oi + (<usize>t << 2), load<i32>(ri + (<usize>t << 2)));
        store<f64>(od + (<usize>t << 3), 1 - <f64>load<f32>(rs + (<usize>t << 2)));
      }
      continue;
    }
    rerank(ds, i, ds, ri, cnt, cd, ci);
    const oi = outIdx + ((<usize>i * <usize>k) << 2);
    const od = outDist + ((<usize>i * <usize>k) << 3);
    const kth = load<f64>(cd + (<usize>(k - 1) << 3));
    const errQ = load<f64>(dsErr16(ds) + (<usize>i << 3));
    const margin = screeningMargin(errQ, errMax, tau);
    // nc − 1 rows are eligible when the row is among its candidates, nc when it is not
    // (approximate HDBSCAN's join step); nc > cnt is safe for both (at worst one needless proof).
    const leftOut = nc > cnt;
    if (prove && leftOut && !(kth < 1 - <f64>load<f32>(rs + (<usize>(kk - 1) << 2)) - margin)) {
      rescan(ds, i, cand, nc, k, kth, tau, fd, fi);
      for (let t = 0; t < k; t++) {
        store<i32>(oi + (<usize>t << 2), load<i32>(fi + (<usize>t << 2)));
        store<f64>(od + (<usize>t << 3), load<f64>(fd + (<usize>t << 3)));
      }
    } else {
      for (let t = 0; t < k; t++) {
        store<i32>(oi + (<usize>t << 2), load<i32>(ci + (<usize>t << 2)));
        store<f64>(od + (<usize>t << 3), load<f64>(cd + (<usize>t << 3)));
      }
    }
  }
}

@inline function heapInsert(hs: usize, hi: usize, hcPtr: usize, thrPtr: usize, kk: i32, s: f32, j: i32): void {
  const cnt = load<i32>(hcPtr);
  let p = cnt < kk ? cnt : kk - 1;
  // Ties keep the lower row first (candidates arrive in ascending row order).
  while (p > 0 && load<f32>(hs + (<usize>(p - 1) << 2)) < s) {
    store<f32>(hs + (<usize>p << 2), load<f32>(hs + (<usize>(p - 1) << 2)));
    store<i32>(hi + (<usize>p << 2), load<i32>(hi + (<usize>(p - 1) << 2)));
    p--;
  }
  store<f32>(hs + (<usize>p << 2), s);
  store<i32>(hi + (<usize>p << 2), j);
  if (cnt < kk) {
    store<i32>(hcPtr, cnt + 1);
    if (cnt + 1 == kk) store<f32>(thrPtr, load<f32>(hs + (<usize>(kk - 1) << 2)));
  } else {
    store<f32>(thrPtr, load<f32>(hs + (<usize>(kk - 1) << 2)));
  }
}

/** Exact top k of row i among the candidate list (ascending rows), as knn.ts's fullScan. */
function rescan(ds: usize, i: i32, cand: usize, nc: i32, k: i32, bound: f64, tau: f64, fd: usize, fi: usize): void {
  const dp = dsDp(ds);
  const xn = dsXn(ds);
  const qi = xn + ((<usize>i * <usize>dp) << 2);
  let cnt = 0;
  let limit = bound;
  for (let t = 0; t < nc; t++) {
    const j = load<i32>(cand + (<usize>t << 2));
    if (j == i) continue;
    const s = <f64>dotRow(qi, xn + ((<usize>j * <usize>dp) << 2), dp);
    if (1 - s - tau > limit) continue;
    const e = exactDistance(ds, i, ds, j);
    if (cnt == k) {
      if (!(e < load<f64>(fd + (<usize>(k - 1) << 3)))) continue;
    } else cnt++;
    let p = cnt - 1;
    while (p > 0) {
      const pd = load<f64>(fd + (<usize>(p - 1) << 3));
      if (pd <= e) break;
      store<f64>(fd + (<usize>p << 3), pd);
      store<i32>(fi + (<usize>p << 2), load<i32>(fi + (<usize>(p - 1) << 2)));
      p--;
    }
    store<f64>(fd + (<usize>p << 3), e);
    store<i32>(fi + (<usize>p << 2), j);
    if (cnt == k) limit = min(bound, load<f64>(fd + (<usize>(k - 1) << 3)));
  }
}

/** Exact distances (as exactDistance) of the pairs (a[t], b[t]) of rows of ds, `perTask` pairs per task. */
export function pairDistancesTask(ds: usize, a: usize, b: usize, out: usize, count: i32, perTask: i32, task: i32, thread: i32): void {
  const end = min(count, (task + 1) * perTask);
  for (let t = task * perTask; t < end; t++) {
    store<f64>(out + (<usize>t << 3), exactDistance(ds, load<i32>(a + (<usize>t << 2)), ds, load<i32>(b + (<usize>t << 2))));
  }
}
