// Word2Vec training kernels (skip-gram and CBOW with negative sampling).
//
// Semantics follow the original word2vec.c and gensim: a sigmoid lookup table
// over [-6, 6], frequent-word subsampling decided per occurrence, negatives
// drawn from a unigram^0.75 table, a dynamic window shrunk by a random amount
// per centre word, and a learning rate decaying linearly with global progress.
//
// All state lives in the shared memory allocated by JavaScript. One call trains
// one task (a contiguous run of sentences) of one epoch; worker threads run tasks
// concurrently and update the weights without locks ("hogwild"), as word2vec.c
// and gensim do. The random stream and the learning rate of a task depend only on
// (seed, epoch, task) and the task's position in the corpus, so a run with one
// thread is bit-reproducible.
//
// Two departures from word2vec.c, both for memory latency (see docs/embed.md):
// the rows about to be used are touched once per cache line first, so their
// misses overlap (no result changes), and skip-gram may share one draw of
// negatives across a centre word's window (P_SHARE_NEGATIVES).

// Layout of the parameter block (little-endian 32-bit fields) written by
// src/embed/word2vec/train.ts; keep both in sync.
const P_SYN0: usize = 0; // f32[vocab * dim] input vectors
const P_SYN1: usize = 4; // f32[vocab * dim] output vectors (negative sampling)
const P_CORPUS: usize = 8; // i32[] word ids of all sentences, concatenated
const P_SENT_STARTS: usize = 12; // i32[nSentences + 1] start offset of each sentence in the corpus
const P_KEEP: usize = 16; // u32[vocab] subsampling: keep an occurrence when keep[w] ≥ a random u32
const P_TABLE: usize = 20; // i32[tableSize] unigram^0.75 table of word ids
const P_EXP: usize = 24; // f32[EXP_TABLE_SIZE] sigmoid table
const P_SCRATCH: usize = 28; // threads × w2vScratchBytes(dim, negative): per-thread work space
const P_TASK_SENT: usize = 32; // i32[nTasks + 1] first sentence of each task
const P_TASK_WORDS: usize = 36; // i32[nTasks] corpus words before each task (learning-rate progress)
const P_TRAINED: usize = 40; // i32[nTasks] out: words kept after subsampling, per task
const P_DIM: usize = 44;
const P_WINDOW: usize = 48;
const P_NEGATIVE: usize = 52;
const P_TABLE_SIZE: usize = 56;
const P_SKIPGRAM: usize = 60; // 1 = skip-gram, 0 = CBOW (mean of context vectors)
const P_EPOCH: usize = 64;
const P_EPOCHS: usize = 68;
const P_TOTAL_WORDS: usize = 72; // corpus words per epoch
const P_ALPHA: usize = 76; // f32 start learning rate
const P_MIN_ALPHA: usize = 80; // f32 final learning rate
const P_SEED: usize = 84; // u32
const P_KEPT: usize = 88; // i32[threads * maxSentence] per-thread buffer of the subsampled sentence
const P_MAX_SENTENCE: usize = 92; // longest sentence, in words
const P_SHARE_NEGATIVES: usize = 96; // skip-gram: 1 = one draw of negatives per centre word, 0 = per pair

const EXP_TABLE_SIZE: i32 = 1000;
const MAX_EXP: f32 = 6;

/** Number of bytes of the parameter block. */
export function w2vParamBytes(): i32 {
  return 100;
}

/** Bytes of per-thread scratch: hidden and error vectors, then the negative ids (+ 1 slot). */
export function w2vScratchBytes(dim: i32, negative: i32): i32 {
  return (((dim << 3) + ((negative + 1) << 2)) + 63) & ~63;
}

@inline function param(p: usize, field: usize): i32 {
  return load<i32>(p + field);
}

@inline function ptr(p: usize, field: usize): usize {
  return <usize>load<u32>(p + field);
}

// word2vec.c's linear congruential generator, started from a splitmix64 hash of
// (seed, epoch, task) so that neighbouring tasks get unrelated streams.
@inline function lcgNext(x: u64): u64 {
  return x * 25214903917 + 11;
}

