// Exact cosine distances from every row of X to a few target rows (centroids,
// k-means++ candidates): nearest target per row, or all distances; and, for
// Hamerly's k-means, the exact nearest target with bounds, screened in f32
// (nearestBoundsTask, below).
//
// Every distance is the reference's: the dot product is a sequential f64 sum over
// the columns of exact f32×f32 products, then 1 − dot/(‖x‖‖y‖) clamped to [0, 2],
// exactly 0 for identical rows. SIMD never reorders a sum: the two lanes of an
// f64x2 accumulator belong to two different targets, each summed column by column.
// So targetDistancesTask needs no screening or re-check; the cost is n·m·d f64 multiply-adds
// (4 rows × 4 targets per pass: 8 accumulators, 2 target loads per column).
//
// Targets come transposed (TARGET_GROUP targets per group, zero-padded):
// yt[(g·d + c)·TARGET_GROUP + r] = y_{g·TARGET_GROUP + r}[c] as f64.

/** Targets per group of the transposed layout (the kernel's register block). */
export const TARGET_GROUP: i32 = 4;
const ROWS: i32 = 4;

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
  const rowBytes = <usize>d << 2;
  for (let i = start; i < end; i += ROWS) {
    const rows = min(ROWS, end - i);
    // Missing rows of a short last block repeat the first one; their results are dropped.
    const x0 = x + <usize>i * rowBytes;
    const x1 = rows > 1 ? x0 + rowBytes : x0;
    const x2 = rows > 2 ? x0 + 2 * rowBytes : x0;
    const x3 = rows > 3 ? x0 + 3 * rowBytes : x0;
    let best0: f64 = Infinity, best1: f64 = Infinity, best2: f64 = Infinity, best3: f64 = Infinity;
    let arg0 = -1, arg1 = -1, arg2 = -1, arg3 = -1;
    for (let g = 0; g < groups; g++) {
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), b0 = f64x2.splat(0), b1 = f64x2.splat(0);
      let c0 = f64x2.splat(0), c1 = f64x2.splat(0), e0 = f64x2.splat(0), e1 = f64x2.splat(0);
      let p = yt + <usize>g * groupBytes;
      for (let c = 0; c < d; c++) {
        const o = <usize>c << 2;
        const t0 = v128.load(p), t1 = v128.load(p, 16);
        const u0 = f64x2.splat(<f64>load<f32>(x0 + o));
        const u1 = f64x2.splat(<f64>load<f32>(x1 + o));
        const u2 = f64x2.splat(<f64>load<f32>(x2 + o));
        const u3 = f64x2.splat(<f64>load<f32>(x3 + o));
        a0 = f64x2.add(a0, f64x2.mul(u0, t0));
        a1 = f64x2.add(a1, f64x2.mul(u0, t1));
        b0 = f64x2.add(b0, f64x2.mul(u1, t0));
        b1 = f64x2.add(b1, f64x2.mul(u1, t1));
        c0 = f64x2.add(c0, f64x2.mul(u2, t0));
        c1 = f64x2.add(c1, f64x2.mul(u2, t1));
        e0 = f64x2.add(e0, f64x2.mul(u3, t0));
        e1 = f64x2.add(e1, f64x2.mul(u3, t1));
        p += TARGET_GROUP << 3;
      }
      const r0 = g * TARGET_GROUP;
      const cnt = min(TARGET_GROUP, m - r0);
      for (let s = 0; s < cnt; s++) {
        const r = r0 + s;
        const ny = load<f64>(yNorms + (<usize>r << 3));
        const py = y + <usize>r * rowBytes;
        for (let q = 0; q < rows; q++) {
          const dot = q == 0 ? lane(a0, a1, s) : q == 1 ? lane(b0, b1, s) : q == 2 ? lane(c0, c1, s) : lane(e0, e1, s);
          const row = i + q;
          const dist = finish(dot, load<f64>(xNorms + (<usize>row << 3)), ny, x0 + <usize>q * rowBytes, py, d);
          if (mode == 0) {
            if (q == 0) { if (dist < best0) { best0 = dist; arg0 = r; } }
            else if (q == 1) { if (dist < best1) { best1 = dist; arg1 = r; } }
            else if (q == 2) { if (dist < best2) { best2 = dist; arg2 = r; } }
            else if (dist < best3) { best3 = dist; arg3 = r; }
          } else {
            store<f64>(outB + ((<usize>r * <usize>n + <usize>row) << 3), dist);
          }
        }
      }
    }
    if (mode == 0) {
      for (let q = 0; q < rows; q++) {
        const row = i + q;
        store<i32>(outA + (<usize>row << 2), q == 0 ? arg0 : q == 1 ? arg1 : q == 2 ? arg2 : arg3);
        store<f64>(outB + (<usize>row << 3), q == 0 ? best0 : q == 1 ? best1 : q == 2 ? best2 : best3);
      }
    }
  }
}

