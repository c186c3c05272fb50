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