function mix64(z0: u64): u64 {
  let z = z0 + 0x9e3779b97f4a7c15;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Sigmoid-table gradient scale for a dot product `f` and label (1 = true pair). */
@inline function gradient(expTable: usize, f: f32, label: f32, alpha: f32): f32 {
  if (f >= MAX_EXP) return (label - 1) * alpha;
  if (f <= -MAX_EXP) return label * alpha;
  const i = <i32>((f + MAX_EXP) * (<f32>EXP_TABLE_SIZE / MAX_EXP / 2));
  return (label - load<f32>(expTable + (<usize>i << 2))) * alpha;
}

@inline function dotVec(a: usize, b: usize, dim: i32): f32 {
  // Four independent accumulators hide the latency of the vector adds.
  let acc0 = f32x4.splat(0);
  let acc1 = f32x4.splat(0);
  let acc2 = f32x4.splat(0);
  let acc3 = f32x4.splat(0);
  let t = 0;
  for (; t + 16 <= dim; t += 16) {
    const pa = a + (<usize>t << 2);
    const pb = b + (<usize>t << 2);
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(pa), v128.load(pb)));
    acc1 = f32x4.add(acc1, f32x4.mul(v128.load(pa, 16), v128.load(pb, 16)));
    acc2 = f32x4.add(acc2, f32x4.mul(v128.load(pa, 32), v128.load(pb, 32)));
    acc3 = f32x4.add(acc3, f32x4.mul(v128.load(pa, 48), v128.load(pb, 48)));
  }
  for (; t + 4 <= dim; t += 4) {
    const o = <usize>t << 2;
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  const acc = f32x4.add(f32x4.add(acc0, acc1), f32x4.add(acc2, acc3));
  let s = f32x4.extract_lane(acc, 0) + f32x4.extract_lane(acc, 1) + f32x4.extract_lane(acc, 2) + f32x4.extract_lane(acc, 3);
  for (; t < dim; t++) s += load<f32>(a + (<usize>t << 2)) * load<f32>(b + (<usize>t << 2));
  return s;
}

/** Uniform integer in [0, n) from the high bits of the generator (multiply-shift, no division). */
@inline function below(rnd: u64, n: u64): u64 {
  return ((rnd >> 16) & 0xffffffff) * n >> 32;
}

/**
 * Skip-gram with negative sampling for one (input row l1, output row l2Word)
 * pair: the positive update, then one per drawn negative (`negatives`, nNeg
 * word ids), then l1 moves by the accumulated error, as word2vec.c does.
 */
@inline function trainPair(
  expTable: usize, syn1: usize, rowBytes: usize, err: usize, l1: usize, l2Word: usize, negatives: usize, nNeg: i32, alpha: f32, dim: i32,
): void {
  const g = gradient(expTable, dotVec(l1, l2Word, dim), 1, alpha);
  updatePair(err, l2Word, l1, g, g, dim, true);
  for (let d = 0; d < nNeg; d++) {
    const l2 = syn1 + <usize>load<i32>(negatives + (<usize>d << 2)) * rowBytes;
    const gn = gradient(expTable, dotVec(l1, l2, dim), 0, alpha);
    updatePair(err, l2, l1, gn, gn, dim, false);
  }
  addVec(l1, err, dim);
}

/**
 * One negative-sampling update of output vector `out` against hidden vector `h`:
 * err += gErr·out, then out += gOut·h, in one pass over the vector. With
 * `first`, err is overwritten instead (saves clearing it beforehand).
 */
@inline function updatePair(err: usize, out: usize, h: usize, gErr: f32, gOut: f32, dim: i32, first: bool): void {
  const ge = f32x4.splat(gErr);
  const go = f32x4.splat(gOut);
  let t = 0;
  if (first) {
    for (; t + 4 <= dim; t += 4) {
      const o = <usize>t << 2;
      const ov = v128.load(out + o);
      v128.store(err + o, f32x4.mul(ge, ov));
      v128.store(out + o, f32x4.add(ov, f32x4.mul(go, v128.load(h + o))));
    }
  } else {
    for (; t + 4 <= dim; t += 4) {
      const o = <usize>t << 2;
      const ov = v128.load(out + o);
      v128.store(err + o, f32x4.add(v128.load(err + o), f32x4.mul(ge, ov)));
      v128.store(out + o, f32x4.add(ov, f32x4.mul(go, v128.load(h + o))));
    }
  }
  for (; t < dim; t++) {
    const o = <usize>t << 2;
    const ov = load<f32>(out + o);
    store<f32>(err + o, (first ? 0 : load<f32>(err + o)) + gErr * ov);
    store<f32>(out + o, ov + gOut * load<f32>(h + o));
  }
}

/** dst = src */
@inline function copyVec(dst: usize, src: usize, dim: i32): void {
  memory.copy(dst, src, <usize>dim << 2);
}

/** dst += src */
@inline function addVec(dst: usize, src: usize, dim: i32): void {
  let t = 0;
  for (; t + 4 <= dim; t += 4) {
    const o = <usize>t << 2;
    v128.store(dst + o, f32x4.add(v128.load(dst + o), v128.load(src + o)));
  }
  for (; t < dim; t++) {
    const o = <usize>t << 2;
    store<f32>(dst + o, load<f32>(dst + o) + load<f32>(src + o));
  }
}

// Number of negatives written by the last drawNegatives call (globals are per
// instance, so per thread).
let drawnCount: i32 = 0;

