/**
 * The compute core: every all-pairs step of the library goes through here.
 * Stages (embed, cluster, validate) call these functions and never reach into
 * the WebAssembly kernels or the worker pool themselves.
 *
 * Cosine distance everywhere: d(a, b) = 1 − a·b / (‖a‖‖b‖), clamped to [0, 2],
 * identical rows at exactly 0.
 */
export * from './matrix.js';
export * from './errors.js';
export * from './random.js';
export * from './kernels.js';
export { umapLayout, type UmapLayoutOptions } from './umap.js';