const U32: f64 = 5.960464477539063e-8; // unit roundoff of f32, 2⁻²⁴
const F32_TINY: f64 = 1.401298464324817e-45; // smallest f32 subnormal, 2⁻¹⁴⁹

/**
 * What Hamerly's k-means needs for a row it cannot skip, at about half the cost
 * of mode 0 above: the exact nearest target (the same label as mode 0, ties to
 * the lower index) with an upper bound on its distance (outB), and a lower
 * bound on the distance to every other target (outC; ∞ when m = 1).
 *
 * Distances are first screened in f32: a column-by-column f32 sum of d products
 * is within γ_d·Σ|x_c·y_c| ≤ γ_d·‖x‖‖y‖ of the exact dot product, γ_d = d·u/(1 − d·u)
 * (plus d subnormal steps for underflow), so each screened distance is within
 * ε = γ_d + d·2⁻¹⁴⁹/(‖x‖‖y‖) + 10⁻¹² of the exact one (the last term covers the f64
 * steps). A target whose screened distance minus ε exceeds the smallest screened
 * distance plus ε cannot be nearest. Only when two or more targets remain (or a
 * screened value is not finite) are their exact distances computed, in index order,
 * exactly as mode 0 computes them; a single survivor is the nearest.
 *
 * Rows as in targetDistancesTask (list ≠ 0: row indices, results by position).
 * Targets transposed in f32 groups of TARGET_GROUP, zero-padded:
 * yt32[(g·d + c)·TARGET_GROUP + s] = y_{g·TARGET_GROUP + s}[c]; two groups per pass
 * (4 rows × 8 targets, 8 accumulators), an odd last group alone (so k = 20 pads
 * nothing). y (m × d f32) and yNorms as above. scratch: per thread 128 + 32·m bytes.
 */
