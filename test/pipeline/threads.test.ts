/**
 * The pipeline's results do not depend on the thread count: cleaning, duplicate
 * signatures and tokenizing run on worker threads at threads > 1, and the
 * document map's layout runs on a worker beside the clustering.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { generateJobs, runPipeline, terminateTaskPool, type PipelineReport } from '../../src/index.js';

afterAll(() => terminateTaskPool());

describe('runPipeline across thread counts', () => {
  const { jobs } = generateJobs({ n: 400, seed: 11 });
  it('gives identical tokens, duplicate groups and labels at threads 1 and 2', async () => {
    const options = { algorithms: ['hdbscan', 'kmeans'] as const, kmeans: { k: 8 }, seed: 5 };
    const one = await runPipeline(jobs, { ...options, threads: 1 });
    const two = await runPipeline(jobs, { ...options, threads: 2 });
    expect(two.tokens).toEqual(one.tokens);
    expect(two.duplicates?.groups).toEqual(one.duplicates?.groups);
    expect(one.duplicates!.groups.length).toBeGreaterThan(0);
    for (const algorithm of ['hdbscan', 'kmeans'] as const) {
      expect(Array.from(two.clusterings[algorithm]!.labels)).toEqual(Array.from(one.clusterings[algorithm]!.labels));
    }
    // The whole report, the map included, apart from the times.
    expect(one.report.map).not.toBeNull();
    expect(comparable(two.report)).toEqual(comparable(one.report));
    expect(two.report.timings.stages.map((t) => t.stage)).toEqual(one.report.timings.stages.map((t) => t.stage));
  });
});

/** A report without what may differ between these runs: when it was made, how long each part took, the threads asked for. */
function comparable(report: PipelineReport): unknown {
  const copy = JSON.parse(JSON.stringify(report), (key, value) =>
    ['timings', 'createdAt', 'seconds'].includes(key) ? undefined : (value as unknown),
  ) as { params: { threads?: unknown } };
  delete copy.params.threads;
  return copy;
}
