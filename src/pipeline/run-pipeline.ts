/**
 * `runPipeline`: JD postings in, clusters + scores + keywords + platform bias +
 * report out. It strings the stages together through their public entries and
 * owns only the book-keeping between them: which input posting became which
 * vector row, and what was left out and why.
 *
 * Row bookkeeping. Postings go through three filters, each counted:
 *   1. duplicates (optional, default on): one posting per duplicate group is
 *      embedded; the others get the label of their group's representative;
 *   2. postings whose cleaned text has no token left after tokenisation;
 *   3. postings whose tokens are all unknown to the embedding (reported by the
 *      embedder).
 * `labelsByPosting` has one label per input posting: the label of its row, of its
 * representative's row for a duplicate, and −1 for a posting that has no row.
 */
import { ParameterError, check, knn, selectRows, type Labels, type Matrix } from '../core/index.js';
import packageJson from '../../package.json';
import {
  cleanText,
  findDuplicates,
  type CleanTextOptions,
  type DuplicateReport,
  type FindDuplicatesOptions,
  type JobPosting,
  type LoadJobsResult,
} from '../data/index.js';
import { Tokenizer, type TokenizerOptions } from '../tokenize/index.js';
import { embedDocuments, transformDocuments, type EmbedOptions, type EmbeddedDocuments, type Representation } from '../embed/index.js';
import {
  DBSCAN,
  HDBSCAN,
  HDBSCANResult,
  KMeans,
  reassignNoise,
  type DBSCANParams,
  type HDBSCANParams,
  type KMeansParams,
  type KMeansResult,
} from '../cluster/index.js';
import {
  adjustedRandIndex,
  analyzePlatformBias,
  calinskiHarabasz,
  clusterKeywords,
  daviesBouldin,
  normalizedMutualInformation,
  silhouette,
  type KeywordOptions,
  type KeywordResult,
  type PlatformBiasOptions,
  type PlatformBiasResult,
  type SilhouetteResult,
} from '../validate/index.js';
import { buildReport, renderHtml, renderMarkdown, type ClusteringInput, type PipelineReport } from '../report/index.js';

