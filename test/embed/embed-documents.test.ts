import { describe, expect, it } from 'vitest';
import { isNormalized, Random } from '../../src/core/index.js';
import {
  DEFAULT_EMBED_TFIDF,
  DEFAULT_LSA_COMPONENTS,
  DEFAULT_TITLE_RANK_WORDS,
  DEFAULT_TITLE_WEIGHT,
  dropEmptyDocuments,
  embedDocuments,
  sentenceVectors,
  TfidfVectorizer,
  transformDocuments,
  Word2Vec,
} from '../../src/embed/index.js';
import { WordVectors } from '../../src/embed/index.js';
import { createMatrix, InputError, ParameterError } from '../../src/core/index.js';

function corpus(seed: number, n: number): { docs: string[][]; labels: number[] } {
  const topics = [
    'java spring mybatis redis mysql 微服务 后端 jvm'.split(' '),
    'react vue typescript css webpack 前端 小程序 html'.split(' '),
    'python pytorch 模型 训练 算法 深度学习 cuda nlp'.split(' '),
  ];
  const common = '负责 团队 沟通 经验 优先 熟悉'.split(' ');
  const rng = new Random(seed);
  const docs: string[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = i % 3;
    docs.push(Array.from({ length: 30 }, () => (rng.next() < 0.6 ? rng.pick(topics[t]) : rng.pick(common))));
    labels.push(t);
  }
  return { docs, labels };
}

/** Fraction of documents whose nearest other document (cosine) has the same label. */
function nearestNeighbourAgreement(data: Float32Array, dim: number, labels: number[]): number {
  let agree = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = -Infinity;
    let bestJ = -1;
    for (let j = 0; j < labels.length; j++) {
      if (j === i) continue;
      let s = 0;
      for (let t = 0; t < dim; t++) s += data[i * dim + t] * data[j * dim + t];
      if (s > best) {
        best = s;
        bestJ = j;
      }
    }
    if (labels[bestJ] === labels[i]) agree++;
  }
  return agree / labels.length;
}

describe('sentenceVectors', () => {
  it('is the TF-IDF-weighted mean of word vectors, normalised, and reports empty documents', () => {
    const docs = [['a', 'b', 'a'], ['b', 'c'], ['zzz'], ['c']];
    const tfidf = new TfidfVectorizer({ norm: 'none' }).fit([['a', 'b', 'a'], ['b', 'c'], ['a']]);
    // c has no word vector: document 3 is empty, document 1 is just b.
    const w2v = new WordVectors(['a', 'b'], createMatrix(2, 2, Float32Array.from([1, 0, 0, 1])));
    const { vectors, emptyDocuments } = sentenceVectors(docs, w2v, tfidf);
    expect(Array.from(emptyDocuments)).toEqual([2, 3]);
    // doc 0: 2·idf(a)·(1,0) + idf(b)·(0,1) with idf(a) = idf(b) → (2, 1)/√5.
    expect(vectors.data[0]).toBeCloseTo(2 / Math.sqrt(5), 6);
    expect(vectors.data[1]).toBeCloseTo(1 / Math.sqrt(5), 6);
    expect(Array.from(vectors.data.subarray(2, 4))).toEqual([0, 1]);
    expect(Array.from(vectors.data.subarray(4, 8))).toEqual([0, 0, 0, 0]);
  });
});

