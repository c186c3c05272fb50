/**
 * The Gram matrix AᵀA of a dense row-major f64 matrix in WebAssembly memory
 * (`gramPartialTask` of assembly/linalg.ts): partial sums over fixed row blocks,
 * added in block order, so the result is the same for any thread count. Used by
 * LSA (src/embed/lsa-kernels.ts) and by the principal directions of the MST's
 * prefix (./principal-subspace.ts).
 */
import { parallelFor } from './pool.js';
import { wasmRuntime } from './wasm/runtime.js';

/** Rows per Gram task: fixed by the row count alone (never by the thread count), at most 64 partials. */
function gramRowsPerTask(rows: number): number {
  return Math.max(256, Math.ceil(rows / 64));
}

/** Bytes of partials `gram` needs for a matrix of `rows` rows and stride `ld`. */
export function gramScratchBytes(rows: number, ld: number): number {
  return Math.max(1, Math.ceil(rows / gramRowsPerTask(rows))) * ld * ld * 8;
}

/**
 * AᵀA for the rows × ld matrix at pointer `a` (ld a multiple of 8), as an
 * ld × ld Float64Array with both triangles filled; `partials` holds
 * gramScratchBytes(rows, ld) bytes.
 */
export function gram(a: number, rows: number, ld: number, partials: number, threads: number): Float64Array {
  const per = gramRowsPerTask(rows);
  const tasks = Math.max(1, Math.ceil(rows / per));
  const g = new Float64Array(ld * ld);
  if (rows === 0) return g;
  parallelFor('gramPartialTask', [a, rows, ld, partials, per], tasks, threads);
  const parts = wasmRuntime().f64(partials, tasks * ld * ld);
  for (let t = 0; t < tasks; t++) {
    const o = t * ld * ld;
    for (let i = 0; i < ld; i++) for (let j = i; j < ld; j++) g[i * ld + j] += parts[o + i * ld + j];
  }
  for (let i = 0; i < ld; i++) for (let j = 0; j < i; j++) g[i * ld + j] = g[j * ld + i];
  return g;
}
