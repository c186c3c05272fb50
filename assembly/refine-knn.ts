// One round of NN-descent's local join over a kNN graph (approximate HDBSCAN,
// src/cluster/hdbscan/partitioned-knn.ts): each row's k nearest are looked for
// again among its neighbours, the rows that list it (reverse neighbours), and
// their neighbours — "a neighbour of a neighbour is likely a neighbour". Every
// candidate's distance is the exact one, and a row keeps the k best by
// (distance, row), so the result does not depend on the order candidates are met
// in, nor on which thread handles which row. A candidate is first scored by the
// int16 screen; the exact distance is computed only when the screen's error bound
// leaves room for it to beat the current k-th (most candidates are farther), four
// candidates at a time.
import {
  dsDp, dsDp16, dsErr16, dsInv16, dsX16, exactDistance, exactDistance4, exactDistance4Rest, screeningTolerance, screeningMargin,
} from './similarity';
import { insertSorted } from './knn';

/**
 * Bytes of per-thread scratch: a stamp per row of the dataset (which row last
 * listed it as a candidate; the caller sets them to −1) and the candidate list of one row.
 */
export function refineKnnScratchBytes(n: i32, k: i32, reverseCap: i32): i32 {
  return (n << 2) + (((k + reverseCap) * (k + 1)) << 2) + 16;
}

/**
 * Task t: rows [t·rowsPerTask, min(n, (t+1)·rowsPerTask)). In: each row's k neighbours
 * (inIdx/inDist at i·k, ascending by (distance, row), −1 for an unfilled slot) and its
 * reverse neighbours revList[revOff[i] .. revOff[i+1]) (of which the first reverseCap are
 * used). Out: each row's k nearest other rows among those candidates, same layout.
 */
export function refineKnnTask(
  ds: usize, n: i32, k: i32, inIdx: usize, inDist: usize, revOff: usize, revList: usize, reverseCap: i32,
  outIdx: usize, outDist: usize, rowsPerTask: i32, scratch: usize, scratchBytes: i32, task: i32, thread: i32,
): void {
  const stamps = scratch + <usize>thread * <usize>scratchBytes;
  const list = stamps + (<usize>n << 2);
  const waiting = list + (<usize>((reverseCap + k) * (k + 1)) << 2);
  const r0 = task * rowsPerTask;
  const r1 = min(n, r0 + rowsPerTask);
  const dp16 = dsDp16(ds);
  const x16 = dsX16(ds), inv = dsInv16(ds), err = dsErr16(ds);
  const tau = screeningTolerance(dsDp(ds));
  for (let i = r0; i < r1; i++) {
    const cd = outDist + ((<usize>i * <usize>k) << 3);
    const ci = outIdx + ((<usize>i * <usize>k) << 2);
    const inI = inIdx + ((<usize>i * <usize>k) << 2);
    // Start from the current list (already exact and sorted): its rows are not scored again.
    store<i32>(stamps + (<usize>i << 2), i);
    let count = 0;
    for (let q = 0; q < k; q++) {
      const j = load<i32>(inI + (<usize>q << 2));
      store<i32>(ci + (<usize>q << 2), j);
      store<f64>(cd + (<usize>q << 3), load<f64>(inDist + ((<usize>i * <usize>k + <usize>q) << 3)));
      if (j >= 0) {
        store<i32>(stamps + (<usize>j << 2), i);
        count++;
      }
    }
    // New candidates: the neighbours' neighbours, the reverse neighbours and theirs.
    let m = 0;
    const rs = load<i32>(revOff + (<usize>i << 2));
    const re = min(load<i32>(revOff + (<usize>(i + 1) << 2)), rs + reverseCap);
    const sources = k + (re - rs);
    for (let s = 0; s < sources; s++) {
      const j = s < k ? load<i32>(inI + (<usize>s << 2)) : load<i32>(revList + (<usize>(rs + s - k) << 2));
      if (j < 0) continue;
      if (load<i32>(stamps + (<usize>j << 2)) != i) {
        store<i32>(stamps + (<usize>j << 2), i);
        store<i32>(list + (<usize>m << 2), j);
        m++;
      }
      const inJ = inIdx + ((<usize>j * <usize>k) << 2);
      for (let q = 0; q < k; q++) {
        const c = load<i32>(inJ + (<usize>q << 2));
        if (c >= 0 && load<i32>(stamps + (<usize>c << 2)) != i) {
          store<i32>(stamps + (<usize>c << 2), i);
          store<i32>(list + (<usize>m << 2), c);
          m++;
        }
      }
    }
    // Screen each candidate; those the bound cannot rule out get their exact distance, two at a time.
    const qRow = x16 + ((<usize>i * <usize>dp16) << 1);
    const qInv = load<f32>(inv + (<usize>i << 2));
    const errI = load<f64>(err + (<usize>i << 3));
    // Candidates waiting for their exact distance, computed four at a time (exactDistance4).
    let np = 0;
    for (let t = 0; t < m; t++) {
      const j = load<i32>(list + (<usize>t << 2));
      if (count == k) {
        const s = <f64>(<f32>(<f32>dot16(qRow, x16 + ((<usize>j * <usize>dp16) << 1), dp16) * qInv) * load<f32>(inv + (<usize>j << 2)));
        const errJ = load<f64>(err + (<usize>j << 3));
        const margin = screeningMargin(errI, errJ, tau);
        if (1 - s - margin > load<f64>(cd + (<usize>(k - 1) << 3))) continue;
      }
      store<i32>(waiting + (<usize>np << 2), j);
      if (++np < 4) continue;
      const j1 = load<i32>(waiting), j2 = load<i32>(waiting, 4), j3 = load<i32>(waiting, 8), j4 = load<i32>(waiting, 12);
      count = keepBest(cd, ci, count, k, exactDistance4(ds, i, ds, j1, j2, j3, j4), j1);
      count = keepBest(cd, ci, count, k, exactDistance4Rest(1), j2);
      count = keepBest(cd, ci, count, k, exactDistance4Rest(2), j3);
      count = keepBest(cd, ci, count, k, exactDistance4Rest(3), j4);
      np = 0;
    }
    for (let w = 0; w < np; w++) {
      const j = load<i32>(waiting + (<usize>w << 2));
      count = keepBest(cd, ci, count, k, exactDistance(ds, i, ds, j), j);
    }
  }
}

/** Integer dot product of two int16 rows of dp16 values (a multiple of 8), lanes summed as dotTile16's. */
@inline function dot16(a: usize, b: usize, dp16: i32): f32 {
  let acc = i32x4.splat(0);
  const bytes = <usize>dp16 << 1;
  for (let t: usize = 0; t < bytes; t += 16) acc = i32x4.add(acc, i32x4.dot_i16x8_s(v128.load(a + t), v128.load(b + t)));
  const sum = i32x4.extract_lane(acc, 0) + i32x4.extract_lane(acc, 1) + i32x4.extract_lane(acc, 2) + i32x4.extract_lane(acc, 3);
  return <f32>sum;
}

/** Adds (e, j) to the sorted list cd/ci of `count` ≤ k entries, keeping the k best; returns the new count. */
@inline function keepBest(cd: usize, ci: usize, count: i32, k: i32, e: f64, j: i32): i32 {
  if (count == k) {
    const ld = load<f64>(cd + (<usize>(k - 1) << 3));
    const lj = load<i32>(ci + (<usize>(k - 1) << 2));
    if (!(e < ld || (e == ld && j < lj))) return count;
    count--;
  }
  insertSorted(cd, ci, count, e, j);
  return count + 1;
}
