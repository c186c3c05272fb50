/**
 * Cluster keywords by class-based TF-IDF (BERTopic's c-TF-IDF): all documents
 * of a cluster form one "class document";
 *
 *   W(t, c) = tf(t, c) / Σ_t' tf(t', c) · log(1 + A / f(t))
 *
 * with tf(t, c) the count of term t in cluster c, A the mean number of words
 * per cluster and f(t) the count of t over all clusters. Terms frequent in one
 * cluster and rare elsewhere score high. Noise (−1) is a class of its own, as
 * in BERTopic, so words typical of noise do not pass for cluster keywords.
 */
import { InputError, ParameterError, check, type Labels } from '../core/index.js';
import { isJunkToken } from '../tokenize/index.js';
import { checkLabels } from './labels.js';

export interface KeywordOptions {
  /** Keywords kept per cluster (default 10). */
  topN?: number;
  /** Terms never used as keywords (compared as given). */
  stopWords?: Iterable<string>;
  /** Shortest term kept, in characters (default 1). */
  minTermLength?: number;
  /** Terms per cluster name (default 3). */
  nameTerms?: number;
  /** Drop job codes, ids and URL pieces (`isJunkToken`: j14901, h3126e) before weighting. Default true. */
  junk?: boolean;
}

export interface Keyword {
  readonly term: string;
  /** c-TF-IDF weight. */
  readonly score: number;
  /** Occurrences of the term in the cluster. */
  readonly count: number;
}

export interface ClusterKeywords {
  readonly label: number;
  /** Documents in the cluster. */
  readonly size: number;
  /** Highest-weighted terms first; ties by term. */
  readonly keywords: readonly Keyword[];
  /** Short name from the top terms, e.g. "Kubernetes · Operator · 云原生"; "noise" for −1. */
  readonly name: string;
}

export interface KeywordResult {
  /** One entry per label (ascending; −1 first when present). */
  readonly clusters: readonly ClusterKeywords[];
  /** Distinct terms considered. */
  readonly vocabularySize: number;
  /** Tokens dropped by the stop-word, length, no-letter or junk filters. */
  readonly droppedTokens: number;
}

/** Separator between the terms of a cluster name. */
export const NAME_SEPARATOR = ' · ';

// A keyword must contain at least one letter or ideograph: no punctuation, digits or symbols alone.
const HAS_LETTER = /\p{L}/u;

/** c-TF-IDF keywords and a short name for every cluster of `labels`, from per-document token lists. */
export function clusterKeywords(tokens: ReadonlyArray<ReadonlyArray<string>>, labels: Labels, options: KeywordOptions = {}): KeywordResult {
  if (!Array.isArray(tokens)) throw new ParameterError('tokens', tokens, 'an array of token arrays, one per document');
  checkLabels(labels, tokens.length);
  return new KeywordCounter(tokens, options).keywords(labels);
}

/**
 * `clusterKeywords` for many labellings of the same documents (every clustering
 * of a run, and `reduceClusters`' merged ones): the tokens are filtered and
 * turned into term indices once, here; `keywords(labels)` then only counts.
 */
export class KeywordCounter {
  private readonly topN: number;
  private readonly nameTerms: number;
  /** Distinct terms kept, by index. */
  private readonly terms: string[] = [];
  /** Term index of every kept token occurrence, document after document (`documentStart[d]` … `documentStart[d + 1] − 1`). */
  private readonly termOfToken: Int32Array;
  private readonly documentStart: Int32Array;
  /** Tokens dropped by the filters. */
  private readonly dropped: number;

  constructor(tokens: ReadonlyArray<ReadonlyArray<string>>, options: KeywordOptions = {}) {
    if (!Array.isArray(tokens)) throw new ParameterError('tokens', tokens, 'an array of token arrays, one per document');
    this.topN = check.integer('topN', options.topN ?? 10, 1);
    const minTermLength = check.integer('minTermLength', options.minTermLength ?? 1, 1);
    this.nameTerms = check.integer('nameTerms', options.nameTerms ?? 3, 1);
    const stop = new Set(options.stopWords ?? []);
    const junk = options.junk === undefined ? true : check.boolean('junk', options.junk);

    const termIndex = new Map<string, number>();
    const kept: number[] = [];
    const documentStart = new Int32Array(tokens.length + 1);
    let dropped = 0;
    // The filters depend on the token alone: decide once per distinct token (its term
    // index, or −1 when dropped), not once per occurrence — millions on a large corpus.
    const decided = new Map<string, number>();
    for (let doc = 0; doc < tokens.length; doc++) {
      const list = tokens[doc];
      if (!Array.isArray(list)) throw new InputError(`tokens[${doc}] is not an array of strings.`, doc);
      for (const token of list) {
        let t = decided.get(token);
        if (t === undefined) {
          if (typeof token !== 'string') throw new InputError(`tokens[${doc}] contains a ${typeof token}, expected strings.`, doc);
          const term = token.trim();
          if ([...term].length < minTermLength || stop.has(term) || !HAS_LETTER.test(term) || (junk && isJunkToken(term))) t = -1;
          else {
            t = termIndex.get(term);
            if (t === undefined) {
              t = this.terms.length;
              termIndex.set(term, t);
              this.terms.push(term);
            }
          }
          decided.set(token, t);
        }
        if (t < 0) dropped++;
        else kept.push(t);
      }
      documentStart[doc + 1] = kept.length;
    }
    this.termOfToken = Int32Array.from(kept);
    this.documentStart = documentStart;
    this.dropped = dropped;
  }

