/**
 * cleanText on worker threads: `cleanTextsAsync` cleans many texts with the
 * same options, with results identical to `texts.map((t) => cleanText(t, options))`;
 * `descriptionLengthsAsync` gives `descriptionLength` of many postings (the
 * title-only rule and the data-quality table read it; it cleans the description).
 */
import { InputError } from '../core/errors.js';
import { defineTask, mapTask } from '../core/index.js';
import { createCleaner, type CleanTextOptions } from './clean.js';
import type { JobPosting } from './job-posting.js';
import { descriptionLength } from './title-only.js';

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

export const descriptionLengthTask = defineTask({
  name: 'description-length',
  prepare: (): null => null,
  run(_state: null, description: string, index: number): number {
    if (typeof description !== 'string')
      throw new InputError(
        `jobs[${index}].description is ${description === null ? 'null' : typeof description}, expected a string.`,
        index,
      );
    return descriptionLength({ description });
  },
});

/** `descriptionLength` of every posting, on `threads` threads (default: every core; 1 = the calling thread). */
export async function descriptionLengthsAsync(
  jobs: readonly Pick<JobPosting, 'description'>[],
  { threads }: { threads?: number } = {},
): Promise<Int32Array> {
  const lengths = await mapTask(
    descriptionLengthTask,
    jobs.map((job) => job.description),
    { context: null, threads },
  );
  return Int32Array.from(lengths);
}
