/**
 * Employer templates: one company's postings written from one template — paraphrased,
 * so not duplicates, but the same role, salary and layout (e.g. ten "Java开发工程师"
 * ads of one company, 10–20k, each reworded). Embedded separately they form a
 * micro-cluster of one employer and count as many postings in the bias test; grouped
 * like duplicates they can be embedded once and weighed once.
 *
 * Two postings are template siblings when all of these hold:
 * 1. the same employer key (`normalizeCompany`) and the same salary bounds (the block);
 * 2. similar titles: Jaccard of the character bigrams of the normalised titles
 *    (lower case, brackets and seniority words removed) ≥ `titleThreshold`;
 * 3. similar structure: the layout of the descriptions — each line a header (ends with
 *    ：), an item (starts with -, 1、, (1) …) or text — agrees by ≥ `structureThreshold`
 *    (1 − edit distance / length of the longer layout), and cleaned lengths are within a
 *    factor `maxLengthRatio`;
 * 4. some shared wording: Jaccard of the character `shingleSize`-grams of the cleaned
 *    descriptions ≥ `textThreshold`; or both postings title-only.
 * Paraphrases keep the layout and a few phrases, not sentences: on the shared corpus two
 * paraphrased ads of one 51JOB company share a median 0.05 of their 3-grams (the
 * 90th percentile 0.14) against 0.04 (0.07) for two unrelated Java ads on BOSS, while
 * their layouts agree at a median 0.81. Hence a low text floor (0.1) inside blocks that
 * are already one employer, one salary and one title, plus the layout test.
 * Siblings are joined by union-find (single linkage), as duplicates are.
 */
import { check, ParameterError } from '../core/index.js';
import { createCleaner } from './clean.js';
import { normalizeCompany } from './company.js';
import type { DuplicatePostingGroup } from './duplicates.js';
import { duplicateKey } from './duplicates.js';
import type { JobPosting } from './job-posting.js';
import { distinctSorted, jaccard, shingleHashes } from './minhash.js';
import { TITLE_ONLY_MAX_DESCRIPTION_CHARS } from './title-only.js';
import { UnionFind } from './union-find.js';

export interface FindTemplatesOptions {
  /** Minimum Jaccard of title character bigrams. Default 0.5. */
  readonly titleThreshold?: number;
  /** Minimum Jaccard of description shingles. Default 0.1. */
  readonly textThreshold?: number;
  /** Characters per description shingle. Default 3. */
  readonly shingleSize?: number;
  /** Minimum agreement of the description layouts (1 − normalised edit distance). Default 0.75. */
  readonly structureThreshold?: number;
  /** Largest allowed ratio of cleaned description lengths. Default 2. */
  readonly maxLengthRatio?: number;
  /**
   * Require the same salary bounds (default true). Both missing counts as the same;
   * one missing does not.
   */
  readonly sameSalary?: boolean;
  /**
   * Block by employer (default true). false compares every posting with the same salary
   * regardless of company — used to look for shell companies posting one template under
   * many names; it is not an employer template then.
   */
  readonly sameCompany?: boolean;
}

export interface TemplateGroup extends DuplicatePostingGroup {
  /** Employer key (`normalizeCompany`) of the first member. */
  readonly company: string;
  /** Distinct employer keys of the members (1 unless `sameCompany: false`). */
  readonly companies: number;
}

export interface TemplateReport {
  /** Groups of two or more postings, ordered by their first member. */
  readonly groups: readonly TemplateGroup[];
  /** Group index of each posting, −1 when it belongs to none. */
  readonly groupOf: Int32Array;
  /** Postings beyond the first of each group: Σ (group size − 1). */
  readonly templateCount: number;
  /** Postings without a company (they are never grouped, as no employer is known). */
  readonly withoutCompany: number;
  readonly stats: { readonly blocks: number; readonly comparedPairs: number; readonly joinedPairs: number };
}

