export {
  runPipeline,
  ALGORITHMS,
  VERSION,
  type Algorithm,
  type ClusteringOutcome,
  type PipelineOptions,
  type PipelineProgress,
  type PipelineResult,
  type SkippedPosting,
} from './run-pipeline.js';
export { writePipelineOutputs, encodeNpy, type WrittenOutputs } from './outputs.js';
