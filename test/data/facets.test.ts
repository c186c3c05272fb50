import { describe, expect, it } from 'vitest';
import { FACET_IDS, FACETS, facetById, isTitleOnly, TITLE_ONLY_MAX_DESCRIPTION_CHARS, type JobPosting } from '../../src/data/index.js';

const job = (extra: Partial<JobPosting>): JobPosting => ({ id: 'x', platform: 'BOSS', title: 'Java', description: '', raw: {}, ...extra });

describe('FACETS', () => {
  it('has one entry per facet id, platform first', () => {
    expect(FACETS.map((f) => f.id)).toEqual([...FACET_IDS]);
    expect(FACETS[0].id).toBe('platform');
    expect(facetById('nope')).toBeUndefined();
  });
  it('derives each facet value from the posting, null when missing', () => {
    const full = job({
      city: '重庆·江北区',
      company: '华为技术有限公司',
      experienceYears: 3,
      education: '本科',
      salaryMin: 10000,
      salaryMax: 20000,
      date: '2024-11-05',
    });
    const values = Object.fromEntries(FACETS.map((f) => [f.id, f.valueOf(full)]));
    expect(values).toEqual({
      platform: 'BOSS',
      city: '重庆',
      company: '华为',
      experience: '3-4',
      education: '本科',
      salary: '15-20k',
      month: '2024-11',
    });
    const empty = job({});
    expect(FACETS.filter((f) => f.id !== 'platform').map((f) => f.valueOf(empty))).toEqual([null, null, null, null, null, null]);
  });
});

describe('isTitleOnly', () => {
  it('counts the cleaned description against the threshold', () => {
    expect(isTitleOnly(job({ description: '' }))).toBe(true);
    expect(isTitleOnly(job({ description: '<p>普工</p>' }))).toBe(true);
    expect(isTitleOnly(job({ description: '岗位职责：'.padEnd(5) + '无' }))).toBe(true);
    expect(isTitleOnly(job({ description: '字'.repeat(TITLE_ONLY_MAX_DESCRIPTION_CHARS) }))).toBe(true);
    expect(isTitleOnly(job({ description: '字'.repeat(TITLE_ONLY_MAX_DESCRIPTION_CHARS + 1) }))).toBe(false);
    // Markup and a phone number do not count as text.
    expect(isTitleOnly(job({ description: `<br/><br/>联系电话 13812345678 ${'&nbsp;'.repeat(30)}` }))).toBe(true);
  });
});
