/**
 * Loads the prefix of a dataset already in WebAssembly memory: every row's
 * coordinates in the leading principal directions of the data, quantised to
 * int16 at one scale, and its distance from their span (assembly/prefix.ts).
 * The MST bounds distances from below with it, four rows per SIMD step.
 */
import type { Matrix } from './matrix.js';
import { parallelFor } from './pool.js';
import type { PrefixBasis } from './principal-subspace.js';
import type { WasmDataset } from './wasm/dataset.js';
import type { WasmRuntime } from './wasm/runtime.js';

export interface WasmPrefix {
  /** Pointer to the descriptor the kernels take. */
  readonly desc: number;
  /** Coordinates kept (16, 32, 48 or 64). */
  readonly dims: number;
  /** Share of the energy of a sample of rows the kept directions hold. */
  readonly energy: number;
}

/**
 * Compute the prefix of X (loaded as `ds`) in the basis `prefix` (from
 * `prefixBasis(X, ds.dp)`) with `alloc` (normally the allocator of `rt.scoped`).
 */
export function loadPrefix(
  rt: WasmRuntime,
  alloc: (bytes: number) => number,
  X: Matrix,
  ds: WasmDataset,
  threads: number,
  prefix: PrefixBasis,
): WasmPrefix {
  const n = X.rows;
  const pw = prefix.dims;
  // The basis transposed to dp × pw in f32, as the kernel reads it.
  const basis = alloc(ds.dp * pw * 4);
  const bt = rt.f32(basis, ds.dp * pw);
  for (let r = 0; r < pw; r++) for (let t = 0; t < ds.dp; t++) bt[t * pw + r] = prefix.basis[r * prefix.stride + t];
  const pre16 = alloc(Math.max(1, n * pw) * 2),
    y = alloc(Math.max(1, n * pw) * 4);
  const ymax = alloc(Math.max(1, n) * 4),
    err = alloc(Math.max(1, n) * 4),
    tail = alloc(Math.max(1, n) * 4);
  const desc = alloc(64);
  rt.i32(desc, 16).fill(0).set([pw, basis, pre16, y, ymax, err, tail]);
  const kernels = rt.kernels();
  const rowsPerTask = Math.max(256, Math.ceil(n / (threads * 8)));
  const tasks = Math.ceil(n / rowsPerTask);
  parallelFor('prefixProjectTask', [ds.desc, desc, rowsPerTask], tasks, threads);
  kernels.prefixScale(ds.desc, desc);
  parallelFor('prefixQuantizeTask', [ds.desc, desc, rowsPerTask], tasks, threads);
  kernels.prefixErrorMax(ds.desc, desc);
  return { desc, dims: pw, energy: prefix.energy };
}
