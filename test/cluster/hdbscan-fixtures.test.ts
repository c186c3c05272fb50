/**
 * Exactness against the Python `hdbscan` package 0.8.33 (metric='cosine',
 * algorithm='generic') on test/fixtures: labels equal up to renaming (ARI 1),
 * probabilities within 1e-4, outlier scores within 1e-4 where the reference is
 * not NaN — with 1 and with 2 compute threads.
 */
import { describe, expect, it } from 'vitest';
import { HDBSCAN } from '../../src/cluster/index.js';
import { adjustedRandIndex, FIXTURE_NAMES, loadFixture } from './helpers.js';

for (const name of FIXTURE_NAMES) {
  describe(`HDBSCAN matches the reference on ${name}`, () => {
    const fixture = loadFixture(name);
    for (const threads of [1, 2]) {
      for (const ref of fixture.hdbscan) {
        const p = ref.params;
        const label = `threads=${threads} mcs=${p.min_cluster_size} ms=${p.min_samples} ${p.cluster_selection_method} eps=${p.cluster_selection_epsilon} single=${p.allow_single_cluster}`;
        it(label, async () => {
          // Let the worker report progress before a long synchronous fit.
          await new Promise((resolve) => setTimeout(resolve, 0));
          const result = new HDBSCAN({
            minClusterSize: p.min_cluster_size,
            minSamples: p.min_samples,
            clusterSelectionMethod: p.cluster_selection_method,
            clusterSelectionEpsilon: p.cluster_selection_epsilon,
            allowSingleCluster: p.allow_single_cluster,
            threads,
          }).fit(fixture.X);
          const ari = adjustedRandIndex(result.labels, ref.labels);
          expect(ari).toBe(1);
          expect(result.nClusters).toBe(ref.n_clusters);
          let worstProbability = 0,
            worstScore = 0;
          for (let i = 0; i < fixture.n; i++) {
            worstProbability = Math.max(worstProbability, Math.abs(result.probabilities[i] - ref.probabilities[i]));
            const score = ref.outlier_scores[i];
            if (score !== null) worstScore = Math.max(worstScore, Math.abs(result.outlierScores[i] - score));
          }
          expect(worstProbability).toBeLessThan(1e-4);
          expect(worstScore).toBeLessThan(1e-4);
          for (const arr of [result.probabilities, result.outlierScores, result.clusterPersistence, result.condensedTree.lambda]) {
            expect(arr.every(Number.isFinite)).toBe(true);
          }
        });
      }
    }
  });
}
