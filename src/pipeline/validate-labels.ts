/**
 * The run's validation of one labelling of its rows: scores, keywords and
 * names, facet bias, salary premiums, trends and agreement with the ground
 * truth. Every clustering of a run (and each of `reduceClusters`' merged
 * labellings) is validated against the same rows, so what does not depend on
 * the labels — the filtered tokens and their term indices, the normalised
 * titles, each facet's counted postings, the salary table — is prepared once,
 * on the first call, not once per clustering.
 */
import type { Labels, Matrix } from '../core/index.js';
import {
  KeywordCounter,
  TokenIds,
  salaryPremiums,
  salaryPremiumsAsync,
  type KeywordOptions,
  type SalaryPremium,
} from '../validate/index.js';
import type { JobPosting } from '../data/index.js';
import type { FacetBiasOptions } from '../validate/index.js';
import { agreementWith } from './agreement.js';
import { reportNamer, withClusterNames } from './cluster-names.js';
import { facetAnalysis, salaryInputOfRows, trendsOfClustering } from './facet-analysis.js';
import { scoreClustering } from './scoring.js';

export interface LabelValidationInput {
  readonly vectors: Matrix;
  readonly tokens: readonly string[][];
  /** Title of each row. */
  readonly titles: readonly string[];
  readonly jobs: readonly JobPosting[];
  readonly postingOfRow: Int32Array;
  readonly rowOfPosting: Int32Array;
  /** `isTitleOnly` of every input posting. */
  readonly titleOnlyOfPosting: readonly boolean[];
  readonly facets: readonly string[];
  readonly bias?: FacetBiasOptions;
  readonly keywords: KeywordOptions;
  readonly silhouette: { sampleSize?: number } | false;
  readonly seed: number;
  readonly threads?: number;
  readonly truth: { name: string; labels: Labels } | null;
}

/**
 * `validate(labels, nClusters)` for the run's rows (see the file header), and
 * `validateAsync`, the same with the salary analysis on the task pool's worker
 * threads while this thread does the rest (same result for any thread count).
 */
export function labelValidator(input: LabelValidationInput) {
  let prepared: ReturnType<typeof prepare> | undefined;
  let salaryRows: ReturnType<typeof salaryInputOfRows> | undefined;
  const salaryInput = (labels: Labels) => ({ ...(salaryRows ??= salaryInputOfRows(input.jobs, input.postingOfRow)), labels });
  const validated = (labels: Labels, nClusters: number, salary: SalaryPremium[] | null, threads = input.threads) => {
    const p = (prepared ??= prepare(input));
    const scores = scoreClustering(input.vectors, labels, nClusters, p.keywords, {
      silhouette: input.silhouette,
      seed: input.seed,
      threads,
    });
    return {
      ...scores,
      keywords: withClusterNames(scores.keywords, { tokens: input.tokens, labels, titles: input.titles }, p.namer),
      facets: p.facets(labels),
      salary: salary ?? salaryPremiums(salaryInput(labels), { seed: input.seed }),
      trends: trendsOfClustering(input.jobs, input.postingOfRow, labels),
      agreement: input.truth ? [agreementWith(input.truth.name, input.truth.labels, labels)] : [],
    };
  };
  return {
    validate: (labels: Labels, nClusters: number) => validated(labels, nClusters, null),
    /** `threads`: of the scores' kernels and the salary analysis (default: the run's; 1 keeps everything on this thread). */
    validateAsync: async (labels: Labels, nClusters: number, threads: number | undefined = input.threads) => {
      // Started before anything else, the preparation included (seconds at 200k rows: the workers
      // would wait for it), so that the workers run the salary analysis while this thread works.
      const salary = salaryPremiumsAsync(salaryInput(labels), { seed: input.seed }, { threads });
      try {
        // Placeholder salary rows, replaced once the workers answer: the object keeps the field order.
        const rest = validated(labels, nClusters, [], threads);
        return { ...rest, salary: await salary };
      } catch (error) {
        salary.catch(() => undefined);
        throw error;
      }
    },
  };
}

export type LabelValidation = ReturnType<ReturnType<typeof labelValidator>['validate']>;

function prepare(input: LabelValidationInput) {
  const ids = new TokenIds(input.tokens);
  return {
    keywords: new KeywordCounter(ids, input.keywords),
    namer: reportNamer(input.tokens, input.titles, ids),
    facets: facetAnalysis(input.facets, input.jobs, input.rowOfPosting, input.titleOnlyOfPosting, input.bias),
  };
}
