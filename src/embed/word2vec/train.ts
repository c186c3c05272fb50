/**
 * Word2Vec trainer: skip-gram or CBOW with negative sampling, on the compute
 * core's WebAssembly kernel (assembly/word2vec.ts) and worker pool.
 *
 * Defaults are gensim's (dim aside, which is the seed's 128): window 5,
 * negative 5, sample 1e-3, epochs 5, alpha 0.025 → 0.0001, minCount 5 (the CLI
 * uses 2, as the benchmark does).
 *
 * Threads train disjoint runs of sentences ("tasks", ~10k words like gensim's
 * jobs) and update the shared weights without locks (hogwild). Each task's
 * random stream and learning rate depend only on (seed, epoch, task), so with
 * `threads: 1` a run is bit-reproducible; with more threads, the interleaving of
 * updates varies between runs, as in word2vec.c and gensim.
 */
import { check, InputError, Random } from '../../core/index.js';
import { validateTokenLists } from '../validate-tokens.js';
import { parallelFor, resolveThreads, wasmRuntime } from './kernel.js';
import { buildVocabulary } from './vocabulary.js';
import { WordVectors, wordVectorsFrom } from './word-vectors.js';

export type Word2VecMode = 'skipgram' | 'cbow';

export interface Word2VecParams {
  mode?: Word2VecMode;
  /** Vector size. Default 128. */
  dim?: number;
  /** Maximum distance between centre and context word; the effective window is drawn in [1, window]. Default 5. */
  window?: number;
  /** Noise words per true pair. Default 5. */
  negative?: number;
  /** Subsampling threshold for frequent words (0 disables). Default 1e-3. */
  sample?: number;
  /** Ignore words with fewer occurrences. Default 5 (gensim's). */
  minCount?: number;
  epochs?: number;
  /** Initial learning rate. Default 0.025. */
  alpha?: number;
  /** Final learning rate. Default 0.0001. */
  minAlpha?: number;
  /** Worker threads (default: all cores). */
  threads?: number;
  seed?: number;
  /** Sentences longer than this are trained as consecutive pieces (gensim: 10000). */
  maxSentenceLength?: number;
  /**
   * Skip-gram only: draw the negatives once per centre word and share them across
   * its window (default true, several times faster on large vocabularies), or
   * per (centre, context) pair as word2vec.c and gensim do (false).
   */
  shareNegatives?: boolean;
}

export interface Word2VecProgress {
  /** 1-based epoch just finished. */
  epoch: number;
  epochs: number;
  /** Corpus words (in vocabulary) processed per second during this epoch. */
  wordsPerSecond: number;
  /** Words trained this epoch after subsampling. */
  trainedWords: number;
  seconds: number;
}

export interface Word2VecFitOptions {
  onProgress?: (progress: Word2VecProgress) => void;
}

/** Training outcome besides the vectors: counts and timings. */
export interface Word2VecStats {
  /** Tokens in the corpus (all). */
  tokens: number;
  /** Tokens whose word is in the vocabulary (what one epoch iterates over). */
  retainedTokens: number;
  /** Distinct words below minCount. */
  droppedWords: number;
  /** Words actually trained over all epochs, after subsampling. */
  trainedWords: number;
  /** Wall time of the training epochs alone (no vocabulary building or copying). */
  trainingSeconds: number;
  /** tokens × epochs / trainingSeconds, the figure gensim's benchmarks quote. */
  tokensPerSecond: number;
}

export interface Word2VecResult {
  vectors: WordVectors;
  stats: Word2VecStats;
  params: Readonly<Required<Omit<Word2VecParams, 'threads'>>> & { threads: number };
}

const EXP_TABLE_SIZE = 1000;
const MAX_EXP = 6;
const TASK_WORDS = 10_000;
// Parameter block offsets (bytes): must match assembly/word2vec.ts.
const P = {
  syn0: 0,
  syn1: 4,
  corpus: 8,
  sentStarts: 12,
  keep: 16,
  table: 20,
  exp: 24,
  scratch: 28,
  taskSent: 32,
  taskWords: 36,
  trained: 40,
  dim: 44,
  window: 48,
  negative: 52,
  tableSize: 56,
  skipGram: 60,
  epoch: 64,
  epochs: 68,
  totalWords: 72,
  alpha: 76,
  minAlpha: 80,
  seed: 84,
  kept: 88,
  maxSentence: 92,
  shareNegatives: 96,
} as const;
const PARAM_BYTES = 100;

export class Word2Vec {
  readonly params: Readonly<Word2VecParams>;

  constructor(params: Word2VecParams = {}) {
    this.params = { ...params };
  }

