/**
 * Measurements of the data helpers on the real shared corpus (not shipped with the
 * package; skipped with a note when absent). The printed table is the one docs/data.md
 * quotes; run `npx vitest run test/data/corpus-quality.test.ts` to reproduce it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  dataQuality,
  FACETS,
  findDuplicates,
  findTemplates,
  loadJobs,
  normalizeCity,
  normalizeCompany,
  type DataQualityRow,
  type JobPosting,
  type TemplateReport,
} from '../../src/data/index.js';
import { sharedCorpusPath } from './shared-corpus.js';

const corpusPath = sharedCorpusPath('test/data/corpus-quality');

describe.skipIf(corpusPath === undefined)('data helpers on the shared corpus', () => {
  let jobs: JobPosting[];
  let templates: TemplateReport;
  let rows: DataQualityRow[];
  beforeAll(async () => {
    jobs = (await loadJobs(corpusPath!)).jobs;
    templates = findTemplates(jobs);
    rows = dataQuality(jobs, { duplicates: findDuplicates(jobs), templates });
  }, 120_000);

  it('maps the new fields from the Chinese headers', () => {
    const count = (pick: (j: JobPosting) => unknown) => jobs.filter((j) => pick(j) !== undefined).length;
    const coverage = {
      experienceYears: count((j) => j.experienceYears),
      education: count((j) => j.education),
      monthsPaid: count((j) => j.monthsPaid),
      date: count((j) => j.date),
    };
    console.log('[corpus] fields present:', coverage, 'of', jobs.length);
    // README: 首次发布时间 is missing for most BOSS postings, yet every record has 记录更新日期.
    expect(coverage.date).toBe(jobs.length);
    expect(coverage.experienceYears).toBeGreaterThan(30_000);
    expect(coverage.monthsPaid).toBeGreaterThan(8_000);
    const boss = jobs.filter((j) => j.platform === 'BOSS');
    expect(boss.filter((j) => j.postedAt === undefined && j.date !== undefined).length).toBeGreaterThan(10_000);
    for (const facet of FACETS) {
      const values = new Set(jobs.map((j) => facet.valueOf(j)));
      console.log(
        `[corpus] facet ${facet.id}: ${values.size} values, ${jobs.filter((j) => facet.valueOf(j) === null).length} postings without one`,
      );
    }
  });

  it('collapses spellings of one employer and districts of one city', () => {
    const names = new Set(jobs.map((j) => j.company).filter((c): c is string => c !== undefined));
    const keys = new Set([...names].map(normalizeCompany));
    const cities = new Set(jobs.map((j) => j.city).filter((c): c is string => c !== undefined));
    const cityKeys = new Set([...cities].map(normalizeCity));
    console.log(`[corpus] companies: ${names.size} distinct names → ${keys.size} employer keys; cities: ${cities.size} → ${cityKeys.size}`);
    expect(keys.size).toBeLessThan(names.size);
    expect(cityKeys.size).toBeLessThan(cities.size / 5);
    const huawei = [...names].filter((n) => normalizeCompany(n) === '华为');
    expect(huawei.length).toBeGreaterThanOrEqual(10);
  });

  it('groups employer templates and reports them', () => {
    const members = templates.groups.reduce((s, g) => s + g.members.length, 0);
    console.log(
      `[corpus] templates: ${templates.groups.length} groups, ${members} postings in them, ${templates.templateCount} extra; ${templates.groups.filter((g) => g.exact).length} groups are exact copies`,
    );
    expect(templates.groups.length).toBeGreaterThan(0);
    for (const g of templates.groups.slice(0, 200)) expect(new Set(g.members.map((m) => normalizeCompany(jobs[m].company!))).size).toBe(1);
  });

  it('shows LIEPIN missing descriptions in the data-quality table', () => {
    const table = rows.map(
      (r) =>
        `| ${r.value} | ${r.postings} | ${(100 * r.descriptionCoverage).toFixed(1)}% | ${r.medianDescriptionLength} | ${(100 * r.duplicateRate).toFixed(1)}% | ${(100 * r.templateRate).toFixed(1)}% | ${r.titleOnly} | ${(100 * r.titleOnlyShare).toFixed(1)}% |`,
    );
    console.log(
      [
        '[corpus] data quality',
        '| platform | postings | described | median chars | duplicates | templates | title-only | share |',
        ...table,
      ].join('\n'),
    );
    const liepin = rows.find((r) => r.value === 'LIEPIN')!;
    expect(liepin.postings).toBe(1809);
    expect(liepin.titleOnly).toBeGreaterThanOrEqual(1590);
    expect(liepin.descriptionCoverage).toBeLessThan(0.15);
    expect(rows.slice(0, 7).every((r) => r.facet === 'platform')).toBe(true);
  });
});
