/**
 * Runs the WebAssembly Prim (assembly/mst.ts) with an explicit partition count.
 * Internal: `mutualReachabilityMst` in ./kernels.ts validates and chooses the
 * partitioning; tests call this directly to check that partitioning and thread
 * count never change the result.
 */
import type { Matrix } from './matrix.js';
import { parallelFor, parallelRun } from './pool.js';
import { loadPrefix } from './prefix.js';
import { prefixBasis } from './principal-subspace.js';
import { loadDataset } from './wasm/dataset.js';
import { wasmRuntime } from './wasm/runtime.js';

export interface PrimEdges {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/**
 * Prim over X (n ≥ 2) with `parts` partitions shared by `threads` threads
 * (parts = 1: one thread). `prefixDims` forces the width of the kernel's
 * screening prefix (16, 32, 48 or 64; default: chosen from the data).
 */
export function primMst(X: Matrix, coreDistances: ArrayLike<number>, threads: number, parts: number, prefixDims?: number): PrimEdges {
  const n = X.rows;
  const m = n - 1;
  const rt = wasmRuntime();
  const kernels = rt.kernels();
  return rt.scoped((alloc) => {
    const ds = loadDataset(rt, alloc, X, threads);
    const core = alloc(n * 8);
    rt.f64(core, n).set(coreDistances);
    const from = alloc(m * 4),
      to = alloc(m * 4),
      weight = alloc(m * 8);
    const prefix = loadPrefix(rt, alloc, X, ds, threads, prefixBasis(X, ds.dp, { dims: prefixDims }));
    const runThreads = parts > 1 ? threads : 1;
    const scratch = alloc(kernels.primScratchBytes(n, ds.dp, prefix.dims, parts, threads));
    const ctx = kernels.primInit(ds.desc, prefix.desc, core, from, to, weight, parts, threads, scratch);
    const rowsPerTask = Math.max(256, Math.ceil(n / (threads * 8)));
    parallelFor('primQuantizeTask', [ctx, rowsPerTask], Math.ceil(n / rowsPerTask), threads);
    parallelFor('primPartitionTask', [ctx], parts, threads);
    parallelRun('primRunTask', [ctx], runThreads);
    return { from: rt.i32(from, m).slice(), to: rt.i32(to, m).slice(), weight: rt.f64(weight, m).slice() };
  });
}
