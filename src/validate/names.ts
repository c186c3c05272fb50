/**
 * Cluster names a person understands: the cluster's most common normalised title,
 * then its strongest c-TF-IDF keywords, e.g. "Java开发工程师 · spring · 微服务".
 *
 * What keeps junk out (issue 13 found job codes, a spam sentence's words and
 * duplicate names among the old keyword-only names):
 * - keywords are counted once per posting (presence, not occurrences), so one
 *   posting that repeats a sentence dozens of times weighs like any other;
 * - a term in only one posting of the whole corpus, a code or id token
 *   (`isJunkToken`: j14901, h3126e, mj011059), a JD boilerplate word (负责, 熟悉 …)
 *   or a term without a letter never becomes a keyword;
 * - a keyword must occur in at least two of the cluster's postings;
 * - names are unique within the clustering: when names collide, each colliding
 *   cluster gets its next keyword that the others' names do not hold (never a number).
 */
import { InputError, ParameterError, check, type Labels } from '../core/index.js';
import { isJunkToken, JD_BOILERPLATE_STOP_WORDS, JD_SECTION_HEADERS } from '../tokenize/index.js';
import { NAME_SEPARATOR } from './keywords.js';
import { checkLabels } from './labels.js';

export interface NameClustersInput {
  /** Tokens of each row (as embedded). */
  readonly tokens: ReadonlyArray<ReadonlyArray<string>>;
  /** Cluster of each row; −1 (noise) is not named but counts as a class for c-TF-IDF. */
  readonly labels: Labels;
  /** Title of each row (raw; normalised here). */
  readonly titles: readonly string[];
  /** Keywords after the title (default 2). */
  readonly keywords?: number;
  /** Terms never used as keywords. Default: the JD boilerplate list and section headers. */
  readonly stopWords?: Iterable<string>;
}

/** A letter or ideograph: a keyword without one says nothing. */
const HAS_LETTER = /\p{L}/u;
const PURE_ASCII = /^[\x21-\x7e]+$/;
/** Bracketed asides in titles: （急招）, (双休), 【北京】, [J1234]. */
const BRACKETED = /[（(【[〔<《][^）)】\]〕>》]*[）)】\]〕>》]/g;
/** A job code inside a title, bounded by non-alphanumerics (the tokenizer's CODE_TOKEN, unanchored). */
const TITLE_CODE = /(?<![A-Za-z0-9])[A-Za-z]{0,3}\d{4,}[A-Za-z]{0,2}(?![A-Za-z0-9])/g;
/** A salary range in a title: 20K-40k, 8千-1.2万, 15-25K·14薪. */
const TITLE_SALARY =
  /[+＋]?\s*\d+(?:\.\d+)?\s*[kK千万wW]?\s*[-~～至到]\s*\d+(?:\.\d+)?\s*[kK千万wW]?(?:\s*[·*]\s*\d+\s*薪)?(?:\/月|每月|元)?/g;
/** Separators after which a title continues with location, salary or a second title. */
const TITLE_SEPARATOR = /\s+[-—–|｜/]\s*|[|｜—–]|\s{2,}/;
/** Seniority words: 高级Java开发工程师 and Java开发工程师 are one role. */
const SENIORITY = /^(?:高级|资深|中级|初级|中高级|senior|junior|sr\.?|jr\.?)\s*/i;
/** Names for colliding clusters that ran out of keywords: the heavenly stems, words and not numbers. */
const LAST_RESORT = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

/**
 * A title reduced to the role it names: NFKC, bracketed asides, salary ranges, job codes and what
 * follows a separator removed, leading seniority dropped, spaces collapsed.
 * "高级Java开发工程师（急招）J14901 - 北京" → "Java开发工程师".
 */
export function normalizeTitle(title: string): string {
  let t = title.normalize('NFKC').replace(BRACKETED, ' ').replace(TITLE_SALARY, ' ').replace(TITLE_CODE, ' ');
  t = t.split(TITLE_SEPARATOR).find((part) => HAS_LETTER.test(part)) ?? '';
  t = t.replace(/\s+/g, ' ').trim().replace(SENIORITY, '');
  return t.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '').trim();
}

/**
 * One name per cluster label 0 … max(labels): `names[label]`. Labels without rows
 * get a name too (unique, no keywords). See the module comment for the rules.
 */
export function nameClusters(input: NameClustersInput): string[] {
  if (typeof input !== 'object' || input === null) throw new ParameterError('input', input, '{ tokens, labels, titles }');
  if (!Array.isArray(input.tokens)) throw new ParameterError('tokens', input.tokens, 'an array of token arrays, one per row');
  checkLabels(input.labels, input.tokens.length);
  return new ClusterNamer(input).name(input.labels);
}

