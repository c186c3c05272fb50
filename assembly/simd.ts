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
