// AssemblyScript kernels of the compute core, compiled by scripts/build-wasm.mjs
// into one module with SIMD and a shared, imported memory. Every function works
// on raw pointers into memory that JavaScript allocates (src/core/wasm/runtime.ts);
// nothing here allocates memory of its own. Kernels meant for the worker pool
// (src/core/pool.ts) take (…, task: i32, thread: i32) as their last parameters.

/** Where the JavaScript allocator may start: the end of this module's static data. */
export const HEAP_BASE: usize = __heap_base;

export * from './vectors';
export * from './similarity';
export * from './knn';
export * from './knn-symmetric';
export * from './mst';
export * from './prefix';
export * from './radius';
export * from './silhouette';
export * from './targets';
export * from './word2vec';
export * from './linalg';
export * from './umap';
export * from './cell-knn';
export * from './refine-knn';
