// Exact kNN of a dataset against itself with half the dot products: each tile of
// block pair (I, J), I < J, screens rows of I against candidates of J *and* rows
// of J against candidates of I. Candidate lists live in memory for all rows; to
// keep them race-free, JavaScript runs the pairs in rounds of a round-robin
// schedule (every block in at most one pair per round), plus one round of
// diagonal tiles (I, I). Lists are ordered by (score descending, index
// ascending) whatever order candidates arrive in, so the result is the same for
// any schedule and thread count. Pass 2 is knn.ts's finalizeRow.
import { finalizeRow, knnScratchBytes } from './knn';
import { BLOCK_QUERIES, dotTile16, dsDp16, dsInv16, dsN, dsX16 } from './similarity';

/**
 * Candidate lists for every row: scores hs (n × kk f32), indices hi (n × kk i32),
 * counts hc (n i32), thresholds thr (f32, the kk-th score once full, −∞ before;
 * +∞ for padding rows) and thrIdx (i32, the kk-th index).
 */
@inline function insertCandidate(hs: usize, hi: usize, hc: usize, thr: usize, thrIdx: usize, kk: i32, i: i32, s: f32, j: i32): void {
  const cntPtr = hc + (<usize>i << 2);
  const cnt = load<i32>(cntPtr);
  if (cnt == kk) {
    const t = load<f32>(thr + (<usize>i << 2));
    if (!(s > t || (s == t && j < load<i32>(thrIdx + (<usize>i << 2))))) return;
  }
  const rs = hs + ((<usize>i * <usize>kk) << 2);
  const ri = hi + ((<usize>i * <usize>kk) << 2);
  let p = cnt < kk ? cnt : kk - 1;
  while (p > 0) {
    const ps = load<f32>(rs + (<usize>(p - 1) << 2));
    if (ps > s || (ps == s && load<i32>(ri + (<usize>(p - 1) << 2)) < j)) break;
    store<f32>(rs + (<usize>p << 2), ps);
    store<i32>(ri + (<usize>p << 2), load<i32>(ri + (<usize>(p - 1) << 2)));
    p--;
  }
  store<f32>(rs + (<usize>p << 2), s);
  store<i32>(ri + (<usize>p << 2), j);
  const now = cnt < kk ? cnt + 1 : kk;
  store<i32>(cntPtr, now);
  if (now == kk) {
    store<f32>(thr + (<usize>i << 2), load<f32>(rs + (<usize>(kk - 1) << 2)));
    store<i32>(thrIdx + (<usize>i << 2), load<i32>(ri + (<usize>(kk - 1) << 2)));
  }
}

/**
 * One tile of the symmetric kNN. lists: pointer to five pointers (hs, hi, hc,
 * thr, thrIdx). pairs: i32 (I, J) per task; I == J is a diagonal tile.
 */
export function knnSymmetricTask(
  ds: usize, kk: i32, lists: usize, pairs: usize, scratch: usize, scratchBytes: i32, task: i32, thread: i32,
): void {
  const hs = <usize>load<u32>(lists), hi = <usize>load<u32>(lists, 4), hc = <usize>load<u32>(lists, 8);
  const thr = <usize>load<u32>(lists, 12), thrIdx = <usize>load<u32>(lists, 16);
  const n = dsN(ds), dp16 = dsDp16(ds);
  const bi = load<i32>(pairs + (<usize>task << 3)), bj = load<i32>(pairs + (<usize>task << 3) + 4);
  const i0 = bi * BLOCK_QUERIES, j0 = bj * BLOCK_QUERIES;
  const qi = min(BLOCK_QUERIES, n - i0), qj = min(BLOCK_QUERIES, n - j0);
  const tile = scratch + <usize>thread * <usize>scratchBytes;
  dotTile16(dsX16(ds) + ((<usize>i0 * <usize>dp16) << 1), dsInv16(ds) + (<usize>i0 << 2),
    dsX16(ds) + ((<usize>j0 * <usize>dp16) << 1), dsInv16(ds) + (<usize>j0 << 2), dp16,
    (qi + 3) & ~3, (qj + 1) & ~1, tile, BLOCK_QUERIES);
  // Rows of I against candidates of J (tile[c·64 + r] = score(i0 + r, j0 + c)).
  for (let r4 = 0; r4 < qi; r4 += 4) {
    let th = v128.load(thr + (<usize>(i0 + r4) << 2));
    for (let c = 0; c < qj; c++) {
      const v = v128.load(tile + ((<usize>c * BLOCK_QUERIES + <usize>r4) << 2));
      if (!v128.any_true(f32x4.ge(v, th))) continue;
      const rEnd = min(r4 + 4, qi);
      for (let r = r4; r < rEnd; r++) {
        const i = i0 + r, j = j0 + c;
        if (i == j) continue;
        insertCandidate(hs, hi, hc, thr, thrIdx, kk, i, load<f32>(tile + ((<usize>c * BLOCK_QUERIES + <usize>r) << 2)), j);
      }
      th = v128.load(thr + (<usize>(i0 + r4) << 2));
    }
  }
  if (bi == bj) return;
  // Rows of J against candidates of I: column c of the tile holds row j0 + c's scores.
  for (let c = 0; c < qj; c++) {
    const j = j0 + c;
    let th = f32x4.splat(load<f32>(thr + (<usize>j << 2)));
    const col = tile + ((<usize>c * BLOCK_QUERIES) << 2);
    for (let r4 = 0; r4 < qi; r4 += 4) {
      if (!v128.any_true(f32x4.ge(v128.load(col + (<usize>r4 << 2)), th))) continue;
      const rEnd = min(r4 + 4, qi);
      for (let r = r4; r < rEnd; r++) {
        insertCandidate(hs, hi, hc, thr, thrIdx, kk, j, load<f32>(col + (<usize>r << 2)), i0 + r);
      }
      th = f32x4.splat(load<f32>(thr + (<usize>j << 2)));
    }
  }
}

/**
 * Pass 2 for block `task` of rows, from the lists built by knnSymmetricTask.
 * Rows that need a full scan are flagged in `deferred` (i32 per row) instead.
 */
export function knnSymmetricFinalizeTask(
  ds: usize, k: i32, kk: i32, lists: usize, outIdx: usize, outDist: usize, scratch: usize, scratchBytes: i32,
  deferred: usize, task: i32, thread: i32,
): void {
  const hs = <usize>load<u32>(lists), hi = <usize>load<u32>(lists, 4), hc = <usize>load<u32>(lists, 8);
  const n = dsN(ds);
  const i0 = task * BLOCK_QUERIES;
  const qn = min(BLOCK_QUERIES, n - i0);
  // Scratch: exact distances and indices of the candidates (kk), fallback top k.
  const cd = scratch + <usize>thread * <usize>scratchBytes;
  const ci = cd + (<usize>kk << 3);
  const fd = ci + ((<usize>kk << 2) + 15 & ~(<usize>15));
  const fi = fd + (<usize>k << 3);
  for (let r = 0; r < qn; r++) {
    const i = i0 + r;
    finalizeRow(ds, ds, i, k, kk, 1, hs + ((<usize>i * <usize>kk) << 2), hi + ((<usize>i * <usize>kk) << 2),
      load<i32>(hc + (<usize>i << 2)), outIdx, outDist, cd, ci, fd, fi, 1, deferred);
  }
}

/** Scratch per thread for either task (the tile dominates). */
export function knnSymmetricScratchBytes(k: i32, kk: i32): i32 {
  return knnScratchBytes(k, kk);
}
