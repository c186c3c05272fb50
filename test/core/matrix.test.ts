import { describe, expect, it } from 'vitest';
import { createMatrix, fromArrays, toArrays, normalizeRows, validateMatrix, isNormalized, InputError, Random } from '../../src/index.js';

describe('Matrix', () => {
  it('round-trips number[][]', () => {
    const m = fromArrays([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(m.rows).toBe(3);
    expect(m.cols).toBe(2);
    expect(toArrays(m)).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
  });

  it('rejects ragged rows, naming the row', () => {
    expect(() => fromArrays([[1, 2], [3]])).toThrow(/Row 1/);
  });

  it('normalises rows and leaves zero rows alone', () => {
    const m = normalizeRows(
      fromArrays([
        [3, 4],
        [0, 0],
      ]),
    );
    expect(Array.from(m.data)).toEqual([0.6000000238418579, 0.800000011920929, 0, 0]);
    expect(isNormalized(createMatrix(1, 2, new Float32Array([0.6, 0.8])))).toBe(true);
  });

  it('validation names the row with NaN or zero norm', () => {
    expect(() =>
      validateMatrix(
        fromArrays([
          [1, 0],
          [NaN, 1],
        ]),
      ),
    ).toThrow(/row 1 contains NaN/);
    expect(() =>
      validateMatrix(
        fromArrays([
          [1, 0],
          [2, -Infinity],
        ]),
      ),
    ).toThrow(/row 1 contains -Infinity at column 1/);
    // The largest float32 values are finite, and so are their squares' sums (checked in f64).
    expect(() => validateMatrix(fromArrays([[3.4e38, -3.4e38, 3.4e38]]))).not.toThrow();
    expect(() =>
      validateMatrix(
        fromArrays([
          [1, 0],
          [0, 0],
        ]),
      ),
    ).toThrow(InputError);
    expect(() =>
      validateMatrix(
        fromArrays([
          [1, 0],
          [0, 0],
        ]),
        'X',
        { allowZeroRows: true },
      ),
    ).not.toThrow();
  });
});

describe('Random', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const a = new Random(42),
      b = new Random(42),
      c = new Random(43);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    const xb = Array.from({ length: 5 }, () => b.nextUint32());
    const xc = Array.from({ length: 5 }, () => c.nextUint32());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
    const r = new Random(1);
    for (let i = 0; i < 1000; i++) {
      const v = r.next();
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(1);
    }
  });

  it('fillInt continues the int(n) stream and leaves the generator where those draws would', () => {
    for (const seed of [0, 1, 42, 0xffffffff]) {
      const a = new Random(seed),
        b = new Random(seed);
      for (const [size, n] of [
        [0, 5],
        [1, 1],
        [7, 3],
        [1000, 19_473],
        [500, 2 ** 31],
      ]) {
        const batch = a.fillInt(new Int32Array(size), n);
        expect(Array.from(batch)).toEqual(Array.from({ length: size }, () => b.int(n)));
      }
      expect(a.next()).toBe(b.next());
    }
  });

  it('sampleIndices: m distinct integers of [0, n), ascending, the same for a seed, uniform over draws', () => {
    const s = new Random(7).sampleIndices(50, 20);
    expect(s).toEqual(new Random(7).sampleIndices(50, 20));
    expect(s.length).toBe(20);
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]);
    expect(s[0]).toBeGreaterThanOrEqual(0);
    expect(s[s.length - 1]).toBeLessThan(50);
    expect(new Random(7).sampleIndices(5, 5)).toEqual(Int32Array.of(0, 1, 2, 3, 4));
    // Each of 10 values is drawn 3 times in 10 by a sample of 3: 3,000 of 10,000 draws, ± 5 σ.
    const counts = new Array(10).fill(0);
    const r = new Random(1);
    for (let t = 0; t < 10_000; t++) for (const i of r.sampleIndices(10, 3)) counts[i]++;
    for (const c of counts) expect(Math.abs(c - 3000)).toBeLessThan(5 * Math.sqrt(10_000 * 0.3 * 0.7));
  });
});
