/**
 * The pipeline's options and their defaults, declared once. The estimators keep
 * scikit-learn's defaults (their own `ParamSpecs`); the pipeline declares its
 * own parameters here and, in `PIPELINE_CLUSTER_DEFAULTS`, the few estimator
 * defaults it overrides for JD corpora. `jd-cluster run`/`demo` read the same
 * declarations for their flags and `--help`.
 */
import { checkThreads, ParameterError, validateParams, type Matrix, type ParamSpecs } from '../core/index.js';
import type { CleanTextOptions, FindDuplicatesOptions, FindTemplatesOptions, JobPosting } from '../data/index.js';
import type { Tokenizer, TokenizerOptions } from '../tokenize/index.js';
import { REPRESENTATIONS, type EmbedOptions, type Embedder, type Representation } from '../embed/index.js';
import { clustererNames, getClusterer, type DBSCANParams, type HDBSCANParams, type KMeansParams } from '../cluster/index.js';
import { FACET_IDS } from '../data/index.js';
import { resolveFacetBiasOptions, type FacetBiasOptions, type KeywordOptions } from '../validate/index.js';
import type { Reducer } from './reducer.js';

/** The pipeline's own scalar parameters (what `run`/`demo` flags set). */
export const PIPELINE_PARAMS: ParamSpecs = {
  seed: { type: 'integer', default: 42, min: 0, max: 0xffffffff, doc: 'seed of every random step' },
  representation: {
    type: 'enum',
    default: undefined,
    values: REPRESENTATIONS,
    doc: "vector representation (default: the embed stage's, lsa)",
  },
  reassignNoiseThreshold: {
    type: 'number',
    default: undefined,
    min: -1,
    max: 1,
    doc: 'HDBSCAN/DBSCAN: noise and title-only postings join the nearest cluster at centroid similarity ≥ this (default: the measured 0.7)',
  },
  dedupe: { type: 'boolean', default: true, doc: 'embed one posting per duplicate group' },
  map: {
    type: 'boolean',
    default: undefined,
    doc: 'compute the 2-D document map (default: on up to 100,000 rows, off above: its kNN is exact, O(n²))',
  },
};

/** Clusterers run when `algorithms` is not given. */
export const DEFAULT_ALGORITHMS: readonly string[] = ['hdbscan', 'kmeans'];

/** Facets analysed when `facets` is not given. */
export const DEFAULT_FACETS: readonly string[] = ['platform'];

/**
 * Estimator defaults the pipeline overrides: K-Means' 8 clusters are too few for
 * a JD corpus; DBSCAN's fixed eps 0.5 depends on the representation's distance
 * scale, so the pipeline derives it from the data ('auto': a quantile of the
 * k-distances, `dbscanEps`). Defaults that depend on n are not here but set from
 * the data in text-clustering.ts: K-Means' restarts (`kmeansDefaults(n)`; a fixed
 * value here would override them) and HDBSCAN's and DBSCAN's text defaults
 * (`densityDefaults`).
 */
export const PIPELINE_CLUSTER_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  kmeans: { k: 20 },
  'bisecting-kmeans': { k: 20 },
  dbscan: { eps: 'auto' },
};

/**
 * Defaults the pipeline computes from the data (text-clustering.ts, `densityDefaults`), as
 * `--help` shows them; they are not parameters passed to the estimators.
 */
export const PIPELINE_DATA_DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kmeans: { nInit: '10 up to 2,000 rows, then max(4, round(20,000 / n))' },
  hdbscan: { minClusterSize: 'max(10, n / 1000)' },
  dbscan: { eps: 'auto: 0.25 quantile of the k-distances' },
};

