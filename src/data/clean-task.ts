/**
 * cleanText on worker threads: `cleanTextsAsync` cleans many texts with the
 * same options, with results identical to `texts.map((t) => cleanText(t, options))`.
 */
import { InputError } from '../core/errors.js';
import { defineTask, mapTask } from '../core/index.js';
import { createCleaner, type CleanTextOptions } from './clean.js';

export const cleanTask = defineTask({
  name: 'clean',
  prepare: (options: CleanTextOptions | null) => createCleaner(options ?? {}),
  run(cleaner: (text: string) => string, text: string, index: number): string {
    if (typeof text !== 'string')
      throw new InputError(`texts[${index}] is ${text === null ? 'null' : typeof text}, expected a string.`, index);
    return cleaner(text);
  },
});

/**
 * `cleanText` on every text, on `threads` threads (default: every core; 1 = the calling
 * thread). Rejects with a TaskError naming the first failing index of its chunk.
 */
export async function cleanTextsAsync(
  texts: readonly string[],
  options?: CleanTextOptions,
  { threads }: { threads?: number } = {},
): Promise<string[]> {
  // Checked here so that bad options fail at once, with the option's name, not inside a worker.
  createCleaner(options ?? {});
  return mapTask(cleanTask, texts, { context: options ?? null, threads });
}
