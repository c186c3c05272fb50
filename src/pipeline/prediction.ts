/**
 * New postings into the fitted clusters, without refitting: cleaned and
 * tokenized as the input was, embedded by the fitted embedder, reduced if a
 * reducer ran, then the rule the training rows followed (text-clustering.ts):
 * HDBSCAN's approximate prediction, then the soft assignment for what is left as
 * noise (title-only postings: the assignment alone); DBSCAN: the assignment
 * alone (it has no predict of its own, as in scikit-learn); K-Means and
 * bisecting K-Means: nearest centroid.
 */
import { InputError, ParameterError, selectRows, type Labels } from '../core/index.js';
import { isTitleOnly, type JobPosting } from '../data/index.js';
import type { FittedEmbedding } from '../embed/index.js';
import { HDBSCANResult } from '../cluster/index.js';
import type { Tokenizer } from '../tokenize/index.js';
import type { FittedClustering } from './cluster-loop.js';
import { postingText } from './posting-text.js';
import type { PostingTextOptions } from './options.js';

export interface PipelinePrediction {
  /** Per new posting, per algorithm that can predict: label, −1 for noise or no usable text. */
  labels: Partial<Record<string, Labels>>;
  /** HDBSCAN membership probability per new posting (0 for noise). */
  probabilities?: Float64Array;
  /** New postings with no token or no word the embedding knows (labelled −1). */
  unembedded: number[];
}

/** What a posting to predict needs: `raw` and the other fields are optional. */
export type PostingToPredict = Pick<JobPosting, 'title' | 'description'> & Partial<JobPosting>;

export function predictPostings(
  jobs: readonly PostingToPredict[],
  fitted: {
    clean: PostingTextOptions;
    tokenizer: Tokenizer;
    embedding: FittedEmbedding;
    reduced: boolean;
    clusterings: readonly FittedClustering[];
    threads?: number;
  },
): PipelinePrediction {
  if (!Array.isArray(jobs)) throw new ParameterError('jobs', jobs, 'an array of postings ({ title, description, … })');
  jobs.forEach((job, i) => {
    if (!job || typeof job.title !== 'string' || typeof job.description !== 'string') {
      throw new ParameterError(`jobs[${i}]`, job, 'a posting with string title and description');
    }
  });
  const transform = fitted.embedding.transform;
  if (!transform) throw new InputError(`predict: the '${fitted.embedding.name}' embedding cannot embed new postings.`);
  if (fitted.reduced) throw new InputError('predict: new postings cannot go through the reducer (it has no transform).');
  const tokens = fitted.tokenizer.tokenizeAll(jobs.map((job) => postingText(job, fitted.clean)));
  // Titles weighed as in the fit.
  const titles = fitted.tokenizer.tokenizeAll(jobs.map((job) => postingText({ title: job.title, description: '' }, fitted.clean)));
  const { vectors, emptyDocuments } = transform(tokens, { threads: fitted.threads, titles });
  const unembedded = new Set<number>(emptyDocuments);
  tokens.forEach((t, i) => t.length === 0 && unembedded.add(i));
  const rows = Array.from({ length: jobs.length }, (_, i) => i).filter((i) => !unembedded.has(i));
  const X = selectRows(vectors, rows);
  const spread = (labels: Labels): Labels => {
    const out = new Int32Array(jobs.length).fill(-1);
    rows.forEach((i, r) => (out[i] = labels[r]));
    return out;
  };
  const prediction: PipelinePrediction = { labels: {}, unembedded: [...unembedded].sort((a, b) => a - b) };
  if (rows.length === 0) return prediction;
  const titleOnly = rows.map((i) => isTitleOnly(jobs[i]));
  for (const c of fitted.clusterings) {
    if (c.result instanceof HDBSCANResult) {
      // HDBSCAN also gives membership probabilities.
      // HDBSCAN also gives membership probabilities (of the clusterer itself, before assignment).
      const p = c.result.approximatePredict(X);
      prediction.probabilities = new Float64Array(jobs.length);
      rows.forEach((i, r) => (prediction.probabilities![i] = p.probabilities[r]));
    }
    // The rule the training rows followed (soft assignment, title-only rows placed), else the model's own.
    if (c.predictRows) prediction.labels[c.algorithm] = spread(c.predictRows(X, titleOnly));
    else if (c.result.capabilities.predict && c.result.predict) prediction.labels[c.algorithm] = spread(c.result.predict(X));
  }
  return prediction;
}
