/**
 * cleanText on worker threads: `cleanTextsAsync` cleans many texts with the
 * same options, with results identical to `texts.map((t) => cleanText(t, options))`;
 * `descriptionLengthsAsync` gives `descriptionLength` of many postings (the
 * title-only rule and the data-quality table read it; it cleans the description).
 */
import { InputError } from '../core/errors.js';
import { defineTask, mapTask } from '../core/index.js';
import { cleansApart, createCleaner, type CleanTextOptions } from './clean.js';
import type { JobPosting } from './job-posting.js';
import { codePointLength, descriptionLength } from './title-only.js';

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

interface PostingCleaners {
  /** Cleans title + description for the text stages; null when the texts stay raw (`clean: false`). */
  readonly text: ((text: string) => string) | null;
  /** The text cleaning is the default one, which `descriptionLength` applies to the description. */
  readonly defaults: boolean;
}

export const cleanPostingTask = defineTask({
  name: 'clean-posting',
  prepare: (options: CleanTextOptions | false | null): PostingCleaners => ({
    text: options === false ? null : createCleaner(options ?? {}),
    defaults: options !== false && Object.values(options ?? {}).every((value) => value === undefined),
  }),
  run(cleaners: PostingCleaners, job: { title: string; description: string }, index: number): [string, number] {
    for (const field of ['title', 'description'] as const) {
      if (typeof job?.[field] !== 'string') {
        const value = job?.[field];
        throw new InputError(`jobs[${index}].${field} is ${value === null ? 'null' : typeof value}, expected a string.`, index);
      }
    }
    if (cleaners.defaults && cleansApart(job.title)) {
      // The description is cleaned once, for the text and for its length (see cleansApart):
      // it is most of the posting, so this halves the stage's cleaning.
      const description = cleaners.text!(job.description);
      const title = cleaners.text!(job.title);
      // join, not concatenation: a flat string, not a rope that every later pass over the text reads more slowly.
      return [title && description ? [title, description].join(' ') : title || description, codePointLength(description)];
    }
    const text = `${job.title}\n${job.description}`;
    return [cleaners.text ? cleaners.text(text) : text, descriptionLength(job)];
  },
});

/**
 * What the pipeline's clean stage needs of every posting in one pass over the workers:
 * the posting's text (title + line break + description, cleaned with `clean`, or raw when
 * `clean` is false) and `descriptionLength` (always with the default cleaning: the
 * title-only rule's). Identical to `cleanTextsAsync` of the joined texts and
 * `descriptionLengthsAsync`, with one message per chunk instead of two and no array of
 * joined texts on the calling thread (at a million postings both cost seconds and
 * hundreds of megabytes).
 */
export async function cleanPostingsAsync(
  jobs: readonly Pick<JobPosting, 'title' | 'description'>[],
  clean: CleanTextOptions | false | undefined,
  { threads }: { threads?: number } = {},
): Promise<{ texts: string[]; descriptionLengths: Int32Array }> {
  if (clean !== false) createCleaner(clean ?? {});
  const items = jobs.map((job) => ({ title: job.title, description: job.description }));
  const cleaned = await mapTask(cleanPostingTask, items, { context: clean ?? null, threads });
  const texts: string[] = new Array(cleaned.length);
  const descriptionLengths = new Int32Array(cleaned.length);
  for (let i = 0; i < cleaned.length; i++) {
    texts[i] = cleaned[i][0];
    descriptionLengths[i] = cleaned[i][1];
  }
  return { texts, descriptionLengths };
}