/**
 * `nameClusters` for many labellings of the same rows (every clustering of a run,
 * and `reduceClusters`' merged ones): each row's usable terms and normalised title
 * are found once, here; `name(labels)` then only counts and ranks.
 */
export class ClusterNamer {
  private readonly nKeywords: number;
  private readonly terms: string[] = [];
  /** Rows holding each term (every term kept here is in at least two). */
  private readonly documentFrequency: Int32Array;
  /** Distinct usable terms of each row that are in two rows or more: `termOfRow[rowStart[r]]` … */
  private readonly termOfRow: Int32Array;
  private readonly rowStart: Int32Array;
  /** Normalised title of each row ('' when nothing is left of it). */
  private readonly titles: string[];

  constructor(input: Omit<NameClustersInput, 'labels'>) {
    if (typeof input !== 'object' || input === null) throw new ParameterError('input', input, '{ tokens, labels, titles }');
    const { tokens, titles } = input;
    if (!Array.isArray(tokens)) throw new ParameterError('tokens', tokens, 'an array of token arrays, one per row');
    if (!Array.isArray(titles)) throw new ParameterError('titles', titles, 'an array of strings, one per row');
    if (titles.length !== tokens.length)
      throw new InputError(`titles has ${titles.length} entries, expected one per row (${tokens.length}).`);
    this.nKeywords = check.integer('keywords', input.keywords ?? 2, 0, 20);
    const stop = new Set(input.stopWords ?? [...JD_BOILERPLATE_STOP_WORDS, ...JD_SECTION_HEADERS]);

    // Distinct usable terms of each row, and the number of rows holding each term. A token is
    // decided once (its term index, or −1 when not usable), not at each of its millions of occurrences.
    const termIndex = new Map<string, number>();
    const decided = new Map<string, number>();
    const frequency: number[] = [];
    const lastRow: number[] = []; // the last row that counted each term: a row counts a term once
    const rowTerms: number[] = [];
    const rowTermStart = new Int32Array(tokens.length + 1);
    for (let row = 0; row < tokens.length; row++) {
      const list = tokens[row];
      if (!Array.isArray(list)) throw new InputError(`tokens[${row}] is not an array of strings.`, row);
      if (typeof titles[row] !== 'string') throw new InputError(`titles[${row}] is not a string.`, row);
      for (const token of list) {
        let t = decided.get(token);
        if (t === undefined) {
          if (typeof token !== 'string') throw new InputError(`tokens[${row}] contains a ${typeof token}, expected strings.`, row);
          const term = token.trim();
          t = termIndex.get(term);
          if (t === undefined) {
            t = usableTerm(term, stop) ? this.terms.push(term) - 1 : -1;
            termIndex.set(term, t);
            if (t >= 0) {
              frequency.push(0);
              lastRow.push(-1);
            }
          }
          decided.set(token, t);
        }
        if (t >= 0 && lastRow[t] !== row) {
          lastRow[t] = row;
          frequency[t]++;
          rowTerms.push(t);
        }
      }
      rowTermStart[row + 1] = rowTerms.length;
    }
    // A term in one row only is never a keyword (nor counted anywhere).
    const rowStart = new Int32Array(tokens.length + 1);
    const kept: number[] = [];
    for (let row = 0; row < tokens.length; row++) {
      for (let k = rowTermStart[row]; k < rowTermStart[row + 1]; k++) if (frequency[rowTerms[k]] >= 2) kept.push(rowTerms[k]);
      rowStart[row + 1] = kept.length;
    }
    this.termOfRow = Int32Array.from(kept);
    this.rowStart = rowStart;
    this.documentFrequency = Int32Array.from(frequency);
    this.titles = titles.map(normalizeTitle);
  }

  /** Number of rows. */
  get size(): number {
    return this.rowStart.length - 1;
  }

