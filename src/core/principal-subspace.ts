/**
 * Leading principal directions of a set of rows, for the prefix screening of the
 * MST (assembly/prefix.ts, assembly/mst.ts): a dot product of unit rows a·b splits into its part in a
 * P-dimensional subspace, which P coordinates give, and a rest bounded by the
 * product of the two rows' distances from the subspace (Cauchy–Schwarz). When
 * the subspace holds most of the rows' energy, P ≪ d coordinates already prove
 * that most pairs are too far apart to matter.
 *
 * Only speed depends on this basis; results never do (every bound stays rigorous
 * for any orthonormal basis). It is computed from a fixed sample of rows by a
 * few rounds of subspace iteration on their second-moment matrix, from a seeded
 * start, so it is the same on every run.
 */
import type { Matrix } from './matrix.js';
import { gram, gramScratchBytes } from './gram.js';
import { Random } from './random.js';
import { wasmRuntime } from './wasm/runtime.js';

export interface PrefixBasis {
  /** Coordinates kept (a multiple of 16; rows of `basis` past the rank are zero). */
  dims: number;
  /** dims × stride f64, row-major: orthonormal rows (zero-padded columns from d on). */
  basis: Float64Array;
  stride: number;
  /** Share of the sample's energy the kept directions hold (for docs and tuning). */
  energy: number;
}

/** Sampled rows: enough for the leading directions, cheap next to the MST itself. */
const SAMPLE_ROWS = 768;
/** Directions computed; the prefix uses the first 16, 32, 48 or 64 of them. */
const MAX_DIMS = 64;
/** Products with G after the random start (randomized subspace iteration). */
const POWER_ITERATIONS = 3;
/** Keep the smallest prefix that leaves at most this share of the energy outside. */
const TAIL_ENERGY = 0.15;
const PREFIX_CHOICES = [16, 32, 48, 64];

/** Options of `prefixBasis`. */
export interface PrefixBasisOptions {
  /** Force the width (16, 32, 48 or 64); tests use it to show that results do not depend on it. */
  dims?: number;
  /** Keep the smallest width that leaves at most this share of the energy outside (default 0.15, the MST's). */
  tailEnergy?: number;
  /** Widest prefix wanted (default 64): fewer directions are computed for a narrower one. */
  maxDims?: number;
}

/**
 * Basis of the prefix for rows X (any norm; each sampled row is normalised),
 * with rows of `stride` ≥ d columns. Chooses dims ∈ {16, 32, 48, 64} up to
 * `maxDims`: the smallest that leaves at most `tailEnergy` of the energy
 * outside, else the widest.
 */