export function nearestBoundsTask(
  x: usize, xNorms: usize, n: i32, d: i32,
  yt32: usize, y: usize, yNorms: usize, m: i32,
  outA: usize, outB: usize, outC: usize, rowsPerTask: i32, list: usize, scratch: usize,
  task: i32, thread: i32,
): void {
  const start = task * rowsPerTask;
  const end = min(n, start + rowsPerTask);
  const groups = (m + TARGET_GROUP - 1) / TARGET_GROUP;
  const groupBytes = <usize>d * <usize>(TARGET_GROUP << 2);
  const rowBytes = <usize>d << 2;
  const gamma = (<f64>d * U32) / (1 - <f64>d * U32);
  const acc = scratch + <usize>thread * (128 + (<usize>m << 5));
  const screened = acc + 128; // 4 rows × m screened distances (f64)
  let minNorm: f64 = Infinity;
  for (let r = 0; r < m; r++) minNorm = min(minNorm, load<f64>(yNorms + (<usize>r << 3)));
  for (let i = start; i < end; i += ROWS) {
    const rows = min(ROWS, end - i);
    const i0 = rowAt(list, i), i1 = rows > 1 ? rowAt(list, i + 1) : i0;
    const i2 = rows > 2 ? rowAt(list, i + 2) : i0, i3 = rows > 3 ? rowAt(list, i + 3) : i0;
    const x0 = x + <usize>i0 * rowBytes;
    const x1 = x + <usize>i1 * rowBytes;
    const x2 = x + <usize>i2 * rowBytes;
    const x3 = x + <usize>i3 * rowBytes;
    for (let g = 0; g < groups; g += 2) {
      // acc holds row q's dot with target g·4 + s at float q·8 + s.
      let p = yt32 + <usize>g * groupBytes;
      if (g + 1 < groups) {
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0), b0 = f32x4.splat(0), b1 = f32x4.splat(0);
        let c0 = f32x4.splat(0), c1 = f32x4.splat(0), e0 = f32x4.splat(0), e1 = f32x4.splat(0);
        for (let c = 0; c < d; c++) {
          const o = <usize>c << 2;
          const t0 = v128.load(p), t1 = v128.load(p + groupBytes);
          const u0 = v128.load32_splat(x0 + o);
          const u1 = v128.load32_splat(x1 + o);
          const u2 = v128.load32_splat(x2 + o);
          const u3 = v128.load32_splat(x3 + o);
          a0 = f32x4.add(a0, f32x4.mul(u0, t0));
          a1 = f32x4.add(a1, f32x4.mul(u0, t1));
          b0 = f32x4.add(b0, f32x4.mul(u1, t0));
          b1 = f32x4.add(b1, f32x4.mul(u1, t1));
          c0 = f32x4.add(c0, f32x4.mul(u2, t0));
          c1 = f32x4.add(c1, f32x4.mul(u2, t1));
          e0 = f32x4.add(e0, f32x4.mul(u3, t0));
          e1 = f32x4.add(e1, f32x4.mul(u3, t1));
          p += TARGET_GROUP << 2;
        }
        v128.store(acc, a0); v128.store(acc, a1, 16);
        v128.store(acc, b0, 32); v128.store(acc, b1, 48);
        v128.store(acc, c0, 64); v128.store(acc, c1, 80);
        v128.store(acc, e0, 96); v128.store(acc, e1, 112);
      } else {
        let a0 = f32x4.splat(0), b0 = f32x4.splat(0), c0 = f32x4.splat(0), e0 = f32x4.splat(0);
        for (let c = 0; c < d; c++) {
          const o = <usize>c << 2;
          const t0 = v128.load(p);
          a0 = f32x4.add(a0, f32x4.mul(v128.load32_splat(x0 + o), t0));
          b0 = f32x4.add(b0, f32x4.mul(v128.load32_splat(x1 + o), t0));
          c0 = f32x4.add(c0, f32x4.mul(v128.load32_splat(x2 + o), t0));
          e0 = f32x4.add(e0, f32x4.mul(v128.load32_splat(x3 + o), t0));
          p += TARGET_GROUP << 2;
        }
        v128.store(acc, a0); v128.store(acc, b0, 32); v128.store(acc, c0, 64); v128.store(acc, e0, 96);
      }
      const r0 = g * TARGET_GROUP;
      const cnt = min(2 * TARGET_GROUP, m - r0);
      for (let q = 0; q < rows; q++) {
        const src = q == 0 ? i0 : q == 1 ? i1 : q == 2 ? i2 : i3;
        const nx = load<f64>(xNorms + (<usize>src << 3));
        for (let s = 0; s < cnt; s++) {
          const r = r0 + s;
          const dot = <f64>load<f32>(acc + (<usize>(q * 8 + s) << 2));
          const dist = 1 - dot / (nx * load<f64>(yNorms + (<usize>r << 3)));
          store<f64>(screened + ((<usize>(q * m + r)) << 3), dist);
        }
      }
    }
    for (let q = 0; q < rows; q++) {
      const src = q == 0 ? i0 : q == 1 ? i1 : q == 2 ? i2 : i3;
      const px = q == 0 ? x0 : q == 1 ? x1 : q == 2 ? x2 : x3;
      const nx = load<f64>(xNorms + (<usize>src << 3));
      // One ε for the row: the largest over the targets (smallest target norm).
      const eps = gamma + (<f64>d * F32_TINY) / (nx * minNorm) + 1e-12;
      const dq = screened + (<usize>(q * m) << 3);
      let low: f64 = Infinity;
      for (let r = 0; r < m; r++) {
        const v = load<f64>(dq + (<usize>r << 3));
        if (v < low) low = v;
      }
      // Survivors: within 2ε of the smallest screened distance. A value that is not
      // finite (f32 overflow, zero norm) proves nothing: it survives, and everything
      // does when the smallest is not finite.
      const cut = isFinite(low) ? low + 2 * eps : Infinity;
      let survivors = 0, only = -1;
      for (let r = 0; r < m; r++) {
        if (!screenedOut(load<f64>(dq + (<usize>r << 3)), cut)) { survivors++; only = r; }
      }
      let best: f64 = Infinity, second: f64 = Infinity, arg = -1;
      if (survivors == 1 && cut < Infinity) {
        arg = only;
        best = load<f64>(dq + (<usize>only << 3)) + eps;
      } else {
        for (let r = 0; r < m; r++) {
          if (screenedOut(load<f64>(dq + (<usize>r << 3)), cut)) continue;
          const py = y + <usize>r * rowBytes;
          let dot: f64 = 0;
          for (let c = 0; c < d; c++) dot += <f64>load<f32>(px + (<usize>c << 2)) * <f64>load<f32>(py + (<usize>c << 2));
          const dist = finish(dot, nx, load<f64>(yNorms + (<usize>r << 3)), px, py, d);
          if (dist < best) { second = best; best = dist; arg = r; } else if (dist < second) second = dist;
        }
      }
      // A target screened out is at least its screened distance minus ε away.
      for (let r = 0; r < m; r++) {
        const v = load<f64>(dq + (<usize>r << 3));
        if (screenedOut(v, cut) && v - eps < second) second = v - eps;
      }
      const row = i + q;
      store<i32>(outA + (<usize>row << 2), arg);
      store<f64>(outB + (<usize>row << 3), best);
      store<f64>(outC + (<usize>row << 3), second);
    }
  }
}

