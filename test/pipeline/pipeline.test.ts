import { beforeAll, describe, expect, it } from 'vitest';
import { PIPELINE_PARAMS } from '../../src/pipeline/index.js';
import {
  adjustedRandIndex,
  createMatrix,
  generateJobs,
  runPipeline,
  ParameterError,
  type JobPosting,
  type PipelineResult,
} from '../../src/index.js';

describe('runPipeline on the synthetic corpus', () => {
  const corpus = generateJobs({ n: 700, seed: 7 });
  const run = () =>
    runPipeline(corpus.jobs, {
      algorithms: ['hdbscan', 'kmeans', 'dbscan'],
      kmeans: { k: 14 },
      seed: 3,
      threads: 1,
      groundTruth: { name: 'archetype', labels: corpus.archetypes },
    });
  let result: PipelineResult;
  beforeAll(async () => {
    result = await run();
  });

  it('gives every input posting a label, duplicates their representative’s', () => {
    expect(result.ids).toEqual(corpus.jobs.map((j) => j.id));
    for (const c of Object.values(result.clusterings)) {
      expect(c!.labelsByPosting.length).toBe(corpus.jobs.length);
      expect(c!.labels.length).toBe(result.vectors.rows);
    }
    const dup = result.duplicates!;
    expect(dup.duplicateCount).toBeGreaterThan(0);
    const kmeans = result.clusterings.kmeans!;
    for (const g of dup.groups) {
      const first = kmeans.labelsByPosting[g.members[0]];
      for (const m of g.members) expect(kmeans.labelsByPosting[m]).toBe(first);
    }
    // Every posting is either a row, a duplicate of a row, or listed as skipped.
    const skipped = new Set(result.skipped.map((s) => s.index));
    for (let i = 0; i < corpus.jobs.length; i++) {
      expect(result.rowOfPosting[i] >= 0 || skipped.has(i)).toBe(true);
    }
    expect(result.vectors.rows + dup.duplicateCount + result.skipped.length).toBe(corpus.jobs.length);
  });

  it('recovers the archetypes and scores every clustering', () => {
    const kmeans = result.clusterings.kmeans!;
    const ari = kmeans.agreement.find((a) => a.against === 'archetype')!.adjustedRandIndex;
    expect(ari).toBeGreaterThan(0.5);
    expect(kmeans.silhouette!.score).toBeGreaterThan(0);
    expect(kmeans.keywords!.clusters.length).toBe(kmeans.nClusters);
    const hdbscan = result.clusterings.hdbscan!;
    expect(hdbscan.nClusters).toBeGreaterThan(1);
    expect(hdbscan.noise).toBe(Array.from(hdbscan.labels).filter((l) => l === -1).length);
  });

  it('builds a report with one clustering per algorithm, and renders it', () => {
    expect(result.report.clusterings.map((c) => c.algorithm)).toEqual(['hdbscan', 'kmeans', 'dbscan']);
    expect(result.report.dataset.used).toBe(result.vectors.rows);
    expect(result.report.dataset.duplicates).toBe(result.duplicates!.duplicateCount);
    expect(JSON.parse(JSON.stringify(result.report)).schemaVersion).toBe(2);
    const kmeans = result.report.clusterings.find((c) => c.algorithm === 'kmeans')!;
    expect(kmeans.facets.map((f) => f.facet)).toEqual(['platform']);
    expect(kmeans.capabilities).toEqual({ noise: false, predict: true, probabilities: false, hierarchy: false });
    expect(result.report.dataQuality.length).toBeGreaterThan(0);
    expect(result.markdown()).toContain('kmeans');
    expect(result.html()).toContain('<svg');
    expect(result.timings.map((t) => t.stage)).toContain('embed');
  });

  it('predicts new postings into the fitted clusters', () => {
    const fresh = generateJobs({ n: 150, seed: 99 });
    const jobs = [...fresh.jobs, { ...fresh.jobs[0], id: 'EMPTY', title: '', description: '。。。' }];
    const prediction = result.predict(jobs);
    expect(prediction.unembedded).toEqual([jobs.length - 1]);
    expect(prediction.labels.kmeans!.length).toBe(jobs.length);
    expect(prediction.labels.kmeans![jobs.length - 1]).toBe(-1);
    expect(prediction.labels.hdbscan!.length).toBe(jobs.length);
    expect(prediction.probabilities!.every((p) => p >= 0 && p <= 1)).toBe(true);
    // Predicted clusters carry the archetypes as the fitted ones do.
    const truth = Int32Array.from(fresh.archetypeLabels);
    const predicted = prediction.labels.kmeans!.subarray(0, fresh.jobs.length);
    expect(adjustedRandIndex(truth, predicted)).toBeGreaterThan(0.5);
    // Training postings land in their own cluster.
    const again = result.predict(result.postings.slice(0, 100)).labels.kmeans!;
    const own = result.clusterings.kmeans!.labels.subarray(0, 100);
    expect(again.filter((l, i) => l === own[i]).length).toBeGreaterThanOrEqual(95);
  });

  it('is reproducible for a seed', async () => {
    const again = await run();
    for (const a of ['hdbscan', 'kmeans', 'dbscan'] as const) {
      expect(Array.from(again.clusterings[a]!.labels)).toEqual(Array.from(result.clusterings[a]!.labels));
    }
  });
});

