/** The text a posting is clustered on: title and description, cleaned unless `clean` is false. */
import { cleanText, cleanTextsAsync, type CleanTextOptions } from '../data/index.js';

export function postingText(job: { title: string; description: string }, clean: CleanTextOptions | false | undefined): string {
  const text = `${job.title}\n${job.description}`;
  return clean === false ? text : cleanText(text, clean);
}

/** `postingText` of every posting, cleaned on `threads` worker threads (identical results). */
export async function postingTextsAsync(
  jobs: readonly { title: string; description: string }[],
  clean: CleanTextOptions | false | undefined,
  threads: number | undefined,
): Promise<string[]> {
  const texts = jobs.map((job) => `${job.title}\n${job.description}`);
  return clean === false ? texts : cleanTextsAsync(texts, clean, { threads });
}
