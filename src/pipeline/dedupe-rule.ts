/**
 * The dedupe rule: one posting per duplicate group is embedded and clustered —
 * the group's first member in input order — and every other member gets its
 * label. Duplicates are compared on the cleaned texts, so nothing is cleaned twice.
 */
import { findDuplicates, findDuplicatesAsync, type DuplicateReport, type FindDuplicatesOptions, type JobPosting } from '../data/index.js';

export interface DedupeOutcome {
  readonly duplicates: DuplicateReport | null;
  /** Representative posting of each posting (itself when it has no duplicate). */
  readonly representative: Int32Array;
}

export function dedupePostings(
  jobs: readonly JobPosting[],
  texts: readonly string[],
  dedupe: boolean | FindDuplicatesOptions,
  textsAreCleaned: boolean,
  computed: DuplicateReport | null = null,
): DedupeOutcome {
  const duplicates =
    computed ??
    (dedupe === false
      ? null
      : findDuplicates(jobs, { text: (_job, i) => texts[i], clean: !textsAreCleaned, ...(dedupe === true ? {} : dedupe) }));
  const representative = new Int32Array(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    const g = duplicates ? duplicates.groupOf[i] : -1;
    representative[i] = g === -1 ? i : duplicates!.groups[g].members[0];
  }
  return { duplicates, representative };
}

/** `dedupePostings` with the per-posting signatures on `threads` worker threads (identical results). */
export async function dedupePostingsAsync(
  jobs: readonly JobPosting[],
  texts: readonly string[],
  dedupe: boolean | FindDuplicatesOptions,
  textsAreCleaned: boolean,
  threads: number | undefined,
): Promise<DedupeOutcome> {
  if (dedupe === false) return dedupePostings(jobs, texts, false, textsAreCleaned);
  const options = { text: (_job: JobPosting, i: number) => texts[i], clean: !textsAreCleaned, ...(dedupe === true ? {} : dedupe) };
  const duplicates = await findDuplicatesAsync(jobs, { ...options, threads });
  return dedupePostings(jobs, texts, false, textsAreCleaned, duplicates);
}
