import { describe, expect, it } from 'vitest';
import { InputError, ParameterError } from '../../src/core/index.js';
import { CODE_TOKEN } from '../../src/tokenize/index.js';
import { nameClusters, normalizeTitle } from '../../src/validate/index.js';

describe('normalizeTitle', () => {
  it('drops bracketed asides, job codes, seniority and what follows a separator', () => {
    expect(normalizeTitle('高级Java开发工程师（急招）J14901 - 北京')).toBe('Java开发工程师');
    expect(normalizeTitle('资深前端开发【双休】')).toBe('前端开发');
    expect(normalizeTitle('Ｊａｖａ开发工程师 | 朝阳')).toBe('Java开发工程师');
    expect(normalizeTitle('C/C++开发工程师')).toBe('C/C++开发工程师');
    expect(normalizeTitle('mj011059')).toBe('');
    expect(normalizeTitle('软件测试工程师+20K-40k')).toBe('软件测试工程师');
    expect(normalizeTitle('销售经理 8千-1.2万')).toBe('销售经理');
  });
});

// Cluster 0: Java backend; cluster 1: frontend; row 6: noise.
const tokens = [
  ['java', 'spring', '微服务', '负责', 'h3126e', 'mysql'],
  ['java', 'spring', '微服务', '熟悉', 'h3126e', 'j14901'],
  ['java', 'spring', '微服务', '负责', 'h3126e', ...Array(40).fill('这是')],
  ['vue', 'react', 'javascript', '负责', 'webpack'],
  ['vue', 'react', 'javascript', '熟悉', 'webpack'],
  ['vue', 'react', 'css', '负责', '这是'],
  ['销售', '客户', '负责'],
];
const labels = Int32Array.from([0, 0, 0, 1, 1, 1, -1]);
const titles = [
  '高级Java开发工程师（急招）',
  'Java开发工程师 - 北京',
  'java开发工程师J14901',
  '前端开发工程师',
  '前端开发工程师',
  'Web前端',
  '销售代表',
];

describe('nameClusters', () => {
  const names = nameClusters({ tokens, labels, titles });

  it('names a cluster by its most common normalised title and its strongest keywords', () => {
    // spring and 微服务 are in all three Java postings and nowhere else (tie → code-point order);
    // "java" is not repeated because the title already says it.
    expect(names[0]).toBe('Java开发工程师 · spring · 微服务');
    // vue and react in all three frontend postings; javascript in two.
    expect(names[1]).toBe('前端开发工程师 · react · vue');
    expect(names).toHaveLength(2);
  });

  it('never uses a code token, a one-posting term, a spam repetition or a boilerplate word', () => {
    const long = nameClusters({ tokens, labels, titles, keywords: 10 });
    const terms = long.flatMap((n) => n.split(' · '));
    for (const t of terms) expect(CODE_TOKEN.test(t)).toBe(false);
    expect(terms).not.toContain('h3126e'); // in every Java posting, but a code
    expect(terms).not.toContain('mysql'); // in one posting of the corpus
    expect(terms).not.toContain('这是'); // 40 times in one posting, once in another cluster: counted per posting
    expect(terms).not.toContain('负责');
    expect(long[0]).toBe('Java开发工程师 · spring · 微服务');
    expect(long[1]).toBe('前端开发工程师 · react · vue · javascript · webpack');
  });

  it('makes colliding names unique with the next distinguishing keyword, not a number', () => {
    const t = [
      ['java', 'spring', 'kafka', 'redis'],
      ['java', 'spring', 'kafka', 'redis'],
      ['java', 'spring', 'hadoop', 'flink'],
      ['java', 'spring', 'hadoop', 'flink'],
    ];
    const l = Int32Array.from([0, 0, 1, 1]);
    const same = ['Java开发', 'Java开发', 'Java开发', 'Java开发'];
    // Distinct from the start: nothing is added.
    const n = nameClusters({ tokens: t, labels: l, titles: same, keywords: 1 });
    expect(n[0]).toBe('Java开发 · kafka');
    expect(n[1]).toBe('Java开发 · flink');
    // Title-only names collide: each cluster takes its best keyword the other name lacks (spring is in both: not chosen).
    const shared = [
      ['spring', 'kafka'],
      ['spring', 'kafka'],
      ['spring', 'hadoop'],
      ['spring', 'hadoop'],
      ['spring', 'c#'],
    ];
    const n2 = nameClusters({ tokens: shared, labels: Int32Array.from([0, 0, 1, 1, -1]), titles: same.concat('x'), keywords: 0 });
    expect(n2).toEqual(['Java开发 · kafka', 'Java开发 · hadoop']);
    for (const name of [...n, ...n2]) expect(/\d/.test(name)).toBe(false);
  });

  it('falls back to words, not numbers, when clusters cannot be told apart', () => {
    const t = [['go'], ['go'], ['go'], ['go']];
    const n = nameClusters({ tokens: t, labels: Int32Array.from([0, 0, 1, 1]), titles: ['Go开发', 'Go开发', 'Go开发', 'Go开发'] });
    expect(n).toEqual(['Go开发', 'Go开发 · 甲']);
  });

  it('checks its input', () => {
    expect(() => nameClusters({ tokens, labels, titles: titles.slice(1) })).toThrow(InputError);
    expect(() => nameClusters({ tokens, labels: Int32Array.from([0]), titles })).toThrow(InputError);
    expect(() => nameClusters({ tokens, labels, titles, keywords: -1 })).toThrow(ParameterError);
  });
});
