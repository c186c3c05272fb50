// Exact cosine distances from every row of X to a few target rows (centroids,
// k-means++ candidates): nearest target per row, or all distances.
//
// Every distance is the reference's: the dot product is a sequential f64 sum over
// the columns of exact f32×f32 products, then 1 − dot/(‖x‖‖y‖) clamped to [0, 2],
// exactly 0 for identical rows. SIMD never reorders a sum: the two lanes of an
// f64x2 accumulator belong to two different targets, each summed column by column.
// So no screening or re-check is needed; the cost is n·m·d f64 multiply-adds
// (2 rows × 8 targets per pass: 8 accumulators, 4 target loads per column).
//
// Targets come transposed (TARGET_GROUP targets per group, zero-padded):
// yt[(g·d + c)·TARGET_GROUP + r] = y_{g·TARGET_GROUP + r}[c] as f64.

/** Targets per group of the transposed layout (the kernel's register block). */
export const TARGET_GROUP: i32 = 8;

/**
 * Rows [task·rowsPerTask, …) of x (n × d f32, norms xNorms f64). Targets: m rows,
 * transposed f64 in yt, originals (m × d f32) in y, norms in yNorms.
 * mode 0: outA[i] = index of the nearest target (ties: lower index), outB[i] = its
 * distance (f64). mode 1: outB[r·n + i] = distance from row i to target r.
 */
export function targetDistancesTask(
  x: usize, xNorms: usize, n: i32, d: i32,
  yt: usize, y: usize, yNorms: usize, m: i32,
  mode: i32, outA: usize, outB: usize, rowsPerTask: i32, task: i32,
): void {
  const start = task * rowsPerTask;
  const end = min(n, start + rowsPerTask);
  const groups = (m + TARGET_GROUP - 1) / TARGET_GROUP;
  const groupBytes = <usize>d * <usize>(TARGET_GROUP << 3);
  for (let i = start; i < end; i += 2) {
    // An odd last row is computed twice (as both rows of the pair); one is discarded.
    const i1 = i + 1 < end ? i + 1 : i;
    const x0 = x + ((<usize>i * <usize>d) << 2);
    const x1 = x + ((<usize>i1 * <usize>d) << 2);
    const n0 = load<f64>(xNorms + (<usize>i << 3));
    const n1 = load<f64>(xNorms + (<usize>i1 << 3));
    let best0: f64 = Infinity, best1: f64 = Infinity;
    let arg0 = -1, arg1 = -1;
    for (let g = 0; g < groups; g++) {
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
      let b0 = f64x2.splat(0), b1 = f64x2.splat(0), b2 = f64x2.splat(0), b3 = f64x2.splat(0);
      let p = yt + <usize>g * groupBytes;
      for (let c = 0; c < d; c++) {
        const u = f64x2.splat(<f64>load<f32>(x0 + (<usize>c << 2)));
        const v = f64x2.splat(<f64>load<f32>(x1 + (<usize>c << 2)));
        const t0 = v128.load(p), t1 = v128.load(p, 16), t2 = v128.load(p, 32), t3 = v128.load(p, 48);
        a0 = f64x2.add(a0, f64x2.mul(u, t0));
        a1 = f64x2.add(a1, f64x2.mul(u, t1));
        a2 = f64x2.add(a2, f64x2.mul(u, t2));
        a3 = f64x2.add(a3, f64x2.mul(u, t3));
        b0 = f64x2.add(b0, f64x2.mul(v, t0));
        b1 = f64x2.add(b1, f64x2.mul(v, t1));
        b2 = f64x2.add(b2, f64x2.mul(v, t2));
        b3 = f64x2.add(b3, f64x2.mul(v, t3));
        p += TARGET_GROUP << 3;
      }
      const r0 = g * TARGET_GROUP;
      const cnt = min(TARGET_GROUP, m - r0);
      for (let s = 0; s < cnt; s++) {
        const r = r0 + s;
        const dot0 = lane(a0, a1, a2, a3, s);
        const dot1 = lane(b0, b1, b2, b3, s);
        const ny = load<f64>(yNorms + (<usize>r << 3));
        const e0 = finish(dot0, n0, ny, x0, y + ((<usize>r * <usize>d) << 2), d);
        if (mode == 0) {
          if (e0 < best0) { best0 = e0; arg0 = r; }
        } else {
          store<f64>(outB + ((<usize>r * <usize>n + <usize>i) << 3), e0);
        }
        if (i1 != i) {
          const e1 = finish(dot1, n1, ny, x1, y + ((<usize>r * <usize>d) << 2), d);
          if (mode == 0) {
            if (e1 < best1) { best1 = e1; arg1 = r; }
          } else {
            store<f64>(outB + ((<usize>r * <usize>n + <usize>i1) << 3), e1);
          }
        }
      }
    }
    if (mode == 0) {
      store<i32>(outA + (<usize>i << 2), arg0);
      store<f64>(outB + (<usize>i << 3), best0);
      if (i1 != i) {
        store<i32>(outA + (<usize>i1 << 2), arg1);
        store<f64>(outB + (<usize>i1 << 3), best1);
      }
    }
  }
}

/** Dot product of target s (0 … 7) of the group from the four accumulators. */
@inline function lane(a0: v128, a1: v128, a2: v128, a3: v128, s: i32): f64 {
  switch (s) {
    case 0: return f64x2.extract_lane(a0, 0);
    case 1: return f64x2.extract_lane(a0, 1);
    case 2: return f64x2.extract_lane(a1, 0);
    case 3: return f64x2.extract_lane(a1, 1);
    case 4: return f64x2.extract_lane(a2, 0);
    case 5: return f64x2.extract_lane(a2, 1);
    case 6: return f64x2.extract_lane(a3, 0);
    default: return f64x2.extract_lane(a3, 1);
  }
}

/**
 * 1 − dot/(nx·ny) clamped to [0, 2]; 0 for identical rows. Identical rows give a
 * computed distance of a few ulps at most (dot = nx² up to rounding), so the
 * element-wise comparison only runs below 1e-12.
 */
@inline function finish(dot: f64, nx: f64, ny: f64, px: usize, py: usize, d: i32): f64 {
  let dist = 1 - dot / (nx * ny);
  dist = dist < 0 ? 0 : dist > 2 ? 2 : dist;
  if (dist < 1e-12 && dist > 0 && identical(px, py, d)) dist = 0;
  return dist;
}

function identical(px: usize, py: usize, d: i32): bool {
  for (let c = 0; c < d; c++) {
    if (load<f32>(px + (<usize>c << 2)) != load<f32>(py + (<usize>c << 2))) return false;
  }
  return true;
}
