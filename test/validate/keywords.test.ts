import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.js';
import { clusterKeywords, nameFromTerms } from '../../src/validate/index.js';

const docs = [
  ['Go', 'Gin', '微服务', '负责', 'Go'],
  ['Golang', 'Gin', '微服务', '负责'],
  ['Kubernetes', 'Operator', '云原生', '负责'],
  ['Kubernetes', 'Operator', 'Helm', '负责', '2024'],
  ['简历', '负责', '！'],
];
const labels = Int32Array.from([0, 0, 1, 1, -1]);

describe('c-TF-IDF cluster keywords', () => {
  const result = clusterKeywords(docs, labels, { topN: 4 });

  it('weights terms exactly as BERTopic c-TF-IDF (mean words per class)', () => {
    const c0 = result.clusters.find((c) => c.label === 0)!;
    // Kept tokens per class: 9, 8 ("2024" dropped), 2 ("！" dropped) → mean 19/3. "Gin": tf 2/9, f = 2.
    const gin = c0.keywords.find((k) => k.term === 'Gin')!;
    expect(gin.count).toBe(2);
    expect(gin.score).toBeCloseTo((2 / 9) * Math.log(1 + 19 / 3 / 2), 12);
    // "负责" occurs in every class (f = 5): low weight, below the specific terms.
    const fuze = (2 / 9) * Math.log(1 + 19 / 3 / 5);
    expect(c0.keywords.every((k) => k.term === '负责' || k.score > fuze)).toBe(true);
  });

  it('ranks specific terms first, drops non-letter tokens, and names clusters', () => {
    expect(result.droppedTokens).toBe(2); // "2024" and "！"
    const c1 = result.clusters.find((c) => c.label === 1)!;
    expect(c1.keywords.slice(0, 2).map((k) => k.term)).toEqual(['Kubernetes', 'Operator']);
    expect(c1.name).toBe('Kubernetes · Operator · Helm');
    expect(c1.size).toBe(2);
    expect(result.clusters.map((c) => c.label)).toEqual([-1, 0, 1]);
    expect(result.clusters[0].name).toBe('noise');
  });

  it('honours stop words and minimum length', () => {
    const r = clusterKeywords(docs, labels, { stopWords: ['负责'], minTermLength: 3 });
    const terms = r.clusters.flatMap((c) => c.keywords.map((k) => k.term));
    expect(terms).not.toContain('负责');
    expect(terms).not.toContain('Go');
    expect(terms).toContain('微服务');
  });

  it('names skip terms contained in a chosen one; equal names get a distinguishing keyword, never a number', () => {
    expect(nameFromTerms(['Golang', 'Go', 'gin', 'Gin框架', 'MySQL'])).toBe('Golang · gin · MySQL');
    const twins = clusterKeywords([['a'], ['a']], Int32Array.from([0, 1]));
    expect(twins.clusters.map((c) => c.name)).toEqual(['a', 'a · 甲']);
    // Same top term (java, ten times in every posting of both) and nameTerms 1: each adds its own next keyword.
    const tenJava = Array(10).fill('java') as string[];
    const java = [
      [...tenJava, 'kafka'],
      [...tenJava, 'kafka'],
      [...tenJava, 'flink'],
      [...tenJava, 'flink'],
    ];
    const named = clusterKeywords(java, Int32Array.from([0, 0, 1, 1]), { nameTerms: 1 });
    expect(named.clusters.map((c) => c.name)).toEqual(['java · kafka', 'java · flink']);
  });

  it('drops job codes before weighting (issue 13: "资深 · j14901 · java")', () => {
    const coded = [
      ['j14901', 'java', 'spring'],
      ['j14901', 'java', 'spring'],
      ['vue', 'react'],
    ];
    const r = clusterKeywords(coded, Int32Array.from([0, 0, 1]));
    expect(r.clusters[0].keywords.map((k) => k.term)).not.toContain('j14901');
    expect(r.droppedTokens).toBe(2);
    const off = clusterKeywords(coded, Int32Array.from([0, 0, 1]), { junk: false });
    expect(off.clusters[0].keywords.map((k) => k.term)).toContain('j14901');
  });

  it('rejects mismatched input', () => {
    expect(() => clusterKeywords(docs, Int32Array.from([0, 1]))).toThrow(InputError);
    expect(() => clusterKeywords([['a'], 'b' as never], Int32Array.from([0, 1]))).toThrow(/tokens\[1\]/);
  });
});
