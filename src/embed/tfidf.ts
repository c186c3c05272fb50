/**
 * TF-IDF on token lists, with scikit-learn's TfidfVectorizer semantics:
 * - vocabulary sorted by term (code points), pruned by document frequency
 *   (`minDf`, `maxDf`), then cut to the `maxFeatures` most frequent terms over
 *   the corpus (ties: the earlier term in sorted order wins);
 * - tf = raw count, or 1 + ln(count) with `sublinearTf`;
 * - idf = ln((1 + n) / (1 + df)) + 1 (smooth_idf = True);
 * - rows L2-normalised unless `norm: 'none'`; a document with no known term is a
 *   zero row (callers such as embedDocuments report those rows).
 */
import { check, InputError, ParameterError } from '../core/index.js';
import type { SparseMatrix } from './sparse.js';
import { validateTokenLists } from './validate-tokens.js';
import { packTokens, type PackedTokens } from '../tokenize/token-interning.js';

export interface TfidfParams {
  /** Ignore terms in fewer documents: an integer ≥ 1 is a count, a number in [0, 1) a proportion. Default 1. */
  minDf?: number;
  /** Ignore terms in more documents: a number in (0, 1] is a proportion, an integer > 1 a count. Default 1 (= 100 %). */
  maxDf?: number;
  /** Keep only this many terms, the most frequent over the corpus. Default: all. */
  maxFeatures?: number;
  /** Use 1 + ln(tf) instead of tf. Default false. */
  sublinearTf?: boolean;
  /** Row normalisation. Default 'l2'. */
  norm?: 'l2' | 'none';
}

type ResolvedTfidfParams = Required<Omit<TfidfParams, 'maxFeatures'>> & { maxFeatures: number | undefined };

