/**
 * Token interning: one string instance, and one integer id, per distinct token.
 *
 * Token lists that come back from worker threads are structured clones: every
 * occurrence of 开发 is a string object of its own (~20–30 bytes), so a corpus of
 * a million postings held as `string[][]` costs gigabytes in duplicate strings.
 * `internTokenLists` makes equal tokens share one instance (a list entry is then a
 * 4-byte pointer); `packTokens` goes further for counting (TF-IDF): the lists as
 * token ids in one flat Int32Array, with no per-list array and no string lookups
 * in later passes.
 */
import { ParameterError } from '../core/errors.js';

/** Token ↔ id, ids dense from 0 in order of first sight. */
export class TokenInterner {
  private readonly idOf = new Map<string, number>();
  private readonly list: string[] = [];

  /** Distinct tokens seen so far. */
  get size(): number {
    return this.list.length;
  }

  /** Tokens by id (the interned instances). */
  get tokens(): readonly string[] {
    return this.list;
  }

  /** Id of `token`, assigning the next one on first sight. */
  id(token: string): number {
    let id = this.idOf.get(token);
    if (id === undefined) {
      id = this.list.length;
      this.idOf.set(token, id);
      this.list.push(token);
    }
    return id;
  }

  /** Id of `token`, or −1 when it was never seen (does not add it). */
  lookup(token: string): number {
    return this.idOf.get(token) ?? -1;
  }

  /** The shared instance equal to `token` (adding it when new). */
  intern(token: string): string {
    return this.list[this.id(token)];
  }
}

/** Token lists packed as ids: list `d` is `ids[offsets[d] .. offsets[d + 1])`. */
export interface PackedTokens {
  readonly ids: Int32Array;
  /** lists + 1 entries, offsets[0] = 0. */
  readonly offsets: Int32Array;
  readonly interner: TokenInterner;
}

/**
 * Packs token lists into ids (with `interner`, ids continue an existing table).
 * The lists are read once and not kept.
 */
export function packTokens(lists: readonly (readonly string[])[], interner: TokenInterner = new TokenInterner()): PackedTokens {
  if (!Array.isArray(lists)) throw new ParameterError('lists', lists, 'an array of token lists');
  const offsets = new Int32Array(lists.length + 1);
  let total = 0;
  for (let d = 0; d < lists.length; d++) {
    const list = lists[d];
    if (!Array.isArray(list)) throw new ParameterError(`lists[${d}]`, list, 'an array of strings');
    total += list.length;
    offsets[d + 1] = total;
  }
  const ids = new Int32Array(total);
  for (let d = 0, k = 0; d < lists.length; d++) {
    for (const token of lists[d]) {
      if (typeof token !== 'string') throw new ParameterError(`lists[${d}]`, token, 'an array of strings');
      ids[k++] = interner.id(token);
    }
  }
  return { ids, offsets, interner };
}

/**
 * Replaces, in place, every token by the interner's shared instance, so that equal
 * tokens across lists cost one string. Returns `lists`.
 */
export function internTokenLists(lists: string[][], interner: TokenInterner): string[][] {
  for (const list of lists) for (let t = 0; t < list.length; t++) list[t] = interner.intern(list[t]);
  return lists;
}

/**
 * Token lists as they cross threads: each distinct token once, in order of first
 * sight (`vocab`), and list `d` as indices into it, `ids[offsets[d] .. offsets[d + 1])`
 * (`packTokens` with a fresh interner, its table sent as `vocab`).
 */
export interface PackedTokenLists {
  readonly vocab: string[];
  readonly ids: Int32Array;
  /** lists + 1 entries, offsets[0] = 0. */
  readonly offsets: Int32Array;
}

/**
 * The lists of packed parts, in order, with every token replaced by `interner`'s shared
 * instance. Tokens are interned in order of first sight, so the interner's ids come out
 * as `internTokenLists` over the unpacked lists would give them.
 */
export function unpackTokenLists(parts: readonly PackedTokenLists[], interner: TokenInterner): string[][] {
  const lists: string[][] = [];
  for (const { vocab, ids, offsets } of parts) {
    const shared = vocab.map((token) => interner.intern(token));
    for (let d = 0; d + 1 < offsets.length; d++) {
      const list = new Array<string>(offsets[d + 1] - offsets[d]);
      for (let k = offsets[d], t = 0; k < offsets[d + 1]; k++, t++) list[t] = shared[ids[k]];
      lists.push(list);
    }
  }
  return lists;
}
