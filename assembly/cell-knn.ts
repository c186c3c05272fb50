// k nearest neighbours within cells (approximate HDBSCAN's graph, see
// src/cluster/hdbscan/partitioned-knn.ts): the rows of one dataset are searched
// against a list of candidate rows of the same dataset, per cell, with the same
// int16 screening, exact re-ranking and proof-or-rescan as knnTask. X is loaded
// once; a task gathers its query rows and, tile by tile, its candidate rows into
// thread scratch, so no per-cell copy of the data is ever made.
import {
  BLOCK_CANDIDATES, BLOCK_QUERIES, dotRow, dotTile16, dsDp, dsDp16, dsErr16, dsInv16, dsX16, dsXn,
  exactDistance, screeningMargin, screeningTolerance,
} from './similarity';
import { rerank } from './knn';

@inline function align16(x: usize): usize { return (x + 15) & ~(<usize>15); }

/** Bytes of per-thread scratch that cellKnnTask needs. */
export function cellKnnScratchBytes(k: i32, kk: i32, dp16: i32): i32 {
  let s: usize = <usize>(BLOCK_QUERIES * BLOCK_CANDIDATES) << 2; // tile
  s += align16(<usize>(BLOCK_QUERIES * dp16) << 1) + align16(<usize>BLOCK_QUERIES << 2); // gathered queries, scales
  s += align16(<usize>(BLOCK_CANDIDATES * dp16) << 1) + align16(<usize>BLOCK_CANDIDATES << 2); // gathered candidates
  s += align16(<usize>(BLOCK_QUERIES * kk) << 2) * 2; // heap scores, heap indices
  s += align16(<usize>BLOCK_QUERIES << 2) * 2; // heap counts, thresholds
  s += align16(<usize>kk << 3) + align16(<usize>kk << 2); // re-rank
  s += align16(<usize>k << 3) + align16(<usize>k << 2); // rescan
  return <i32>s;
}

@inline function gather16(ds: usize, rows: usize, count: i32, pad: i32, out: usize, outInv: usize): void {
  const dp16 = dsDp16(ds);
  const rowBytes = <usize>dp16 << 1;
  const x16 = dsX16(ds), inv = dsInv16(ds);
  for (let r = 0; r < pad; r++) {
    if (r < count) {
      const j = load<i32>(rows + (<usize>r << 2));
      memory.copy(out + <usize>r * rowBytes, x16 + <usize>j * rowBytes, rowBytes);
      store<f32>(outInv + (<usize>r << 2), load<f32>(inv + (<usize>j << 2)));
    } else {
      memory.fill(out + <usize>r * rowBytes, 0, rowBytes);
      store<f32>(outInv + (<usize>r << 2), 0);
    }
  }
}

/**
 * Task t: queries = `taskTable[3t+1]` … rows of `members` from offset `taskTable[3t+1]`,
 * `taskTable[3t+2]` of them (≤ BLOCK_QUERIES), all of cell c = `taskTable[3t]`;
 * candidates = candidates[candOffsets[c] .. candOffsets[c+1]) (ascending rows, each
 * query among them). Writes each query row i's k nearest other candidates to
 * outIdx/outDist at i·k, ascending by (distance, row).
 */
export function cellKnnTask(
  ds: usize, k: i32, kk: i32, prove: i32, taskTable: usize, members: usize, candOffsets: usize, candidates: usize,
  outIdx: usize, outDist: usize, scratch: usize, scratchBytes: i32, task: i32, thread: i32,
): void {
  const dp16 = dsDp16(ds);
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

  for (let r = 0; r < BLOCK_QUERIES; r++) {
    store<i32>(hc + (<usize>r << 2), 0);
    store<f32>(thr + (<usize>r << 2), r < qn ? -Infinity : Infinity);
  }
  const qPad = (qn + 3) & ~3;
  gather16(ds, qRowsList, qn, qPad, qRows, qInv);
  for (let j0 = 0; j0 < nc; j0 += BLOCK_CANDIDATES) {
    const cn = min(BLOCK_CANDIDATES, nc - j0);
    const cPad = (cn + 1) & ~1;
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
  const tau = screeningTolerance(dsDp(ds));
  for (let r = 0; r < qn; r++) {
    const i = load<i32>(qRowsList + (<usize>r << 2));
    const rs = hs + ((<usize>r * <usize>kk) << 2);
    const ri = hi + ((<usize>r * <usize>kk) << 2);
    const cnt = load<i32>(hc + (<usize>r << 2));
    rerank(ds, i, ds, ri, cnt, cd, ci);
    const oi = outIdx + ((<usize>i * <usize>k) << 2);
    const od = outDist + ((<usize>i * <usize>k) << 3);
    const kth = load<f64>(cd + (<usize>(k - 1) << 3));
    const errQ = load<f64>(dsErr16(ds) + (<usize>i << 3));
    // Bound on the candidates' quantisation error: the dataset's maximum (as knnTask).
    const errMax = load<f64>(ds, 48);
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
