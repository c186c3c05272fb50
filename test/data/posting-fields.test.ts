import { describe, expect, it } from 'vitest';
import {
  annualSalary,
  experienceBand,
  isoDate,
  loadJobs,
  normalizeEducation,
  parseExperience,
  salaryBand,
  salaryMidpoint,
  usableDate,
} from '../../src/data/index.js';

describe('parseExperience and experienceBand', () => {
  it('reads numbers, ranges, lower bounds and 不限', () => {
    expect(parseExperience(3)).toEqual({ min: 3 });
    expect(parseExperience(0)).toEqual({ min: 0 });
    expect(parseExperience('3-5年')).toEqual({ min: 3, max: 5 });
    expect(parseExperience('５年以上')).toEqual({ min: 5 });
    expect(parseExperience('1年以下')).toEqual({ min: 0, max: 1 });
    expect(parseExperience('经验不限')).toEqual({ min: 0 });
    expect(parseExperience('应届生')).toEqual({ min: 0 });
    expect(parseExperience('很多年')).toBeUndefined();
    expect(parseExperience(null)).toBeUndefined();
    expect(parseExperience(-1)).toBeUndefined();
    expect(parseExperience('5-3年')).toBeUndefined();
  });
  it('bands at 1, 3, 5 and 10 years', () => {
    expect([0, 0.5, 1, 2, 3, 4, 5, 9, 10, 30].map((y) => experienceBand(y))).toEqual([
      '0',
      '0',
      '1-2',
      '1-2',
      '3-4',
      '3-4',
      '5-9',
      '5-9',
      '10+',
      '10+',
    ]);
    expect(experienceBand(undefined)).toBeUndefined();
  });
});

describe('normalizeEducation', () => {
  it('folds the corpus spellings onto one level each', () => {
    const cases: Record<string, string> = {
      本科: '本科',
      大学本科: '本科',
      统招本科: '本科',
      本科及以上: '本科',
      大专: '大专',
      大学专科: '大专',
      不限制: '不限',
      学历不限: '不限',
      不限: '不限',
      '中技/中专': '高中/中专',
      '中专/中技': '高中/中专',
      中等专科: '高中/中专',
      普通高中: '高中/中专',
      职业高中: '高中/中专',
      技工学校: '高中/中专',
      初中及以下: '初中及以下',
      小学: '初中及以下',
      硕士研究生: '硕士',
      博士研究生: '博士',
    };
    for (const [text, level] of Object.entries(cases)) expect(normalizeEducation(text), text).toBe(level);
  });
  it('keeps unknown spellings and maps blank text to undefined', () => {
    expect(normalizeEducation(' MBA ')).toBe('MBA');
    expect(normalizeEducation('  ')).toBeUndefined();
  });
});

describe('salary helpers', () => {
  it('midpoint, annual salary with 几薪, bands', () => {
    expect(salaryMidpoint({ salaryMin: 10000, salaryMax: 20000 })).toBe(15000);
    expect(salaryMidpoint({ salaryMin: 8000 })).toBe(8000);
    expect(salaryMidpoint({ salaryMin: 20000, salaryMax: 10000 })).toBeUndefined();
    expect(salaryMidpoint({ salaryMin: 0, salaryMax: 0 })).toBeUndefined();
    expect(annualSalary({ salaryMin: 10000, salaryMax: 20000, monthsPaid: 14 })).toBe(210000);
    expect(annualSalary({ salaryMin: 10000, salaryMax: 20000 })).toBe(180000);
    expect([4999, 5000, 12000, 19999, 25000, 40000, 80000].map((x) => salaryBand(x))).toEqual([
      '<5k',
      '5-10k',
      '10-15k',
      '15-20k',
      '20-30k',
      '30-50k',
      '50k+',
    ]);
    expect(salaryBand(undefined)).toBeUndefined();
  });
});

describe('posting dates', () => {
  it('parses common date forms and rejects the epoch placeholder and impossible dates', () => {
    expect(isoDate('2024-10-09 11:16:55')).toBe('2024-10-09');
    expect(isoDate('2024/1/9')).toBe('2024-01-09');
    expect(isoDate('2024年10月9日')).toBe('2024-10-09');
    expect(isoDate('1970-01-01 00:00:00')).toBeUndefined();
    expect(isoDate('2024-02-30')).toBeUndefined();
    expect(isoDate('昨天')).toBeUndefined();
    expect(isoDate(20241009)).toBeUndefined();
  });
  it('takes 首次发布时间, else a real 首次扫描日期, else 记录更新日期', () => {
    expect(usableDate('2024-10-01', '2024-10-02', '2024-10-03')).toBe('2024-10-01');
    expect(usableDate(null, '1970-01-01 08:00:00', '2024-10-03 10:00:00')).toBe('2024-10-03');
    expect(usableDate(undefined, '2024-10-02', '2024-10-03')).toBe('2024-10-02');
    expect(usableDate(null, null, null)).toBeUndefined();
  });
});

describe('loader maps the Chinese headers', () => {
  const base = { 职位自编号: 'X_1', 发布平台: 'BOSS', 职位: 'Java开发', 职位描述: '负责后端开发' };
  it('fills experience, education, monthsPaid and date', async () => {
    const { jobs } = await loadJobs([
      {
        ...base,
        所需经验: 3.0,
        学历: '统招本科',
        几薪: 13.0,
        首次发布时间: null,
        首次扫描日期: '1970-01-01',
        记录更新日期: '2024-12-01 10:00:00',
      },
      { ...base, 职位自编号: 'X_2', 所需经验: '3-5年', 学历: null, 几薪: null, 首次发布时间: '2024-11-05 09:00:00' },
      { ...base, 职位自编号: 'X_3' },
    ]);
    expect(jobs[0]).toMatchObject({ experienceYears: 3, education: '本科', monthsPaid: 13, date: '2024-12-01' });
    expect(jobs[0].experienceMaxYears).toBeUndefined();
    expect(jobs[1]).toMatchObject({ experienceYears: 3, experienceMaxYears: 5, date: '2024-11-05' });
    expect(jobs[1].education).toBeUndefined();
    expect(jobs[1].monthsPaid).toBeUndefined();
    for (const key of ['experienceYears', 'education', 'monthsPaid', 'date']) expect(jobs[2]).not.toHaveProperty(key);
  });
});
