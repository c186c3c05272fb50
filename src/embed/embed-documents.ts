/**
 * `embedDocuments`: the embed stage as the pipeline calls it. Token lists in,
 * one unit-length row per document out, by one of three representations:
 *
 * - `'w2v-tfidf'` (the seed's): TF-IDF-weighted mean of Word2Vec vectors trained
 *   on the documents themselves (or on `wordVectors` when given);
 * - `'lsa'`: TF-IDF → truncated SVD (randomized, seeded), rows normalised;
 * - `'hybrid'`: both, each L2-normalised, concatenated and renormalised (each
 *   part carries half of the squared norm).
 */
import { check, createMatrix, InputError, ParameterError, selectRows, type Matrix } from '../core/index.js';
import { Lsa, type LsaModel, type LsaParams } from './lsa.js';
import { sentenceVectors } from './sentence-vectors.js';
import type { SparseMatrix } from './sparse.js';
import { TfidfVectorizer, type TfidfModel, type TfidfParams } from './tfidf.js';
import { validateTokenLists } from './validate-tokens.js';
import { Word2Vec, type Word2VecParams, type Word2VecProgress, type Word2VecStats } from './word2vec/train.js';
import type { WordVectors } from './word2vec/word-vectors.js';

export const REPRESENTATIONS = ['w2v-tfidf', 'lsa', 'hybrid'] as const;
export type Representation = (typeof REPRESENTATIONS)[number];

export interface EmbedOptions {
  /** Default 'lsa' (see docs/embed.md for the comparison behind this choice); 50 dimensions by default. */
  representation?: Representation;
  seed?: number;
  /**
   * Worker threads (default: all cores). LSA is identical for any value; Word2Vec
   * training (w2v-tfidf, hybrid) is bit-reproducible only with `threads: 1`.
   */
  threads?: number;
  /** TF-IDF parameters. Default `DEFAULT_EMBED_TFIDF` = { minDf: 2, sublinearTf: false } (measured, docs/embed.md). */
  tfidf?: TfidfParams;
  /**
   * Word2Vec parameters (w2v-tfidf, hybrid). `seed`/`threads` come from the options above;
   * defaults here: mode 'skipgram' (clusters better than CBOW on the real sample, see
   * docs/embed.md), minCount 2.
   */
  word2vec?: Omit<Word2VecParams, 'seed' | 'threads'>;
  /** Pretrained word vectors to use instead of training (w2v-tfidf, hybrid). */
  wordVectors?: WordVectors;
  /**
   * LSA parameters (lsa, hybrid). components (default `DEFAULT_LSA_COMPONENTS`) is capped at
   * min(documents, terms) − 1, noted in `notes`.
   */
  lsa?: Omit<LsaParams, 'seed'>;
  onProgress?: (progress: Word2VecProgress) => void;
  /**
   * Tokens of each document's title (one list per document). The title says much of
   * what a posting is, so its terms count `titleWeight` more times in the document:
   * the pipeline's documents already hold the title once, so the default weight 5
   * counts title terms six times (docs/embed.md shows the measurement); rank words
   * (`titleRankWords`) are not repeated.
   */
  titles?: readonly (readonly string[])[];
  /** Extra copies of the title's tokens per document (integer ≥ 0). Default `DEFAULT_TITLE_WEIGHT`; used only with `titles`. */
  titleWeight?: number;
  /**
   * Title tokens left out of the extra title copies (they keep the one copy the document
   * holds, like any body word). Default `DEFAULT_TITLE_RANK_WORDS`; `[]` weights every title token.
   */
  titleRankWords?: readonly string[];
}

/** Extra copies of the title tokens (chosen by benchmarks/quality.ts, docs/embed.md). */
export const DEFAULT_TITLE_WEIGHT = 5;
/**
 * Seniority words of job titles, not weighted as title terms. "高级Java工程师" and
 * "高级会计" share 高级 but not a job: repeated titleWeight times, such a word pulls
 * postings of different kinds together by rank (and splits one kind by rank), so it
 * counts once, as in the body. Matched against whole tokens (lower-cased as the
 * tokenizer emits them); docs/embed.md has the measurement.
 */
export const DEFAULT_TITLE_RANK_WORDS: readonly string[] = [
  '高级',
  '资深',
  '初级',
  '中级',
  '专家',
  '实习生',
  '实习',
  '专员',
  '主管',
  '经理',
  '总监',
  '负责人',
  '助理',
];
/** LSA dimensions of `embedDocuments` (chosen by benchmarks/quality.ts, docs/embed.md; `Lsa` itself defaults to 100). */
export const DEFAULT_LSA_COMPONENTS = 50;
/** TF-IDF settings of `embedDocuments` unless overridden (chosen by benchmarks/quality.ts, docs/embed.md). */
export const DEFAULT_EMBED_TFIDF: Readonly<TfidfParams> = { minDf: 2, sublinearTf: false };

export interface EmbedTimings {
  tfidf: number;
  word2vec: number;
  sentenceVectors: number;
  lsa: number;
  total: number;
}

