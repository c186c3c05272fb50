/**
 * Tokenizing on worker threads: each worker builds its own Tokenizer from the
 * same serialisable settings, so every thread cuts text exactly as the calling
 * thread's tokenizer would.
 */
import { InputError } from '../core/errors.js';
import { defineTask, resolveThreads, taskPool } from '../core/index.js';
import { packTokens, type PackedTokenLists } from './token-interning.js';
import { Tokenizer, type TokenizerOptions } from './tokenizer.js';

/** What a worker needs to rebuild a tokenizer: its options, then the words added after construction, in order. */
export interface TokenizerRecipe {
  readonly options: TokenizerOptions;
  readonly addedWords: readonly { readonly words: readonly string[]; readonly frequency?: number }[];
}

/** A block of texts for one worker call; `start` is the first text's index in the whole input. */
export interface TokenizeBlock {
  readonly start: number;
  readonly texts: readonly string[];
}

/**
 * Tokenizes a block of texts and sends the lists back packed (`PackedTokenLists`): a
 * structured clone of `string[][]` costs one string object per token occurrence to
 * write on the worker, read on the calling thread and collect afterwards, which at two
 * threads took more CPU than the segmenting itself; the packed form is each distinct
 * token once and the lists as an Int32Array.
 */
export const tokenizeTask = defineTask({
  name: 'tokenize',
  prepare(recipe: TokenizerRecipe): Tokenizer {
    const tokenizer = new Tokenizer(recipe.options);
    for (const batch of recipe.addedWords) tokenizer.addWords(batch.words, batch.frequency);
    // Build the dictionary now: `warm` runs this before any text is at hand.
    void tokenizer.segmenter;
    return tokenizer;
  },
  run(tokenizer: Tokenizer, block: TokenizeBlock): PackedTokenLists {
    const lists = block.texts.map((text, i) => {
      if (typeof text !== 'string') {
        const index = block.start + i;
        throw new InputError(`texts[${index}] is ${text === null ? 'null' : typeof text}, expected a string.`, index);
      }
      return tokenizer.tokenize(text);
    });
    const { ids, offsets, interner } = packTokens(lists);
    return { vocab: interner.tokens as string[], ids, offsets };
  },
});

/**
 * Starts the task pool's workers (`threads` of them) and builds on each the tokenizer
 * that `new Tokenizer(options)` would send them, before any text is at hand: a
 * worker's start and its jieba dictionary (~0.35 CPU-s each) then overlap whatever
 * the calling thread does meanwhile, such as reading the input. The key is the
 * recipe `Tokenizer` builds for the same options, so its later `tokenizeAllAsync`
 * finds the workers ready. Nothing happens at one thread or for a segmenter object.
 * Never rejects (a failing build fails the later tokenizing instead).
 */
export function warmTokenizeWorkers(options: TokenizerOptions, { threads }: { threads?: number } = {}): Promise<void> {
  if (resolveThreads(threads) === 1 || typeof options.segmenter === 'object') return Promise.resolve();
  const recipe: TokenizerRecipe = { options: { ...options }, addedWords: [] };
  return taskPool().warm(tokenizeTask, recipe, { threads });
}