const SENIORITY = /初级|中级|高级|资深|专家|首席|实习生?|应届生?|校招|社招|急招|急聘|诚聘|高薪|senior|junior|sr\.?|jr\.?/g;
const BRACKETED = /[(（[［【「『<《][^)）\]］】」』>》]*[)）\]］】」』>》]/g;
const NON_WORD = /[^\p{L}\p{N}+#]+/gu;

/** The title two postings are compared on: lower case, no brackets, no seniority or urgency words. */
export function templateTitle(title: string): string {
  return title.normalize('NFKC').toLowerCase().replace(BRACKETED, '').replace(SENIORITY, '').replace(NON_WORD, '');
}

/** What the comparisons read of a description; the shingle set is built on first use. */
interface DescriptionFeatures {
  text: string;
  shingles: Int32Array | undefined;
  layout: string;
  length: number;
  titleOnly: boolean;
}

// Section headers are part of the layout, so they stay.
const lineCleaner = createCleaner({ keepLineBreaks: true, boilerplate: false });
const HEADER_LINE = /[:：]\s*$/;
const ITEM_LINE = /^\s*(?:[-•·*>]|\d{1,2}\s*[、.)）:：]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,2}[、.])/;
/** Non-empty lines of the cleaned description, line breaks kept. */
function descriptionLines(description: string): string[] {
  return lineCleaner(description)
    .split('\n')
    .filter((line) => line.trim() !== '');
}
/** Longest layout compared; longer ones are cut (the edit distance is quadratic). */
const MAX_LAYOUT = 120;

/** One letter per non-empty line: H header, B item, T text. */
export function descriptionLayout(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) {
    if (out.length >= MAX_LAYOUT) break;
    out += HEADER_LINE.test(line) ? 'H' : ITEM_LINE.test(line) ? 'B' : 'T';
  }
  return out;
}

/** 1 − Levenshtein distance / length of the longer string (1 for two empty strings). */
function layoutAgreement(a: string, b: string): number {
  if (a === b) return 1;
  const m = a.length;
  const n = b.length;
  let previous = new Int32Array(n + 1);
  let current = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j;
  for (let i = 1; i <= m; i++) {
    current[0] = i;
    for (let j = 1; j <= n; j++) {
      const substitute = previous[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, substitute);
    }
    [previous, current] = [current, previous];
  }
  return 1 - previous[n] / Math.max(m, n);
}

function bigrams(text: string): Set<string> {
  const out = new Set<string>();
  const chars = [...text];
  if (chars.length === 1) out.add(chars[0]);
  for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i] + chars[i + 1]);
  return out;
}

function setJaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

const ratio = (a: number, b: number) => Math.max(a, b) / Math.max(1, Math.min(a, b));

/** The options with defaults filled in and checked (structured-cloneable: workers get them). */
export interface ResolvedTemplateOptions {
  readonly titleThreshold: number;
  readonly textThreshold: number;
  readonly shingleSize: number;
  readonly structureThreshold: number;
  readonly maxLengthRatio: number;
  readonly sameSalary: boolean;
  readonly sameCompany: boolean;
}

export function resolveTemplateOptions(options: FindTemplatesOptions = {}): ResolvedTemplateOptions {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an options object');
  return {
    titleThreshold: check.number('titleThreshold', options.titleThreshold ?? 0.5, 0, 1),
    textThreshold: check.number('textThreshold', options.textThreshold ?? 0.1, 0, 1),
    shingleSize: check.integer('shingleSize', options.shingleSize ?? 3, 1, 64),
    structureThreshold: check.number('structureThreshold', options.structureThreshold ?? 0.75, 0, 1),
    maxLengthRatio: check.number('maxLengthRatio', options.maxLengthRatio ?? 2, 1, 1000),
    sameSalary: check.boolean('sameSalary', options.sameSalary ?? true),
    sameCompany: check.boolean('sameCompany', options.sameCompany ?? true),
  };
}

/** The postings that may be template siblings: one block per employer key and salary. */
export interface TemplateBlocks {
  /** Employer key (`normalizeCompany`) of every posting, '' for none. */
  readonly companyKey: string[];
  /** Blocks of two or more postings, each in input order. */
  readonly blocks: number[][];
  readonly withoutCompany: number;
}