@inline function screenedOut(v: f64, cut: f64): bool {
  return v > cut && v < Infinity;
}

@inline function rowAt(list: usize, i: i32): i32 {
  return list == 0 ? i : load<i32>(list + (<usize>i << 2));
}

/** Dot product of target s (0 … 3) of the group from the row's two accumulators. */
@inline function lane(a0: v128, a1: v128, s: i32): f64 {
  switch (s) {
    case 0: return f64x2.extract_lane(a0, 0);
    case 1: return f64x2.extract_lane(a0, 1);
    case 2: return f64x2.extract_lane(a1, 0);
    default: return f64x2.extract_lane(a1, 1);
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

/**
 * Rows [task·rowsPerTask, …) of src (n × d f32) scaled to unit length into dst:
 * f32(x · (1/norm)) in f64, exactly as `normalizeRows` in TypeScript; zero rows stay 0.
 */
export function scaleRowsTask(src: usize, dst: usize, norms: usize, n: i32, d: i32, rowsPerTask: i32, task: i32): void {
  const start = task * rowsPerTask;
  const end = min(n, start + rowsPerTask);
  for (let i = start; i < end; i++) {
    const norm = load<f64>(norms + (<usize>i << 3));
    const inv: f64 = norm != 0 ? 1 / norm : 0; // NaN and Infinity propagate as in TypeScript
    const s = src + ((<usize>i * <usize>d) << 2);
    const o = dst + ((<usize>i * <usize>d) << 2);
    for (let t = 0; t < d; t++) store<f32>(o + (<usize>t << 2), <f32>(<f64>load<f32>(s + (<usize>t << 2)) * inv));
  }
}

/**
 * Per-label column sums in f64: sums[l·d + c] = Σ_{i: labels[i] = l} x[i·d + c],
 * each summed in row order (as a plain loop does), so the result does not depend
 * on the thread count. Task t owns columns [t·colsPerTask, …) of every label
 * (colsPerTask even: two columns per f64x2). Labels < 0 are skipped.
 */
export function labelSumsTask(x: usize, n: i32, d: i32, labels: usize, nLabels: i32, sums: usize, colsPerTask: i32, task: i32): void {
  const c0 = task * colsPerTask;
  const c1 = min(d, c0 + colsPerTask);
  if (c0 >= c1) return;
  for (let l = 0; l < nLabels; l++) {
    for (let c = c0; c < c1; c++) store<f64>(sums + ((<usize>l * <usize>d + <usize>c) << 3), 0);
  }
  const pairs = c0 + ((c1 - c0) & ~1);
  for (let i = 0; i < n; i++) {
    const l = load<i32>(labels + (<usize>i << 2));
    if (l < 0) continue;
    const row = x + ((<usize>i * <usize>d) << 2);
    const out = sums + ((<usize>l * <usize>d) << 3);
    let c = c0;
    for (; c < pairs; c += 2) {
      const v = f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>c << 2)));
      const p = out + (<usize>c << 3);
      v128.store(p, f64x2.add(v128.load(p), v));
    }
    if (c < c1) {
      const p = out + (<usize>c << 3);
      store<f64>(p, load<f64>(p) + <f64>load<f32>(row + (<usize>c << 2)));
    }
  }
}