/** Code-point order, as Python sorts str (differs from UTF-16 order only outside the BMP). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

export class TfidfVectorizer {
  readonly params: ResolvedTfidfParams;

  constructor(params: TfidfParams = {}) {
    this.params = {
      minDf: params.minDf ?? 1,
      maxDf: params.maxDf ?? 1,
      maxFeatures: params.maxFeatures,
      sublinearTf: params.sublinearTf ?? false,
      norm: params.norm ?? 'l2',
    };
  }

  /** Learn vocabulary and IDF from `docs` (token lists). */
  fit(docs: readonly (readonly string[])[]): TfidfModel {
    validateTokenLists(docs);
    return this.fitPacked(packTokens(docs), undefined, 0).model;
  }

  /**
   * `fit` then `transform` of the same documents, each followed by `titleWeight`
   * copies of its title's tokens (`titles[i]` belongs to `docs[i]`), in one pass over
   * tokens packed as ids: the same model and rows as fitting and transforming the
   * concatenated lists, without building those lists or looking every token up twice.
   */
  fitTransform(
    docs: readonly (readonly string[])[],
    titles?: readonly (readonly string[])[],
    titleWeight = 0,
  ): { model: TfidfModel; matrix: SparseMatrix } {
    validateTokenLists(docs);
    check.integer('titleWeight', titleWeight, 0);
    if (titles !== undefined) {
      validateTokenLists(titles, 'titles');
      if (titles.length !== docs.length)
        throw new InputError(`titles has ${titles.length} entries, expected one per document (${docs.length}).`);
    }
    const packed = packTokens(docs);
    // Weight 0 adds no title token: not even to the count of distinct (pruned) terms.
    const packedTitles = titles !== undefined && titleWeight > 0 ? packTokens(titles, packed.interner) : undefined;
    const { model, columnOf } = this.fitPacked(packed, packedTitles, titleWeight);
    const matrix = model.rowsOf(docs.length, (d, add) => {
      for (let k = packed.offsets[d]; k < packed.offsets[d + 1]; k++) add(columnOf[packed.ids[k]], 1);
      if (packedTitles) {
        for (let k = packedTitles.offsets[d]; k < packedTitles.offsets[d + 1]; k++) add(columnOf[packedTitles.ids[k]], titleWeight);
      }
    });
    return { model, matrix };
  }

  /** Vocabulary and IDF from packed documents (+ `weight` copies of packed titles), and each token id's column (−1: pruned). */
  private fitPacked(docs: PackedTokens, titles: PackedTokens | undefined, weight: number): { model: TfidfModel; columnOf: Int32Array } {
    const p = this.params;
    const n = docs.offsets.length - 1;
    if (n === 0) throw new InputError('TF-IDF needs at least one document; got an empty corpus.');
    const minCount = dfBound('minDf', p.minDf, n, 'min');
    const maxCount = dfBound('maxDf', p.maxDf, n, 'max');
    if (maxCount < minCount) {
      throw new ParameterError('maxDf', p.maxDf, `a bound of at least minDf (${p.minDf} → ${minCount} documents)`);
    }
    if (p.maxFeatures !== undefined) check.integer('maxFeatures', p.maxFeatures, 1);
    check.boolean('sublinearTf', p.sublinearTf);
    check.oneOf('norm', p.norm, ['l2', 'none'] as const);

    // One pass: document frequency and total count per token id.
    const terms = docs.interner.tokens;
    const size = terms.length;
    if (size === 0) throw new InputError('TF-IDF found no tokens: every document is empty.');
    const df = new Int32Array(size);
    const tf = new Float64Array(size);
    const lastDoc = new Int32Array(size).fill(-1);
    const count = (ids: Int32Array, from: number, to: number, d: number, times: number) => {
      for (let k = from; k < to; k++) {
        const id = ids[k];
        tf[id] += times;
        if (lastDoc[id] !== d) {
          lastDoc[id] = d;
          df[id]++;
        }
      }
    };
    for (let d = 0; d < n; d++) {
      count(docs.ids, docs.offsets[d], docs.offsets[d + 1], d, 1);
      if (titles) count(titles.ids, titles.offsets[d], titles.offsets[d + 1], d, weight);
    }

    let kept: number[] = [];
    for (let id = 0; id < size; id++) if (df[id] >= minCount && df[id] <= maxCount) kept.push(id);
    const byTerm = (a: number, b: number) => compareCodePoints(terms[a], terms[b]);
    kept.sort(byTerm);
    if (p.maxFeatures !== undefined && kept.length > p.maxFeatures) {
      // Stable sort on the term-sorted list: ties in corpus frequency keep term order.
      kept = kept
        .map((id, order) => ({ id, order }))
        .sort((a, b) => tf[b.id] - tf[a.id] || a.order - b.order)
        .slice(0, p.maxFeatures)
        .map((e) => e.id)
        .sort(byTerm);
    }
    if (kept.length === 0) {
      throw new InputError(
        `After pruning by minDf=${p.minDf} (${minCount} documents) and maxDf=${p.maxDf} (${maxCount} documents), no terms remain; lower minDf or raise maxDf.`,
      );
    }
    const documentFrequency = new Int32Array(kept.length);
    const idf = new Float64Array(kept.length);
    const vocabulary = new Map<string, number>();
    const columnOf = new Int32Array(size).fill(-1);
    kept.forEach((id, j) => {
      vocabulary.set(terms[id], j);
      columnOf[id] = j;
      documentFrequency[j] = df[id];
      idf[j] = Math.log((1 + n) / (1 + df[id])) + 1;
    });
    const model = new TfidfModel(
      p,
      kept.map((id) => terms[id]),
      vocabulary,
      documentFrequency,
      idf,
      n,
      size - kept.length,
    );
    return { model, columnOf };
  }
}

