/**
 * Trained or loaded word vectors (gensim's KeyedVectors): lookup, cosine
 * similarity and nearest words.
 */
import { createMatrix, InputError, check, type Matrix } from '../../core/index.js';

export interface SimilarWord {
  word: string;
  /** Cosine similarity in [−1, 1]. */
  similarity: number;
}

export class WordVectors {
  readonly index: ReadonlyMap<string, number>;
  private unit: Float32Array | undefined;

  constructor(
    /** Words by row of `vectors`. */
    readonly words: readonly string[],
    /** One row per word (not normalised). */
    readonly vectors: Matrix,
    /** Training-corpus counts by row, when known (trained models, not loaded files). */
    readonly counts?: Int32Array,
  ) {
    if (words.length !== vectors.rows) {
      throw new InputError(`WordVectors: ${words.length} words but ${vectors.rows} vector rows.`);
    }
    const index = new Map<string, number>();
    words.forEach((w, i) => {
      if (!index.has(w)) index.set(w, i);
    });
    this.index = index;
  }

  get size(): number {
    return this.words.length;
  }

  get dim(): number {
    return this.vectors.cols;
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** Row of `word`; throws an InputError naming the word when it is unknown. */
  indexOf(word: string): number {
    const i = this.index.get(word);
    if (i === undefined) {
      throw new InputError(`Word ${JSON.stringify(word)} is not in the vocabulary (${this.words.length} words).`);
    }
    return i;
  }

  /** A copy of the raw vector of `word`. */
  vector(word: string): Float32Array {
    const i = this.indexOf(word);
    return this.vectors.data.slice(i * this.dim, (i + 1) * this.dim);
  }

  /** Cosine similarity of two known words. */
  similarity(a: string, b: string): number {
    const unit = this.unitVectors();
    const d = this.dim;
    const ia = this.indexOf(a) * d;
    const ib = this.indexOf(b) * d;
    let s = 0;
    for (let t = 0; t < d; t++) s += unit[ia + t] * unit[ib + t];
    return s;
  }

  /** The `n` words closest to `word` (itself excluded) by cosine similarity, best first; ties by row. */
  mostSimilar(word: string, n = 10): SimilarWord[] {
    check.integer('n', n, 1);
    const unit = this.unitVectors();
    const d = this.dim;
    const self = this.indexOf(word);
    const q = unit.subarray(self * d, (self + 1) * d);
    const best: SimilarWord[] = [];
    for (let i = 0; i < this.size; i++) {
      if (i === self) continue;
      let s = 0;
      const o = i * d;
      for (let t = 0; t < d; t++) s += q[t] * unit[o + t];
      if (best.length === n && s <= best[n - 1].similarity) continue;
      // Insertion into a short sorted list: n is small.
      let at = best.length;
      while (at > 0 && best[at - 1].similarity < s) at--;
      best.splice(at, 0, { word: this.words[i], similarity: s });
      if (best.length > n) best.pop();
    }
    return best;
  }

  /** Unit-length copies of the vectors (zero vectors stay zero), computed once. */
  unitVectors(): Float32Array {
    if (this.unit) return this.unit;
    const { rows, cols, data } = this.vectors;
    const unit = new Float32Array(data.length);
    for (let i = 0; i < rows; i++) {
      let sq = 0;
      for (let t = i * cols; t < (i + 1) * cols; t++) sq += data[t] * data[t];
      const inv = sq > 0 ? 1 / Math.sqrt(sq) : 0;
      for (let t = i * cols; t < (i + 1) * cols; t++) unit[t] = data[t] * inv;
    }
    this.unit = unit;
    return unit;
  }
}

/** WordVectors over copies of `words` and `data` (rows × dim). */
export function wordVectorsFrom(words: readonly string[], data: Float32Array, dim: number, counts?: Int32Array): WordVectors {
  return new WordVectors([...words], createMatrix(words.length, dim, data), counts);
}
