export { runPipeline, VERSION, type PipelineResult } from './run-pipeline.js';
export {
  DEFAULT_ALGORITHMS,
  DEFAULT_FACETS,
  PIPELINE_CLUSTER_DEFAULTS,
  PIPELINE_DATA_DEFAULTS,
  PIPELINE_PARAMS,
  type PipelineOptions,
  type PipelineProgress,
} from './options.js';
export type { ClusteringOutcome } from './outcome.js';
export type { SkippedPosting } from './rows.js';
export type { Agreement } from './agreement.js';
export type { PipelinePrediction, PostingToPredict } from './prediction.js';
export { identityReducer, type Reducer } from './reducer.js';
export { loadRecords, type LoadedRecords, type InputRecords, type SkippedInputRecord } from './input-records.js';
export { writePipelineOutputs, encodeNpy, type WrittenOutputs } from './outputs.js';
export { postingText } from './posting-text.js';
export { reduceClusters, type ReduceClustersOptions } from './reduce-clusters.js';
export { MAP_MAX_ROWS } from './document-map.js';
export { warmUpPipeline } from './warm-up.js';
