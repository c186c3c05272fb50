/**
 * The dedupe rule: one posting per group is embedded and clustered — the
 * group's first member in input order — and every other member gets its label.
 * Two kinds of group share the rule: duplicates (near-identical texts, compared
 * on the cleaned texts, so nothing is cleaned twice) and one employer's
 * templates (`findTemplates`: same normalised company, near-identical title,
 * salary and structure) — paraphrased ads of one company would otherwise form a
 * cluster of their own. A posting in both kinds of group joins them into one.
 */
import {
  findDuplicates,
  findDuplicatesAsync,
  findTemplates,
  findTemplatesAsync,
  type DuplicateReport,
  type FindDuplicatesOptions,
  type FindTemplatesOptions,
  type JobPosting,
  type TemplateReport,
} from '../data/index.js';

export interface DedupeOutcome {
  readonly duplicates: DuplicateReport | null;
  /** One employer's template groups; null when template grouping is off. */
  readonly templates: TemplateReport | null;
  /** Postings that share a row because of a template group and not of a duplicate group. */
  readonly templateCopies: number;
  /** Representative posting of each posting (itself when it has no duplicate or template copy). */
  readonly representative: Int32Array;
}

export function dedupePostings(
  jobs: readonly JobPosting[],
  texts: readonly string[],
  dedupe: boolean | FindDuplicatesOptions,
  textsAreCleaned: boolean,
  templates: boolean | FindTemplatesOptions = false,
): DedupeOutcome {
  const duplicates =
    dedupe === false
      ? null
      : findDuplicates(jobs, { text: (_job, i) => texts[i], clean: !textsAreCleaned, ...(dedupe === true ? {} : dedupe) });
  return joinGroups(jobs.length, duplicates, findTemplatesIf(jobs, templates));
}

/** `findTemplates` when the rule groups templates (`templates` not false), else null. */
export function findTemplatesIf(jobs: readonly JobPosting[], templates: boolean | FindTemplatesOptions): TemplateReport | null {
  return templates === false ? null : findTemplates(jobs, templates === true ? {} : templates);
}

/** `findTemplatesIf` with the blocks compared on `threads` worker threads (the same report). */
export async function findTemplatesIfAsync(
  jobs: readonly JobPosting[],
  templates: boolean | FindTemplatesOptions,
  threads: number | undefined,
): Promise<TemplateReport | null> {
  return templates === false ? null : findTemplatesAsync(jobs, templates === true ? {} : templates, { threads });
}

/** The rule's representatives from both groupings (see the file header). */
function joinGroups(n: number, duplicates: DuplicateReport | null, found: TemplateReport | null): DedupeOutcome {
  const representative = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const g = duplicates ? duplicates.groupOf[i] : -1;
    representative[i] = g === -1 ? i : duplicates!.groups[g].members[0];
  }
  let templateCopies = 0;
  if (found) {
    // Union of both groupings; every component is represented by its smallest index.
    const root = (i: number): number => {
      while (representative[i] !== i) i = representative[i] = representative[representative[i]];
      return i;
    };
    for (const group of found.groups) {
      for (const m of group.members.slice(1)) {
        const a = root(group.members[0]);
        const b = root(m);
        if (a === b) continue;
        templateCopies++;
        if (b < a) representative[a] = b;
        else representative[b] = a;
      }
    }
    for (let i = 0; i < n; i++) representative[i] = root(i);
  }
  return { duplicates, templates: found, templateCopies, representative };
}

/**
 * `dedupePostings` with the per-posting signatures on `threads` worker threads (identical
 * results), and the templates found beforehand (`findTemplatesIfAsync`: they need neither the
 * signatures nor the cleaned texts, so the pipeline finds them in the clean stage).
 */
export async function dedupePostingsAsync(
  jobs: readonly JobPosting[],
  texts: readonly string[],
  dedupe: boolean | FindDuplicatesOptions,
  textsAreCleaned: boolean,
  templates: TemplateReport | null,
  threads: number | undefined,
): Promise<DedupeOutcome> {
  if (dedupe === false) return joinGroups(jobs.length, null, templates);
  const options = { text: (_job: JobPosting, i: number) => texts[i], clean: !textsAreCleaned, ...(dedupe === true ? {} : dedupe) };
  return joinGroups(jobs.length, await findDuplicatesAsync(jobs, { ...options, threads }), templates);
}