/** A fitted TF-IDF: vocabulary, document frequencies and IDF weights. */
export class TfidfModel {
  constructor(
    readonly params: Readonly<ResolvedTfidfParams>,
    /** Terms by column index (sorted by code point). */
    readonly terms: readonly string[],
    /** term → column index. */
    readonly vocabulary: ReadonlyMap<string, number>,
    /** Documents containing each term, by column. */
    readonly documentFrequency: Int32Array,
    /** IDF weight per column: ln((1 + n) / (1 + df)) + 1. */
    readonly idf: Float64Array,
    /** Documents seen by fit. */
    readonly nDocuments: number,
    /** Distinct terms removed by minDf / maxDf / maxFeatures. */
    readonly prunedTerms: number,
  ) {}

  get nFeatures(): number {
    return this.terms.length;
  }

  /** IDF of a term, or undefined when it is not in the vocabulary. */
  idfOf(term: string): number | undefined {
    const j = this.vocabulary.get(term);
    return j === undefined ? undefined : this.idf[j];
  }

  /** TF-IDF rows for `docs`; unknown terms are ignored, so a document may become a zero row. */
  transform(docs: readonly (readonly string[])[]): SparseMatrix {
    validateTokenLists(docs);
    return this.rowsOf(docs.length, (d, add) => {
      for (const token of docs[d]) {
        const j = this.vocabulary.get(token);
        if (j !== undefined) add(j, 1);
      }
    });
  }

  /**
   * CSR rows of `rows` documents; `fill(d, add)` calls `add(column, times)` for every
   * term occurrence of document d (a column < 0 is ignored). Counts are integers, so
   * the order of the calls does not change the row.
   * @internal
   */
  rowsOf(rows: number, fill: (d: number, add: (column: number, times: number) => void) => void): SparseMatrix {
    const { sublinearTf, norm } = this.params;
    const cols = this.terms.length;
    const counts = new Float64Array(cols);
    const indptr = new Int32Array(rows + 1);
    let indices = new Int32Array(1024);
    let data = new Float32Array(1024);
    let nnz = 0;
    // The row's distinct columns, sorted as a typed array: its native numeric sort is several
    // times faster than Array.prototype.sort with a comparator, the bulk of this loop's time.
    const touchedAll = new Int32Array(cols);
    let nTouched = 0;
    const add = (j: number, times: number) => {
      if (j < 0) return;
      if (counts[j] === 0) touchedAll[nTouched++] = j;
      counts[j] += times;
    };
    for (let d = 0; d < rows; d++) {
      nTouched = 0;
      fill(d, add);
      const touched = touchedAll.subarray(0, nTouched).sort();
      if (nnz + touched.length > indices.length) {
        const size = Math.max(indices.length * 2, nnz + touched.length);
        const ni = new Int32Array(size);
        ni.set(indices.subarray(0, nnz));
        indices = ni;
        const nd = new Float32Array(size);
        nd.set(data.subarray(0, nnz));
        data = nd;
      }
      let sq = 0;
      for (let q = 0; q < nTouched; q++) {
        const j = touched[q];
        const t = sublinearTf ? 1 + Math.log(counts[j]) : counts[j];
        counts[j] = t * this.idf[j];
        sq += counts[j] * counts[j];
      }
      const scale = norm === 'l2' && sq > 0 ? 1 / Math.sqrt(sq) : 1;
      for (let q = 0; q < nTouched; q++) {
        const j = touched[q];
        indices[nnz] = j;
        data[nnz] = counts[j] * scale;
        counts[j] = 0;
        nnz++;
      }
      indptr[d + 1] = nnz;
    }
    return { rows, cols, indptr, indices: indices.slice(0, nnz), data: data.slice(0, nnz) };
  }
}

/** Translate minDf / maxDf (count or proportion) into a document count, as scikit-learn does. */
function dfBound(name: string, value: number, n: number, kind: 'min' | 'max'): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ParameterError(name, value, 'an integer count ≥ 1 or a proportion in [0, 1]');
  }
  const isProportion = kind === 'min' ? value < 1 : value <= 1;
  if (isProportion) return kind === 'min' ? Math.ceil(value * n) : Math.floor(value * n);
  if (!Number.isInteger(value)) throw new ParameterError(name, value, 'an integer count or a proportion in [0, 1]');
  return value;
}
