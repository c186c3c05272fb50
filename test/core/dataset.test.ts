// The dataset the all-pairs kernels read (src/core/wasm/dataset.ts): its normalised f32
// rows, int16 copies, scales and error bounds, against a scalar TypeScript statement of
// the same arithmetic. The kernel computes two columns at a time; the values must be
// the scalar ones bit for bit (the error bounds to rounding of their sum's order).
import { describe, expect, it } from 'vitest';
import { Random, wasmRuntime, type Matrix } from '../../src/core/index.js';
import { loadDataset } from '../../src/core/wasm/dataset.js';

function reference(X: Matrix) {
  const { rows: n, cols: d } = X;
  const dp = Math.ceil(d / 4) * 4,
    dp16 = Math.ceil(d / 8) * 8;
  const xn = new Float32Array(n * dp),
    x16 = new Int16Array(n * dp16),
    inv16 = new Float32Array(n),
    err16 = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += X.data[i * d + t] ** 2;
    const norm = Math.sqrt(s);
    for (let t = 0; t < d; t++) xn[i * dp + t] = norm > 0 ? X.data[i * d + t] / norm : 0;
    let mx = 0;
    for (let t = 0; t < dp; t++) mx = Math.max(mx, Math.abs(xn[i * dp + t]));
    const scale = mx > 0 ? Math.min(32767 / mx, 46000) : 1;
    const inv = Math.fround(1 / scale);
    let err = 0;
    for (let t = 0; t < dp16; t++) {
      const v = t < dp ? xn[i * dp + t] : 0;
      // Math.round rounds halves up (−2.5 → −2), as AssemblyScript's does.
      const q = Math.max(-32767, Math.min(32767, Math.round(v * scale)));
      x16[i * dp16 + t] = q;
      err += (q * inv - v) ** 2;
    }
    inv16[i] = inv;
    err16[i] = Math.sqrt(err) * (1 + 1e-9) + 1e-12;
  }
  return { dp, dp16, xn, x16, inv16, err16 };
}

/**
 * Random rows with zeros and small integers, a zero row, and (d ≥ 5) two rows whose scaled
 * values are exact halves: 65534² + 1² + 1² + 123² + 497² = 2³², so the norm is 65536, the
 * largest value 32767/32768, the scale 32768 and the others (2m + 1)/2 — where Math.round's
 * halves up and round-half-even differ (0.5 → 1 against 0).
 */
function tricky(n: number, d: number, seed: number): Matrix {
  const r = new Random(seed);
  const data = new Float32Array(n * d);
  for (let i = 0; i < data.length; i++) {
    const u = r.next();
    data[i] = u < 0.3 ? Math.round(r.next() * 8) - 4 : u < 0.4 ? 0 : (r.next() - 0.5) * 3;
  }
  data.fill(0, 2 * d, 3 * d);
  if (d >= 5) {
    const halves = [65534, 1, -1, 123, -497];
    for (let row = 0; row < 2; row++) {
      data.fill(0, row * d, (row + 1) * d);
      halves.forEach((v, t) => (data[row * d + t] = row === 0 ? v : -v));
    }
  }
  return { rows: n, cols: d, data };
}

describe('loadDataset', () => {
  for (const [n, d] of [
    [300, 128],
    [257, 100],
    [64, 7],
    [20, 1],
    [90, 33],
  ]) {
    it(`normalises and quantises ${n} × ${d} rows as the scalar arithmetic does`, () => {
      const X = tricky(n, d, n * 1000 + d);
      const want = reference(X);
      const rt = wasmRuntime();
      rt.scoped((alloc) => {
        const ds = loadDataset(rt, alloc, X, 2);
        const [xn, , , , , dp, , x16, inv16, err16, dp16] = Array.from(rt.i32(ds.desc, 12));
        expect([dp, dp16]).toEqual([want.dp, want.dp16]);
        expect(rt.f32(xn, n * dp)).toEqual(want.xn);
        expect(new Int16Array(rt.memory.buffer, x16, n * dp16)).toEqual(want.x16);
        expect(rt.f32(inv16, n)).toEqual(want.inv16);
        const err = rt.f64(err16, n);
        for (let i = 0; i < n; i++) expect(Math.abs(err[i] - want.err16[i])).toBeLessThanOrEqual(1e-14 * want.err16[i] + 1e-300);
      });
    });
  }
});

describe('exact distances', () => {
  it('exactDistance4 and exactDistance2 give exactDistance’s values bit for bit, 0 for identical rows', () => {
    const X = tricky(120, 37, 5);
    // Copies (identical rows: distance 0), a negated row (distance 2) and a nearly identical row.
    X.data.copyWithin(10 * 37, 3 * 37, 4 * 37);
    X.data.copyWithin(11 * 37, 3 * 37, 4 * 37);
    for (let t = 0; t < 37; t++) X.data[12 * 37 + t] = -X.data[3 * 37 + t];
    X.data.copyWithin(13 * 37, 3 * 37, 4 * 37);
    X.data[13 * 37 + 5] = Math.fround(X.data[13 * 37 + 5] * (1 + 2 ** -8) + 2 ** -8);
    const rt = wasmRuntime();
    const k = rt.kernels();
    rt.scoped((alloc) => {
      const ds = loadDataset(rt, alloc, X, 1);
      const d = (i: number, j: number) => k.exactDistance(ds.desc, i, ds.desc, j);
      expect(d(3, 10)).toBe(0);
      expect(d(3, 12)).toBe(2);
      expect(d(3, 13)).toBeGreaterThan(0);
      expect(d(3, 13)).toBeLessThan(1e-4);
      const random = new Random(2);
      for (let trial = 0; trial < 300; trial++) {
        const i = trial < 20 ? 3 : random.int(120);
        const js = trial < 20 ? [10, 11, 12, 13] : Array.from({ length: 4 }, () => random.int(120));
        expect(k.exactDistance4(ds.desc, i, ds.desc, js[0], js[1], js[2], js[3])).toBe(d(i, js[0]));
        for (let r = 1; r < 4; r++) expect(k.exactDistance4Rest(r)).toBe(d(i, js[r]));
        expect(k.exactDistance2(ds.desc, i, ds.desc, js[2], js[3])).toBe(d(i, js[2]));
        expect(k.secondExactDistance()).toBe(d(i, js[3]));
      }
    });
  });
});