  /** One name per cluster label 0 … max(labels) (see `nameClusters`). */
  name(labels: Labels): string[] {
    checkLabels(labels, this.size);
    const { terms, termOfRow, rowStart, documentFrequency } = this;
    let nClusters = 0;
    for (const l of labels) nClusters = Math.max(nClusters, l + 1);
    const classOf = (row: number) => (labels[row] < 0 ? nClusters : labels[row]); // noise: class nClusters

    // c-TF-IDF on presence counts; noise is one more class, as in clusterKeywords.
    const rowsOf: number[][] = Array.from({ length: nClusters + 1 }, () => []);
    for (let row = 0; row < labels.length; row++) rowsOf[classOf(row)].push(row);
    const sizes = Int32Array.from(rowsOf, (rows) => rows.length);
    const count = new Int32Array(terms.length);
    const perClass = rowsOf.map((rows) => {
      const touched: number[] = [];
      for (const row of rows) {
        for (let k = rowStart[row]; k < rowStart[row + 1]; k++) if (count[termOfRow[k]]++ === 0) touched.push(termOfRow[k]);
      }
      const counts = touched.map((t) => [t, count[t]] as const);
      for (const t of touched) count[t] = 0;
      return counts;
    });
    const totals = perClass.map((m) => m.reduce((s, [, v]) => s + v, 0));
    // Every row is in one class, so a term's count over all classes is its document frequency.
    const classesWithRows = totals.filter((_, c) => sizes[c] > 0).length;
    const meanWords = totals.reduce((s, v) => s + v, 0) / Math.max(classesWithRows, 1);

    const parts = Array.from({ length: nClusters }, (_, c) => {
      const titleCounts = new Map<string, Map<string, number>>();
      for (const row of rowsOf[c]) {
        const title = this.titles[row];
        if (title === '') continue;
        const key = title.toLowerCase();
        const forms = titleCounts.get(key) ?? new Map<string, number>();
        forms.set(title, (forms.get(title) ?? 0) + 1);
        titleCounts.set(key, forms);
      }
      const title = mostCommonTitle(titleCounts);
      const minSupport = Math.min(2, sizes[c]);
      const ranked = perClass[c]
        .filter(([, n]) => n >= minSupport)
        .map(([t, n]) => ({ term: terms[t], score: (n / totals[c]) * Math.log(1 + meanWords / documentFrequency[t]) }))
        .sort((a, b) => b.score - a.score || compareStrings(a.term, b.term))
        .map((k) => k.term)
        .filter((term) => title === null || !overlaps(term, title));
      return { title, ranked, used: [] as string[] };
    });
    for (const p of parts) {
      for (const term of p.ranked) {
        if (p.used.length === this.nKeywords) break;
        if (!p.used.some((u) => overlaps(u, term))) p.used.push(term);
      }
    }
    return uniqueNames(parts);
  }
}

function usableTerm(term: string, stop: ReadonlySet<string>): boolean {
  if (!HAS_LETTER.test(term) || stop.has(term) || isJunkToken(term)) return false;
  // A single ideograph (的, 等, 做) names nothing; single ASCII letters are languages (c, r).
  return term.length >= 2 || PURE_ASCII.test(term);
}

/** The most common normalised title (case-insensitive), shown in its most common spelling; ties by code point. */
function mostCommonTitle(counts: Map<string, Map<string, number>>): string | null {
  let best: { key: string; count: number; forms: Map<string, number> } | null = null;
  for (const [key, forms] of counts) {
    let count = 0;
    for (const v of forms.values()) count += v;
    if (!best || count > best.count || (count === best.count && compareStrings(key, best.key) < 0)) best = { key, count, forms };
  }
  if (!best) return null;
  return [...best.forms].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))[0][0];
}

/** One contains the other, ignoring case: "java" adds nothing to "Java开发工程师". */
function overlaps(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.includes(y) || y.includes(x);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compose(p: { title: string | null; used: readonly string[] }): string {
  const items = p.title === null ? [...p.used] : [p.title, ...p.used];
  return items.length ? items.join(NAME_SEPARATOR) : '(no terms)';
}

/**
 * Names from the parts; while two names are equal, every cluster of the colliding
 * group takes its next keyword that no other name of the group holds.
 */
function uniqueNames(parts: { title: string | null; ranked: string[]; used: string[] }[]): string[] {
  const names = parts.map(compose);
  const stems = new Map<string, number>();
  for (let round = 0; round < 64; round++) {
    const groups = new Map<string, number[]>();
    names.forEach((name, c) => groups.set(name, [...(groups.get(name) ?? []), c]));
    const colliding = [...groups.values()].filter((g) => g.length > 1);
    if (colliding.length === 0) return names;
    for (const group of colliding) {
      const chosen = new Map<number, string>();
      for (const c of group) {
        const others = new Set(group.filter((o) => o !== c).flatMap((o) => [...parts[o].used]));
        const next = parts[c].ranked.find(
          (t) =>
            !parts[c].used.includes(t) && !others.has(t) && ![...chosen.values()].includes(t) && !parts[c].used.some((u) => overlaps(u, t)),
        );
        if (next !== undefined) chosen.set(c, next);
      }
      for (const [c, term] of chosen) parts[c].used.push(term);
      // Clusters with nothing left to tell them apart (identical vocabularies): a stem each but the first.
      if (chosen.size === 0) {
        const base = names[group[0]];
        group.slice(1).forEach((c) => {
          const i = stems.get(base) ?? 0;
          stems.set(base, i + 1);
          parts[c].used.push(
            LAST_RESORT[i % LAST_RESORT.length] + (i >= LAST_RESORT.length ? LAST_RESORT[Math.floor(i / LAST_RESORT.length) % 10] : ''),
          );
        });
      }
      for (const c of group) names[c] = compose(parts[c]);
    }
  }
  return names;
}