export function templateBlocks(jobs: readonly JobPosting[], o: ResolvedTemplateOptions): TemplateBlocks {
  const n = jobs.length;
  const companyKey: string[] = new Array(n);
  const byKey = new Map<string, number[]>();
  let withoutCompany = 0;
  for (let i = 0; i < n; i++) {
    const job = jobs[i];
    companyKey[i] = job.company === undefined ? '' : normalizeCompany(job.company);
    if (companyKey[i] === '') {
      withoutCompany++;
      continue;
    }
    const salary = o.sameSalary ? `${job.salaryMin ?? ''}-${job.salaryMax ?? ''}` : '';
    const key = `${o.sameCompany ? companyKey[i] : ''}\u0000${salary}`;
    let block = byKey.get(key);
    if (!block) byKey.set(key, (block = []));
    block.push(i);
  }
  const blocks: number[][] = [];
  for (const block of byKey.values()) if (block.length > 1) blocks.push(block);
  return { companyKey, blocks, withoutCompany };
}

/** The siblings found in one block, by position in the block. */
export interface BlockTemplates {
  /** Position of the first member of each posting's group (its own position when it has none). */
  readonly first: Int32Array;
  /** First members of the groups whose members are not all exact copies of each other. */
  readonly inexact: Int32Array;
  readonly comparedPairs: number;
  readonly joinedPairs: number;
}

/**
 * The template rule within one block (one employer, one salary): every pair of postings
 * compared, siblings joined by union-find. A block's result depends on its postings
 * alone, so blocks can be compared on any thread.
 */
export function joinTemplateBlock(
  postings: readonly Pick<JobPosting, 'title' | 'description'>[],
  o: ResolvedTemplateOptions,
): BlockTemplates {
  const m = postings.length;
  // Titles repeat within a block (one role, one employer): one bigram set per distinct
  // normalised title, and one similarity per pair of distinct titles.
  const titleIds = new Map<string, number>();
  const titleSets: Set<string>[] = [];
  const titleOf = new Int32Array(m);
  for (let p = 0; p < m; p++) {
    const title = templateTitle(postings[p].title);
    let id = titleIds.get(title);
    if (id === undefined) {
      titleIds.set(title, (id = titleSets.length));
      titleSets.push(bigrams(title));
    }
    titleOf[p] = id;
  }
  const titleCount = titleSets.length;
  const titlesSimilar = new Map<number, boolean>();

  // A description is described when a pair first needs it.
  const described: (DescriptionFeatures | undefined)[] = new Array(m);
  const descriptionOf = (p: number): DescriptionFeatures => (described[p] ??= describe(postings[p].description));
  const shinglesOf = (f: DescriptionFeatures): Int32Array =>
    (f.shingles ??= f.length >= o.shingleSize ? distinctSorted(shingleHashes(f.text, o.shingleSize)) : new Int32Array(0));
  // Layouts repeat within a block too (one template): each pair of distinct layouts is aligned once.
  const layoutsAgree = new Map<string, boolean>();
  const agree = (x: string, y: string): boolean => {
    if (x === y) return true;
    // The edit distance is at least the difference in length: an exact early answer.
    if (1 - Math.abs(x.length - y.length) / Math.max(x.length, y.length) < o.structureThreshold) return false;
    const key = x < y ? x + '|' + y : y + '|' + x;
    let agreed = layoutsAgree.get(key);
    if (agreed === undefined) layoutsAgree.set(key, (agreed = layoutAgreement(x, y) >= o.structureThreshold));
    return agreed;
  };

  const sets = new UnionFind(m);
  let comparedPairs = 0;
  let joinedPairs = 0;
  for (let x = 1; x < m; x++) {
    const ta = titleOf[x];
    for (let y = 0; y < x; y++) {
      if (sets.find(x) === sets.find(y)) continue;
      comparedPairs++;
      const tb = titleOf[y];
      const pairKey = ta < tb ? ta * titleCount + tb : tb * titleCount + ta;
      let similarTitles = titlesSimilar.get(pairKey);
      if (similarTitles === undefined) {
        similarTitles = setJaccard(titleSets[ta], titleSets[tb]) >= o.titleThreshold;
        titlesSimilar.set(pairKey, similarTitles);
      }
      if (!similarTitles) continue;
      const a = descriptionOf(x);
      const b = descriptionOf(y);
      let siblings: boolean;
      if (a.titleOnly || b.titleOnly) siblings = a.titleOnly && b.titleOnly;
      else {
        siblings =
          ratio(a.length, b.length) <= o.maxLengthRatio &&
          agree(a.layout, b.layout) &&
          jaccard(shinglesOf(a), shinglesOf(b)) >= o.textThreshold;
      }
      if (siblings && sets.union(x, y)) joinedPairs++;
    }
  }

  // Every member of a group was described (a join needs both descriptions): tell exact
  // copies (the same title and description keys) now, while the descriptions are at hand.
  const first = new Int32Array(m);
  const firstOfRoot = new Map<number, number>();
  const keyOfRoot = new Map<number, string>();
  const inexact = new Set<number>();
  for (let p = 0; p < m; p++) {
    const root = sets.find(p);
    let f = firstOfRoot.get(root);
    if (f === undefined) firstOfRoot.set(root, (f = p));
    first[p] = f;
    const features = described[p];
    if (!features) continue;
    const key = duplicateKey(postings[p].title) + '\n' + features.text;
    const firstKey = keyOfRoot.get(root);
    if (firstKey === undefined) keyOfRoot.set(root, key);
    else if (firstKey !== key) inexact.add(f);
  }
  return { first, inexact: Int32Array.from(inexact), comparedPairs, joinedPairs };
}

