/**
 * The bias analysis on the synthetic corpus, with its ground-truth archetypes
 * as cluster labels (so this tests the analysis, not a clustering): the planted
 * bias is flagged and, at default thresholds, nothing else. Copies (exact,
 * near and cross-posts) are dropped first, as the pipeline does.
 */
import { describe, expect, it } from 'vitest';
import { generateJobs } from '../../src/data/index.js';
import { analyzePlatformBias } from '../../src/validate/index.js';

function analyse(seed: number, n: number, bias?: 'none') {
  const corpus = generateJobs({ n, seed, ...(bias ? { bias } : {}) });
  const copies = new Set(corpus.duplicates.flatMap((g) => g.indices.slice(1)));
  const keep = corpus.jobs.map((_, i) => i).filter((i) => !copies.has(i));
  const result = analyzePlatformBias(
    keep.map((i) => corpus.jobs[i].platform),
    Int32Array.from(keep, (i) => corpus.archetypeLabels[i]),
  );
  const flags = result.flags.map((f) => `${f.platform}:${corpus.archetypeNames[f.cluster]}:${f.direction}`);
  return { corpus, result, flags };
}

describe('platform bias on the synthetic corpus', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: flags the planted bias and nothing else`, () => {
      const { corpus, result, flags } = analyse(seed, 3000);
      expect(corpus.bias).toHaveLength(1);
      const planted = corpus.bias[0];
      expect(flags).toEqual([`${planted.platform}:${planted.archetype}:over`]);
      expect(result.flags[0].shareRatio!).toBeGreaterThan(1.5);
      expect(result.dominance).toEqual([]);
    });
  }

  it('flags nothing when no bias is planted', () => {
    for (const seed of [1, 2, 3]) expect(analyse(seed, 3000, 'none').flags).toEqual([]);
  });
});
