import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import {
  dataQuality,
  descriptionLength,
  descriptionLengthsAsync,
  findDuplicates,
  findTemplates,
  MISSING_FACET_VALUE,
  type JobPosting,
} from '../../src/data/index.js';

const long = (k: number) => `负责第${k}个模块的设计与开发，参与需求评审和技术方案讨论，编写单元测试，保证交付质量与进度。`;
let next = 0;
const job = (platform: string, description: string, extra: Partial<JobPosting> = {}): JobPosting => ({
  id: `Q_${++next}`,
  platform,
  title: 'Java开发',
  description,
  raw: {},
  ...extra,
});

describe('dataQuality', () => {
  const jobs = [
    job('A', long(1), { city: '北京市' }),
    job('A', long(1), { city: '北京' }), // exact duplicate of the first
    job('A', long(2), { city: '上海·浦东新区' }),
    job('A', long(3)),
    job('B', ''),
    job('B', '无', { city: '北京' }),
    job('B', long(4), { city: '上海' }),
  ];

  it('gives platform rows first with counts, coverage, median length, duplicate and title-only shares', () => {
    const rows = dataQuality(jobs);
    expect(rows.map((r) => [r.facet, r.value])).toEqual([
      ['platform', 'A'],
      ['platform', 'B'],
    ]);
    const [a, b] = rows;
    expect(a).toMatchObject({ postings: 4, descriptionCoverage: 1, duplicateRate: 0.25, titleOnly: 0, titleOnlyShare: 0 });
    expect(b).toMatchObject({ postings: 3, descriptionCoverage: 2 / 3, duplicateRate: 0, titleOnly: 2, titleOnlyShare: 2 / 3 });
    expect(b.medianDescriptionLength).toBe(1);
    expect(a.medianDescriptionLength).toBe(long(1).length);
    // Without a company no posting is a template.
    expect(a.templateRate).toBe(0);
  });

  it('adds rows per facet value after the platform rows, missing values under their own row', () => {
    const rows = dataQuality(jobs, { facet: 'city' });
    expect(rows.slice(0, 2).every((r) => r.facet === 'platform')).toBe(true);
    const city = Object.fromEntries(rows.filter((r) => r.facet === 'city').map((r) => [r.value, r.postings]));
    expect(city).toEqual({ 北京: 3, 上海: 2, [MISSING_FACET_VALUE]: 2 });
    expect(rows.filter((r) => r.facet === 'city').reduce((s, r) => s + r.postings, 0)).toBe(jobs.length);
  });

  it('uses the reports it is given and counts template extras', () => {
    // One employer, one salary; B's long posting gets another role so that it joins no group.
    const withCompany = jobs.map((j, i) => ({
      ...j,
      company: '华为技术有限公司',
      salaryMin: 1,
      salaryMax: 2,
      title: i === 6 ? '销售经理' : j.title,
    }));
    const duplicates = findDuplicates(withCompany);
    const templates = findTemplates(withCompany);
    const rows = dataQuality(withCompany, { duplicates, templates });
    const b = rows.find((r) => r.value === 'B')!;
    // The two title-only B postings are one employer's template: one extra of three.
    expect(b.templateRate).toBeCloseTo(1 / 3);
    // A: the copy and the two paraphrases of one layout join the first posting.
    expect(rows.find((r) => r.value === 'A')!.templateRate).toBeCloseTo(3 / 4);
    expect(() => dataQuality(jobs, { duplicates: findDuplicates(jobs.slice(1)) })).toThrow(ParameterError);
    expect(() => dataQuality(jobs, { facet: 'colour' as never })).toThrow(/facet/);
  });
});

describe('dataQuality with given description lengths', () => {
  it('gives the same rows as measuring them here, and the worker-measured lengths equal descriptionLength', async () => {
    const jobs = [
      job('A', `<p>${long(1)}</p>`, { city: '北京' }),
      job('A', '无'),
      job('B', ''),
      job('B', `联系电话 13800138000 ${long(2)}`),
      job('C', long(3).slice(0, 12)),
    ];
    const lengths = await descriptionLengthsAsync(jobs, { threads: 2 });
    expect(Array.from(lengths)).toEqual(jobs.map((j) => descriptionLength(j)));
    expect(dataQuality(jobs, { descriptionLengths: lengths })).toEqual(dataQuality(jobs));
    expect(() => dataQuality(jobs, { descriptionLengths: lengths.subarray(1) })).toThrow(/descriptionLengths/);
  });
});
