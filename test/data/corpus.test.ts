/**
 * The real shared corpus (../shared/data, not shipped with the package). Skipped
 * with a visible note when it is absent; JD_CLUSTER_SHARED points elsewhere.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { findDuplicates, loadJobs, type LoadJobsResult } from '../../src/data/index.js';
import { sharedCorpusPath } from './shared-corpus.js';

const found = sharedCorpusPath('test/data/corpus');
const available = found !== undefined;
const corpusPath = found ?? '';

// Published figures of the corpus (see its README).
const PER_PLATFORM = {
  '51JOB': 14365,
  BOSS: 11105,
  GGFW_HRSS_GD: 4742,
  LAGOU: 2323,
  LIEPIN: 1809,
  JOBONLINE: 1090,
  ZHILIAN: 737,
};

describe.skipIf(!available)('shared corpus jd-multiplatform-2024q4', () => {
  let loaded: LoadJobsResult;
  beforeAll(async () => {
    loaded = await loadJobs(corpusPath);
  });

  it('loads all 36,171 postings with no options, counted per platform', () => {
    expect(loaded.stats.read).toBe(36171);
    expect(loaded.jobs).toHaveLength(36171);
    expect(loaded.skipped.count).toBe(0);
    expect(loaded.stats.byPlatform).toEqual(PER_PLATFORM);
    expect(loaded.stats.repeatedIds).toBe(0);
  });

  it('maps the Chinese fields', () => {
    const lagou = loaded.jobs.find((j) => j.platform === 'LAGOU')!;
    expect(lagou.id).toMatch(/^LAGOU_/);
    expect(lagou.title.length).toBeGreaterThan(0);
    expect(loaded.jobs.every((j) => j.title !== '' || j.description.trim() !== '')).toBe(true);
    const withSalary = loaded.jobs.filter((j) => j.salaryMin !== undefined && j.salaryMax !== undefined);
    expect(withSalary.length).toBeGreaterThan(30000);
    expect(withSalary.every((j) => j.salaryMin! <= j.salaryMax!)).toBe(true);
    const empty = loaded.jobs.filter((j) => j.description.trim() === '');
    expect(empty).toHaveLength(1590);
    expect(empty.every((j) => j.platform === 'LIEPIN')).toBe(true);
  });

  it('minDescriptionLength: 50 skips the 5,386 short descriptions and reports them', async () => {
    const { jobs, skipped } = await loadJobs(corpusPath, { minDescriptionLength: 50 });
    expect(skipped.byReason).toEqual({ 'description-too-short': 5386 });
    expect(jobs.length + skipped.count).toBe(36171);
    expect(jobs.every((j) => [...j.description].length >= 50)).toBe(true);
    // The skip report points back at the file: line n is the n-th posting.
    const shortOnes = loaded.jobs.filter((j) => [...j.description].length < 50);
    expect(skipped.records.map((r) => r.id)).toEqual(shortOnes.map((j) => j.id));
    expect(skipped.records.every((r) => loaded.jobs[r.line - 1].id === r.id)).toBe(true);
  });

  it('finds template duplicates, some of them cross-posted', () => {
    const report = findDuplicates(loaded.jobs);
    expect(report.groups.length).toBeGreaterThan(1000);
    expect(report.crossPlatformGroups).toBeGreaterThan(100);
    expect(report.nearGroups).toBeGreaterThan(0);
    for (const group of report.groups.slice(0, 50)) {
      expect(new Set(group.members.map((m) => loaded.jobs[m].platform)).size > 1).toBe(group.crossPlatform);
    }
  });
});
