/**
 * Tokenizing on worker threads: each worker builds its own Tokenizer from the
 * same serialisable settings, so every thread cuts text exactly as the calling
 * thread's tokenizer would.
 */
import { InputError } from '../core/errors.js';
import { defineTask } from '../core/index.js';
import { Tokenizer, type TokenizerOptions } from './tokenizer.js';

/** What a worker needs to rebuild a tokenizer: its options, then the words added after construction, in order. */
export interface TokenizerRecipe {
  readonly options: TokenizerOptions;
  readonly addedWords: readonly { readonly words: readonly string[]; readonly frequency?: number }[];
}

export const tokenizeTask = defineTask({
  name: 'tokenize',
  prepare(recipe: TokenizerRecipe): Tokenizer {
    const tokenizer = new Tokenizer(recipe.options);
    for (const batch of recipe.addedWords) tokenizer.addWords(batch.words, batch.frequency);
    return tokenizer;
  },
  run(tokenizer: Tokenizer, text: string, index: number): string[] {
    if (typeof text !== 'string')
      throw new InputError(`texts[${index}] is ${text === null ? 'null' : typeof text}, expected a string.`, index);
    return tokenizer.tokenize(text);
  },
});