/**
 * Draw `negative` noise words from the unigram table into `out`, skipping draws
 * equal to `word` (as word2vec.c does); sets drawnCount; returns the generator state.
 */
@inline function drawNegatives(rnd0: u64, out: usize, negative: i32, table: usize, tableSize: u64, word: i32): u64 {
  let rnd = rnd0;
  let n = 0;
  for (let d = 0; d < negative; d++) {
    rnd = lcgNext(rnd);
    const target = load<i32>(table + (<usize>below(rnd, tableSize) << 2));
    if (target == word) continue;
    store<i32>(out + (<usize>n << 2), target);
    n++;
  }
  drawnCount = n;
  return rnd;
}

/**
 * Read one value per cache line of the output rows about to be used, so that
 * their cache misses are in flight together rather than one row after the
 * other (WebAssembly has no prefetch instruction). Returns a sum to keep the loads live.
 */
@inline function touchOutputRows(syn1: usize, rowBytes: usize, word: i32, negatives: usize, n: i32): f32 {
  let s: f32 = 0;
  let row = syn1 + <usize>word * rowBytes;
  for (let o: usize = 0; o < rowBytes; o += 64) s += load<f32>(row + o);
  for (let d = 0; d < n; d++) {
    row = syn1 + <usize>load<i32>(negatives + (<usize>d << 2)) * rowBytes;
    for (let o: usize = 0; o < rowBytes; o += 64) s += load<f32>(row + o);
  }
  return s;
}

/** The same for the input rows of the context words kept[lo .. hi), centre i excluded. */
@inline function touchContextRows(syn0: usize, rowBytes: usize, kept: usize, lo: i32, hi: i32, i: i32): f32 {
  let s: f32 = 0;
  for (let j = lo; j < hi; j++) {
    if (j == i) continue;
    const row = syn0 + <usize>load<i32>(kept + (<usize>j << 2)) * rowBytes;
    for (let o: usize = 0; o < rowBytes; o += 64) s += load<f32>(row + o);
  }
  return s;
}

/**
 * Train one task of one epoch. `params` points to the parameter block; the
 * task's sentences are TASK_SENT[task] .. TASK_SENT[task + 1]; `thread` (from
 * the worker pool, < threads) selects the scratch space.
 */
