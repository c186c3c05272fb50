/**
 * Row bookkeeping: which posting became which vector row, and what was left
 * out and why. Postings go through three filters, each reported:
 *   1. duplicates: only a group's representative gets a row (dedupe-rule.ts);
 *   2. postings whose cleaned text has no token left after tokenisation;
 *   3. postings whose row the embedder left empty (no known word, or a zero
 *      precomputed vector).
 * `rowOfPosting` gives every posting the row of its representative, or −1.
 */
import { selectRows, type Matrix } from '../core/index.js';
import type { JobPosting } from '../data/index.js';

export interface SkippedPosting {
  /** Index of the posting in the input postings. */
  index: number;
  id: string;
  reason: 'no-tokens' | 'no-known-words';
}

/** Representatives with at least one token: what the embedder is given. */
export interface TokenizedCandidates {
  /** Posting index of each token list. */
  readonly postings: number[];
  readonly tokens: string[][];
  readonly skipped: SkippedPosting[];
}

export function withTokens(jobs: readonly JobPosting[], candidates: readonly number[], tokens: readonly string[][]): TokenizedCandidates {
  const out: TokenizedCandidates = { postings: [], tokens: [], skipped: [] };
  candidates.forEach((i, c) => {
    if (tokens[c].length === 0) out.skipped.push({ index: i, id: jobs[i].id, reason: 'no-tokens' });
    else {
      out.postings.push(i);
      out.tokens.push(tokens[c]);
    }
  });
  return out;
}

export interface RowMap {
  /** Input posting of each vector row. */
  readonly postingOfRow: Int32Array;
  /** Vector row of each posting (its representative's row for a duplicate), −1 for none. */
  readonly rowOfPosting: Int32Array;
  /** Token list of each vector row. */
  readonly tokens: string[][];
  readonly vectors: Matrix;
  /** Postings with no row, by input index (duplicates are not listed: they share a row). */
  readonly skipped: SkippedPosting[];
}

/** Drops the rows the embedder left empty and maps postings to rows. */
export function mapRows(
  jobs: readonly JobPosting[],
  representative: Int32Array,
  candidates: TokenizedCandidates,
  embedded: { vectors: Matrix; emptyDocuments: ArrayLike<number> },
): RowMap {
  const empty = new Set(Array.from(embedded.emptyDocuments));
  const skipped = [...candidates.skipped];
  const postingOfRow: number[] = [];
  const tokens: string[][] = [];
  const keep: number[] = [];
  candidates.postings.forEach((i, c) => {
    if (empty.has(c)) skipped.push({ index: i, id: jobs[i].id, reason: 'no-known-words' });
    else {
      postingOfRow.push(i);
      tokens.push(candidates.tokens[c]);
      keep.push(c);
    }
  });
  const vectors = keep.length === embedded.vectors.rows ? embedded.vectors : selectRows(embedded.vectors, keep);
  const rowOfPosting = new Int32Array(jobs.length).fill(-1);
  postingOfRow.forEach((i, r) => (rowOfPosting[i] = r));
  for (let i = 0; i < jobs.length; i++) rowOfPosting[i] = rowOfPosting[representative[i]];
  skipped.sort((a, b) => a.index - b.index);
  return { postingOfRow: Int32Array.from(postingOfRow), rowOfPosting, tokens, vectors, skipped };
}

/**
 * The (row, facet value) pairs a facet table counts: each row once per distinct
 * value in its duplicate group — a JD cross-posted on two platforms counts on
 * both, template copies on one platform once. Postings without a value are left out.
 */
export function facetRows(
  jobs: readonly JobPosting[],
  rowOfPosting: Int32Array,
  valueOf: (job: JobPosting) => string | null,
): { rows: number[]; values: string[]; postings: number[] } {
  const rows: number[] = [];
  const values: string[] = [];
  const postings: number[] = [];
  const seen = new Map<number, Set<string>>();
  for (let i = 0; i < jobs.length; i++) {
    const r = rowOfPosting[i];
    if (r < 0) continue;
    const value = valueOf(jobs[i]);
    if (value === null) continue;
    let had = seen.get(r);
    if (!had) seen.set(r, (had = new Set()));
    if (had.has(value)) continue;
    had.add(value);
    rows.push(r);
    values.push(value);
    postings.push(i);
  }
  return { rows, values, postings };
}
