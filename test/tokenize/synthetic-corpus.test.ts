import { describe, expect, it } from 'vitest';
import { ARCHETYPES, cleanText, generateJobs } from '../../src/data/index.js';
import { createTokenizer } from '../../src/tokenize/index.js';

// The tokenizer on the demo corpus: each role must come out with its own vocabulary.
describe('Tokenizer on the synthetic corpus', () => {
  const corpus = generateJobs({ n: 1400, seed: 11 });
  const tokenizer = createTokenizer();
  const docs = tokenizer.tokenizeAll(corpus.jobs.map((j) => cleanText(j.description)));

  it('finds each archetype’s skills among its most frequent tokens', () => {
    for (const archetype of ARCHETYPES) {
      const counts = new Map<string, number>();
      docs.forEach((tokens, i) => {
        if (corpus.archetypes[i] !== archetype.key) return;
        for (const t of tokens) counts.set(t, (counts.get(t) ?? 0) + 1);
      });
      const top = new Set(
        [...counts]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 40)
          .map(([t]) => t),
      );
      // A skill may be a phrase that segments into several tokens (查询优化器 …): look at the first.
      const skills = archetype.skills.map((s) => tokenizer.tokenize(s)[0]).filter((s) => s !== undefined);
      const hits = skills.filter((s) => top.has(s));
      expect(hits.length, `${archetype.key}: ${skills.join(' ')} vs top ${[...top].join(' ')}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('emits no whitespace, markup or digits; boilerplate headers only without the boilerplate list', () => {
    const all = docs.flat();
    expect(all.length).toBeGreaterThan(50 * docs.length);
    for (const t of new Set(all)) expect(t).not.toMatch(/\s|^\d|^(nbsp|br|strong)$/);
    const boilerplate = ['岗位职责', '任职要求', '任职资格', '负责', '熟悉', '优先'];
    expect(all.some((t) => boilerplate.includes(t))).toBe(true); // the default keeps them (IDF discounts them)
    const withList = createTokenizer({ stopWords: { boilerplate: true } });
    const filtered = new Set(withList.tokenizeAll(corpus.jobs.slice(0, 300).map((j) => cleanText(j.description))).flat());
    for (const t of boilerplate) expect(filtered.has(t)).toBe(false);
  });
});
