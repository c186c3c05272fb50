// Small vector kernels: dot product and exact row norms.

/** Dot product of two f32 vectors of length d (SIMD, four lanes). */
export function dot(a: usize, b: usize, d: i32): f32 {
  let acc = f32x4.splat(0);
  let t = 0;
  for (; t + 4 <= d; t += 4) {
    acc = f32x4.add(acc, f32x4.mul(v128.load(a + (<usize>t << 2)), v128.load(b + (<usize>t << 2))));
  }
  let s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
  for (; t < d; t++) s += load<f32>(a + (<usize>t << 2)) * load<f32>(b + (<usize>t << 2));
  return s;
}

/**
 * Euclidean norms of rows [task·rowsPerTask, …) of an n × d f32 matrix with row
 * stride `stride` (floats), written as f64 to out. Summed in f64 in column order,
 * exactly like the TypeScript reference, so the results agree bit for bit.
 */
export function rowNormsTask(x: usize, n: i32, d: i32, stride: i32, out: usize, rowsPerTask: i32, task: i32): void {
  const start = task * rowsPerTask;
  const end = min(n, start + rowsPerTask);
  for (let i = start; i < end; i++) {
    const r = x + ((<usize>i * <usize>stride) << 2);
    let s: f64 = 0;
    for (let t = 0; t < d; t++) {
      const v = <f64>load<f32>(r + (<usize>t << 2));
      s += v * v;
    }
    store<f64>(out + (<usize>i << 3), Math.sqrt(s));
  }
}

/**
 * Fill the normalised copy of a dataset (see similarity.ts) for rows
 * [task·rowsPerTask, …): xn = xo / norm in f64, rounded to f32; padding columns 0.
 * Zero rows stay zero.
 */
export function normalizeRowsTask(ds: usize, rowsPerTask: i32, task: i32): void {
  const xn = <usize>load<u32>(ds), xo = <usize>load<u32>(ds, 4), norms = <usize>load<u32>(ds, 8);
  const n = load<i32>(ds, 12), d = load<i32>(ds, 16), dp = load<i32>(ds, 20);
  const start = task * rowsPerTask;
  const end = min(n, start + rowsPerTask);
  for (let i = start; i < end; i++) {
    const norm = load<f64>(norms + (<usize>i << 3));
    const src = xo + ((<usize>i * <usize>d) << 2);
    const dst = xn + ((<usize>i * <usize>dp) << 2);
    memory.fill(dst, 0, <usize>dp << 2);
    if (norm > 0) {
      // Two columns at a time: promote, divide in f64, demote — each step correctly
      // rounded, so the same f32 as the scalar <f32>(<f64>v / norm).
      const nv = f64x2.splat(norm);
      let t = 0;
      for (; t + 2 <= d; t += 2) {
        const v = f64x2.promote_low_f32x4(v128.load64_zero(src + (<usize>t << 2)));
        v128.store64_lane(dst + (<usize>t << 2), f32x4.demote_f64x2_zero(f64x2.div(v, nv)), 0);
      }
      if (t < d) store<f32>(dst + (<usize>t << 2), <f32>(<f64>load<f32>(src + (<usize>t << 2)) / norm));
    }
    quantizeRow16(ds, i);
  }
}

/**
 * int16 copy of normalised row i for screening: q = round(x̂·s) with
 * s = min(32767 / max|x̂|, 46000), so that |q_a·q_b| ≤ ‖q_a‖‖q_b‖ < 2^31 never
 * overflows int32. Stores 1/s (f32, the value the kernels use) and the error
 * ‖q/s − x̂‖₂ (f64, rounded up), which bounds the screening error rigorously.
 */
function quantizeRow16(ds: usize, i: i32): void {
  const xn = <usize>load<u32>(ds), dp = load<i32>(ds, 20);
  const x16 = <usize>load<u32>(ds, 28), inv16 = <usize>load<u32>(ds, 32), err16 = <usize>load<u32>(ds, 36);
  const dp16 = load<i32>(ds, 40);
  const src = xn + ((<usize>i * <usize>dp) << 2);
  const dst = x16 + ((<usize>i * <usize>dp16) << 1);
  // dp is a multiple of 4 (zero padding), dp16 of 8: whole vectors throughout.
  let m4 = f32x4.splat(0);
  for (let t = 0; t < dp; t += 4) m4 = f32x4.max(m4, f32x4.abs(v128.load(src + (<usize>t << 2))));
  const mx = <f64>max(max(f32x4.extract_lane(m4, 0), f32x4.extract_lane(m4, 1)), max(f32x4.extract_lane(m4, 2), f32x4.extract_lane(m4, 3)));
  const scale = mx > 0 ? min(32767 / mx, 46000) : 1;
  const inv = <f32>(1 / scale);
  const sv = f64x2.splat(scale), iv = f64x2.splat(<f64>inv);
  const half = f64x2.splat(0.5), one = f64x2.splat(1), lim = f64x2.splat(32767);
  let acc = f64x2.splat(0);
  for (let t = 0; t < dp16; t += 2) {
    const v = t < dp ? f64x2.promote_low_f32x4(v128.load64_zero(src + (<usize>t << 2))) : f64x2.splat(0);
    const y = f64x2.mul(v, sv);
    // Math.round (half up): ceil(y), less one when ceil(y) − 0.5 > y; then clamp.
    const c = f64x2.ceil(y);
    const q = f64x2.max(f64x2.neg(lim), f64x2.min(lim, v128.bitselect(c, f64x2.sub(c, one), f64x2.le(f64x2.sub(c, half), y))));
    const q32 = i32x4.trunc_sat_f64x2_s_zero(q);
    v128.store32_lane(dst + (<usize>t << 1), i16x8.narrow_i32x4_s(q32, q32), 0);
    const diff = f64x2.sub(f64x2.mul(q, iv), v);
    acc = f64x2.add(acc, f64x2.mul(diff, diff));
  }
  const err = f64x2.extract_lane(acc, 0) + f64x2.extract_lane(acc, 1);
  store<f32>(inv16 + (<usize>i << 2), inv);
  // Rounded up: the bound stays rigorous whatever the order of the sum.
  store<f64>(err16 + (<usize>i << 3), Math.sqrt(err) * (1 + 1e-9) + 1e-12);
}
