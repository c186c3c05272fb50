/**
 * The pipeline's document map, cluster hierarchies and `reduceClusters` on the
 * synthetic corpus: the map covers every posting with a row (duplicates on
 * their representative's point) and does not depend on the thread count; each
 * clustering carries a full merge tree; reducing merges along it and re-scores
 * with the run's own step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAP_MAX_ROWS, ParameterError, generateJobs, reduceClusters, runPipeline, type PipelineResult } from '../../src/index.js';
import { wantsMap } from '../../src/pipeline/document-map.js';

describe('document map, hierarchy and reduceClusters in the pipeline', () => {
  const corpus = generateJobs({ n: 600, seed: 11 });
  let result: PipelineResult;
  beforeAll(async () => {
    result = await runPipeline(corpus.jobs, { algorithms: ['hdbscan', 'kmeans'], kmeans: { k: 12 }, seed: 5, threads: 1 });
  });

  it('maps every posting that has a row; a duplicate shares its representative’s point', () => {
    const map = result.report.map!;
    expect(map).not.toBeNull();
    expect(map.rows).toBe(result.vectors.rows);
    const withRow = [...result.rowOfPosting].filter((r) => r >= 0).length;
    expect(map.ids.length).toBe(withRow);
    expect(map.x.length).toBe(withRow);
    expect(map.ids.length).toBeGreaterThan(map.rows); // the corpus has duplicates
    const point = new Map(map.ids.map((id, i) => [id, [map.x[i], map.y[i]]]));
    const dup = result.duplicates!;
    for (const g of dup.groups.slice(0, 20)) {
      const first = point.get(corpus.jobs[g.members[0]].id);
      for (const m of g.members) expect(point.get(corpus.jobs[m].id)).toEqual(first);
    }
    // Rows with identical vectors (and, rarely, neighbours after rounding to 3 decimals) may share a point.
    expect(new Set(map.x.map((x, i) => `${x},${map.y[i]}`)).size).toBeGreaterThanOrEqual(Math.floor(0.99 * map.rows));
  });

  it('gives the same map for any thread count, and none with map: false', async () => {
    const two = await runPipeline(corpus.jobs, { algorithms: ['kmeans'], kmeans: { k: 12 }, seed: 5, threads: 2 });
    expect(two.report.map!.x).toEqual(result.report.map!.x);
    expect(two.report.map!.y).toEqual(result.report.map!.y);
    const none = await runPipeline(corpus.jobs, { algorithms: ['kmeans'], kmeans: { k: 12 }, seed: 5, threads: 1, map: false });
    expect(none.report.map).toBeNull();
    expect(none.html()).toContain('<section id="document-map"');
  });

  it('defaults the map on up to MAP_MAX_ROWS rows and rejects a non-boolean option', () => {
    expect(wantsMap(undefined, MAP_MAX_ROWS)).toBe(true);
    expect(wantsMap(undefined, MAP_MAX_ROWS + 1)).toBe(false);
    expect(wantsMap(true, MAP_MAX_ROWS + 1)).toBe(true);
    expect(() => wantsMap('yes' as unknown as boolean, 10)).toThrow(ParameterError);
  });

  it('has a full merge tree over the clusters of every clustering', () => {
    for (const c of result.report.clusterings) {
      const linkage = c.hierarchy!.linkage;
      expect(linkage.length).toBe(c.nClusters - 1);
      // The root holds every clustered row (sizes count rows, as scipy's linkage counts observations).
      expect(linkage[linkage.length - 1].size).toBe(c.n - c.noise.count);
      for (let i = 1; i < linkage.length; i++) expect(linkage[i].height).toBeGreaterThanOrEqual(linkage[i - 1].height);
    }
  });

  it('reduces to n clusters along the tree and re-scores, names and tests the merged clusters', () => {
    const reduced = reduceClusters(result, 5);
    const before = result.clusterings.kmeans!,
      after = reduced.clusterings.kmeans!;
    expect(after.nClusters).toBe(5);
    expect(new Set(after.labels).size).toBe(5);
    const report = reduced.report.clusterings.find((c) => c.algorithm === 'kmeans')!;
    expect(report.nClusters).toBe(5);
    expect(report.clusters.length).toBe(5);
    expect(report.params.reducedFrom).toBe(before.nClusters);
    expect(report.hierarchy!.linkage.length).toBe(4);
    // Sizes are sums of the old clusters', and members of one old cluster stay together.
    const oldToNew = new Map<number, number>();
    before.labels.forEach((l, i) => {
      if (l < 0) return;
      if (!oldToNew.has(l)) oldToNew.set(l, after.labels[i]);
      expect(after.labels[i]).toBe(oldToNew.get(l));
    });
    expect(report.clusters.reduce((s, c) => s + c.size, 0)).toBe(before.labels.filter((l) => l >= 0).length);
    // Facets recomputed over the merged clusters.
    expect(report.facets[0].clusters.filter((c) => c >= 0).length).toBeLessThanOrEqual(5);
    expect(report.scores.silhouette).not.toBe(result.report.clusterings.find((c) => c.algorithm === 'kmeans')!.scores.silhouette);
    // predict maps the fitted model's labels old → new.
    const jobs = corpus.jobs.slice(0, 30);
    const oldPred = result.predict(jobs).labels.kmeans!;
    const newPred = reduced.predict(jobs).labels.kmeans!;
    oldPred.forEach((l, i) => expect(newPred[i]).toBe(l < 0 ? l : (oldToNew.get(l) ?? newPred[i])));
    expect(Math.max(...newPred)).toBeLessThan(5);
    // The page shows the reduced clustering.
    expect(reduced.html()).toContain('<section id="hierarchy"');
  });

  it('rejects a bad n or a result that runPipeline did not return', () => {
    expect(() => reduceClusters(result, 0)).toThrow(ParameterError);
    expect(() => reduceClusters(result, 10_000)).toThrow(/at most/);
    expect(() => reduceClusters({ ...result }, 3)).toThrow(ParameterError);
  });
});
