/**
 * The embedder seam of the pipeline. An `Embedder` turns the token lists of the
 * postings into one vector row each (`fit`) and, once fitted, embeds new
 * postings the same way (`transform`). The built-in representations (LSA,
 * Word2Vec-TF-IDF, hybrid) sit behind `representationEmbedder`; vectors made
 * elsewhere (a sentence-transformer, an API) come in through
 * `precomputedEmbedder`, so that they get the whole pipeline (keywords,
 * scores, facets, report) as well.
 */
import { InputError, ParameterError, selectRows, validateMatrix, type Matrix } from '../core/index.js';
import { embedDocuments, transformDocuments, type EmbedOptions, type EmbeddedDocuments, type Representation } from './embed-documents.js';

/** What an embedder is told besides the token lists. */
export interface EmbedContext {
  /**
   * Input record index of each token list. Built-in representations ignore it;
   * `precomputedEmbedder` picks its rows with it.
   */
  readonly records: Int32Array;
  readonly seed: number;
  readonly threads?: number;
  /**
   * Token lists of each document's title alone, parallel to the token lists. Built-in
   * representations weigh them (`titleWeight`: the title says much of what a JD is);
   * other embedders may ignore them.
   */
  readonly titles?: readonly (readonly string[])[];
}

/** A fitted embedding. */
export interface FittedEmbedding {
  /** Representation name for the report (e.g. 'lsa', 'precomputed'). */
  readonly name: string;
  /** One row per token list given to `fit`. */
  readonly vectors: Matrix;
  /** Token lists whose row is zero (nothing usable); ascending. The pipeline drops and reports them. */
  readonly emptyDocuments: Int32Array;
  /** Adjustments made to the requested settings, for the report. */
  readonly notes: readonly string[];
  /** The fitted built-in models (TF-IDF, LSA, word vectors), when the embedder has them. */
  readonly model?: EmbeddedDocuments;
  /** New postings' token lists into the same space; absent when the embedder cannot embed new text. */
  transform?(
    tokens: readonly (readonly string[])[],
    options?: { threads?: number; titles?: readonly (readonly string[])[] },
  ): { vectors: Matrix; emptyDocuments: Int32Array };
}

export interface Embedder {
  readonly name: string;
  fit(tokens: readonly (readonly string[])[], context: EmbedContext): FittedEmbedding;
}

/** One of the built-in representations (see `embedDocuments`). */
export function representationEmbedder(
  representation: Representation | undefined,
  options: Omit<EmbedOptions, 'representation' | 'seed' | 'threads'> = {},
): Embedder {
  return {
    name: representation ?? 'default',
    fit(tokens, context) {
      const titles = options.titles ?? context.titles;
      const model = embedDocuments(tokens, {
        ...options,
        ...(titles === undefined ? {} : { titles }),
        representation,
        seed: context.seed,
        threads: context.threads,
      });
      return {
        name: model.representation,
        vectors: model.vectors,
        emptyDocuments: model.emptyDocuments,
        notes: model.notes,
        model,
        transform: (newTokens, { threads, titles: newTitles } = {}) =>
          transformDocuments(model, newTokens, {
            threads: threads ?? context.threads,
            ...(newTitles === undefined ? {} : { titles: newTitles }),
          }),
      };
    },
  };
}

/**
 * Vectors computed elsewhere: row i belongs to input record i (records skipped
 * at load included; their rows are ignored). Zero rows count as empty
 * documents. New postings cannot be embedded (`transform` is absent).
 */
export function precomputedEmbedder(vectors: Matrix, name = 'precomputed'): Embedder {
  if (!vectors || !(vectors.data instanceof Float32Array))
    throw new ParameterError('embeddings', vectors, 'a Matrix (Float32Array rows × cols)');
  return {
    name,
    fit(tokens, context) {
      if (context.records.length !== tokens.length) {
        throw new InputError(`precomputed embedder: ${context.records.length} record indices for ${tokens.length} token lists.`);
      }
      for (const r of context.records) {
        if (r < 0 || r >= vectors.rows) {
          throw new InputError(
            `embeddings have ${vectors.rows} rows, but input record ${r} needs one (one row per input record, in input order).`,
            r,
          );
        }
      }
      const picked = selectRows(vectors, context.records);
      const empty: number[] = [];
      for (let i = 0; i < picked.rows; i++) {
        let zero = true;
        for (let t = i * picked.cols; t < (i + 1) * picked.cols && zero; t++) zero = picked.data[t] === 0;
        if (zero) empty.push(i);
      }
      // Zero rows are reported as empty documents, not rejected; everything else must be finite.
      const emptySet = new Set(empty);
      const nonEmpty =
        empty.length === 0
          ? picked
          : selectRows(
              picked,
              [...Array(picked.rows).keys()].filter((i) => !emptySet.has(i)),
            );
      if (nonEmpty.rows > 0) validateMatrix(nonEmpty, 'embeddings');
      return { name, vectors: picked, emptyDocuments: Int32Array.from(empty), notes: [] };
    },
  };
}