export function prefixBasis(X: Matrix, stride: number, options: PrefixBasisOptions = {}): PrefixBasis {
  const { dims, tailEnergy = TAIL_ENERGY, maxDims = MAX_DIMS } = options;
  const { rows: n, cols: d } = X;
  const choices = PREFIX_CHOICES.filter((p) => p <= Math.max(PREFIX_CHOICES[0], Math.min(MAX_DIMS, maxDims)) || p === dims);
  const k = Math.min(choices[choices.length - 1], d);
  const ld = Math.ceil(d / 8) * 8;
  const kd = Math.ceil(k / 8) * 8;
  const rt = wasmRuntime();
  const kernels = rt.kernels();
  const { g, v, gv } = rt.scoped((alloc) => {
    // Second moment G = Σ x̂ x̂ᵀ over a fixed sample (f64 SIMD kernels of assembly/linalg.ts).
    const s = Math.min(n, SAMPLE_ROWS);
    const sample = alloc(Math.max(1, s) * ld * 8);
    const sv = rt.f64(sample, s * ld).fill(0);
    for (let r = 0; r < s; r++) {
      const i = Math.floor((r * n) / s);
      let norm = 0;
      for (let t = 0; t < d; t++) norm += X.data[i * d + t] ** 2;
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let t = 0; t < d; t++) sv[r * ld + t] = X.data[i * d + t] * inv;
    }
    const g = gram(sample, s, ld, alloc(gramScratchBytes(s, ld)), 1);
    const gPtr = alloc(ld * ld * 8);
    rt.f64(gPtr, ld * ld).set(g);

    // Randomized subspace iteration: V ← orth(G·V), V a d × k matrix (stride kd).
    const vPtr = alloc(ld * kd * 8),
      wPtr = alloc(ld * kd * 8);
    const vm = rt.f64(vPtr, ld * kd).fill(0);
    const random = new Random(0x9e3779b9);
    for (let a = 0; a < d; a++) for (let c = 0; c < k; c++) vm[a * kd + c] = random.normal();
    gramSchmidtColumns(vm, d, k, kd, 1);
    const times = (): Float64Array => {
      kernels.denseTimesTask(gPtr, ld, ld, vPtr, kd, ld, 0, wPtr, ld, 0);
      return rt.f64(wPtr, ld * kd);
    };
    for (let it = 0; it < POWER_ITERATIONS; it++) {
      vm.set(times());
      gramSchmidtColumns(vm, d, k, kd, it === POWER_ITERATIONS - 1 ? 2 : 1);
    }
    return { g, v: vm.slice(), gv: times().slice() };
  });
  let trace = 0;
  for (let a = 0; a < d; a++) trace += g[a * ld + a];

  // Energy of each direction (Rayleigh quotient vᵀGv); strongest first.
  const energy = Array.from({ length: k }, (_, c) => {
    let e = 0;
    for (let a = 0; a < d; a++) e += v[a * kd + c] * gv[a * kd + c];
    return e;
  });
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => energy[b] - energy[a] || a - b);
  let chosen = choices[choices.length - 1];
  let kept = 0;
  for (const p of choices) {
    kept = 0;
    for (let c = 0; c < Math.min(p, k); c++) kept += energy[order[c]];
    chosen = p;
    if (dims === undefined ? trace <= 0 || trace - kept <= tailEnergy * trace : p === dims) break;
  }
  const basis = new Float64Array(chosen * stride);
  for (let r = 0; r < Math.min(chosen, k); r++) {
    for (let t = 0; t < d; t++) basis[r * stride + t] = v[t * kd + order[r]];
  }
  return { dims: chosen, basis, stride, energy: trace > 0 ? Math.min(1, kept / trace) : 1 };
}

/**
 * Modified Gram–Schmidt on the first k columns of the row-major `rows` × ld
 * matrix v, `passes` times. A column that vanishes (rank below k) becomes zero,
 * so the nonzero columns stay orthonormal. (LSA's CholeskyQR, src/embed, needs
 * full column rank, which a sample of duplicated rows does not have; and a full
 * Jacobi eigen-decomposition of the d × d matrix took ≈ 70 ms at d = 128.)
 */
export function gramSchmidtColumns(v: Float64Array, rows: number, k: number, ld: number, passes: number): void {
  // On a column-major copy: every dot product and update then reads one contiguous column
  // (5 → 1 ms for 128 × 64 at 10k rows' prefix; the row-major columns were strided by ld).
  const cols = new Float64Array(k * rows);
  for (let t = 0; t < rows; t++) for (let c = 0; c < k; c++) cols[c * rows + t] = v[t * ld + c];
  for (let pass = 0; pass < passes; pass++) {
    for (let c = 0; c < k; c++) {
      const oc = c * rows;
      for (let p = 0; p < c; p++) {
        const op = p * rows;
        let dot = 0;
        for (let t = 0; t < rows; t++) dot += cols[oc + t] * cols[op + t];
        for (let t = 0; t < rows; t++) cols[oc + t] -= dot * cols[op + t];
      }
      let norm = 0;
      for (let t = 0; t < rows; t++) norm += cols[oc + t] ** 2;
      // Below this the column is rounding noise of the others: drop it.
      const inv = norm > 1e-20 ? 1 / Math.sqrt(norm) : 0;
      for (let t = 0; t < rows; t++) cols[oc + t] *= inv;
    }
  }
  for (let t = 0; t < rows; t++) for (let c = 0; c < k; c++) v[t * ld + c] = cols[c * rows + t];
}
/**
 * Largest |⟨b_r, b_c⟩ − δ_rc| over the nonzero rows of the basis: how far it is
 * from orthonormal (the kernel's bounds assume ≤ 1e-12; MGS twice gives ~1e-16).
 */
export function orthonormalityError(b: PrefixBasis): number {
  let worst = 0;
  const { dims, basis, stride } = b;
  for (let r = 0; r < dims; r++) {
    for (let c = r; c < dims; c++) {
      let dot = 0;
      for (let t = 0; t < stride; t++) dot += basis[r * stride + t] * basis[c * stride + t];
      const rowZero = r === c && dot === 0;
      const err = Math.abs(dot - (r === c && !rowZero ? 1 : 0));
      if (err > worst) worst = err;
    }
  }
  return worst;
}
