/** Input check shared by TF-IDF, Word2Vec and embedDocuments: documents as token lists. */
import { InputError } from '../core/index.js';

/** Throw an InputError naming the first document or token that is not a string list. */
export function validateTokenLists(docs: unknown, what = 'documents'): asserts docs is readonly (readonly string[])[] {
  if (!Array.isArray(docs)) throw new InputError(`${what} must be an array of token arrays (string[][]).`);
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    if (!Array.isArray(doc)) throw new InputError(`${what}[${i}] is not an array of tokens.`, i);
    for (let j = 0; j < doc.length; j++) {
      if (typeof doc[j] !== 'string') throw new InputError(`${what}[${i}][${j}] is not a string token.`, i);
    }
  }
}