describe('embedDocuments', () => {
  const { docs, labels } = corpus(1, 90);

  for (const representation of ['w2v-tfidf', 'lsa', 'hybrid'] as const) {
    it(`${representation}: unit rows that separate planted topics`, () => {
      const r = embedDocuments(docs, { representation, seed: 2, threads: 1, word2vec: { dim: 24 }, lsa: { components: 10 } });
      expect(r.vectors.rows).toBe(90);
      expect(r.vectors.cols).toBe(representation === 'w2v-tfidf' ? 24 : representation === 'lsa' ? 10 : 34);
      expect(r.emptyDocuments).toHaveLength(0);
      expect(isNormalized(r.vectors)).toBe(true);
      expect(nearestNeighbourAgreement(r.vectors.data, r.vectors.cols, labels)).toBeGreaterThan(0.9);
      expect(r.timings.total).toBeGreaterThan(0);
      expect(r.wordVectors !== undefined).toBe(representation !== 'lsa');
      expect(r.lsa !== undefined).toBe(representation !== 'w2v-tfidf');
    });
  }

  it('reports documents without usable terms and drops them on request', () => {
    const withEmpty = [...docs.slice(0, 30), ['未知词'], [], ...docs.slice(30, 60)];
    const r = embedDocuments(withEmpty, { representation: 'lsa', seed: 1, lsa: { components: 5 } });
    expect(Array.from(r.emptyDocuments)).toEqual([30, 31]);
    const kept = dropEmptyDocuments(r);
    expect(kept.vectors.rows).toBe(60);
    expect(kept.documentIndex[30]).toBe(32);
  });

  it('caps LSA components to the corpus and says so', () => {
    const r = embedDocuments(docs.slice(0, 5), { representation: 'lsa', seed: 1 });
    expect(r.vectors.cols).toBeLessThan(DEFAULT_LSA_COMPONENTS);
    expect(r.notes.join()).toContain(`lsa.components lowered from ${DEFAULT_LSA_COMPONENTS} to`);
  });

  it('reuses given word vectors instead of training', () => {
    const trained = new Word2Vec({ dim: 8, minCount: 1, seed: 1, threads: 1 }).fit(docs).vectors;
    const r = embedDocuments(docs, { representation: 'w2v-tfidf', wordVectors: trained });
    expect(r.wordVectors).toBe(trained);
    expect(r.word2vecStats).toBeUndefined();
    expect(r.vectors.cols).toBe(8);
  });

  it('rejects unknown representations and empty corpora', () => {
    expect(() => embedDocuments(docs, { representation: 'bert' as 'lsa' })).toThrow(/'representation'/);
    expect(() => embedDocuments([])).toThrow(/empty corpus/);
  });
});

describe('embedDocuments: title weighting (issue 13)', () => {
  const docs = [
    ['java', 'redis', '销售'],
    ['java', 'mysql'],
    ['销售', '客户', 'redis'],
    ['销售', '客户'],
  ];
  const titles = [['java'], ['java'], ['销售'], ['销售']];

  it('counts title tokens titleWeight more times: the same TF-IDF as appending them', () => {
    const weighted = embedDocuments(docs, { representation: 'lsa', titles, titleWeight: 2, seed: 3, lsa: { components: 2 } });
    const appended = embedDocuments(
      docs.map((d, i) => [...d, ...titles[i], ...titles[i]]),
      { representation: 'lsa', seed: 3, lsa: { components: 2 } },
    );
    expect(weighted.titleWeight).toBe(2);
    expect(Array.from(weighted.vectors.data)).toEqual(Array.from(appended.vectors.data));
    const x = weighted.tfidf.transform([['java']]);
    expect(x.data[0]).toBeCloseTo(1, 6); // a one-term row, L2-normalised
  });

  it('defaults to DEFAULT_TITLE_WEIGHT with titles, and to none without', () => {
    expect(embedDocuments(docs, { titles, seed: 1, lsa: { components: 2 } }).titleWeight).toBe(DEFAULT_TITLE_WEIGHT);
    expect(embedDocuments(docs, { seed: 1, lsa: { components: 2 } }).titleWeight).toBe(0);
  });

  it('weights new titles the same way in transformDocuments', () => {
    const e = embedDocuments(docs, { titles, titleWeight: 3, seed: 1, lsa: { components: 2 } });
    const again = transformDocuments(e, docs, { titles });
    for (let i = 0; i < e.vectors.data.length; i++) expect(again.vectors.data[i]).toBeCloseTo(e.vectors.data[i], 5);
    const plain = transformDocuments(e, docs);
    expect(Array.from(plain.vectors.data)).not.toEqual(Array.from(e.vectors.data));
  });

  it('rejects titles that do not match the documents, and a bad weight', () => {
    expect(() => embedDocuments(docs, { titles: titles.slice(1) })).toThrow(InputError);
    expect(() => embedDocuments(docs, { titles: [['a'], ['b'], [3 as unknown as string], ['c']] })).toThrow(/titles\[2\]\[0\]/);
    expect(() => embedDocuments(docs, { titles, titleWeight: 1.5 })).toThrow(ParameterError);
  });

  it('uses raw term counts by default (DEFAULT_EMBED_TFIDF), 50 dimensions and title weight 5', () => {
    expect(DEFAULT_EMBED_TFIDF).toEqual({ minDf: 2, sublinearTf: false });
    expect(DEFAULT_LSA_COMPONENTS).toBe(50);
    expect(DEFAULT_TITLE_WEIGHT).toBe(5);
    expect(embedDocuments(docs, { seed: 1, lsa: { components: 2 } }).tfidf.params.sublinearTf).toBe(false);
  });
});

