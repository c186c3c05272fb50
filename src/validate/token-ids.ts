/**
 * Token lists as integer ids into one vocabulary. The keyword counter and the
 * cluster namer read the same tokens of every row (millions of occurrences on
 * the corpus); with the strings hashed once here, each of them decides once per
 * distinct token and then reads integers.
 */
import { InputError, ParameterError } from '../core/index.js';

export class TokenIds {
  /** Distinct tokens, in order of first occurrence. */
  readonly vocabulary: string[] = [];
  /** Vocabulary index of every token occurrence, document after document. */
  readonly ids: Int32Array;
  /** Document d's tokens are `ids[start[d]]` … `ids[start[d + 1] − 1]`. */
  readonly start: Int32Array;

  constructor(tokens: ReadonlyArray<ReadonlyArray<string>>) {
    if (!Array.isArray(tokens)) throw new ParameterError('tokens', tokens, 'an array of token arrays, one per document');
    const index = new Map<string, number>();
    const start = new Int32Array(tokens.length + 1);
    let total = 0;
    for (let doc = 0; doc < tokens.length; doc++) {
      const list = tokens[doc];
      if (!Array.isArray(list)) throw new InputError(`tokens[${doc}] is not an array of strings.`, doc);
      total += list.length;
      start[doc + 1] = total;
    }
    const ids = new Int32Array(total);
    for (let doc = 0, k = 0; doc < tokens.length; doc++) {
      for (const token of tokens[doc]) {
        let id = index.get(token);
        if (id === undefined) {
          if (typeof token !== 'string') throw new InputError(`tokens[${doc}] contains a ${typeof token}, expected strings.`, doc);
          id = this.vocabulary.push(token) - 1;
          index.set(token, id);
        }
        ids[k++] = id;
      }
    }
    this.ids = ids;
    this.start = start;
  }

  /** Number of documents. */
  get size(): number {
    return this.start.length - 1;
  }
}