export interface EmbeddedDocuments {
  representation: Representation;
  /** One row per input document (zero rows for `emptyDocuments`), unit length otherwise. */
  vectors: Matrix;
  /** Documents whose vector is zero (no usable term); ascending. The pipeline drops and reports them. */
  emptyDocuments: Int32Array;
  tfidf: TfidfModel;
  wordVectors?: WordVectors;
  word2vecStats?: Word2VecStats;
  lsa?: LsaModel;
  /** Seconds per step. */
  timings: EmbedTimings;
  /** Adjustments made to the requested parameters (e.g. components capped), for the report. */
  notes: string[];
  /** Extra title copies used (0 when no `titles` were given); `transformDocuments` applies the same. */
  titleWeight: number;
  /** Title tokens left out of those copies (empty when `titleWeight` is 0); `transformDocuments` applies the same. */
  titleRankWords: string[];
}

export function embedDocuments(docs: readonly (readonly string[])[], options: EmbedOptions = {}): EmbeddedDocuments {
  const t0 = performance.now();
  const representation = check.oneOf('representation', options.representation ?? 'lsa', REPRESENTATIONS);
  const seed = check.integer('seed', options.seed ?? 0, 0, 0xffffffff);
  validateTokenLists(docs);
  if (docs.length === 0) throw new InputError('embedDocuments needs at least one document; got an empty corpus.');
  const titleWeight = options.titles === undefined ? 0 : check.integer('titleWeight', options.titleWeight ?? DEFAULT_TITLE_WEIGHT, 0, 20);
  const titleRankWords = options.titleRankWords ?? DEFAULT_TITLE_RANK_WORDS;
  if (!Array.isArray(titleRankWords)) throw new ParameterError('titleRankWords', titleRankWords, 'an array of strings');
  titleRankWords.forEach((w, i) => {
    if (typeof w !== 'string') throw new ParameterError(`titleRankWords[${i}]`, w, 'a string');
  });
  if (options.titles !== undefined) {
    validateTokenLists(options.titles, 'titles');
    if (options.titles.length !== docs.length)
      throw new InputError(`titles has ${options.titles.length} entries, expected one per document (${docs.length}).`);
  }
  // The copies leave rank words out (see titleRankWords); the document itself keeps them.
  const titles = options.titles === undefined ? undefined : withoutRankWords(options.titles, titleRankWords);
  const notes: string[] = [];
  const timings: EmbedTimings = { tfidf: 0, word2vec: 0, sentenceVectors: 0, lsa: 0, total: 0 };
  const lap = (key: keyof EmbedTimings, start: number) => (timings[key] = (performance.now() - start) / 1000);

  let t = performance.now();
  const vectorizer = new TfidfVectorizer({ ...DEFAULT_EMBED_TFIDF, ...options.tfidf });
  let tfidf: TfidfModel;
  let X: SparseMatrix | undefined;
  // LSA needs only the TF-IDF rows: fitTransform weighs the titles without building
  // the lists with title copies (a large saving at a million documents).
  if (representation === 'lsa') ({ model: tfidf, matrix: X } = vectorizer.fitTransform(docs, titles, titleWeight));
  else {
    if (titles !== undefined) docs = withTitles(docs, titles, titleWeight, []);
    tfidf = vectorizer.fit(docs);
  }
  lap('tfidf', t);

  let w2vPart: Matrix | undefined;
  let wordVectors = options.wordVectors;
  let word2vecStats: Word2VecStats | undefined;
  if (representation !== 'lsa') {
    if (!wordVectors) {
      t = performance.now();
      const trained = new Word2Vec({ mode: 'skipgram', minCount: 2, ...options.word2vec, seed, threads: options.threads }).fit(docs, {
        onProgress: options.onProgress,
      });
      wordVectors = trained.vectors;
      word2vecStats = trained.stats;
      lap('word2vec', t);
    }
    t = performance.now();
    w2vPart = sentenceVectors(docs, wordVectors, tfidf).vectors;
    lap('sentenceVectors', t);
  }

  let lsaPart: Matrix | undefined;
  let lsa: LsaModel | undefined;
  if (representation !== 'w2v-tfidf') {
    t = performance.now();
    X ??= tfidf.transform(docs);
    const requested = options.lsa?.components ?? DEFAULT_LSA_COMPONENTS;
    const cap = Math.max(1, Math.min(X.rows, X.cols) - 1);
    const components = Math.min(requested, cap);
    if (components < requested)
      notes.push(`lsa.components lowered from ${requested} to ${components} (documents ${X.rows}, terms ${X.cols}).`);
    lsa = new Lsa({ ...options.lsa, components, seed, threads: options.threads }).fit(X);
    lsaPart = lsa.transform(X, { threads: options.threads });
    lap('lsa', t);
  }

  const vectors =
    representation === 'w2v-tfidf' ? w2vPart! : representation === 'lsa' ? lsaPart! : concatenateNormalized(w2vPart!, lsaPart!);
  lap('total', t0);
  return {
    representation,
    vectors,
    emptyDocuments: zeroRows(vectors),
    tfidf,
    wordVectors,
    word2vecStats,
    lsa,
    timings,
    notes,
    titleWeight,
    titleRankWords: titleWeight === 0 ? [] : titleRankWords.slice(),
  };
}

