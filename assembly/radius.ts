// Radius neighbourhoods (DBSCAN): every row within cosine distance eps of each
// row, self included, ascending by index. Candidates pass an int16 SIMD screen
// with a safety margin; membership (d ≤ eps) of rows whose similarity lies within
// the margin of the boundary is decided on the exact f64 distance.
//
// A task handles one block of BLOCK_QUERIES rows and writes its lists, row after
// row, into its own output region of `cap` indices. When the region is too small
// the task only reports the size it needs, and JavaScript reruns it with room.
import {
  BLOCK_CANDIDATES, BLOCK_QUERIES, dotTile16, dsDp, dsDp16, dsErr16, dsErrMax16, dsInv16, dsN, dsX16, exactDistance,
  screeningMargin, screeningTolerance,
} from './similarity';

/** Bytes of per-thread scratch radiusTask needs for regions of `cap` indices. */
export function radiusScratchBytes(cap: i32): f64 {
  return <f64>(BLOCK_QUERIES * BLOCK_CANDIDATES) * 4 + <f64>cap * 8 + <f64>BLOCK_QUERIES * 16 + 64;
}

/**
 * blocks[task] is the block of rows to do; regionStart[task] / regionCap[task]
 * give its output region in `out` (in indices). Writes rowCounts for the rows
 * of the block and needed[block] = total neighbours of the block.
 */
export function radiusTask(
  ds: usize, eps: f64, blocks: usize, regionStart: usize, regionCap: usize, out: usize,
  rowCounts: usize, needed: usize, scratch: usize, scratchBytes: i32, task: i32, thread: i32,
): void {
  const dp = dsDp(ds), n = dsN(ds);
  const block = load<i32>(blocks + (<usize>task << 2));
  const start = <usize>load<u32>(regionStart + (<usize>task << 2));
  const cap = load<i32>(regionCap + (<usize>task << 2));
  const i0 = block * BLOCK_QUERIES;
  const qn = min(BLOCK_QUERIES, n - i0);
  const tile = scratch + <usize>thread * <usize>scratchBytes;
  const pairRow = tile + (<usize>(BLOCK_QUERIES * BLOCK_CANDIDATES) << 2);
  const pairCol = pairRow + (<usize>cap << 2);
  const perRow = pairCol + (<usize>cap << 2);
  // Per row: below `screen` certainly outside, at or above `sure` certainly inside
  // (the margin bounds the int16 screening error; see quantizeRow16).
  const screen = perRow + (<usize>BLOCK_QUERIES << 2);
  const sure = screen + (<usize>BLOCK_QUERIES << 2);
  const tau = screeningTolerance(dp);
  const errMax = dsErrMax16(ds);
  for (let r = 0; r < BLOCK_QUERIES; r++) {
    store<i32>(perRow + (<usize>r << 2), 0);
    const e = r < qn ? load<f64>(dsErr16(ds) + (<usize>(i0 + r) << 3)) : 0;
    const margin = screeningMargin(e, errMax, tau);
    store<f32>(screen + (<usize>r << 2), r < qn ? <f32>(1 - eps - margin - 1e-7) : Infinity);
    store<f32>(sure + (<usize>r << 2), <f32>(1 - eps + margin + 1e-7));
  }
  let count = 0;
  const dp16 = dsDp16(ds);
  const qRows = dsX16(ds) + ((<usize>i0 * <usize>dp16) << 1);
  const qInv = dsInv16(ds) + (<usize>i0 << 2);
  for (let j0 = 0; j0 < n; j0 += BLOCK_CANDIDATES) {
    const cn = min(BLOCK_CANDIDATES, n - j0);
    dotTile16(qRows, qInv, dsX16(ds) + ((<usize>j0 * <usize>dp16) << 1), dsInv16(ds) + (<usize>j0 << 2), dp16,
      (qn + 3) & ~3, (cn + 1) & ~1, tile, BLOCK_QUERIES);
    for (let c = 0; c < cn; c++) {
      const j = j0 + c;
      const colBase = tile + ((<usize>c * BLOCK_QUERIES) << 2);
      for (let r4 = 0; r4 < qn; r4 += 4) {
        const sv = v128.load(screen + (<usize>r4 << 2));
        if (!v128.any_true(f32x4.ge(v128.load(colBase + (<usize>r4 << 2)), sv)) && (j < i0 + r4 || j >= i0 + r4 + 4)) continue;
        const rEnd = min(r4 + 4, qn);
        for (let r = r4; r < rEnd; r++) {
          const i = i0 + r;
          if (j != i) {
            const sim = load<f32>(colBase + (<usize>r << 2));
            if (sim < load<f32>(screen + (<usize>r << 2))) continue;
            if (sim < load<f32>(sure + (<usize>r << 2)) && exactDistance(ds, i, ds, j) > eps) continue;
          }
          if (count < cap) {
            store<i32>(pairRow + (<usize>count << 2), r);
            store<i32>(pairCol + (<usize>count << 2), j);
          }
          count++;
          store<i32>(perRow + (<usize>r << 2), load<i32>(perRow + (<usize>r << 2)) + 1);
        }
      }
    }
  }
  store<i32>(needed + (<usize>block << 2), count);
  for (let r = 0; r < qn; r++) store<i32>(rowCounts + (<usize>(i0 + r) << 2), load<i32>(perRow + (<usize>r << 2)));
  if (count > cap) return;
  // Stable counting sort by row: pairs arrive in ascending j for every row.
  let acc = 0;
  for (let r = 0; r < qn; r++) {
    const c = load<i32>(perRow + (<usize>r << 2));
    store<i32>(perRow + (<usize>r << 2), acc);
    acc += c;
  }
  const dst = out + (start << 2);
  for (let p = 0; p < count; p++) {
    const r = load<i32>(pairRow + (<usize>p << 2));
    const pos = load<i32>(perRow + (<usize>r << 2));
    store<i32>(dst + (<usize>pos << 2), load<i32>(pairCol + (<usize>p << 2)));
    store<i32>(perRow + (<usize>r << 2), pos + 1);
  }
}
