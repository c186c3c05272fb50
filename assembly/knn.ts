// Exact k nearest neighbours by cosine distance (also nearest centroid: k = 1).
//
// A task takes BLOCK_QUERIES query rows. Pass 1 keeps, per query, the kk > k
// candidates with the largest approximate similarity (ties: lower index) while
// tiles of int16 dot products stream by; their error is bounded per row by
// err_q + err_max + err_q·err_max (see quantizeRow16). Pass 2 recomputes their distances exactly (f64) and
// sorts them by (distance, index). The result is provably the exact top k when
// the k-th exact distance is below the lower bound of every candidate left out,
// 1 − (kk-th similarity) − tolerance; otherwise (near-ties, many duplicates) that
// row is redone by a full scan that recomputes every candidate that could still
// qualify.
import {
  BLOCK_CANDIDATES, BLOCK_QUERIES, dotRow, dotTile16, dsDp, dsDp16, dsErr16, dsErrMax16, dsInv16, dsN, dsX16, dsXn,
  exactDistance, exactDistance2, exactDistance4, exactDistance4Rest, screeningTolerance, screeningMargin, secondExactDistance,
} from './similarity';

@inline function align16(x: usize): usize { return (x + 15) & ~(<usize>15); }

/** Bytes of per-thread scratch that knnTask needs. */
export function knnScratchBytes(k: i32, kk: i32): i32 {
  let s: usize = <usize>(BLOCK_QUERIES * BLOCK_CANDIDATES) << 2; // tile
  s += align16(<usize>(BLOCK_QUERIES * kk) << 2) * 2; // heap scores, heap indices
  s += align16(<usize>BLOCK_QUERIES << 2) * 2; // heap counts, thresholds
  s += align16(<usize>kk << 3) + align16(<usize>kk << 2); // re-rank distances, indices
  s += align16(<usize>k << 3) + align16(<usize>k << 2); // fallback distances, indices
  return <i32>s;
}

/**
 * Rows [task·BLOCK_QUERIES, …) of dataset q: the k nearest rows of dataset b,
 * written to outIdx/outDist (row-major, k per query row). excludeSelf: q and b
 * are the same dataset and a row is not its own neighbour. prove = 0: no proof and
 * no rescan (see finalizeRow).
 */
export function knnTask(
  q: usize, b: usize, k: i32, kk: i32, excludeSelf: i32, prove: i32,
  outIdx: usize, outDist: usize, scratch: usize, scratchBytes: i32,
  task: i32, thread: i32,
): void {
  const dp = dsDp(q);
  const nq = dsN(q), nb = dsN(b);
  const i0 = task * BLOCK_QUERIES;
  const qn = min(BLOCK_QUERIES, nq - i0);
  if (qn <= 0) return;

  // Scratch layout (must match knnScratchBytes).
  const tile = scratch + <usize>thread * <usize>scratchBytes;
  const hs = tile + (<usize>(BLOCK_QUERIES * BLOCK_CANDIDATES) << 2);
  const hi = hs + align16(<usize>(BLOCK_QUERIES * kk) << 2);
  const hc = hi + align16(<usize>(BLOCK_QUERIES * kk) << 2);
  const thr = hc + align16(<usize>BLOCK_QUERIES << 2);
  const cd = thr + align16(<usize>BLOCK_QUERIES << 2);
  const ci = cd + align16(<usize>kk << 3);
  const fd = ci + align16(<usize>kk << 2);
  const fi = fd + align16(<usize>k << 3);

  for (let r = 0; r < BLOCK_QUERIES; r++) {
    store<i32>(hc + (<usize>r << 2), 0);
    // Rows past the end never accept a candidate.
    store<f32>(thr + (<usize>r << 2), r < qn ? -Infinity : Infinity);
  }

  const dp16 = dsDp16(q);
  const qRows = dsX16(q) + ((<usize>i0 * <usize>dp16) << 1);
  const qInv = dsInv16(q) + (<usize>i0 << 2);
  for (let j0 = 0; j0 < nb; j0 += BLOCK_CANDIDATES) {
    const cn = min(BLOCK_CANDIDATES, nb - j0);
    dotTile16(qRows, qInv, dsX16(b) + ((<usize>j0 * <usize>dp16) << 1), dsInv16(b) + (<usize>j0 << 2), dp16,
      (qn + 3) & ~3, (cn + 1) & ~1, tile, BLOCK_QUERIES);
    for (let r4 = 0; r4 < qn; r4 += 4) {
      let th = v128.load(thr + (<usize>r4 << 2));
      for (let c = 0; c < cn; c++) {
        const v = v128.load(tile + ((<usize>c * BLOCK_QUERIES + <usize>r4) << 2));
        if (v128.any_true(f32x4.gt(v, th))) {
          for (let lane = 0; lane < 4; lane++) {
            const r = r4 + lane;
            const s = load<f32>(tile + ((<usize>c * BLOCK_QUERIES + <usize>r) << 2));
            if (s > load<f32>(thr + (<usize>r << 2))) {
              const j = j0 + c;
              if (excludeSelf && j == i0 + r) continue;
              heapInsert(hs + ((<usize>r * <usize>kk) << 2), hi + ((<usize>r * <usize>kk) << 2), hc + (<usize>r << 2), thr + (<usize>r << 2), kk, s, j);
            }
          }
          th = v128.load(thr + (<usize>r4 << 2));
        }
      }
    }
  }

  for (let r = 0; r < qn; r++) {
    finalizeRow(q, b, i0 + r, k, kk, excludeSelf, hs + ((<usize>r * <usize>kk) << 2), hi + ((<usize>r * <usize>kk) << 2),
      load<i32>(hc + (<usize>r << 2)), outIdx, outDist, cd, ci, fd, fi, prove);
  }
}