/** What the comparisons read of a description (`duplicateKey` of its cleaned lines, their layout). */
function describe(description: string): DescriptionFeatures {
  const lines = descriptionLines(description);
  const text = duplicateKey(lines.join('\n'), false);
  return {
    text,
    shingles: undefined,
    layout: descriptionLayout(lines),
    length: text.length,
    titleOnly: text.length <= TITLE_ONLY_MAX_DESCRIPTION_CHARS,
  };
}

/** The report from the blocks and each block's result (in the same order). */
export function assembleTemplates(
  jobs: readonly JobPosting[],
  { companyKey, blocks, withoutCompany }: TemplateBlocks,
  results: readonly BlockTemplates[],
): TemplateReport {
  const n = jobs.length;
  // Group of each posting as its first member's index (groups lie within one block).
  const firstOf = Int32Array.from({ length: n }, (_, i) => i);
  const inexact = new Set<number>();
  let comparedPairs = 0;
  let joinedPairs = 0;
  blocks.forEach((block, b) => {
    const r = results[b];
    for (let p = 0; p < block.length; p++) firstOf[block[p]] = block[r.first[p]];
    for (const p of r.inexact) inexact.add(block[p]);
    comparedPairs += r.comparedPairs;
    joinedPairs += r.joinedPairs;
  });
  const membersOf = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const head = firstOf[i];
    // A first member (or a posting alone) is added with its group's second member.
    if (head === i) continue;
    let members = membersOf.get(head);
    if (!members) membersOf.set(head, (members = [head]));
    members.push(i);
  }
  const groups: TemplateGroup[] = [];
  for (const [head, members] of membersOf) {
    const platforms = [...new Set(members.map((m) => jobs[m].platform))].sort();
    groups.push({
      members,
      ids: members.map((m) => jobs[m].id),
      platforms,
      crossPlatform: platforms.length > 1,
      exact: !inexact.has(head),
      company: companyKey[members[0]],
      companies: new Set(members.map((m) => companyKey[m])).size,
    });
  }
  groups.sort((a, b) => a.members[0] - b.members[0]);
  const groupOf = new Int32Array(n).fill(-1);
  let templateCount = 0;
  groups.forEach((group, g) => {
    for (const m of group.members) groupOf[m] = g;
    templateCount += group.members.length - 1;
  });
  return { groups, groupOf, templateCount, withoutCompany, stats: { blocks: blocks.length, comparedPairs, joinedPairs } };
}

/**
 * Groups each employer's template postings (see the module comment for the rule).
 * Deterministic; postings without a company are never grouped and counted in
 * `withoutCompany`. `findTemplatesAsync` (./template-task.ts) compares the blocks on
 * worker threads, with the same result.
 */
export function findTemplates(jobs: readonly JobPosting[], options: FindTemplatesOptions = {}): TemplateReport {
  if (!Array.isArray(jobs)) throw new ParameterError('jobs', jobs, 'an array of JobPosting');
  const o = resolveTemplateOptions(options);
  const found = templateBlocks(jobs, o);
  return assembleTemplates(
    jobs,
    found,
    found.blocks.map((block) =>
      joinTemplateBlock(
        block.map((i) => jobs[i]),
        o,
      ),
    ),
  );
}
