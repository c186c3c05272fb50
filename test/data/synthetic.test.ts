import { describe, expect, it } from 'vitest';
import { generateJobs, ARCHETYPES, SYNTHETIC_PLATFORMS } from '../../src/data/synthetic/index.js';
import { ParameterError } from '../../src/core/errors.js';

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

describe('generateJobs', () => {
  const corpus = generateJobs({ n: 3000, seed: 7 });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = generateJobs({ n: 3000, seed: 7 });
    expect(again.jobs).toEqual(corpus.jobs);
    expect(again.archetypes).toEqual(corpus.archetypes);
    const other = generateJobs({ n: 3000, seed: 8 });
    expect(other.jobs.map((j) => j.description)).not.toEqual(corpus.jobs.map((j) => j.description));
  });

  it('draws from at least 12 archetypes and labels every posting', () => {
    expect(ARCHETYPES.length).toBeGreaterThanOrEqual(12);
    expect(corpus.jobs).toHaveLength(3000);
    expect(corpus.archetypes).toHaveLength(3000);
    expect(new Set(corpus.archetypes).size).toBe(ARCHETYPES.length);
    corpus.archetypes.forEach((key, i) => expect(corpus.archetypeNames[corpus.archetypeLabels[i]]).toBe(key));
    expect(new Set(corpus.jobs.map((j) => j.id)).size).toBe(3000);
  });

  it('fills the JobPosting fields and raw source fields', () => {
    for (const job of corpus.jobs.slice(0, 50)) {
      expect(job.platform).toMatch(/^(BOSS|LIEPIN|MAIMAI|LAGOU|ZHILIAN|51JOB)$/);
      expect(job.title.length).toBeGreaterThan(0);
      expect(job.description.length).toBeGreaterThan(50);
      expect(job.salaryMax!).toBeGreaterThan(job.salaryMin!);
      expect(job.postedAt).toMatch(/^202[45]-\d\d-\d\d$/);
      expect(job.raw['职位描述']).toBe(job.description);
      expect(job.raw['发布平台']).toBe(job.platform);
    }
  });

  it('plants the default bias: LIEPIN over-represents fintech-hft', () => {
    expect(corpus.bias).toHaveLength(1);
    const [bias] = corpus.bias;
    expect(bias).toMatchObject({ platform: 'LIEPIN', archetype: 'fintech-hft', factor: 3 });
    const share = (platform: (p: string) => boolean) => {
      const idx = corpus.jobs.map((j, i) => i).filter((i) => platform(corpus.jobs[i].platform));
      return idx.filter((i) => corpus.archetypes[i] === 'fintech-hft').length / idx.length;
    };
    const onLiepin = share((p) => p === 'LIEPIN');
    const elsewhere = share((p) => p !== 'LIEPIN');
    expect(onLiepin).toBeGreaterThan(2 * elsewhere);
    expect(Math.abs(onLiepin - bias.expectedShare)).toBeLessThan(0.05);
  });

  it("plants nothing with bias: 'none' and honours a custom bias", () => {
    const none = generateJobs({ n: 3000, seed: 7, bias: 'none' });
    expect(none.bias).toEqual([]);
    const custom = generateJobs({ n: 3000, seed: 7, bias: { platform: 'BOSS', archetype: 'frontend', factor: 4 } });
    const count = (c: typeof custom, p: string) => c.jobs.filter((j, i) => j.platform === p && c.archetypes[i] === 'frontend').length;
    expect(count(custom, 'BOSS')).toBeGreaterThan(1.8 * count(none, 'BOSS'));
  });

  it('plants exact duplicates, cross-posts and near-copies as groups', () => {
    const exactSame = corpus.duplicates.filter((g) => g.exact && !g.crossPlatform);
    const cross = corpus.duplicates.filter((g) => g.crossPlatform);
    const near = corpus.duplicates.filter((g) => !g.exact);
    expect(exactSame.length).toBeGreaterThan(50);
    expect(cross.length).toBeGreaterThan(50);
    expect(near.length).toBeGreaterThan(20);
    for (const g of corpus.duplicates) {
      expect(g.indices.length).toBeGreaterThanOrEqual(2);
      expect(new Set(g.indices.map((i) => corpus.archetypes[i])).size).toBe(1);
      expect(g.ids).toEqual(g.indices.map((i) => corpus.jobs[i].id));
    }
    for (const g of cross.filter((x) => x.exact)) {
      const texts = new Set(g.indices.map((i) => corpus.jobs[i].description));
      expect(texts.size).toBe(1);
      expect(new Set(g.indices.map((i) => corpus.jobs[i].platform)).size).toBeGreaterThan(1);
    }
    const none = generateJobs({ n: 500, seed: 1, duplicateRate: 0, crossPostRate: 0, nearDuplicateRate: 0 });
    expect(none.duplicates).toEqual([]);
  });

  it('adds contact details and HTML noise', () => {
    const texts = corpus.jobs.map((j) => j.description);
    const html = texts.filter((t) => /<br ?\/?>|&nbsp;|<p>/.test(t)).length;
    const phone = texts.filter((t) => /1[3-9]\d{9}|1[3-9]\d-\d{4}-\d{4}/.test(t)).length;
    const mail = texts.filter((t) => /[a-z0-9_]+@[a-z0-9.-]+\.[a-z]+/.test(t)).length;
    const wechat = texts.filter((t) => /微信：|vx：/.test(t)).length;
    expect(html).toBeGreaterThan(300);
    expect(phone).toBeGreaterThan(100);
    expect(mail).toBeGreaterThan(50);
    expect(wechat).toBeGreaterThan(50);
    expect(corpus.noise.html).toBeGreaterThan(300);
    const clean = generateJobs({ n: 500, seed: 7, noise: 0 });
    expect(clean.jobs.some((j) => /<br|&nbsp;/.test(j.description))).toBe(false);
  });

  it('gives each platform its own style and length', () => {
    const clean = generateJobs({ n: 3000, seed: 3, noise: 0, duplicateRate: 0, crossPostRate: 0, nearDuplicateRate: 0 });
    const lengths = (p: string) => mean(clean.jobs.filter((j) => j.platform === p).map((j) => j.description.length));
    expect(lengths('LIEPIN')).toBeGreaterThan(1.5 * lengths('LAGOU'));
    expect(lengths('LAGOU')).toBeGreaterThan(1.3 * lengths('BOSS'));
    expect(Math.max(...clean.jobs.filter((j) => j.platform === 'ZHILIAN').map((j) => j.description.length))).toBeLessThanOrEqual(203);
    expect(clean.jobs.filter((j) => j.platform === 'LIEPIN').every((j) => j.description.includes('我们的客户'))).toBe(true);
    expect(clean.jobs.filter((j) => j.platform === '51JOB').every((j) => j.description.includes('职能类别'))).toBe(true);
    expect(clean.jobs.filter((j) => j.platform === 'MAIMAI').every((j) => /私信|内推/.test(j.description))).toBe(true);
    const decorated = (p: string, re: RegExp) => clean.jobs.filter((j) => j.platform === p && re.test(j.title)).length;
    expect(decorated('BOSS', /（(双休|急招|五险一金|可远程|不加班)）$/)).toBeGreaterThan(50);
    expect(decorated('51JOB', /-(北京|上海|深圳|杭州|广州|成都|南京|武汉|西安|苏州)$/)).toBeGreaterThan(30);
    const plainTitles = new Set(ARCHETYPES.flatMap((a) => a.titles));
    expect(clean.jobs.filter((j) => j.platform === 'LAGOU').every((j) => plainTitles.has(j.title))).toBe(true);
  });

  it('restricts platforms and archetypes on request', () => {
    const c = generateJobs({ n: 300, seed: 2, platforms: ['BOSS', 'LAGOU'], archetypes: ['go-backend', 'frontend', 'fintech-hft'] });
    expect(new Set(c.jobs.map((j) => j.platform))).toEqual(new Set(['BOSS', 'LAGOU']));
    expect(new Set(c.archetypes)).toEqual(new Set(['go-backend', 'frontend', 'fintech-hft']));
    expect(c.bias[0].platform).toBe('BOSS');
    expect(SYNTHETIC_PLATFORMS.length).toBe(6);
  });

  it('rejects bad parameters, naming them', () => {
    expect(() => generateJobs({ n: 0 })).toThrow(ParameterError);
    expect(() => generateJobs({ platforms: ['TWITTER'] })).toThrow(/platforms/);
    expect(() => generateJobs({ archetypes: ['astronaut'] })).toThrow(/archetypes/);
    expect(() => generateJobs({ bias: { platform: 'BOSS', archetype: 'frontend', factor: 0 } })).toThrow(/bias\.factor/);
    expect(() => generateJobs({ bias: { platform: 'X', archetype: 'frontend', factor: 2 } })).toThrow(/bias\.platform/);
    expect(() => generateJobs({ platforms: ['BOSS'], crossPostRate: 0.1 })).toThrow(/crossPostRate/);
  });
});
