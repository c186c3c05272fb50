import { beforeAll, describe, expect, it } from 'vitest';
import { adjustedRandIndex, generateJobs, runPipeline, type JobPosting, type PipelineResult } from '../../src/index.js';
import { fitTextClustering } from '../../src/pipeline/text-clustering.js';
import { kmeansDefaults } from '../../src/cluster/index.js';
import { PIPELINE_CLUSTER_DEFAULTS } from '../../src/pipeline/index.js';
import { dedupePostings } from '../../src/pipeline/dedupe-rule.js';
import { withClusterNames } from '../../src/pipeline/cluster-names.js';
import { sphericalBlobs } from '../cluster/synthetic.js';

describe('fitTextClustering', () => {
  // 4 separated blobs; every 5th row is "title-only".
  const { X, truth } = sphericalBlobs(400, 16, 4, { spread: 0.3, seed: 11 });
  const titleOnly = Uint8Array.from({ length: X.rows }, (_, i) => (i % 5 === 0 ? 1 : 0));

  it('K-Means: fits the full rows, places title-only rows on the nearest centroid, restarts by default', () => {
    const c = fitTextClustering('kmeans', { k: 4 }, X, { seed: 1, threads: 1, titleOnly });
    // kmeansDefaults of the 320 rows K-Means fits (the 80 title-only rows are assigned after).
    expect(c.params?.nInit).toBe(10);
    expect(c.reassigned).toBe(80);
    expect(c.labels.every((l) => l >= 0)).toBe(true);
    expect(adjustedRandIndex(truth, c.labels)).toBeGreaterThan(0.95);
    // predict on the training rows reproduces the labels (title-only rows included).
    expect(Array.from(c.predictRows!(X))).toEqual(Array.from(c.labels));
    expect(c.kSelection).toBeNull();
  });

  it('K-Means restarts follow kmeansDefaults(n) of the fitted rows unless nInit is given', () => {
    const big = sphericalBlobs(3000, 8, 4, { spread: 0.3, seed: 12 });
    const none = new Uint8Array(big.X.rows);
    const c = fitTextClustering('kmeans', { k: 4 }, big.X, { seed: 1, threads: 1, titleOnly: none });
    expect(c.params?.nInit).toBe(kmeansDefaults(3000).nInit);
    expect(c.params?.nInit).toBe(7);
    expect(fitTextClustering('kmeans', { k: 4, nInit: 2 }, X, { seed: 1, threads: 1, titleOnly }).params?.nInit).toBe(2);
    // A fixed pipeline default would override the schedule (the bug this replaces).
    expect(PIPELINE_CLUSTER_DEFAULTS.kmeans).not.toHaveProperty('nInit');
  });

  it("K-Means k 'auto': selectK on the full rows finds the 4 blobs and says how", () => {
    const c = fitTextClustering('kmeans', { k: 'auto' }, X, { seed: 2, threads: 1, titleOnly });
    expect(c.nClusters).toBe(4);
    expect(c.kSelection?.chosen).toBe(4);
    expect(c.kSelection?.criterion).toBe('silhouette');
    expect(c.kSelection?.curve.map((p) => p.k)).toContain(4);
    expect(c.kSelection?.seconds).toBeGreaterThan(0);
    expect(c.params?.k).toBe(4);
    expect(c.params?.kRequested).toBe('auto');
  });

  it('HDBSCAN: title-only rows are not clustered, only assigned; noise before ≥ after; predict follows the rule', () => {
    const c = fitTextClustering('hdbscan', {}, X, { seed: 1, threads: 1, titleOnly });
    expect(c.nClusters).toBe(4);
    // Every title-only row was noise before the assignment.
    expect(c.noiseBeforeAssignment).toBeGreaterThanOrEqual(80);
    let noise = 0;
    for (const l of c.labels) if (l < 0) noise++;
    expect(noise).toBeLessThanOrEqual(c.noiseBeforeAssignment!);
    expect(c.reassigned).toBe(c.noiseBeforeAssignment! - noise);
    expect(adjustedRandIndex(truth, c.labels)).toBeGreaterThan(0.95);
    expect(Array.from(c.predictRows!(X, titleOnly))).toEqual(Array.from(c.labels));
    expect(c.params?.minClusterSize).toBe(10);
    expect(c.params?.assignThreshold).toBe(0.7);
  });

  it('DBSCAN: eps from the k-distance quantile, noise assigned, a threshold of 1 assigns nothing but exact centroids', () => {
    const c = fitTextClustering('dbscan', { eps: 'auto' }, X, { seed: 1, threads: 1, titleOnly });
    expect(c.params?.epsQuantile).toBe(0.25);
    expect(c.nClusters).toBeGreaterThanOrEqual(4);
    const strict = fitTextClustering('dbscan', { eps: 'auto' }, X, { seed: 1, threads: 1, titleOnly, reassignNoiseThreshold: 1 });
    expect(strict.reassigned).toBe(0);
    expect(c.reassigned).toBeGreaterThan(0);
  });
});