describe('embedDocuments: rank words are not title terms (issue 13)', () => {
  // Two kinds of job (java, 销售) at two ranks (高级, 初级), in every combination.
  const docs = [
    ['高级', 'java', 'redis', '负责'],
    ['初级', 'java', 'mysql', '负责'],
    ['高级', '销售', '客户', '负责'],
    ['初级', '销售', '客户', 'redis'],
    ['高级', 'java', 'mysql'],
    ['初级', '销售', '客户'],
  ];
  const titles = [
    ['高级', 'java'],
    ['初级', 'java'],
    ['高级', '销售'],
    ['初级', '销售'],
    ['高级', 'java'],
    ['初级', '销售'],
  ];
  const options = { representation: 'lsa' as const, seed: 3, lsa: { components: 3 } };
  const appended = (copies: (title: string[]) => string[], weight: number) =>
    embedDocuments(
      docs.map((d, i) => {
        const out = [...d];
        for (let w = 0; w < weight; w++) out.push(...copies(titles[i]));
        return out;
      }),
      options,
    );

  it('repeats the title without its rank words: the same vectors as appending the other title tokens', () => {
    const weighted = embedDocuments(docs, { ...options, titles, titleWeight: 2 });
    const expected = appended((t) => t.filter((w) => w !== '高级' && w !== '初级'), 2);
    expect(Array.from(weighted.vectors.data)).toEqual(Array.from(expected.vectors.data));
    expect(weighted.titleRankWords).toEqual([...DEFAULT_TITLE_RANK_WORDS]);
    // The rank word keeps the one copy the document holds.
    expect(weighted.tfidf.vocabulary.has('高级')).toBe(true);
  });

  it('brings one job at two ranks closer, and two jobs at one rank apart', () => {
    const cosine = (m: { data: Float32Array; cols: number }, a: number, b: number) => {
      let dot = 0;
      for (let j = 0; j < m.cols; j++) dot += m.data[a * m.cols + j] * m.data[b * m.cols + j];
      return dot;
    };
    const full = { ...options, lsa: { components: 5 }, titles, titleWeight: 4 };
    const without = embedDocuments(docs, full).vectors;
    const withRank = embedDocuments(docs, { ...full, titleRankWords: [] }).vectors;
    // 高级 java vs 初级 java: same job.
    expect(cosine(without, 0, 1)).toBeGreaterThan(cosine(withRank, 0, 1) + 0.05);
    // 高级 java vs 高级 销售: same rank only.
    expect(cosine(without, 0, 2)).toBeLessThan(cosine(withRank, 0, 2) - 0.05);
  });

  it('titleRankWords [] weights every title token, a custom list leaves out its words', () => {
    const all = embedDocuments(docs, { ...options, titles, titleWeight: 2, titleRankWords: [] });
    expect(Array.from(all.vectors.data)).toEqual(Array.from(appended((t) => t, 2).vectors.data));
    const custom = embedDocuments(docs, { ...options, titles, titleWeight: 2, titleRankWords: ['java'] });
    expect(Array.from(custom.vectors.data)).toEqual(Array.from(appended((t) => t.filter((w) => w !== 'java'), 2).vectors.data));
  });

  it('is the measured list of seniority and rank words (docs/embed.md)', () => {
    expect(DEFAULT_TITLE_RANK_WORDS).toEqual([
      '高级',
      '资深',
      '初级',
      '中级',
      '专家',
      '实习生',
      '实习',
      '专员',
      '主管',
      '经理',
      '总监',
      '负责人',
      '助理',
    ]);
  });

  it('transformDocuments leaves the same words out of new titles', () => {
    const e = embedDocuments(docs, { ...options, titles, titleWeight: 2 });
    const again = transformDocuments(e, docs, { titles });
    for (let i = 0; i < e.vectors.data.length; i++) expect(again.vectors.data[i]).toBeCloseTo(e.vectors.data[i], 5);
  });

  it('names a bad titleRankWords', () => {
    expect(() => embedDocuments(docs, { titles, titleRankWords: '高级' as unknown as string[] })).toThrow(/titleRankWords/);
    expect(() => embedDocuments(docs, { titles, titleRankWords: ['高级', 3 as unknown as string] })).toThrow(/titleRankWords\[1\]/);
  });
});
