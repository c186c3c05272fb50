/** Exactness against scikit-learn 1.2 DBSCAN(metric='cosine', algorithm='brute') on test/fixtures. */
import { describe, expect, it } from 'vitest';
import { DBSCAN } from '../../src/cluster/index.js';
import { adjustedRandIndex, FIXTURE_NAMES, loadFixture } from './helpers.js';

for (const name of FIXTURE_NAMES) {
  describe(`DBSCAN matches scikit-learn on ${name}`, () => {
    const fixture = loadFixture(name);
    for (const threads of [1, 2]) {
      for (const ref of fixture.dbscan) {
        it(`threads=${threads} eps=${ref.params.eps} minSamples=${ref.params.min_samples}`, async () => {
          await new Promise((resolve) => setTimeout(resolve, 0));
          const result = new DBSCAN({ eps: ref.params.eps, minSamples: ref.params.min_samples, threads }).fit(fixture.X);
          expect(Array.from(result.coreSampleIndices)).toEqual(ref.core);
          expect(adjustedRandIndex(result.labels, ref.labels)).toBe(1);
          // Same numbering too: clusters are numbered in order of their first core sample.
          expect(Array.from(result.labels)).toEqual(ref.labels);
        });
      }
    }
  });
}
