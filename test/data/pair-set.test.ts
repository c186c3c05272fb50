import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/random.js';
import { PairSet } from '../../src/data/pair-set.js';

describe('PairSet', () => {
  it('agrees with a Set of encoded pairs through many growths', () => {
    const random = new Random(3);
    const set = new PairSet(4);
    const reference = new Set<number>();
    for (let i = 0; i < 200_000; i++) {
      // A small range makes repeats common, so both answers of add() are exercised.
      const a = random.int(600);
      const b = random.int(600);
      const fresh = !reference.has(a * 600 + b);
      reference.add(a * 600 + b);
      expect(set.add(a, b)).toBe(fresh);
    }
    expect(set.size).toBe(reference.size);
    for (let a = 0; a < 600; a += 7) for (let b = 0; b < 600; b += 3) expect(set.has(a, b)).toBe(reference.has(a * 600 + b));
  });

  it('keeps ordered pairs apart and handles large indices', () => {
    const set = new PairSet();
    expect(set.add(1, 2)).toBe(true);
    expect(set.has(2, 1)).toBe(false);
    expect(set.add(2, 1)).toBe(true);
    expect(set.add(0x7fffffff, 0)).toBe(true);
    expect(set.add(0x7fffffff, 0)).toBe(false);
    expect(set.size).toBe(3);
  });

  it('holds more pairs than a JavaScript Set can (2^24)', () => {
    const n = 2 ** 24 + 10;
    const set = new PairSet(1 << 20); // grows past 2^24 on the way
    for (let i = 0; i < n; i++) set.add(i >>> 12, i & 4095);
    expect(set.size).toBe(n);
    expect(set.has(4096, 9)).toBe(true);
    expect(set.add(4096, 9)).toBe(false);
  }, 60_000);
});
