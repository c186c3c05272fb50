/**
 * Sentence (document) vectors as the seed computes them: the TF-IDF-weighted
 * mean of the Word2Vec vectors of a document's words, L2-normalised.
 */
import { createMatrix, type Matrix } from '../core/index.js';
import type { TfidfModel } from './tfidf.js';
import type { WordVectors } from './word2vec/word-vectors.js';

export interface SentenceVectors {
  /** One row per document, unit length; zero rows for the documents in `emptyDocuments`. */
  vectors: Matrix;
  /**
   * Documents with no word known to both the TF-IDF vocabulary and the word
   * vectors (ascending indices). Their rows are zero: cosine distance is
   * undefined for them, so callers drop them (see `dropEmptyDocuments`) and report them.
   */
  emptyDocuments: Int32Array;
}

/**
 * Row i = Σ_w tfidf(i, w) · vector(w) over the words of document i known to both
 * models, scaled to unit length. Words pruned from the TF-IDF vocabulary (minDf,
 * maxDf, maxFeatures) get weight 0, as in the seed.
 */
export function sentenceVectors(docs: readonly (readonly string[])[], w2v: WordVectors, tfidf: TfidfModel): SentenceVectors {
  const weights = tfidf.transform(docs);
  // TF-IDF column → word-vector row (−1: no vector).
  const rowOf = new Int32Array(tfidf.nFeatures).fill(-1);
  tfidf.terms.forEach((term, j) => {
    const r = w2v.index.get(term);
    if (r !== undefined) rowOf[j] = r;
  });
  const dim = w2v.dim;
  const src = w2v.vectors.data;
  const out = createMatrix(docs.length, dim);
  const acc = new Float64Array(dim);
  const empty: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    acc.fill(0);
    let used = 0;
    for (let p = weights.indptr[i]; p < weights.indptr[i + 1]; p++) {
      const r = rowOf[weights.indices[p]];
      if (r < 0) continue;
      const w = weights.data[p];
      const o = r * dim;
      for (let t = 0; t < dim; t++) acc[t] += w * src[o + t];
      used++;
    }
    let sq = 0;
    for (let t = 0; t < dim; t++) sq += acc[t] * acc[t];
    if (used === 0 || sq === 0) {
      empty.push(i);
      continue;
    }
    const inv = 1 / Math.sqrt(sq);
    for (let t = 0; t < dim; t++) out.data[i * dim + t] = acc[t] * inv;
  }
  return { vectors: out, emptyDocuments: Int32Array.from(empty) };
}