/**
 * Pass 2 for query row i with candidate list (rs scores, ri indices, cnt entries,
 * best first): exact distances, sorted by (distance, index); the proof that the
 * first k are the exact answer, or else a full scan. cd/ci (kk) and fd/fi (k) are scratch.
 * prove = 0 skips the proof: the first k of the kk screened candidates, re-ranked
 * exactly (what a partition needs; it differs from the exact answer only when the
 * screen cannot tell distances apart, and then by less than its error bound).
 */
export function finalizeRow(
  q: usize, b: usize, i: i32, k: i32, kk: i32, excludeSelf: i32, rs: usize, ri: usize, cnt: i32,
  outIdx: usize, outDist: usize, cd: usize, ci: usize, fd: usize, fi: usize, prove: i32 = 1, deferred: usize = 0,
): void {
  const tau = screeningTolerance(dsDp(q));
  const errMax = dsErrMax16(b);
  const total = dsN(b) - (excludeSelf ? 1 : 0);
  rerank(q, i, b, ri, cnt, cd, ci);
  const oi = outIdx + ((<usize>i * <usize>k) << 2);
  const od = outDist + ((<usize>i * <usize>k) << 3);
  const kth = load<f64>(cd + (<usize>(k - 1) << 3));
  const leftOut = total > cnt;
  // Bound of the screening error for this row: int16 quantisation of both rows,
  // three f32 roundings of the scaled score, and the f32 normalisation.
  const errQ = load<f64>(dsErr16(q) + (<usize>i << 3));
  const margin = screeningMargin(errQ, errMax, tau);
  if (prove && leftOut && !(kth < 1 - <f64>load<f32>(rs + (<usize>(kk - 1) << 2)) - margin)) {
    // The caller may scan such rows later, once per group of identical rows.
    if (deferred != 0) {
      store<i32>(deferred + (<usize>i << 2), 1);
      return;
    }
    fullScan(q, i, b, k, excludeSelf, kth, tau, fd, fi);
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

/**
 * Exact distances from row i of q to the cnt rows of b listed at ri, into cd/ci sorted by
 * (distance, index). Four at a time, then two (exactDistance4, exactDistance2: the same values, the adder kept busier).
 */
export function rerank(q: usize, i: i32, b: usize, ri: usize, cnt: i32, cd: usize, ci: usize): void {
  let t = 0;
  for (; t + 3 < cnt; t += 4) {
    const j1 = load<i32>(ri + (<usize>t << 2)), j2 = load<i32>(ri + (<usize>(t + 1) << 2));
    const j3 = load<i32>(ri + (<usize>(t + 2) << 2)), j4 = load<i32>(ri + (<usize>(t + 3) << 2));
    insertSorted(cd, ci, t, exactDistance4(q, i, b, j1, j2, j3, j4), j1);
    insertSorted(cd, ci, t + 1, exactDistance4Rest(1), j2);
    insertSorted(cd, ci, t + 2, exactDistance4Rest(2), j3);
    insertSorted(cd, ci, t + 3, exactDistance4Rest(3), j4);
  }
  for (; t + 1 < cnt; t += 2) {
    const j1 = load<i32>(ri + (<usize>t << 2));
    const j2 = load<i32>(ri + (<usize>(t + 1) << 2));
    const e1 = exactDistance2(q, i, b, j1, j2);
    const e2 = secondExactDistance();
    insertSorted(cd, ci, t, e1, j1);
    insertSorted(cd, ci, t + 1, e2, j2);
  }
  if (t < cnt) {
    const j = load<i32>(ri + (<usize>t << 2));
    insertSorted(cd, ci, t, exactDistance(q, i, b, j), j);
  }
}

/** Insertion of (e, j) into cd/ci[0 .. count), sorted by (distance, index). */
@inline export function insertSorted(cd: usize, ci: usize, count: i32, e: f64, j: i32): void {
  let p = count;
  while (p > 0) {
    const pd = load<f64>(cd + (<usize>(p - 1) << 3));
    const pj = load<i32>(ci + (<usize>(p - 1) << 2));
    if (pd < e || (pd == e && pj < j)) break;
    store<f64>(cd + (<usize>p << 3), pd);
    store<i32>(ci + (<usize>p << 2), pj);
    p--;
  }
  store<f64>(cd + (<usize>p << 3), e);
  store<i32>(ci + (<usize>p << 2), j);
}

/** Insert (s, j) into a row's candidate list sorted by similarity descending; keeps the first kk. */
@inline function heapInsert(hs: usize, hi: usize, hcPtr: usize, thrPtr: usize, kk: i32, s: f32, j: i32): void {
  const cnt = load<i32>(hcPtr);
  let p = cnt < kk ? cnt : kk - 1;
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

/**
 * Exact top k of query row i by a scan of every candidate: a candidate's exact
 * distance is computed when its lower bound 1 − s − tau does not exceed the current
 * k-th distance (initially `bound`, an upper bound of the true k-th distance).
 */
/**
 * Full scans for the rows of `rows` (count entries): job t finds the k[t] nearest
 * rows of X to row rows[t] (with excludeSelf[t] ≠ 0: other than itself), as the
 * reference orders them, into outIdx/outDist at t·stride. stride ≥ every k[t].
 */
export function knnScanTask(
  ds: usize, rows: usize, ks: usize, excludeSelf: usize, stride: i32, outIdx: usize, outDist: usize, task: i32,
): void {
  const t4 = <usize>task << 2;
  const o = <usize>task * <usize>stride;
  fullScan(ds, load<i32>(rows + t4), ds, load<i32>(ks + t4), load<i32>(excludeSelf + t4), Infinity, screeningTolerance(dsDp(ds)),
    outDist + (o << 3), outIdx + (o << 2));
}

function fullScan(q: usize, i: i32, b: usize, k: i32, excludeSelf: i32, bound: f64, tau: f64, fd: usize, fi: usize): void {
  const dp = dsDp(q);
  const nb = dsN(b);
  const qi = dsXn(q) + ((<usize>i * <usize>dp) << 2);
  const xb = dsXn(b);
  let cnt = 0;
  let limit = bound;
  for (let j = 0; j < nb; j++) {
    if (excludeSelf && j == i) continue;
    const s = <f64>dotRow(qi, xb + ((<usize>j * <usize>dp) << 2), dp);
    if (1 - s - tau > limit) continue;
    const e = exactDistance(q, i, b, j);
    if (cnt == k) {
      // j increases, so an equal distance never displaces an earlier index.
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