describe('runPipeline bookkeeping and errors', () => {
  const base = generateJobs({ n: 120, seed: 11 }).jobs;

  it('reports postings with no usable text instead of dropping them silently', async () => {
    const jobs: JobPosting[] = [...base, { ...base[0], id: 'EMPTY-1', title: '', description: '，。！ 123 <br />' }];
    const result = await runPipeline(jobs, { algorithms: ['kmeans'], kmeans: { k: 5 }, dedupe: false, threads: 1 });
    expect(result.skipped).toEqual([{ index: jobs.length - 1, id: 'EMPTY-1', reason: 'no-tokens' }]);
    expect(result.clusterings.kmeans!.labelsByPosting[jobs.length - 1]).toBe(-1);
    expect(result.report.dataset.skippedByReason['no-tokens']).toBe(1);
    expect(result.report.dataset.skippedRecords).toEqual([{ index: jobs.length - 1, reason: 'no-tokens' }]);
  });

  it('names bad options', async () => {
    await expect(runPipeline(base, { algorithms: ['spectral'] })).rejects.toThrow(/algorithms\[0\]/);
    await expect(runPipeline(base, { seed: -1 })).rejects.toThrow(ParameterError);
    await expect(runPipeline(base, { groundTruth: { name: 'x', labels: [1, 2] } })).rejects.toThrow(/groundTruth/);
    await expect(runPipeline(base, { kmeans: { k: 0 } })).rejects.toThrow(/'k'/);
    await expect(runPipeline(base, { clusterers: { dbscan: { eps: 3 } }, algorithms: ['dbscan'] })).rejects.toThrow(/'eps'/);
    await expect(runPipeline(base, { threads: 1000 })).rejects.toThrow(/threads/);
    await expect(runPipeline(base, { facets: ['planet'] })).rejects.toThrow(/facets\[0\]/);
  });

  it('enforces every bound PIPELINE_PARAMS declares, naming the option', async () => {
    // `dedupe` also takes findDuplicates options (an object), so its boolean spec is the CLI's view only.
    for (const [name, spec] of Object.entries(PIPELINE_PARAMS).filter(([n]) => n !== 'dedupe')) {
      const bad: unknown[] = spec.type === 'enum' ? ['no-such', 3] : ['1'];
      if (spec.min !== undefined) bad.push(spec.min - 1);
      if (spec.max !== undefined) bad.push(spec.max + 1);
      for (const value of bad) {
        const error = await runPipeline(base, { [name]: value }).then(
          () => null,
          (e: unknown) => e,
        );
        expect(error, `${name} = ${String(value)}`).toBeInstanceOf(ParameterError);
        expect((error as ParameterError).parameter).toBe(name);
      }
    }
  });

  it('runs any registered clusterer, e.g. bisecting-kmeans, with its hierarchy in the report', async () => {
    const result = await runPipeline(base, { algorithms: ['bisecting-kmeans'], clusterers: { 'bisecting-kmeans': { k: 4 } }, threads: 1 });
    const report = result.report.clusterings[0];
    expect(report.algorithm).toBe('bisecting-kmeans');
    expect(report.nClusters).toBe(4);
    expect(report.hierarchy!.linkage.length).toBe(3);
  });

  it('precomputed embeddings: one row per input record, the full report on them', async () => {
    // Vectors that separate the postings by platform: the clusters must follow them.
    const platforms = [...new Set(base.map((j) => j.platform))];
    const E = createMatrix(base.length, platforms.length + 1);
    base.forEach((job, i) => {
      E.data[i * E.cols + platforms.indexOf(job.platform)] = 1;
      E.data[i * E.cols + platforms.length] = 0.01 * (i % 7);
    });
    const result = await runPipeline(base, {
      embeddings: E,
      algorithms: ['kmeans'],
      kmeans: { k: platforms.length },
      dedupe: false,
      threads: 1,
    });
    expect(result.representation).toEqual({ name: 'precomputed', dim: platforms.length + 1 });
    const kmeans = result.report.clusterings[0];
    expect(kmeans.clusters.every((c) => c.keywords.length > 0)).toBe(true);
    // Each cluster is one platform: the platform facet is maximally biased.
    expect(kmeans.facets[0].test.cramersV).toBeCloseTo(1, 5);
    await expect(runPipeline(base, { embeddings: createMatrix(3, 4) })).rejects.toThrow(/embeddings/);
    expect(() => result.predict([{ title: 'Java', description: 'Spring' }])).toThrow(/cannot embed new postings/);
  });

  it('predict accepts plain postings without raw', async () => {
    const result = await runPipeline(base, { algorithms: ['kmeans'], kmeans: { k: 5 }, threads: 1 });
    const p = result.predict([{ platform: 'BOSS', title: base[0].title, description: base[0].description }]);
    expect(p.labels.kmeans![0]).toBe(result.clusterings.kmeans!.labelsByPosting[0]);
    expect(() => result.predict([{ title: 1 } as never])).toThrow(/jobs\[0\]/);
  });
});
