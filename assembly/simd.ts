// Small SIMD helpers shared by the kernels (not exported from the module:
// functions taking v128 cannot be called from JavaScript).

/** Horizontal sums of four f32x4 accumulators: lane r of the result is the sum of all lanes of ar. */
@inline export function reduce4(a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  const s01 = f32x4.add(f32x4.shuffle(a0, a1, 0, 4, 1, 5), f32x4.shuffle(a0, a1, 2, 6, 3, 7));
  const s23 = f32x4.add(f32x4.shuffle(a2, a3, 0, 4, 1, 5), f32x4.shuffle(a2, a3, 2, 6, 3, 7));
  return f32x4.add(f32x4.shuffle(s01, s23, 0, 1, 4, 5), f32x4.shuffle(s01, s23, 2, 3, 6, 7));
}

/** reduce4 for i32x4 accumulators. */
@inline export function reduce4i(a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  const s01 = i32x4.add(i32x4.shuffle(a0, a1, 0, 4, 1, 5), i32x4.shuffle(a0, a1, 2, 6, 3, 7));
  const s23 = i32x4.add(i32x4.shuffle(a2, a3, 0, 4, 1, 5), i32x4.shuffle(a2, a3, 2, 6, 3, 7));
  return i32x4.add(i32x4.shuffle(s01, s23, 0, 1, 4, 5), i32x4.shuffle(s01, s23, 2, 3, 6, 7));
}

/** Int16 dot products of row x with rows b0…b3 (`bytes` each, a multiple of 16): lane r is x·br, exact. */
@inline export function dots4i16(x: usize, b0: usize, b1: usize, b2: usize, b3: usize, bytes: usize): v128 {
  let a0 = i32x4.splat(0), a1 = i32x4.splat(0), a2 = i32x4.splat(0), a3 = i32x4.splat(0);
  for (let t: usize = 0; t < bytes; t += 16) {
    const c = v128.load(x + t);
    a0 = i32x4.add(a0, i32x4.dot_i16x8_s(c, v128.load(b0 + t)));
    a1 = i32x4.add(a1, i32x4.dot_i16x8_s(c, v128.load(b1 + t)));
    a2 = i32x4.add(a2, i32x4.dot_i16x8_s(c, v128.load(b2 + t)));
    a3 = i32x4.add(a3, i32x4.dot_i16x8_s(c, v128.load(b3 + t)));
  }
  return reduce4i(a0, a1, a2, a3);
}
