// Dense and sparse × dense f64 kernels for the randomized SVD of the LSA
// embedding (src/embed/lsa.ts). Dense matrices are row-major f64 with a row
// stride `ld` that is a multiple of 8 (padding columns hold zeros), so every
// inner loop runs on whole f64x2 lanes, four registers (8 columns) at a time.
// Each task writes only its own rows (or its own Gram partial), so results do
// not depend on how tasks are spread over threads.

/**
 * out[i, :] = Σ_p data[p] · b[indices[p], :] for CSR rows i of task
 * [task·rowsPerTask, …): sparse × dense, accumulated in f64 registers
 * 8 columns at a time (the row's non-zeros are re-read for each column block;
 * they stay in L1). `ld` is the row stride of both b and out.
 */
export function csrTimesDenseTask(
  indptr: usize, indices: usize, data: usize, rows: i32, b: usize, ld: i32, out: usize, rowsPerTask: i32, task: i32,
): void {
  const start = task * rowsPerTask;
  const end = min(rows, start + rowsPerTask);
  const rowBytes = <usize>ld << 3;
  for (let i = start; i < end; i++) {
    const p0 = load<i32>(indptr + (<usize>i << 2));
    const p1 = load<i32>(indptr + (<usize>(i + 1) << 2));
    const o = out + <usize>i * rowBytes;
    for (let c = 0; c < ld; c += 8) {
      const cb = <usize>c << 3;
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
      for (let p = p0; p < p1; p++) {
        const v = f64x2.splat(<f64>load<f32>(data + (<usize>p << 2)));
        const r = b + <usize>load<i32>(indices + (<usize>p << 2)) * rowBytes + cb;
        a0 = f64x2.add(a0, f64x2.mul(v, v128.load(r)));
        a1 = f64x2.add(a1, f64x2.mul(v, v128.load(r, 16)));
        a2 = f64x2.add(a2, f64x2.mul(v, v128.load(r, 32)));
        a3 = f64x2.add(a3, f64x2.mul(v, v128.load(r, 48)));
      }
      v128.store(o + cb, a0);
      v128.store(o + cb, a1, 16);
      v128.store(o + cb, a2, 32);
      v128.store(o + cb, a3, 48);
    }
  }
}

/**
 * Partial Gram matrix of rows [task·rowsPerTask, …) of the n × ld matrix a:
 * partials + task·ld·ld receives Σ_r a[r, i]·a[r, j] for the blocks with j ≥ i
 * (block-upper triangle; 2 rows of G × 8 columns per register tile, summed over
 * the task's rows in row order). The caller adds the partials in task order,
 * so the sum is the same for any thread count.
 */
export function gramPartialTask(a: usize, n: i32, ld: i32, partials: usize, rowsPerTask: i32, task: i32): void {
  const start = task * rowsPerTask;
  const end = min(n, start + rowsPerTask);
  const rowBytes = <usize>ld << 3;
  const g = partials + <usize>task * <usize>ld * rowBytes;
  const first = a + <usize>start * rowBytes;
  for (let i = 0; i < ld; i += 2) {
    const ib = <usize>i << 3;
    for (let c = i & ~7; c < ld; c += 8) {
      const cb = <usize>c << 3;
      let x0 = f64x2.splat(0), x1 = f64x2.splat(0), x2 = f64x2.splat(0), x3 = f64x2.splat(0);
      let y0 = f64x2.splat(0), y1 = f64x2.splat(0), y2 = f64x2.splat(0), y3 = f64x2.splat(0);
      let r = first;
      for (let row = start; row < end; row++, r += rowBytes) {
        const u = v128.load64_splat(r + ib);
        const w = v128.load64_splat(r + ib + 8);
        const q = r + cb;
        const b0 = v128.load(q), b1 = v128.load(q, 16), b2 = v128.load(q, 32), b3 = v128.load(q, 48);
        x0 = f64x2.add(x0, f64x2.mul(u, b0));
        x1 = f64x2.add(x1, f64x2.mul(u, b1));
        x2 = f64x2.add(x2, f64x2.mul(u, b2));
        x3 = f64x2.add(x3, f64x2.mul(u, b3));
        y0 = f64x2.add(y0, f64x2.mul(w, b0));
        y1 = f64x2.add(y1, f64x2.mul(w, b1));
        y2 = f64x2.add(y2, f64x2.mul(w, b2));
        y3 = f64x2.add(y3, f64x2.mul(w, b3));
      }
      const gi = g + <usize>i * rowBytes + cb;
      v128.store(gi, x0);
      v128.store(gi, x1, 16);
      v128.store(gi, x2, 32);
      v128.store(gi, x3, 48);
      const gw = gi + rowBytes;
      v128.store(gw, y0);
      v128.store(gw, y1, 16);
      v128.store(gw, y2, 32);
      v128.store(gw, y3, 48);
    }
  }
}

/**
 * out[i, :] = a[i, :inner] · w for rows of task [task·rowsPerTask, …), where w
 * is inner × ldw (row stride ldw, a multiple of 8) and a has row stride lda.
 * With `upper` ≠ 0, w is upper triangular (square, ldw = lda) and only its
 * rows p ≤ the last column of each block are read; columns are then produced
 * from the last block down, so out may alias a (in-place A ← A·R⁻¹).
 * Two rows of a share each load of w (2 × 8 accumulators).
 */
