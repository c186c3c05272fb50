/** The text a posting is clustered on: title and description, cleaned unless `clean` is false. */
import { cleanText, type CleanTextOptions } from '../data/index.js';

export function postingText(job: { title: string; description: string }, clean: CleanTextOptions | false | undefined): string {
  const text = `${job.title}\n${job.description}`;
  return clean === false ? text : cleanText(text, clean);
}
