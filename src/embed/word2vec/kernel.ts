/**
 * The one place where the embed stage touches the compute core's WebAssembly
 * runtime and worker pool: the Word2Vec kernel (assembly/word2vec.ts) needs its
 * own memory layout (weights, corpus, tables), which the generic core kernels
 * do not cover. Everything else in src/embed goes through src/core/index.ts.
 */
import { parallelFor, resolveThreads } from '../../core/pool.js';
import { wasmRuntime } from '../../core/wasm/runtime.js';

export { parallelFor, resolveThreads, wasmRuntime };
