/**
 * The one place where the embed stage touches the compute core's WebAssembly
 * runtime and worker pool: the Word2Vec kernel (assembly/word2vec.ts) needs its
 * own memory layout (weights, corpus, tables), which the generic core kernels
 * do not cover. Like everything in src/embed, it takes them from src/core/index.ts.
 */
import { parallelFor, resolveThreads, wasmRuntime } from '../../core/index.js';

export { parallelFor, resolveThreads, wasmRuntime };
