/**
 * The compute core: every all-pairs step of the library goes through here.
 * Stages (embed, cluster, validate) call what this file exports and never
 * import core's internal files.
 *
 * Cosine distance everywhere: d(a, b) = 1 − a·b / (‖a‖‖b‖), clamped to [0, 2],
 * identical rows at exactly 0.
 */
export * from './matrix.js';
export * from './errors.js';
export * from './random.js';
export * from './kernels.js';
export {
  validateParams,
  validateParam,
  describeSpec,
  checkThreads,
  paramFlag,
  THREADS_SPEC,
  type ParamSpec,
  type ParamSpecs,
  type ParamType,
  type ValidateParamsContext,
} from './params.js';
/**
 * For stages that bring WebAssembly kernels of their own (Word2Vec training,
 * the LSA products): the runtime, the worker pool and the Gram kernel. Stages
 * reach them here, never through core's internal files; they are not part of
 * the package's public API (src/index.ts does not export them).
 */
export { parallelFor, resolveThreads, MAX_THREADS } from './pool.js';
export { wasmRuntime, WasmRuntime } from './wasm/runtime.js';
export { gram, gramScratchBytes } from './gram.js';
export { umapLayout, type UmapLayoutOptions } from './umap.js';
/**
 * The pool for JavaScript stages (worker threads that run named tasks, see
 * ./task-pool.ts); TaskError and terminateTaskPool are public, the rest is for stages.
 */
export { TaskError, terminateTaskPool, defineTask, mapTask, taskPool, type TaskDefinition } from './task-pool.js';