  /** Learn vectors from tokenised sentences (tokens used as given). */
  fit(sentences: readonly (readonly string[])[], options: Word2VecFitOptions = {}): Word2VecResult {
    const p = resolveParams(this.params);
    validateTokenLists(sentences, 'sentences');
    if (sentences.length === 0) throw new InputError('Word2Vec needs a non-empty corpus; got 0 sentences.');
    const vocab = buildVocabulary(sentences, p.minCount);
    if (vocab.totalTokens === 0) throw new InputError('Word2Vec needs a non-empty corpus; every sentence is empty.');
    if (vocab.words.length === 0) {
      throw new InputError(`No word occurs at least minCount=${p.minCount} times (${vocab.totalTokens} tokens); lower minCount.`);
    }
    const V = vocab.words.length;
    const dim = p.dim;

    // Corpus as word ids, out-of-vocabulary tokens removed (as gensim does, so
    // windows span over them), long sentences split.
    const corpus = new Int32Array(vocab.retainedTokens);
    const starts: number[] = [0];
    let n = 0;
    let maxSentence = 1;
    for (const sentence of sentences) {
      let pieceStart = n;
      for (const w of sentence) {
        const id = vocab.index.get(w);
        if (id === undefined) continue;
        corpus[n++] = id;
        if (n - pieceStart === p.maxSentenceLength) {
          starts.push(n);
          maxSentence = p.maxSentenceLength;
          pieceStart = n;
        }
      }
      if (n > pieceStart) {
        starts.push(n);
        maxSentence = Math.max(maxSentence, n - pieceStart);
      }
    }
    const nSentences = starts.length - 1;

    // Tasks: runs of whole sentences of about TASK_WORDS words.
    const taskSent: number[] = [0];
    const taskWords: number[] = [];
    let before = 0;
    for (let s = 0, acc = 0; s < nSentences; s++) {
      acc += starts[s + 1] - starts[s];
      if (acc >= TASK_WORDS || s === nSentences - 1) {
        taskWords.push(before);
        before += acc;
        taskSent.push(s + 1);
        acc = 0;
      }
    }
    const nTasks = taskWords.length;
    const threads = Math.min(p.threads, Math.max(1, nTasks));

    const keep = subsamplingThresholds(vocab.counts, vocab.retainedTokens, p.sample);
    const table = unigramTable(vocab.counts);
    const expTable = sigmoidTable();

    const rt = wasmRuntime();
    return rt.scoped((alloc) => {
      const rowBytes = V * dim * 4;
      const ptr = {
        params: alloc(PARAM_BYTES),
        syn0: alloc(rowBytes),
        syn1: alloc(rowBytes),
        corpus: alloc(corpus.length * 4),
        sentStarts: alloc(starts.length * 4),
        keep: alloc(V * 4),
        table: alloc(table.length * 4),
        exp: alloc(EXP_TABLE_SIZE * 4),
        scratch: alloc(threads * scratchBytes(dim, p.negative)),
        taskSent: alloc(taskSent.length * 4),
        taskWords: alloc(nTasks * 4),
        trained: alloc(nTasks * 4),
        kept: alloc(threads * maxSentence * 4),
      };
      // Views only after the last alloc: allocation may grow (and detach) the buffer.
      const syn0 = rt.f32(ptr.syn0, V * dim);
      initialVectors(syn0, V, dim, p.seed);
      rt.f32(ptr.syn1, V * dim).fill(0);
      rt.i32(ptr.corpus, corpus.length).set(corpus);
      rt.i32(ptr.sentStarts, starts.length).set(starts);
      new Uint32Array(rt.memory.buffer, ptr.keep, V).set(keep);
      rt.i32(ptr.table, table.length).set(table);
      rt.f32(ptr.exp, EXP_TABLE_SIZE).set(expTable);
      rt.i32(ptr.taskSent, taskSent.length).set(taskSent);
      rt.i32(ptr.taskWords, nTasks).set(taskWords);

      const view = new DataView(rt.memory.buffer, ptr.params, PARAM_BYTES);
      const setI = (field: keyof typeof P, v: number) => view.setInt32(P[field], v, true);
      for (const key of [
        'syn0',
        'syn1',
        'corpus',
        'sentStarts',
        'keep',
        'table',
        'exp',
        'scratch',
        'taskSent',
        'taskWords',
        'trained',
        'kept',
      ] as const) {
        view.setUint32(P[key], ptr[key], true);
      }
      setI('dim', dim);
      setI('window', p.window);
      setI('negative', p.negative);
      setI('tableSize', table.length);
      setI('skipGram', p.mode === 'skipgram' ? 1 : 0);
      setI('epochs', p.epochs);
      setI('totalWords', vocab.retainedTokens);
      view.setFloat32(P.alpha, p.alpha, true);
      view.setFloat32(P.minAlpha, p.minAlpha, true);
      view.setUint32(P.seed, p.seed >>> 0, true);
      setI('maxSentence', maxSentence);
      setI('shareNegatives', p.shareNegatives ? 1 : 0);

      let trainingSeconds = 0;
      let trainedWords = 0;
      for (let epoch = 0; epoch < p.epochs; epoch++) {
        new DataView(rt.memory.buffer, ptr.params, PARAM_BYTES).setInt32(P.epoch, epoch, true);
        const t0 = performance.now();
        parallelFor('w2vTrainTask', [ptr.params], nTasks, threads);
        const seconds = (performance.now() - t0) / 1000;
        trainingSeconds += seconds;
        let epochTrained = 0;
        for (const c of rt.i32(ptr.trained, nTasks)) epochTrained += c;
        trainedWords += epochTrained;
        options.onProgress?.({
          epoch: epoch + 1,
          epochs: p.epochs,
          wordsPerSecond: vocab.retainedTokens / Math.max(seconds, 1e-9),
          trainedWords: epochTrained,
          seconds,
        });
      }
      const vectors = rt.f32(ptr.syn0, V * dim).slice();
      for (let i = 0; i < vectors.length; i++) {
        if (!Number.isFinite(vectors[i])) {
          throw new InputError(
            `Word2Vec training diverged (non-finite weight for ${JSON.stringify(vocab.words[Math.floor(i / dim)])}); lower alpha.`,
          );
        }
      }
      return {
        vectors: wordVectorsFrom(vocab.words, vectors, dim, vocab.counts.slice()),
        stats: {
          tokens: vocab.totalTokens,
          retainedTokens: vocab.retainedTokens,
          droppedWords: vocab.droppedWords,
          trainedWords,
          trainingSeconds,
          tokensPerSecond: (vocab.totalTokens * p.epochs) / Math.max(trainingSeconds, 1e-9),
        },
        params: { ...p, threads },
      };
    });
  }
}