describe('dedupePostings with templates', () => {
  const layout = (a: string, b: string) =>
    `工作内容：\n- 负责公司${a}系统的开发与维护；\n- 参与需求分析、编码和测试；\n- 使用Spring Boot进行开发。\n任职要求：\n- 本科学历，熟悉Java${b}；\n- 良好的沟通能力和团队协作精神。`;
  const job = (id: string, company: string, description: string): JobPosting => ({
    id,
    platform: '51JOB',
    title: 'Java开发工程师',
    company,
    description,
    salaryMin: 10000,
    salaryMax: 20000,
    raw: {},
  });
  const jobs = [
    job('a', '华为技术有限公司', layout('业务', '编程')),
    job('b', '华为', layout('软件', '语言')),
    job('c', '别的公司', '我们是一家快速发展的互联网公司，正在寻找对技术有热情的工程师加入，欢迎投递简历。'),
    job('d', '华为', layout('业务', '编程')), // exact duplicate of a
  ];

  it('embeds one posting per template group (normalised company), joined with duplicate groups', () => {
    const texts = jobs.map((j) => `${j.title}\n${j.description}`);
    const off = dedupePostings(jobs, texts, true, false, false);
    expect(Array.from(off.representative)).toEqual([0, 1, 2, 0]);
    expect(off.templates).toBeNull();
    const on = dedupePostings(jobs, texts, true, false, true);
    expect(Array.from(on.representative)).toEqual([0, 0, 2, 0]);
    expect(on.templateCopies).toBe(1);
  });
});

describe('withClusterNames', () => {
  it('names clusters from titles and keywords: unique, no job codes', () => {
    const tokens = [
      ['java', 'spring', 'j14901'],
      ['java', 'spring', '微服务'],
      ['java', 'mysql'],
      ['java', 'spring', '标题'],
      ['前端', 'vue', '标题'],
      ['前端', 'react'],
    ];
    const titles = ['Java开发工程师 J14901', '高级Java开发工程师', 'Java开发工程师', 'Java开发工程师', 'Java开发工程师', 'Java开发工程师'];
    const labels = Int32Array.from([0, 0, 0, 1, 1, -1]);
    const keywords = {
      clusters: [-1, 0, 1].map((label) => ({ label, size: 2, keywords: [], name: `kw ${label}` })),
      vocabularySize: 8,
      droppedTokens: 0,
    };
    const named = withClusterNames(keywords, { tokens, labels, titles })!;
    const names = named.clusters.filter((c) => c.label >= 0).map((c) => c.name);
    expect(names[0]).toMatch(/^Java开发工程师/);
    expect(new Set(names).size).toBe(2);
    for (const n of names) expect(n).not.toMatch(/[a-z]{0,3}\d{4,}/i);
    // A scrape label ("原标题：《…》") is no keyword, though only cluster 1 has it.
    expect(names[1]).not.toContain('标题');
    // Noise keeps its own name.
    expect(named.clusters[0].name).toBe('kw -1');
  });
});

describe('runPipeline wiring of the text defaults', () => {
  // Synthetic postings; every 4th loses its description (title-only).
  const corpus = generateJobs({ n: 500, seed: 5 });
  const jobs = corpus.jobs.map((j, i) => (i % 4 === 0 ? { ...j, description: '' } : j));
  let result: PipelineResult;
  beforeAll(async () => {
    result = await runPipeline(jobs, { algorithms: ['hdbscan', 'kmeans', 'dbscan'], kmeans: { k: 'auto' }, seed: 2, threads: 1 });
  });

  it('weighs the titles in the embedding and marks title-only rows', () => {
    expect(result.embedding?.titleWeight).toBe(5);
    expect(result.embedding?.titleRankWords).toContain('高级');
    const expected = result.postings.filter((p) => p.description === '').length;
    expect(expected).toBeGreaterThan(0);
    expect(result.titleOnly.reduce((a, b) => a + b, 0)).toBe(expected);
  });

  it('reports title-only and company counts per cluster, noise before/after, kSelection', () => {
    for (const c of result.report.clusterings) {
      const labels = result.clusterings[c.algorithm]!.labels;
      for (const cl of c.clusters) {
        let titleOnly = 0;
        labels.forEach((l, r) => l === cl.label && result.titleOnly[r] && titleOnly++);
        expect(cl.titleOnly).toBe(titleOnly);
        expect(cl.companies).toBeGreaterThan(0);
        expect(cl.topCompanyShare).toBeGreaterThan(0);
      }
      const names = c.clusters.map((cl) => cl.name);
      expect(new Set(names).size).toBe(names.length);
    }
    const h = result.report.clusterings.find((c) => c.algorithm === 'hdbscan')!;
    expect(h.noise.beforeAssignment!.count).toBeGreaterThanOrEqual(h.noise.count);
    expect(h.noise.assigned).toBe(h.noise.beforeAssignment!.count - h.noise.count);
    const k = result.report.clusterings.find((c) => c.algorithm === 'kmeans')!;
    // ≤ 2,000 postings: the pipeline's K-Means restarts 10 times (kmeansDefaults), not a fixed 4.
    expect(result.clusterings.kmeans!.params?.nInit).toBe(10);
    expect(k.kSelection?.criterion).toBe('silhouette');
    expect(k.nClusters).toBe(k.kSelection?.chosen);
    expect(result.timings.map((t) => t.stage)).toContain('select-k:kmeans');
  });

  it('predict() follows the fit: training postings get their own labels back', () => {
    const rows = Array.from({ length: 60 }, (_, r) => r);
    const p = result.predict(rows.map((r) => result.postings[r]));
    for (const algorithm of ['hdbscan', 'kmeans', 'dbscan']) {
      const got = p.labels[algorithm]!;
      rows.forEach((r) => expect(got[r]).toBe(result.clusterings[algorithm]!.labels[r]));
    }
  });
});
