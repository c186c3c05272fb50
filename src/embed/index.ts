/**
 * Embed stage: token lists → document vectors. TF-IDF (CSR), a Word2Vec trainer
 * on the compute core (gensim-compatible files), sentence vectors, LSA and the
 * `embedDocuments` entry point the pipeline calls.
 */
export type { SparseMatrix } from './sparse.js';
export { sparseToDense, sparseRow } from './sparse.js';
export { TfidfVectorizer, TfidfModel, type TfidfParams } from './tfidf.js';
export {
  Word2Vec,
  type Word2VecMode,
  type Word2VecParams,
  type Word2VecProgress,
  type Word2VecFitOptions,
  type Word2VecStats,
  type Word2VecResult,
} from './word2vec/train.js';
export { WordVectors, type SimilarWord } from './word2vec/word-vectors.js';
export { saveWord2Vec, loadWord2Vec, type SaveWord2VecOptions, type LoadWord2VecOptions } from './word2vec/format.js';
export { sentenceVectors, type SentenceVectors } from './sentence-vectors.js';
export { Lsa, LsaModel, type LsaParams } from './lsa.js';
export {
  embedDocuments,
  transformDocuments,
  dropEmptyDocuments,
  concatenateNormalized,
  REPRESENTATIONS,
  DEFAULT_TITLE_WEIGHT,
  DEFAULT_TITLE_RANK_WORDS,
  DEFAULT_EMBED_TFIDF,
  DEFAULT_LSA_COMPONENTS,
  type Representation,
  type EmbedOptions,
  type EmbedTimings,
  type EmbeddedDocuments,
} from './embed-documents.js';
export { representationEmbedder, precomputedEmbedder, type Embedder, type EmbedContext, type FittedEmbedding } from './embedder.js';