export function denseTimesTask(
  a: usize, n: i32, lda: i32, w: usize, ldw: i32, inner: i32, upper: i32, out: usize, rowsPerTask: i32, task: i32,
): void {
  const start = task * rowsPerTask;
  const end = min(n, start + rowsPerTask);
  const wBytes = <usize>ldw << 3;
  const aBytes = <usize>lda << 3;
  let i = start;
  for (; i + 1 < end; i += 2) {
    const x = a + <usize>i * aBytes;
    const y = x + aBytes;
    const o = out + <usize>i * wBytes;
    const o2 = o + wBytes;
    for (let c = ldw - 8; c >= 0; c -= 8) {
      const cb = <usize>c << 3;
      const pEnd = upper ? min(inner, c + 8) : inner;
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
      let b0 = f64x2.splat(0), b1 = f64x2.splat(0), b2 = f64x2.splat(0), b3 = f64x2.splat(0);
      let r = w + cb;
      for (let p = 0; p < pEnd; p++, r += wBytes) {
        const u = v128.load64_splat(x + (<usize>p << 3));
        const v = v128.load64_splat(y + (<usize>p << 3));
        const w0 = v128.load(r), w1 = v128.load(r, 16), w2 = v128.load(r, 32), w3 = v128.load(r, 48);
        a0 = f64x2.add(a0, f64x2.mul(u, w0));
        a1 = f64x2.add(a1, f64x2.mul(u, w1));
        a2 = f64x2.add(a2, f64x2.mul(u, w2));
        a3 = f64x2.add(a3, f64x2.mul(u, w3));
        b0 = f64x2.add(b0, f64x2.mul(v, w0));
        b1 = f64x2.add(b1, f64x2.mul(v, w1));
        b2 = f64x2.add(b2, f64x2.mul(v, w2));
        b3 = f64x2.add(b3, f64x2.mul(v, w3));
      }
      v128.store(o + cb, a0);
      v128.store(o + cb, a1, 16);
      v128.store(o + cb, a2, 32);
      v128.store(o + cb, a3, 48);
      v128.store(o2 + cb, b0);
      v128.store(o2 + cb, b1, 16);
      v128.store(o2 + cb, b2, 32);
      v128.store(o2 + cb, b3, 48);
    }
  }
  for (; i < end; i++) {
    const x = a + <usize>i * aBytes;
    const o = out + <usize>i * wBytes;
    for (let c = ldw - 8; c >= 0; c -= 8) {
      const cb = <usize>c << 3;
      const pEnd = upper ? min(inner, c + 8) : inner;
      let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
      let r = w + cb;
      for (let p = 0; p < pEnd; p++, r += wBytes) {
        const u = v128.load64_splat(x + (<usize>p << 3));
        a0 = f64x2.add(a0, f64x2.mul(u, v128.load(r)));
        a1 = f64x2.add(a1, f64x2.mul(u, v128.load(r, 16)));
        a2 = f64x2.add(a2, f64x2.mul(u, v128.load(r, 32)));
        a3 = f64x2.add(a3, f64x2.mul(u, v128.load(r, 48)));
      }
      v128.store(o + cb, a0);
      v128.store(o + cb, a1, 16);
      v128.store(o + cb, a2, 32);
      v128.store(o + cb, a3, 48);
    }
  }
}

/**
 * Fill the first `cols` columns of the rows × ld matrix `out` (row by row) with
 * standard normal draws, zero the padding columns. The uniform stream is the
 * one of src/core/random.ts (xoshiro128** seeded by splitmix32, Box–Muller
 * keeping the cosine draw), so for a seed the values equal Random.normal()'s
 * up to the last-bit differences of this module's log/cos; drawing 1.8 M of
 * them here costs a fraction of the JavaScript generator's time.
 */
export function gaussianFill(out: usize, rows: i32, cols: i32, ld: i32, seed: u32): void {
  let x = seed;
  x += 0x9e3779b9;
  let s0 = splitmixOutput(x);
  x += 0x9e3779b9;
  let s1 = splitmixOutput(x);
  x += 0x9e3779b9;
  let s2 = splitmixOutput(x);
  x += 0x9e3779b9;
  let s3 = splitmixOutput(x);
  const twoPi = 2 * Math.PI;
  for (let r = 0; r < rows; r++) {
    const row = out + ((<usize>r * <usize>ld) << 3);
    for (let c = 0; c < cols; c++) {
      let u: f64 = 0;
      let v: f64 = 0;
      // Same call order as Random.normal: uniforms until one is non-zero, then one more.
      while (true) {
        const result = rotl<u32>(s1 * 5, 7) * 9;
        const t = s1 << 9;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl<u32>(s3, 11);
        const uniform = <f64>result / 4294967296.0;
        if (u === 0) {
          u = uniform;
        } else {
          v = uniform;
          break;
        }
      }
      store<f64>(row + (<usize>c << 3), Math.sqrt(-2 * Math.log(u)) * Math.cos(twoPi * v));
    }
    for (let c = cols; c < ld; c++) store<f64>(row + (<usize>c << 3), 0);
  }
}

function splitmixOutput(x: u32): u32 {
  let z = x;
  z = (z ^ (z >>> 16)) * 0x85ebca6b;
  z = (z ^ (z >>> 13)) * 0xc2b2ae35;
  return z ^ (z >>> 16);
}