export function w2vTrainTask(params: usize, task: i32, thread: i32): void {
  const syn0 = ptr(params, P_SYN0);
  const syn1 = ptr(params, P_SYN1);
  const corpus = ptr(params, P_CORPUS);
  const sentStarts = ptr(params, P_SENT_STARTS);
  const keep = ptr(params, P_KEEP);
  const table = ptr(params, P_TABLE);
  const expTable = ptr(params, P_EXP);
  const dim = param(params, P_DIM);
  const window = param(params, P_WINDOW);
  const negative = param(params, P_NEGATIVE);
  const tableSize = <u64>param(params, P_TABLE_SIZE);
  const skipGram = param(params, P_SKIPGRAM) != 0;
  const epoch = param(params, P_EPOCH);
  const epochs = param(params, P_EPOCHS);
  const totalWords = <f64>param(params, P_TOTAL_WORDS);
  const alpha0 = load<f32>(params + P_ALPHA);
  const minAlpha = load<f32>(params + P_MIN_ALPHA);
  const seed = <u64>load<u32>(params + P_SEED);

  const rowBytes = <usize>dim << 2;
  const hidden = ptr(params, P_SCRATCH) + <usize>thread * <usize>w2vScratchBytes(dim, negative);
  const err = hidden + rowBytes;
  const negatives = err + rowBytes;
  const shareNegatives = param(params, P_SHARE_NEGATIVES) != 0;
  const kept = ptr(params, P_KEPT) + <usize>thread * (<usize>param(params, P_MAX_SENTENCE) << 2);
  const firstSentence = load<i32>(ptr(params, P_TASK_SENT) + (<usize>task << 2));
  const endSentence = load<i32>(ptr(params, P_TASK_SENT) + (<usize>(task + 1) << 2));
  const wordsBefore = <f64>load<i32>(ptr(params, P_TASK_WORDS) + (<usize>task << 2));
  const progressTotal = totalWords * <f64>epochs;
  const progressStart = <f64>epoch * totalWords + wordsBefore;

  let rnd: u64 = mix64(seed ^ mix64((<u64>epoch << 32) | <u64>(<u32>task)));
  let trained: i32 = 0;
  let sink: f32 = 0;
  let seen: i32 = 0;

  for (let s = firstSentence; s < endSentence; s++) {
    const start = load<i32>(sentStarts + (<usize>s << 2));
    const end = load<i32>(sentStarts + (<usize>(s + 1) << 2));
    const sentenceLength = end - start;
    // Learning rate for the whole sentence, from global progress: the same for
    // any thread count because it depends on corpus position only.
    let alpha = <f32>(<f64>alpha0 - <f64>(alpha0 - minAlpha) * ((progressStart + <f64>seen) / progressTotal));
    if (alpha < minAlpha) alpha = minAlpha;
    seen += sentenceLength;

    // Subsample into this task's buffer: the corpus itself is shared and read-only.
    let n = 0;
    for (let i = start; i < end; i++) {
      const w = load<i32>(corpus + (<usize>i << 2));
      rnd = lcgNext(rnd);
      if (load<u32>(keep + (<usize>w << 2)) < <u32>(rnd >> 16)) continue;
      store<i32>(kept + (<usize>n << 2), w);
      n++;
    }
    trained += n;

    for (let i = 0; i < n; i++) {
      const word = load<i32>(kept + (<usize>i << 2));
      rnd = lcgNext(rnd);
      const b = <i32>below(rnd, <u64>window);
      let lo = i - window + b;
      if (lo < 0) lo = 0;
      let hi = i + window + 1 - b;
      if (hi > n) hi = n;

      if (skipGram && shareNegatives) {
        // Draw the negatives once per centre word and reuse them for every
        // context word of its window (as in Ji et al., "Parallelizing Word2Vec
        // in Shared and Distributed Memory", 2016): the 1 + negative output rows
        // stay in cache across the window instead of being fetched per pair,
        // which is where skip-gram spends its time on large vocabularies.
        rnd = drawNegatives(rnd, negatives, negative, table, tableSize, word);
        const nNeg = drawnCount;
        const l2Word = syn1 + <usize>word * rowBytes;
        sink += touchOutputRows(syn1, rowBytes, word, negatives, nNeg);
        sink += touchContextRows(syn0, rowBytes, kept, lo, hi, i);
        for (let j = lo; j < hi; j++) {
          if (j == i) continue;
          const l1 = syn0 + <usize>load<i32>(kept + (<usize>j << 2)) * rowBytes;
          trainPair(expTable, syn1, rowBytes, err, l1, l2Word, negatives, nNeg, alpha, dim);
        }
      } else if (skipGram) {
        // word2vec.c: each (centre, context) pair draws its own negatives; the
        // context word's input vector predicts the centre word.
        const l2Word = syn1 + <usize>word * rowBytes;
        for (let j = lo; j < hi; j++) {
          if (j == i) continue;
          rnd = drawNegatives(rnd, negatives, negative, table, tableSize, word);
          const nNeg = drawnCount;
          sink += touchOutputRows(syn1, rowBytes, word, negatives, nNeg);
          const l1 = syn0 + <usize>load<i32>(kept + (<usize>j << 2)) * rowBytes;
          trainPair(expTable, syn1, rowBytes, err, l1, l2Word, negatives, nNeg, alpha, dim);
        }
      } else {
        // CBOW: the mean of the context vectors predicts the centre word; the
        // error is added to every context vector, as in word2vec.c.
        if (hi - lo < 2) continue;
        rnd = drawNegatives(rnd, negatives, negative, table, tableSize, word);
        const nNeg = drawnCount;
        sink += touchOutputRows(syn1, rowBytes, word, negatives, nNeg);
        sink += touchContextRows(syn0, rowBytes, kept, lo, hi, i);
        // hidden = sum of the context vectors; the mean's 1/count is applied to
        // the dot products and the output updates instead of to the vector.
        let first = true;
        for (let j = lo; j < hi; j++) {
          if (j == i) continue;
          const c = syn0 + <usize>load<i32>(kept + (<usize>j << 2)) * rowBytes;
          if (first) copyVec(hidden, c, dim);
          else addVec(hidden, c, dim);
          first = false;
        }
        const inv = <f32>1 / <f32>(hi - lo - 1);
        const l2Word = syn1 + <usize>word * rowBytes;
        const g = gradient(expTable, dotVec(hidden, l2Word, dim) * inv, 1, alpha);
        updatePair(err, l2Word, hidden, g, g * inv, dim, true);
        for (let d = 0; d < nNeg; d++) {
          const l2 = syn1 + <usize>load<i32>(negatives + (<usize>d << 2)) * rowBytes;
          const gn = gradient(expTable, dotVec(hidden, l2, dim) * inv, 0, alpha);
          updatePair(err, l2, hidden, gn, gn * inv, dim, false);
        }
        for (let j = lo; j < hi; j++) {
          if (j == i) continue;
          addVec(syn0 + <usize>load<i32>(kept + (<usize>j << 2)) * rowBytes, err, dim);
        }
      }
    }
  }
  // Keep the touch loads observable so the compiler cannot drop them.
  store<f32>(negatives + (<usize>negative << 2), sink);
  store<i32>(ptr(params, P_TRAINED) + (<usize>task << 2), trained);
}