  /** Number of documents. */
  get size(): number {
    return this.documentStart.length - 1;
  }

  /** The keywords of every cluster of `labels` (one label per document). */
  keywords(labels: Labels): KeywordResult {
    checkLabels(labels, this.size);
    const { terms, termOfToken, documentStart, topN, nameTerms } = this;
    const classes = [...new Set(labels)].sort((a, b) => a - b);
    const classIndex = new Map(classes.map((l, i) => [l, i]));
    const classOf = Int32Array.from(labels, (l) => classIndex.get(l)!);
    const sizes = new Int32Array(classes.length);
    for (const c of classOf) sizes[c]++;
    // Each class's term counts, gathered class by class in one reused dense array
    // (only the terms the class holds are read back and cleared).
    const perClass: { term: Int32Array; count: Int32Array }[] = [];
    const count = new Int32Array(terms.length);
    const documentsOf = groupByClass(classOf, classes.length);
    for (let c = 0; c < classes.length; c++) {
      const touched: number[] = [];
      for (const doc of documentsOf[c]) {
        for (let k = documentStart[doc]; k < documentStart[doc + 1]; k++) {
          const t = termOfToken[k];
          if (count[t]++ === 0) touched.push(t);
        }
      }
      const term = Int32Array.from(touched);
      perClass.push({ term, count: Int32Array.from(term, (t) => count[t]) });
      for (const t of touched) count[t] = 0;
    }

    const frequency = new Float64Array(terms.length);
    const classTotals = perClass.map(({ term, count }) => {
      let total = 0;
      term.forEach((t, k) => {
        frequency[t] += count[k];
        total += count[k];
      });
      return total;
    });
    const meanWords = classTotals.reduce((s, v) => s + v, 0) / Math.max(classes.length, 1);

    const clusters: ClusterKeywords[] = classes.map((label, c) => {
      const total = classTotals[c];
      const scored: Keyword[] = [];
      const { term, count } = perClass[c];
      term.forEach((t, k) => {
        scored.push({ term: terms[t], count: count[k], score: (count[k] / total) * Math.log(1 + meanWords / frequency[t]) });
      });
      scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
      const keywords = scored.slice(0, topN);
      return {
        label,
        size: sizes[c],
        keywords,
        name:
          label < 0
            ? 'noise'
            : nameFromTerms(
                keywords.map((k) => k.term),
                nameTerms,
              ),
      };
    });
    disambiguateNames(clusters);
    return { clusters, vocabularySize: terms.length, droppedTokens: this.dropped };
  }
}

/** The documents of each class, ascending. */
function groupByClass(classOf: Int32Array, classes: number): Int32Array[] {
  const sizes = new Int32Array(classes);
  for (const c of classOf) sizes[c]++;
  const out = Array.from(sizes, (n) => new Int32Array(n));
  const next = new Int32Array(classes);
  classOf.forEach((c, doc) => (out[c][next[c]++] = doc));
  return out;
}

/**
 * The first `count` terms, skipping any term contained in (or containing) one
 * already chosen, ignoring case, so that "Go" next to "Golang" does not waste
 * a slot. An empty cluster is named "(no terms)".
 */
export function nameFromTerms(terms: readonly string[], count = 3): string {
  const chosen: string[] = [];
  for (const term of terms) {
    const t = term.toLowerCase();
    if (chosen.some((c) => c.toLowerCase().includes(t) || t.includes(c.toLowerCase()))) continue;
    chosen.push(term);
    if (chosen.length === count) break;
  }
  return chosen.length ? chosen.join(NAME_SEPARATOR) : '(no terms)';
}

/** Names for clusters whose keywords cannot tell them apart: the heavenly stems — words, not numbers. */
const STEMS = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '癸'];

/**
 * Clusters with the same name each get their next keyword that the other names of
 * the collision do not hold, until the names differ (issue 13: names identify
 * clusters without a number). Clusters with identical keyword lists get a stem.
 */
function disambiguateNames(clusters: ClusterKeywords[]): void {
  for (let round = 0; round < 32; round++) {
    const groups = new Map<string, number[]>();
    clusters.forEach((c, i) => c.label >= 0 && groups.set(c.name, [...(groups.get(c.name) ?? []), i]));
    const colliding = [...groups.values()].filter((g) => g.length > 1);
    if (colliding.length === 0) return;
    for (const group of colliding) {
      let changed = false;
      for (const i of group) {
        const c = clusters[i];
        const inName = new Set(c.name.split(NAME_SEPARATOR));
        const rest = group.filter((j) => j !== i);
        const otherKeywords = new Set(rest.flatMap((j) => clusters[j].keywords.map((k) => k.term)));
        const otherNames = new Set(rest.flatMap((j) => clusters[j].name.split(NAME_SEPARATOR)));
        // Best: a keyword the others do not have at all; else one their names do not show.
        const next =
          c.keywords.find((k) => !inName.has(k.term) && !otherKeywords.has(k.term)) ??
          c.keywords.find((k) => !inName.has(k.term) && !otherNames.has(k.term));
        if (next) {
          clusters[i] = { ...c, name: `${c.name}${NAME_SEPARATOR}${next.term}` };
          changed = true;
        }
      }
      if (!changed) {
        group.slice(1).forEach((i, s) => {
          clusters[i] = { ...clusters[i], name: `${clusters[i].name}${NAME_SEPARATOR}${STEMS[s % STEMS.length]}` };
        });
      }
    }
  }
}