export interface PipelineOptions {
  /** Clusterers to run, in order, by registry name (default `['hdbscan', 'kmeans']`). */
  algorithms?: readonly string[];
  /** Parameters per clusterer, by registry name (e.g. `{ 'bisecting-kmeans': { k: 30 } }`). */
  clusterers?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Options of `cleanText`, or `false` to embed the text as given. */
  clean?: CleanTextOptions | false;
  /** Embed one posting per duplicate group (default true), or `false`; an object sets `findDuplicates` options. */
  dedupe?: boolean | FindDuplicatesOptions;
  /**
   * Embed one posting per group of one employer's near-identical templates (`findTemplates`:
   * normalised company, title, salary, structure), like duplicates (default true; off with
   * `dedupe: false`). An object sets `findTemplates` options.
   */
  templates?: boolean | FindTemplatesOptions;
  /** A tokenizer of your own, or options for the default one. */
  tokenizer?: Tokenizer | TokenizerOptions;
  /** Vector representation (default: the embed stage's default). Ignored with `embedder` or `embeddings`. */
  representation?: Representation;
  /** Further options of `embedDocuments` (dimensions, Word2Vec settings …). */
  embed?: Omit<EmbedOptions, 'representation' | 'seed' | 'threads'>;
  /** An embedder of your own (see `Embedder`); default: the built-in `representation`. */
  embedder?: Embedder;
  /**
   * Precomputed vectors: one row per input record, in input order (records skipped at
   * load included; their rows are ignored). Keywords, scores and facets still come
   * from the postings' text. New postings cannot be predicted.
   */
  embeddings?: Matrix;
  /** A reduction step between embedding and clustering (default: none). */
  reducer?: Reducer;
  /** HDBSCAN settings (same as `clusterers.hdbscan`). */
  hdbscan?: Omit<HDBSCANParams, 'threads'>;
  /**
   * K-Means settings (same as `clusterers.kmeans`); `k` defaults to 20 (or 'auto': chosen by
   * `selectK`), `nInit` to `kmeansDefaults(n)` (10 up to 2,000 rows, then fewer, at least 4),
   * `seed` to the run's.
   */
  kmeans?: Omit<KMeansParams, 'threads' | 'seed' | 'k'> & { k?: number | 'auto' };
  /** DBSCAN settings (same as `clusterers.dbscan`); `eps` defaults to 'auto': a quantile of the k-distances (`dbscanEps`). */
  dbscan?: Omit<DBSCANParams, 'threads' | 'eps'> & { eps?: number | 'auto' };
  /**
   * HDBSCAN/DBSCAN noise and title-only postings join the nearest cluster when their cosine
   * similarity to its centroid is at least this (default: `densityDefaults`' measured 0.7;
   * 1 keeps almost all noise). The report gives the noise before and after and how many moved.
   */
  reassignNoiseThreshold?: number;
  /** Silhouette settings, or `false` to skip it (sampled automatically above 20,000 rows). */
  silhouette?: { sampleSize?: number } | false;
  /** Options of `clusterKeywords` (keywords per cluster, terms per cluster name, stop words, junk filter). */
  keywords?: KeywordOptions;
  /** Options of the facet bias analysis (`analyzeFacetBias`: alpha, correction, minRatio …). */
  bias?: FacetBiasOptions;
  /** Facets analysed for bias, by id (default `['platform']`; see `FACETS`). */
  facets?: readonly string[];
  /** Known labels per input posting (e.g. the synthetic archetypes), scored by ARI/NMI. */
  groundTruth?: { name: string; labels: ArrayLike<string | number> };
  /**
   * The 2-D document map in `report.map` and the page (UMAP of the rows). Default: on up
   * to `MAP_MAX_ROWS` (100,000) rows, off above — its exact kNN grows with n².
   */
  map?: boolean;
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

export interface ResolvedPipelineOptions extends PipelineOptions {
  algorithms: readonly string[];
  /** Validated parameters per algorithm (pipeline defaults applied, `seed` not yet). */
  clusterParams: Readonly<Record<string, Record<string, unknown>>>;
  facets: readonly string[];
  seed: number;
  silhouette: { sampleSize?: number } | false;
}

/** Checks every option before any work is done; errors name the option. */
export function resolveOptions(options: PipelineOptions, n: number, records: number): ResolvedPipelineOptions {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an object');
  const own = validateParams(
    PIPELINE_PARAMS,
    {
      seed: options.seed,
      representation: options.representation,
      reassignNoiseThreshold: options.reassignNoiseThreshold,
      map: options.map,
    },
    {},
  );
  checkThreads(options.threads);
  const algorithms = options.algorithms ?? DEFAULT_ALGORITHMS;
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    throw new ParameterError('algorithms', algorithms, `a non-empty array of ${clustererNames().join(', ')}`);
  }
  algorithms.forEach((a, i) => getClusterer(a, `algorithms[${i}]`));
  if (new Set(algorithms).size !== algorithms.length) throw new ParameterError('algorithms', algorithms, 'no algorithm twice');
  const clusterParams: Record<string, Record<string, unknown>> = {};
  for (const name of algorithms) {
    const legacy = (options as Record<string, unknown>)[name] as Record<string, unknown> | undefined;
    const given = { ...PIPELINE_CLUSTER_DEFAULTS[name], ...legacy, ...options.clusterers?.[name] };
    const entry = getClusterer(name);
    // Validated now, so that a bad parameter fails before the data is embedded.
    entry.create(given, { threads: options.threads, seed: own.seed as number });
    clusterParams[name] = given;
  }
  const facets = options.facets ?? DEFAULT_FACETS;
  if (!Array.isArray(facets)) throw new ParameterError('facets', facets, `an array of ${FACET_IDS.join(', ')}`);
  facets.forEach((f, i) => {
    if (!(FACET_IDS as readonly string[]).includes(f)) throw new ParameterError(`facets[${i}]`, f, `one of ${FACET_IDS.join(', ')}`);
  });
  if (n === 0) throw new ParameterError('input', 'no postings', 'at least 2 postings');
  if (options.groundTruth && options.groundTruth.labels?.length !== n) {
    throw new ParameterError('groundTruth.labels', options.groundTruth.labels?.length, `one label per input posting (${n})`);
  }
  if (options.embeddings !== undefined) {
    const e = options.embeddings;
    if (!e || !(e.data instanceof Float32Array) || e.rows < records) {
      throw new ParameterError('embeddings', e?.rows ?? e, `a Matrix with one row per input record (${records})`);
    }
  }
  const silhouetteOption =
    options.silhouette === false ? false : { sampleSize: options.silhouette?.sampleSize ?? (n > 20_000 ? 10_000 : undefined) };
  // Checked now, not after the clustering: a bad option should fail before any work.
  if (options.bias !== undefined) resolveFacetBiasOptions(options.bias);
  return { ...options, algorithms, clusterParams, facets, seed: own.seed as number, silhouette: silhouetteOption };
}

/** The text a posting is clustered on: title and description, cleaned unless `clean` is false. */
export type PostingTextOptions = CleanTextOptions | false | undefined;
export type { JobPosting };
