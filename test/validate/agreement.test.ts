import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../../src/validate/index.js';

describe('adjusted Rand index (values from the scikit-learn documentation)', () => {
  it('is 1 for identical partitions up to renaming', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
  });
  it('handles refinements and chance-level agreement', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 12);
    expect(adjustedRandIndex([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 12);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 12);
  });
  it('accepts Int32Array labels and treats −1 as a label', () => {
    expect(adjustedRandIndex(Int32Array.from([-1, -1, 3, 3]), [5, 5, 7, 7])).toBe(1);
  });
  it('rejects labellings of different lengths', () => {
    expect(() => adjustedRandIndex([0, 1], [0, 1, 1])).toThrow(InputError);
    expect(() => adjustedRandIndex([0, 0.5], [0, 1])).toThrow(/labelsTrue\[1\]/);
  });
});

describe('normalised mutual information (arithmetic mean)', () => {
  it('is 1 for identical partitions and 0 for independent ones', () => {
    expect(normalizedMutualInformation([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(1, 12);
    expect(normalizedMutualInformation([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(normalizedMutualInformation([0, 0, 0], [1, 1, 1])).toBe(1);
  });
  it('matches a hand computation for a refinement', () => {
    // MI = H(true) = ln 2; H(pred) = 1.5 ln 2; NMI = ln 2 / (1.25 ln 2) = 0.8.
    expect(normalizedMutualInformation([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.8, 12);
  });
});
