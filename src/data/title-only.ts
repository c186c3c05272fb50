/**
 * Title-only postings: a description so short (or empty) that an embedding of the
 * posting is an embedding of its title. 1,590 of 1,809 LIEPIN postings of the shared
 * corpus have no description at all; the Guangdong public service often repeats the
 * title as its description (普工 / 普工) or writes 无 or 详见招聘海报.
 */
import { cleanText } from './clean.js';
import type { JobPosting } from './job-posting.js';

/**
 * A posting whose cleaned description has at most this many characters counts as
 * title-only. Chosen on the shared corpus (docs/data.md has the distribution): the
 * descriptions of up to 20 characters are nearly all a restatement of the title,
 * 无, 详见招聘海报 or one generic clause (负责公司安全管理工作); from about 20 characters on
 * they start to carry duties or requirements that tell roles apart.
 */
export const TITLE_ONLY_MAX_DESCRIPTION_CHARS = 20;

/** Length in code points of the cleaned description (HTML, contacts and section headers removed). */
export function descriptionLength(job: Pick<JobPosting, 'description'>): number {
  return codePointLength(cleanText(job.description));
}

/** Code points of a string (a surrogate pair counts once). */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** True when the posting's cleaned description has at most TITLE_ONLY_MAX_DESCRIPTION_CHARS characters. */
export function isTitleOnly(job: Pick<JobPosting, 'description'>): boolean {
  return descriptionLength(job) <= TITLE_ONLY_MAX_DESCRIPTION_CHARS;
}
