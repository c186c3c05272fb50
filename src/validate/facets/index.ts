export { facetTable, type FacetTable } from './facet-table.js';
export { cellStatistics, independenceTest, ratioInterval, type CellStatistics, type TableTest } from './cell-tests.js';
export {
  analyzeFacetBias,
  resolveFacetBiasOptions,
  DEFAULT_FACET_BIAS_OPTIONS,
  type Confound,
  type FacetBiasInput,
  type FacetBiasOptions,
  type FacetBiasResult,
  type FacetFlag,
  type ResolvedFacetBiasOptions,
} from './facet-bias.js';