export const ALGORITHMS = ['hdbscan', 'kmeans', 'dbscan'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

export interface PipelineOptions {
  /** Clusterers to run, in order (default `['hdbscan', 'kmeans']`). */
  algorithms?: readonly Algorithm[];
  /** Options of `cleanText`, or `false` to embed the text as given. */
  clean?: CleanTextOptions | false;
  /** Embed one posting per duplicate group (default true), or `false`; an object sets `findDuplicates` options. */
  dedupe?: boolean | FindDuplicatesOptions;
  /** A tokenizer of your own, or options for the default one. */
  tokenizer?: Tokenizer | TokenizerOptions;
  /** Vector representation (default: the embed stage's default). */
  representation?: Representation;
  /** Further options of `embedDocuments` (dimensions, Word2Vec settings …). */
  embed?: Omit<EmbedOptions, 'representation' | 'seed' | 'threads'>;
  hdbscan?: Omit<HDBSCANParams, 'threads'>;
  /** K-Means settings; `k` defaults to 20. */
  kmeans?: Omit<KMeansParams, 'threads' | 'seed'>;
  /**
   * DBSCAN settings. `eps` (cosine distance) defaults to `'auto'`: the median distance
   * of a row to its (minSamples − 1)-th nearest other row, so that about half of the
   * rows are core samples whatever the representation's distance scale.
   */
  dbscan?: Omit<DBSCANParams, 'threads' | 'eps'> & { eps?: number | 'auto' };
  /**
   * Move HDBSCAN/DBSCAN noise into the nearest cluster when its cosine similarity to
   * the cluster centroid is at least this (default: off). The report says how many moved.
   */
  reassignNoiseThreshold?: number;
  /** Silhouette settings, or `false` to skip it (sampled automatically above 20,000 rows). */
  silhouette?: { sampleSize?: number } | false;
  keywords?: KeywordOptions;
  bias?: PlatformBiasOptions;
  /** Known labels per input posting (e.g. the synthetic archetypes), scored by ARI/NMI. */
  groundTruth?: { name: string; labels: ArrayLike<string | number> };
  /** Seed of every random step (default 42). */
  seed?: number;
  /** Threads of the compute core (default: all cores). */
  threads?: number;
  /** Name of the data source, for the report. */
  source?: string;
  /** Called when a stage starts and ends. */
  onProgress?: (event: PipelineProgress) => void;
}

export interface PipelineProgress {
  stage: string;
  phase: 'start' | 'end';
  seconds?: number;
}

export interface SkippedPosting {
  /** Index of the posting in the input. */
  index: number;
  id: string;
  reason: 'no-tokens' | 'no-known-words';
}

export interface ClusteringOutcome {
  algorithm: Algorithm;
  params: Record<string, unknown>;
  /** One label per vector row; −1 noise. */
  labels: Labels;
  /** One label per input posting (see the file header). */
  labelsByPosting: Labels;
  nClusters: number;
  noise: number;
  /** Clustering time alone. */
  seconds: number;
  /** Noise moved into clusters by `reassignNoiseThreshold` (0 when off). */
  reassigned: number;
  silhouette: SilhouetteResult | null;
  daviesBouldin: number | null;
  calinskiHarabasz: number | null;
  keywords: KeywordResult | null;
  bias: PlatformBiasResult | null;
  agreement: { against: string; adjustedRandIndex: number; normalizedMutualInformation: number }[];
  /** The fitted estimator result (HDBSCANResult, KMeansResult or DBSCANResult). */
  model: unknown;
}

export interface PipelinePrediction {
  /** Per new posting, per algorithm that can predict: label, −1 for noise or no usable text. */
  labels: Partial<Record<'hdbscan' | 'kmeans', Labels>>;
  /** HDBSCAN membership probability per new posting (0 for noise). */
  probabilities?: Float64Array;
  /** New postings with no token or no word the embedding knows (labelled −1). */
  unembedded: number[];
}

export interface PipelineResult {
  /** Ids of the input postings, in input order. */
  ids: string[];
  /** The postings behind the vector rows. */
  postings: JobPosting[];
  /** Input index of each vector row. */
  postingOfRow: Int32Array;
  /** Vector row of each input posting (its representative's row for a duplicate), −1 for none. */
  rowOfPosting: Int32Array;
  /** Token list of each vector row. */
  tokens: string[][];
  vectors: Matrix;
  representation: { name: string; dim: number };
  duplicates: DuplicateReport | null;
  /** Postings that got no vector row, and why (duplicates are not listed: they share a row). */
  skipped: SkippedPosting[];
  clusterings: Partial<Record<Algorithm, ClusteringOutcome>>;
  timings: { stage: string; seconds: number }[];
  /** The fitted embedding (TF-IDF vocabulary, LSA components and/or word vectors). */
  embedding: EmbeddedDocuments;
  /** The tokenizer the postings went through. */
  tokenizer: Tokenizer;
  /** The JSON report (schema: docs/report-schema.md). */
  report: PipelineReport;
  /**
   * New postings into the fitted clusters, without refitting: cleaned and tokenized as
   * the input was, embedded with the fitted models, then HDBSCAN `approximatePredict`
   * and K-Means `predict` (DBSCAN has no prediction, as in scikit-learn). HDBSCAN
   * predictions follow the fitted tree, i.e. noise stays noise even when
   * `reassignNoiseThreshold` moved the training noise.
   */
  predict(jobs: readonly JobPosting[]): PipelinePrediction;
  markdown(): string;
  html(): string;
}

/** Runs the whole pipeline on postings (or on the result of `loadJobs`). */
export function runPipeline(input: readonly JobPosting[] | LoadJobsResult, options: PipelineOptions = {}): PipelineResult {
  const loaded = Array.isArray(input) ? null : (input as LoadJobsResult);
  const jobs: readonly JobPosting[] = loaded ? loaded.jobs : (input as readonly JobPosting[]);
  if (!Array.isArray(jobs)) throw new ParameterError('input', input, 'an array of JobPosting or a LoadJobsResult');
  const o = resolveOptions(options, jobs.length);
  const timings: { stage: string; seconds: number }[] = [];
  const stage = <T>(name: string, work: () => T): T => {
    o.onProgress?.({ stage: name, phase: 'start' });
    const t0 = performance.now();
    const value = work();
    const seconds = (performance.now() - t0) / 1000;
    timings.push({ stage: name, seconds });
    o.onProgress?.({ stage: name, phase: 'end', seconds });
    return value;
  };

  // 1. Clean, then find duplicates: only representatives are tokenized and embedded.
  const texts = stage('clean', () => jobs.map((job) => postingText(job, o.clean)));
  const dedupe = o.dedupe ?? true;
  // Duplicates are compared on the texts cleaned above, so nothing is cleaned twice.
  const duplicates =
    dedupe === false
      ? null
      : stage('duplicates', () =>
          findDuplicates(jobs, { text: (_job, i) => texts[i], clean: o.clean === false, ...(dedupe === true ? {} : dedupe) }),
        );
  const representative = new Int32Array(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    const g = duplicates ? duplicates.groupOf[i] : -1;
    representative[i] = g === -1 ? i : duplicates!.groups[g].members[0];
  }
  const candidates: number[] = [];
  for (let i = 0; i < jobs.length; i++) if (representative[i] === i) candidates.push(i);

  // 2. Tokenize the representatives; postings with no token left get no row.
  const tokenizer = o.tokenizer instanceof Tokenizer ? o.tokenizer : new Tokenizer(o.tokenizer);
  const candidateTokens = stage('tokenize', () => tokenizer.tokenizeAll(candidates.map((i) => texts[i])));
  const skipped: SkippedPosting[] = [];
  const withTokens: number[] = [];
  const tokensOfCandidates: string[][] = [];
  candidates.forEach((i, c) => {
    if (candidateTokens[c].length === 0) skipped.push({ index: i, id: jobs[i].id, reason: 'no-tokens' });
    else {
      withTokens.push(i);
      tokensOfCandidates.push(candidateTokens[c]);
    }
  });
  if (withTokens.length < 2) {
    throw new ParameterError(
      'input',
      `${withTokens.length} posting(s) with tokens`,
      'at least 2 postings with text left after cleaning and tokenizing',
    );
  }

  // 3. Embed; documents the embedding knows no word of are reported by the embedder.
  const embedding = stage('embed', () =>
    embedDocuments(tokensOfCandidates, { ...o.embed, representation: o.representation, seed: o.seed, threads: o.threads }),
  );
  const empty = new Set(embedding.emptyDocuments);
  const representation = { name: embedding.representation, dim: embedding.vectors.cols };
  const postingOfRowList: number[] = [];
  const tokens: string[][] = [];
  const keepRows: number[] = [];
  withTokens.forEach((i, c) => {
    if (empty.has(c)) skipped.push({ index: i, id: jobs[i].id, reason: 'no-known-words' });
    else {
      postingOfRowList.push(i);
      tokens.push(tokensOfCandidates[c]);
      keepRows.push(c);
    }
  });
  const vectors = keepRows.length === embedding.vectors.rows ? embedding.vectors : selectRows(embedding.vectors, keepRows);
  const postingOfRow = Int32Array.from(postingOfRowList);
  const rowOfPosting = new Int32Array(jobs.length).fill(-1);
  postingOfRow.forEach((i, r) => (rowOfPosting[i] = r));
  for (let i = 0; i < jobs.length; i++) rowOfPosting[i] = rowOfPosting[representative[i]];
  skipped.sort((a, b) => a.index - b.index);

  // Bias counts each row once per distinct platform of its duplicate group: a JD
  // cross-posted on two platforms counts on both, template copies on one platform once.
  const biasPlatforms: string[] = [];
  const biasRows: number[] = [];
  {
    const seen = new Map<number, Set<string>>();
    for (let i = 0; i < jobs.length; i++) {
      const r = rowOfPosting[i];
      if (r < 0) continue;
      let platforms = seen.get(r);
      if (!platforms) seen.set(r, (platforms = new Set()));
      if (platforms.has(jobs[i].platform)) continue;
      platforms.add(jobs[i].platform);
      biasPlatforms.push(jobs[i].platform);
      biasRows.push(r);
    }
  }

  const truth = o.groundTruth ? groundTruthOfRows(o.groundTruth, postingOfRow) : null;

  // 4–5. Cluster with each algorithm, then score, name and test it.
  const clusterings: Partial<Record<Algorithm, ClusteringOutcome>> = {};
  const computeOptions = o.threads === undefined ? {} : { threads: o.threads };
  for (const algorithm of o.algorithms) {
    const fitted = stage(`cluster:${algorithm}`, () => fit(algorithm, vectors, o));
    let labels = fitted.labels;
    let nClusters = fitted.nClusters;
    let reassigned = 0;
    if (o.reassignNoiseThreshold !== undefined && algorithm !== 'kmeans' && nClusters > 0) {
      const moved = reassignNoise({ labels, nClusters }, vectors, { threshold: o.reassignNoiseThreshold, ...computeOptions });
      labels = moved.labels;
      nClusters = moved.nClusters;
      reassigned = moved.moved;
    }
    const seconds = timings[timings.length - 1].seconds;
    const outcome = stage(`validate:${algorithm}`, () => {
      const clustered = countClustered(labels);
      const scorable = nClusters >= 2 && clustered > nClusters;
      const sil =
        o.silhouette === false || !scorable
          ? null
          : silhouette(vectors, labels, {
              ...computeOptions,
              ...(o.silhouette.sampleSize !== undefined && o.silhouette.sampleSize < clustered
                ? { sampleSize: o.silhouette.sampleSize, seed: o.seed }
                : {}),
            });
      const labelsOfBias = Int32Array.from(biasRows, (r) => labels[r]);
      const agreement: ClusteringOutcome['agreement'] = [];
      if (truth) {
        agreement.push({
          against: truth.name,
          adjustedRandIndex: adjustedRandIndex(truth.labels, labels),
          normalizedMutualInformation: normalizedMutualInformation(truth.labels, labels),
        });
      }
      return {
        silhouette: sil,
        daviesBouldin: scorable ? daviesBouldin(vectors, labels) : null,
        calinskiHarabasz: scorable ? calinskiHarabasz(vectors, labels) : null,
        keywords: clusterKeywords(tokens, labels, o.keywords),
        bias: analyzePlatformBias(biasPlatforms, labelsOfBias, o.bias),
        agreement,
      };
    });
    clusterings[algorithm] = {
      algorithm,
      params: fitted.params,
      labels,
      labelsByPosting: Int32Array.from(rowOfPosting, (r) => (r < 0 ? -1 : labels[r])),
      nClusters,
      noise: labels.length - countClustered(labels),
      seconds,
      reassigned,
      ...outcome,
      model: fitted.model,
    };
  }
  // Agreement between the algorithms themselves tells how stable the structure is.
  const done = Object.values(clusterings) as ClusteringOutcome[];
  for (const a of done) {
    for (const b of done) {
      if (a === b) continue;
      a.agreement.push({
        against: b.algorithm,
        adjustedRandIndex: adjustedRandIndex(b.labels, a.labels),
        normalizedMutualInformation: normalizedMutualInformation(b.labels, a.labels),
      });
    }
  }

  const report = buildReport({
    title: 'jd-cluster report',
    version: VERSION,
    dataset: {
      source: o.source,
      records: loaded?.stats.read ?? jobs.length,
      skipped: (loaded?.skipped.count ?? 0) + skipped.length,
      skippedByReason: skippedByReason(loaded, skipped),
      duplicates: duplicates?.duplicateCount ?? 0,
      used: vectors.rows,
    },
    representation: { ...representation, params: { notes: embedding.notes } },
    params: {
      algorithms: [...o.algorithms],
      seed: o.seed,
      threads: o.threads ?? null,
      dedupe: o.dedupe !== false,
      reassignNoiseThreshold: o.reassignNoiseThreshold ?? null,
    },
    timings,
    postings: {
      ids: Array.from(postingOfRow, (i) => jobs[i].id),
      titles: Array.from(postingOfRow, (i) => jobs[i].title),
      platforms: Array.from(postingOfRow, (i) => jobs[i].platform),
    },
    clusterings: done.map((c): ClusteringInput => ({
      algorithm: c.algorithm,
      params: { ...c.params, ...(c.reassigned ? { reassignedNoise: c.reassigned } : {}) },
      labels: c.labels,
      seconds: c.seconds,
      silhouette: c.silhouette,
      daviesBouldin: c.daviesBouldin,
      calinskiHarabasz: c.calinskiHarabasz,
      agreement: c.agreement,
      keywords: c.keywords,
      bias: c.bias,
    })),
  });

  return {
    ids: jobs.map((j) => j.id),
    postings: Array.from(postingOfRow, (i) => jobs[i]),
    postingOfRow,
    rowOfPosting,
    tokens,
    vectors,
    representation,
    duplicates,
    skipped,
    clusterings,
    timings,
    embedding,
    tokenizer,
    report,
    predict: (newJobs) => predictPostings(newJobs, { clean: o.clean, tokenizer, embedding, clusterings, threads: o.threads }),
    markdown: () => renderMarkdown(report),
    html: () => renderHtml(report),
  };
}

/** The text a posting is clustered on: title and description, cleaned unless `clean` is false. */
function postingText(job: JobPosting, clean: CleanTextOptions | false | undefined): string {
  const text = `${job.title}\n${job.description}`;
  return clean === false ? text : cleanText(text, clean);
}

function predictPostings(
  jobs: readonly JobPosting[],
  fitted: {
    clean: CleanTextOptions | false | undefined;
    tokenizer: Tokenizer;
    embedding: EmbeddedDocuments;
    clusterings: Partial<Record<Algorithm, ClusteringOutcome>>;
    threads?: number;
  },
): PipelinePrediction {
  if (!Array.isArray(jobs)) throw new ParameterError('jobs', jobs, 'an array of JobPosting');
  const tokens = fitted.tokenizer.tokenizeAll(jobs.map((job) => postingText(job, fitted.clean)));
  const { vectors, emptyDocuments } = transformDocuments(fitted.embedding, tokens, { threads: fitted.threads });
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
  const hdbscan = fitted.clusterings.hdbscan;
  if (hdbscan && hdbscan.model instanceof HDBSCANResult && rows.length > 0) {
    const p = hdbscan.model.approximatePredict(X);
    prediction.labels.hdbscan = spread(p.labels);
    prediction.probabilities = new Float64Array(jobs.length);
    rows.forEach((i, r) => (prediction.probabilities![i] = p.probabilities[r]));
  }
  const kmeans = fitted.clusterings.kmeans;
  if (kmeans && rows.length > 0) prediction.labels.kmeans = spread((kmeans.model as KMeansResult).predict(X));
  return prediction;
}

/** Package version, for reports. */
export const VERSION: string = packageJson.version;

interface ResolvedPipelineOptions extends PipelineOptions {
  algorithms: readonly Algorithm[];
  seed: number;
  silhouette: { sampleSize?: number } | false;
}

function resolveOptions(options: PipelineOptions, n: number): ResolvedPipelineOptions {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const algorithms = options.algorithms ?? ['hdbscan', 'kmeans'];
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new ParameterError('algorithms', algorithms, `a non-empty array of ${ALGORITHMS.join(', ')}`);
  }
  algorithms.forEach((a, i) => check.oneOf(`algorithms[${i}]`, a, ALGORITHMS));
  if (new Set(algorithms).size !== algorithms.length) throw new ParameterError('algorithms', algorithms, 'no algorithm twice');
  const seed = check.integer('seed', options.seed ?? 42, 0, 0xffffffff);
  if (options.threads !== undefined) check.integer('threads', options.threads, 1, 256);
  if (options.reassignNoiseThreshold !== undefined) check.number('reassignNoiseThreshold', options.reassignNoiseThreshold, -1, 1);
  if (n === 0) throw new ParameterError('input', 'no postings', 'at least 2 postings');
  if (options.groundTruth && options.groundTruth.labels?.length !== n) {
    throw new ParameterError('groundTruth.labels', options.groundTruth.labels?.length, `one label per input posting (${n})`);
  }
  const silhouetteOption =
    options.silhouette === false ? false : { sampleSize: options.silhouette?.sampleSize ?? (n > 20_000 ? 10_000 : undefined) };
  return { ...options, algorithms, seed, silhouette: silhouetteOption };
}