type ResolvedParams = Required<Omit<Word2VecParams, 'threads'>> & { threads: number };

function resolveParams(p: Word2VecParams): ResolvedParams {
  const r: ResolvedParams = {
    mode: check.oneOf('mode', p.mode ?? 'cbow', ['skipgram', 'cbow'] as const),
    dim: check.integer('dim', p.dim ?? 128, 1, 10_000),
    window: check.integer('window', p.window ?? 5, 1, 1000),
    negative: check.integer('negative', p.negative ?? 5, 1, 1000),
    sample: check.number('sample', p.sample ?? 1e-3, 0, 1),
    minCount: check.integer('minCount', p.minCount ?? 5, 1),
    epochs: check.integer('epochs', p.epochs ?? 5, 1, 10_000),
    alpha: check.number('alpha', p.alpha ?? 0.025, 0, 10, { minExclusive: true }),
    minAlpha: check.number('minAlpha', p.minAlpha ?? 0.0001, 0, 10),
    threads: resolveThreads(p.threads),
    seed: check.integer('seed', p.seed ?? 1, 0, 0xffffffff),
    maxSentenceLength: check.integer('maxSentenceLength', p.maxSentenceLength ?? 10_000, 1),
    shareNegatives: check.boolean('shareNegatives', p.shareNegatives ?? true),
  };
  if (r.minAlpha > r.alpha) check.number('minAlpha', r.minAlpha, 0, r.alpha);
  return r;
}

/**
 * gensim's subsampling: keep an occurrence of a word with count c with probability
 * (√(c / t) + 1) · t / c, t = sample · corpus words, as a u32 threshold.
 */
export function subsamplingThresholds(counts: Int32Array, retainedTokens: number, sample: number): Uint32Array {
  const keep = new Uint32Array(counts.length);
  const t = sample * retainedTokens;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    const prob = sample === 0 ? 1 : Math.min(1, (Math.sqrt(c / t) + 1) * (t / c));
    keep[i] = Math.min(0xffffffff, Math.round(prob * 2 ** 32));
  }
  return keep;
}

/**
 * Negative-sampling table: word ids in proportion to count^0.75 (word2vec.c's
 * unigram table), sized ~1000 slots per word up to 10M entries.
 */
export function unigramTable(counts: Int32Array): Int32Array {
  const V = counts.length;
  const size = Math.max(1000, Math.min(10_000_000, V * 1000));
  const table = new Int32Array(size);
  let total = 0;
  for (let i = 0; i < V; i++) total += Math.pow(counts[i], 0.75);
  let w = 0;
  let cumulative = Math.pow(counts[0], 0.75) / total;
  for (let a = 0; a < size; a++) {
    table[a] = w;
    if (a / size > cumulative && w < V - 1) {
      w++;
      cumulative += Math.pow(counts[w], 0.75) / total;
    }
  }
  return table;
}

/** Per-thread scratch bytes; must match w2vScratchBytes in assembly/word2vec.ts. */
function scratchBytes(dim: number, negative: number): number {
  return (dim * 8 + (negative + 1) * 4 + 63) & ~63;
}

/** σ(x) on EXP_TABLE_SIZE points over [−MAX_EXP, MAX_EXP). */
function sigmoidTable(): Float32Array {
  const t = new Float32Array(EXP_TABLE_SIZE);
  for (let i = 0; i < EXP_TABLE_SIZE; i++) {
    const e = Math.exp(((i / EXP_TABLE_SIZE) * 2 - 1) * MAX_EXP);
    t[i] = e / (e + 1);
  }
  return t;
}

/** Input vectors uniform in [−0.5/dim, 0.5/dim), seeded (output vectors start at zero). */
function initialVectors(out: Float32Array, V: number, dim: number, seed: number): void {
  const rng = new Random(seed);
  for (let i = 0; i < V * dim; i++) out[i] = (rng.next() - 0.5) / dim;
}