/** Title token lists without the rank words (the lists themselves when there are none to drop). */
function withoutRankWords(
  titles: readonly (readonly string[])[],
  rankWords: readonly string[],
): readonly (readonly string[])[] {
  if (rankWords.length === 0) return titles;
  const skip = new Set(rankWords);
  return titles.map((t) => (t.some((w) => skip.has(w)) ? t.filter((w) => !skip.has(w)) : t));
}

/** Each document followed by `weight` copies of its title's tokens, rank words left out of the copies. */
function withTitles(
  docs: readonly (readonly string[])[],
  titles: readonly (readonly string[])[],
  weight: number,
  rankWords: readonly string[],
): readonly (readonly string[])[] {
  if (weight === 0) return docs;
  const skip = new Set(rankWords);
  return docs.map((doc, i) => {
    const out = doc.slice();
    const kept = skip.size === 0 ? titles[i] : titles[i].filter((t) => !skip.has(t));
    for (let w = 0; w < weight; w++) for (const t of kept) out.push(t);
    return out;
  });
}

/** [a | b] per row with both parts unit length (zero parts stay zero), then the row renormalised. */
export function concatenateNormalized(a: Matrix, b: Matrix): Matrix {
  if (a.rows !== b.rows) throw new InputError(`Cannot concatenate ${a.rows} rows with ${b.rows} rows.`);
  const cols = a.cols + b.cols;
  const out = createMatrix(a.rows, cols);
  for (let i = 0; i < a.rows; i++) {
    const na = rowNorm(a, i);
    const nb = rowNorm(b, i);
    const parts = (na > 0 ? 1 : 0) + (nb > 0 ? 1 : 0);
    if (parts === 0) continue;
    const scale = 1 / Math.sqrt(parts);
    for (let j = 0; j < a.cols; j++) out.data[i * cols + j] = na > 0 ? (a.data[i * a.cols + j] / na) * scale : 0;
    for (let j = 0; j < b.cols; j++) out.data[i * cols + a.cols + j] = nb > 0 ? (b.data[i * b.cols + j] / nb) * scale : 0;
  }
  return out;
}

function rowNorm(m: Matrix, i: number): number {
  let sq = 0;
  for (let j = i * m.cols; j < (i + 1) * m.cols; j++) sq += m.data[j] * m.data[j];
  return Math.sqrt(sq);
}

/** The non-empty rows and, for each, its document index: what clustering takes. */
export function dropEmptyDocuments(result: Pick<EmbeddedDocuments, 'vectors' | 'emptyDocuments'>): {
  vectors: Matrix;
  documentIndex: Int32Array;
} {
  const empty = new Set(result.emptyDocuments);
  const keep: number[] = [];
  for (let i = 0; i < result.vectors.rows; i++) if (!empty.has(i)) keep.push(i);
  return { vectors: selectRows(result.vectors, keep), documentIndex: Int32Array.from(keep) };
}

/**
 * New documents in the space of a fitted embedding: the same TF-IDF vocabulary and
 * IDF, the same word vectors and LSA components, no refitting. Pass `titles` when the
 * embedding was fitted with them, so that new titles get the same weight. Documents with no
 * known term come out as zero rows and are listed in `emptyDocuments`.
 */
export function transformDocuments(
  embedding: Pick<EmbeddedDocuments, 'representation' | 'tfidf' | 'wordVectors' | 'lsa'> & {
    titleWeight?: number;
    titleRankWords?: readonly string[];
  },
  docs: readonly (readonly string[])[],
  { threads, titles }: { threads?: number; titles?: readonly (readonly string[])[] } = {},
): { vectors: Matrix; emptyDocuments: Int32Array } {
  validateTokenLists(docs);
  if (titles !== undefined) {
    validateTokenLists(titles, 'titles');
    if (titles.length !== docs.length)
      throw new InputError(`titles has ${titles.length} entries, expected one per document (${docs.length}).`);
    docs = withTitles(docs, titles, embedding.titleWeight ?? 0, embedding.titleRankWords ?? []);
  }
  const { representation, tfidf, wordVectors, lsa } = embedding;
  const w2vPart = representation === 'lsa' ? undefined : sentenceVectors(docs, wordVectors!, tfidf).vectors;
  const lsaPart = representation === 'w2v-tfidf' ? undefined : lsa!.transform(tfidf.transform(docs), { threads });
  const vectors =
    representation === 'w2v-tfidf' ? w2vPart! : representation === 'lsa' ? lsaPart! : concatenateNormalized(w2vPart!, lsaPart!);
  return { vectors, emptyDocuments: zeroRows(vectors) };
}

function zeroRows(vectors: Matrix): Int32Array {
  const empty: number[] = [];
  for (let i = 0; i < vectors.rows; i++) {
    let zero = true;
    for (let j = i * vectors.cols; j < (i + 1) * vectors.cols; j++) {
      if (vectors.data[j] !== 0) {
        zero = false;
        break;
      }
    }
    if (zero) empty.push(i);
  }
  return Int32Array.from(empty);
}