function fit(
  algorithm: Algorithm,
  X: Matrix,
  o: ResolvedPipelineOptions,
): { labels: Labels; nClusters: number; params: Record<string, unknown>; model: unknown } {
  const threads = o.threads === undefined ? {} : { threads: o.threads };
  switch (algorithm) {
    case 'hdbscan': {
      const model = new HDBSCAN({ ...o.hdbscan, ...threads });
      const result = model.fit(X);
      return { labels: result.labels, nClusters: result.nClusters, params: withoutThreads(model.params), model: result };
    }
    case 'kmeans': {
      const k = Math.min(o.kmeans?.k ?? 20, X.rows);
      const model = new KMeans({ ...o.kmeans, k, seed: o.seed, ...threads });
      const result = model.fit(X);
      return { labels: result.labels, nClusters: result.nClusters, params: withoutThreads(model.params), model: result };
    }
    case 'dbscan': {
      const minSamples = o.dbscan?.minSamples ?? 5;
      const eps = o.dbscan?.eps === undefined || o.dbscan.eps === 'auto' ? autoEps(X, minSamples, threads) : o.dbscan.eps;
      const model = new DBSCAN({ ...o.dbscan, eps, minSamples, ...threads });
      const result = model.fit(X);
      return { labels: result.labels, nClusters: result.nClusters, params: withoutThreads(model.params), model: result };
    }
  }
}

