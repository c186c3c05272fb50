/**
 * A realistic `ReportInput` from the synthetic corpus: real tokens (jieba
 * tokenizer), simple hashed bag-of-words vectors, the ground-truth archetypes
 * as one clustering (every 25th posting made noise) and a coarser one. The
 * planted bias is stronger than the generator's default (factor 5, not 3) so
 * that it is flagged at this small size whatever the generator's details.
 */
import { createMatrix, normalizeRows } from '../../src/core/index.js';
import { cleanText, dataQuality, generateJobs, isTitleOnly } from '../../src/data/index.js';
import { createTokenizer } from '../../src/tokenize/index.js';
import {
  adjustedRandIndex,
  calinskiHarabasz,
  clusterKeywords,
  daviesBouldin,
  normalizedMutualInformation,
  silhouette,
} from '../../src/validate/index.js';
import type { ClusteringInput, ReportInput } from '../../src/report/index.js';
import { analyzeFacets, salaryOfClustering, trendsOfClustering } from '../../src/pipeline/facet-analysis.js';

const DIM = 96;

function hashToken(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return (h >>> 0) % DIM;
}

export function sampleReportInput({ n = 1500, seed = 3 } = {}): ReportInput {
  const corpus = generateJobs({ n, seed, bias: { platform: 'LIEPIN', archetype: 'fintech-hft', factor: 5 } });
  const copies = new Set(corpus.duplicates.flatMap((g) => g.indices.slice(1)));
  const keep = corpus.jobs.map((_, i) => i).filter((i) => !copies.has(i));
  const jobs = keep.map((i) => corpus.jobs[i]);
  const tokenizer = createTokenizer();
  const tokens = tokenizer.tokenizeAll(jobs.map((j) => cleanText(`${j.title}\n${j.description}`)));
  const X = createMatrix(jobs.length, DIM);
  tokens.forEach((list, r) => {
    for (const t of list) X.data[r * DIM + hashToken(t)] += 1;
    if (list.length === 0) X.data[r * DIM] = 1;
  });
  normalizeRows(X, { inPlace: true });
  const platforms = jobs.map((j) => j.platform);
  const rowOfPosting = Int32Array.from(jobs.keys());
  const truth = Int32Array.from(keep, (i) => corpus.archetypeLabels[i]);
  const archetypes = truth.map((l, i) => (i % 25 === 7 ? -1 : l));
  const coarse = truth.map((l) => l >> 1);

  const clustering = (algorithm: string, labels: Int32Array, params: Record<string, unknown>): ClusteringInput => ({
    algorithm,
    params,
    labels,
    seconds: 0.25,
    silhouette: silhouette(X, labels),
    daviesBouldin: daviesBouldin(X, labels),
    calinskiHarabasz: calinskiHarabasz(X, labels),
    agreement: [
      {
        against: 'archetypes',
        adjustedRandIndex: adjustedRandIndex(truth, labels),
        normalizedMutualInformation: normalizedMutualInformation(truth, labels),
      },
    ],
    keywords: clusterKeywords(tokens, labels, { topN: 8 }),
    facets: analyzeFacets(
      ['platform'],
      jobs,
      rowOfPosting,
      labels,
      jobs.map((job) => isTitleOnly(job)),
    ),
    salary: salaryOfClustering(jobs, rowOfPosting, labels, 1),
    trends: trends(labels).clusters,
    trendInfo: { period: trends(labels).period, undated: trends(labels).undated },
  });
  const trends = (labels: Int32Array) => trendsOfClustering(jobs, rowOfPosting, labels);
  return {
    title: `Synthetic corpus <seed ${seed}> & "bias" check`,
    createdAt: '2026-11-25T01:00:00.000Z',
    version: '0.1.0',
    dataset: {
      source: `synthetic (seed ${seed})`,
      records: n,
      skipped: 0,
      skippedByReason: {},
      duplicates: n - keep.length,
      used: jobs.length,
    },
    dataQuality: dataQuality(jobs),
    representation: { name: 'hashed-bag-of-words', dim: DIM },
    params: { seed, n, threads: 2, algorithms: ['archetypes', 'coarse'] },
    timings: [
      { stage: 'load', seconds: 0.05 },
      { stage: 'tokenize', seconds: 0.4 },
      { stage: 'cluster', seconds: 0.5 },
    ],
    postings: { ids: jobs.map((j) => j.id), titles: jobs.map((j) => j.title), platforms },
    clusterings: [clustering('archetypes', archetypes, { source: 'ground truth' }), clustering('coarse', coarse, { merge: 2 })],
  };
}
