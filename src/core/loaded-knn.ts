/**
 * The kNN kernel (assembly/knn.ts knnTask) between two datasets already in
 * WebAssembly memory: what `knnQuery` runs after loading its matrices, and what the
 * cell search (./cell-knn.ts) runs against the X it keeps loaded. Internal to the core.
 */
import { parallelFor } from './pool.js';
import { blockSizes, type WasmDataset } from './wasm/dataset.js';
import type { WasmRuntime } from './wasm/runtime.js';

/** Candidates kept per row beyond k before exact re-ranking, for the proof. */
export const SCREENING_MARGIN = 8;

/**
 * For every row of q, its k nearest rows of b (excludeSelf: q is b, a row is not its own
 * neighbour). prove = false: no proof and no rescan, the screen's k best re-ranked exactly.
 */
export function nearestLoadedRows(
  rt: WasmRuntime,
  q: WasmDataset,
  b: WasmDataset,
  k: number,
  excludeSelf: boolean,
  threads: number,
  prove = true,
): { indices: Int32Array; distances: Float64Array } {
  return rt.scoped((alloc) => {
    const total = b.n - (excludeSelf ? 1 : 0);
    // Without the proof the screen's own top k is the answer: no margin to re-rank.
    const kk = Math.min(total, prove ? k + SCREENING_MARGIN : k);
    const kernels = rt.kernels();
    const scratchBytes = kernels.knnScratchBytes(k, kk);
    const scratch = alloc(scratchBytes * threads);
    const outIdx = alloc(q.n * k * 4);
    const outDist = alloc(q.n * k * 8);
    const tasks = Math.ceil(q.n / blockSizes(rt).queries);
    parallelFor(
      'knnTask',
      [q.desc, b.desc, k, kk, excludeSelf ? 1 : 0, prove ? 1 : 0, outIdx, outDist, scratch, scratchBytes],
      tasks,
      threads,
    );
    return { indices: rt.i32(outIdx, q.n * k).slice(), distances: rt.f64(outDist, q.n * k).slice() };
  });
}
