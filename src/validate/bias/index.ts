/**
 * Shared statistical helpers of the facet analysis: distribution tails and
 * multiple-testing corrections (the step-wise platform-bias analysis that
 * lived here was replaced by `analyzeFacetBias`, src/validate/facets).
 */
export { chiSquareUpperTail, normalTwoSided } from './distributions.js';
export { adjustPValues, benjaminiHochberg, holm, CORRECTIONS, type Correction } from './multiple-testing.js';
