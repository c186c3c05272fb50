import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { internTokenLists, packTokens, TokenInterner, unpackTokenLists } from '../../src/tokenize/token-interning.js';

describe('token interning', () => {
  it('packs lists as ids in order of first sight, with offsets', () => {
    const packed = packTokens([['go', 'java', 'go'], [], ['redis', 'java']]);
    expect(Array.from(packed.offsets)).toEqual([0, 3, 3, 5]);
    expect(Array.from(packed.ids)).toEqual([0, 1, 0, 2, 1]);
    expect(packed.interner.tokens).toEqual(['go', 'java', 'redis']);
    expect(packed.interner.lookup('redis')).toBe(2);
    expect(packed.interner.lookup('c++')).toBe(-1);
  });

  it('continues the ids of a given interner', () => {
    const interner = new TokenInterner();
    packTokens([['a', 'b']], interner);
    const second = packTokens([['b', 'c']], interner);
    expect(Array.from(second.ids)).toEqual([1, 2]);
    expect(interner.size).toBe(3);
  });

  it('makes equal tokens share one instance without changing the lists', () => {
    // Built at run time, so that the two strings are distinct objects to begin with.
    const a = ['开', '发'].join('');
    const b = ['开发'].join('');
    const lists = [[a, 'x'], [b]];
    const interner = new TokenInterner();
    internTokenLists(lists, interner);
    expect(lists).toEqual([['开发', 'x'], ['开发']]);
    expect(interner.intern(b)).toBe(lists[0][0]);
    expect(interner.size).toBe(2);
  });

  it('names a list that is not an array of strings', () => {
    expect(() => packTokens([['a'], 'b' as unknown as string[]])).toThrow(ParameterError);
    expect(() => packTokens([['a'], ['b', 1 as unknown as string]])).toThrow(/lists\[1\]/);
  });
});

describe('packed token lists', () => {
  it('unpacks parts in order into the interner, ids as internTokenLists gives them', () => {
    const lists = [['go', 'java', 'go'], [], ['redis', 'java'], ['kafka', 'go']];
    const parts = [lists.slice(0, 2), lists.slice(2)].map((part) => {
      const { ids, offsets, interner } = packTokens(part);
      return { vocab: interner.tokens as string[], ids, offsets };
    });
    const viaParts = new TokenInterner();
    const unpacked = unpackTokenLists(parts, viaParts);
    expect(unpacked).toEqual(lists);
    const direct = new TokenInterner();
    internTokenLists(structuredClone(lists), direct);
    expect(viaParts.tokens).toEqual(direct.tokens);
    expect(viaParts.tokens).toEqual(['go', 'java', 'redis', 'kafka']);
  });
});