/** Median distance to the (minSamples − 1)-th nearest other row (DBSCAN counts the row itself). */
function autoEps(X: Matrix, minSamples: number, threads: { threads?: number }): number {
  const k = Math.min(Math.max(1, minSamples - 1), X.rows - 1);
  const { distances } = knn(X, k, threads);
  const kth = Float64Array.from({ length: X.rows }, (_, i) => distances[i * k + k - 1]).sort();
  return kth[Math.floor(kth.length / 2)];
}

function withoutThreads(params: object): Record<string, unknown> {
  const { threads: _threads, ...rest } = params as Record<string, unknown>;
  return rest;
}

function countClustered(labels: Labels): number {
  let c = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) c++;
  return c;
}

function groundTruthOfRows(
  truth: NonNullable<PipelineOptions['groundTruth']>,
  postingOfRow: Int32Array,
): { name: string; labels: Int32Array } {
  const codes = new Map<string | number, number>();
  const labels = Int32Array.from(postingOfRow, (i) => {
    const key = truth.labels[i];
    let code = codes.get(key);
    if (code === undefined) codes.set(key, (code = codes.size));
    return code;
  });
  return { name: truth.name, labels };
}

function skippedByReason(loaded: LoadJobsResult | null, skipped: readonly SkippedPosting[]): Record<string, number> {
  const counts: Record<string, number> = { ...(loaded?.skipped.byReason ?? {}) } as Record<string, number>;
  for (const s of skipped) counts[s.reason] = (counts[s.reason] ?? 0) + 1;
  return counts;
}
