/**
 * Copies a Matrix into WebAssembly memory in the layout the all-pairs kernels
 * expect (see assembly/similarity.ts): exact f32 values, f64 row norms summed
 * like the TypeScript reference, an L2-normalised, zero-padded f32 copy, and an
 * int16 copy of that with per-row scales and error bounds, for SIMD screening.
 */
import type { Matrix } from '../matrix.js';
import { parallelFor } from '../pool.js';
import type { WasmRuntime } from './runtime.js';

export interface WasmDataset {
  /** Pointer to the descriptor the kernels take. */
  readonly desc: number;
  readonly n: number;
  readonly d: number;
  /** Row stride of the normalised copy (d rounded up to a multiple of 4). */
  readonly dp: number;
  /** Pointer to the f64 norms. */
  readonly norms: number;
}

/** Block sizes compiled into the module. */
export function blockSizes(rt: WasmRuntime): { queries: number; candidates: number } {
  const e = rt.kernels();
  return { queries: Number(e.BLOCK_QUERIES.value), candidates: Number(e.BLOCK_CANDIDATES.value) };
}

/**
 * Load `X` with `alloc` (normally the allocator of `rt.scoped`, so everything is
 * freed with the scope). `threads` only changes how fast, not the result.
 */
export function loadDataset(rt: WasmRuntime, alloc: (bytes: number) => number, X: Matrix, threads: number): WasmDataset {
  const { rows: n, cols: d } = X;
  const dp = Math.ceil(d / 4) * 4;
  const { candidates } = blockSizes(rt);
  const rowsAllocated = Math.max(candidates, Math.ceil(n / candidates) * candidates);
  const xn = alloc(rowsAllocated * dp * 4);
  const xo = alloc(Math.max(1, n * d) * 4);
  const norms = alloc(Math.max(1, n) * 8);
  const dp16 = Math.ceil(d / 8) * 8;
  const x16 = alloc(rowsAllocated * dp16 * 2);
  const inv16 = alloc(rowsAllocated * 4);
  const err16 = alloc(rowsAllocated * 8);
  const desc = alloc(64);
  rt.f32(xo, n * d).set(X.data);
  // Padding rows must be zero; the normalisation kernel writes every real row.
  rt.f32(xn + n * dp * 4, (rowsAllocated - n) * dp).fill(0);
  new Int16Array(rt.memory.buffer, x16 + n * dp16 * 2, (rowsAllocated - n) * dp16).fill(0);
  rt.f32(inv16 + n * 4, rowsAllocated - n).fill(0);
  rt.f64(err16 + n * 8, rowsAllocated - n).fill(0);
  rt.i32(desc, 12).set([xn, xo, norms, n, d, dp, rowsAllocated, x16, inv16, err16, dp16, 0]);
  const rowsPerTask = Math.max(64, Math.ceil(n / (threads * 8)));
  const tasks = Math.ceil(n / rowsPerTask);
  parallelFor('rowNormsTask', [xo, n, d, d, norms, rowsPerTask], tasks, threads);
  parallelFor('normalizeRowsTask', [desc, rowsPerTask], tasks, threads);
  let errMax = 0;
  for (const e of rt.f64(err16, n)) if (e > errMax) errMax = e;
  rt.f64(desc + 48, 1)[0] = errMax;
  return { desc, n, d, dp, norms };
}
