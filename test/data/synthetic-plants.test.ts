import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { findDuplicates, findTemplates, isTitleOnly, normalizeCompany, salaryMidpoint } from '../../src/data/index.js';
import { generateJobs, type SyntheticCorpus } from '../../src/data/synthetic/index.js';

const share = (c: SyntheticCorpus, where: (i: number) => boolean, what: (i: number) => boolean) => {
  const idx = c.jobs.map((_, i) => i).filter(where);
  return idx.filter(what).length / idx.length;
};

describe('generateJobs with plants', () => {
  const corpus = generateJobs({ n: 3000, seed: 11, plants: {} });
  const { truth } = corpus;

  it('records every plant in the answer key and is deterministic', () => {
    expect(truth.bias).toEqual({ platform: 'ZHILIAN', archetype: 'data-engineering', factor: 2.5 });
    expect(truth.burst).toMatchObject({ platform: '51JOB', archetype: 'java-backend', company: '恒通电子有限公司', companyKey: '恒通' });
    expect(truth.burst!.indices).toHaveLength(60);
    expect(truth.titleOnly).toMatchObject({ platform: 'LIEPIN', share: 0.85 });
    expect(truth.premium).toEqual({ archetype: 'cloud-native', city: '深圳', premium: 0.34 });
    expect(truth.trend).toEqual({ archetype: 'ai-infra', month: '2024-01', factor: 3, direction: 'up' });
    expect(truth.months).toHaveLength(24);
    expect(truth.months[0]).toBe('2023-01');
    expect(generateJobs({ n: 3000, seed: 11, plants: {} }).jobs).toEqual(corpus.jobs);
    expect(corpus.jobs).toHaveLength(3000);
    expect(new Set(corpus.jobs.map((j) => j.id)).size).toBe(3000);
  });

  it('fills company, city, salary, experience, education, monthsPaid and a date in the span', () => {
    for (const job of corpus.jobs) {
      expect(job.company).toBeTruthy();
      expect(job.city).toBeTruthy();
      expect(job.salaryMax!).toBeGreaterThan(job.salaryMin!);
      expect(job.experienceYears).toBeGreaterThanOrEqual(0);
      expect(job.education).toBeTruthy();
      expect(truth.months).toContain(job.date!.slice(0, 7));
      expect(job.raw['所需经验']).toBe(job.experienceYears);
    }
    expect(corpus.jobs.filter((j) => j.monthsPaid !== undefined).length).toBeGreaterThan(1000);
    // Many employers, so that a company-level test has something to count.
    expect(new Set(corpus.jobs.map((j) => normalizeCompany(j.company!))).size).toBeGreaterThan(500);
  });

  it('plants a true bias spread over many companies', () => {
    const { platform, archetype } = truth.bias!;
    const regular = (i: number) => !truth.burst!.indices.includes(i);
    const on = share(
      corpus,
      (i) => regular(i) && corpus.jobs[i].platform === platform,
      (i) => corpus.archetypes[i] === archetype,
    );
    const off = share(
      corpus,
      (i) => regular(i) && corpus.jobs[i].platform !== platform,
      (i) => corpus.archetypes[i] === archetype,
    );
    // Weight ×2.5 on a ~7 % archetype: about twice the share; copies and cross-posts dilute it a little.
    expect(on).toBeGreaterThan(1.5 * off);
    expect(Math.abs(on - corpus.bias[0].expectedShare)).toBeLessThan(0.05);
    const companies = corpus.jobs
      .filter((j, i) => j.platform === platform && corpus.archetypes[i] === archetype)
      .map((j) => normalizeCompany(j.company!));
    const top = Math.max(...[...new Set(companies)].map((c) => companies.filter((x) => x === c).length));
    expect(top / companies.length).toBeLessThan(0.1);
  });

  it('plants a burst of paraphrased ads that findTemplates groups and findDuplicates mostly does not', () => {
    const burst = truth.burst!;
    const jobs = burst.indices.map((i) => corpus.jobs[i]);
    expect(new Set(jobs.map((j) => j.description)).size).toBe(jobs.length);
    expect(jobs.every((j) => j.platform === burst.platform && j.salaryMin === burst.salaryMin && j.company === burst.company)).toBe(true);
    const templates = findTemplates(corpus.jobs);
    const groups = new Set(burst.indices.map((i) => templates.groupOf[i]));
    const largest = Math.max(...[...groups].map((g) => burst.indices.filter((i) => templates.groupOf[i] === g).length));
    expect(largest / burst.indices.length).toBeGreaterThan(0.8);
    const duplicates = findDuplicates(corpus.jobs);
    expect(burst.indices.filter((i) => duplicates.groupOf[i] >= 0).length).toBeLessThan(0.2 * burst.indices.length);
  });

  it('makes most postings of one other platform title-only', () => {
    const { platform } = truth.titleOnly!;
    expect(platform).not.toBe(truth.bias!.platform);
    const shareTitleOnly = share(
      corpus,
      (i) => corpus.jobs[i].platform === platform,
      (i) => isTitleOnly(corpus.jobs[i]),
    );
    expect(shareTitleOnly).toBeGreaterThan(0.75);
    expect(
      share(
        corpus,
        (i) => corpus.jobs[i].platform !== platform,
        (i) => isTitleOnly(corpus.jobs[i]),
      ),
    ).toBeLessThan(0.02);
  });

  it('plants the salary premium exactly: the same corpus without it differs only there by 1 + premium', () => {
    const flat = generateJobs({ n: 3000, seed: 11, plants: { premium: false } });
    const { archetype, city, premium } = truth.premium!;
    let inCell = 0;
    corpus.jobs.forEach((job, i) => {
      const ratio = salaryMidpoint(job)! / salaryMidpoint(flat.jobs[i])!;
      if (corpus.archetypes[i] === archetype && job.city === city && !truth.burst!.indices.includes(i)) {
        inCell++;
        expect(ratio).toBeCloseTo(1 + premium, 1);
      } else expect(ratio).toBe(1);
    });
    expect(inCell).toBeGreaterThan(10);
  });

  it('changes one archetype share at the planted month', () => {
    const { archetype, month } = truth.trend!;
    const before = share(
      corpus,
      (i) => corpus.jobs[i].date! < month,
      (i) => corpus.archetypes[i] === archetype,
    );
    const after = share(
      corpus,
      (i) => corpus.jobs[i].date! >= month,
      (i) => corpus.archetypes[i] === archetype,
    );
    expect(after).toBeGreaterThan(2 * before);
  });

  it("plants nothing with plants: 'none'", () => {
    const none = generateJobs({ n: 2000, seed: 3, plants: 'none' });
    expect(none.truth).toMatchObject({ bias: null, burst: null, titleOnly: null, premium: null, trend: null });
    expect(none.truth.months).toHaveLength(24);
    expect(none.bias).toEqual([]);
    expect(none.jobs.filter((j) => isTitleOnly(j)).length).toBe(0);
  });

  it('switches plants off one by one and checks their options', () => {
    const some = generateJobs({
      n: 1000,
      seed: 2,
      plants: { burst: false, trend: { archetype: 'frontend', month: '2023-12', factor: 0.3 } },
    });
    expect(some.truth.burst).toBeNull();
    expect(some.truth.trend).toEqual({ archetype: 'frontend', month: '2023-12', factor: 0.3, direction: 'down' });
    expect(() => generateJobs({ plants: { months: 12 } })).toThrow(/plants\.months/);
    expect(() => generateJobs({ plants: { titleOnly: { platform: 'ZHILIAN' } } })).toThrow(/plants\.titleOnly\.platform/);
    expect(() => generateJobs({ plants: { trend: { month: '2023-01' } } })).toThrow(/plants\.trend\.month/);
    expect(() => generateJobs({ plants: { premium: { city: '火星' } } })).toThrow(ParameterError);
    expect(() => generateJobs({ plants: {}, bias: 'none' })).toThrow(/bias/);
  });

  it('the demo corpus without plants carries the new fields and an answer key too', () => {
    const demo = generateJobs({ n: 300, seed: 5 });
    expect(demo.truth.bias).toEqual({ platform: 'LIEPIN', archetype: 'fintech-hft', factor: 3 });
    expect(demo.truth.burst).toBeNull();
    expect(demo.jobs.every((j) => j.date === j.postedAt && j.education !== undefined && j.experienceYears !== undefined)).toBe(true);
  });
});
