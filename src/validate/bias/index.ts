export { contingencyTable, type ContingencyTable } from './contingency.js';
export { chiSquareUpperTail, normalTwoSided } from './distributions.js';
export { adjustPValues, benjaminiHochberg, holm, CORRECTIONS, type Correction } from './multiple-testing.js';
export {
  analyzePlatformBias,
  DEFAULT_BIAS_OPTIONS,
  type BiasCell,
  type BiasDirection,
  type DominanceFlag,
  type IndependenceTest,
  type PlatformBiasOptions,
  type PlatformBiasResult,
  type StepBasis,
  type ResolvedBiasOptions,
} from './platform-bias.js';
