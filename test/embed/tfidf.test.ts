import { describe, expect, it } from 'vitest';
import { InputError, ParameterError } from '../../src/core/index.js';
import { sparseToDense, TfidfVectorizer } from '../../src/embed/index.js';
import { Random } from '../../src/core/random.js';

// n = 3 documents; df(a) = 2, df(b) = 2, df(c) = 1.
// idf(a) = idf(b) = ln(4/3) + 1 = 1.2876820724517808, idf(c) = ln(4/2) + 1 = 1.6931471805599454.
const docs = [['a', 'b', 'a'], ['b', 'c'], ['a']];

describe('TfidfVectorizer', () => {
  it('matches hand-computed smoothed IDF and L2-normalised rows', () => {
    const model = new TfidfVectorizer().fit(docs);
    expect(model.terms).toEqual(['a', 'b', 'c']);
    expect(model.idf[0]).toBeCloseTo(1.2876820724517808, 12);
    expect(model.idf[2]).toBeCloseTo(1.6931471805599454, 12);
    expect(Array.from(model.documentFrequency)).toEqual([2, 2, 1]);
    const X = model.transform(docs);
    expect(Array.from(X.indptr)).toEqual([0, 2, 4, 5]);
    expect(Array.from(X.indices)).toEqual([0, 1, 1, 2, 0]);
    // doc 0: (2·idf_a, idf_b) / norm = (2, 1)/√5; doc 1: (idf_b, idf_c)/norm; doc 2: (1).
    const expected = [0.8944271909999159, 0.4472135954999579, 0.6053485081062916, 0.7959605415681652, 1];
    Array.from(X.data).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });

  it('sublinear tf uses 1 + ln(tf)', () => {
    const X = new TfidfVectorizer({ sublinearTf: true }).fit(docs).transform(docs);
    expect(X.data[0]).toBeCloseTo(0.8610369959439763, 6);
    expect(X.data[1]).toBeCloseTo(0.5085423203783267, 6);
  });

  it('without normalisation rows are tf · idf', () => {
    const dense = sparseToDense(new TfidfVectorizer({ norm: 'none' }).fit(docs).transform(docs));
    expect(dense.data[0]).toBeCloseTo(2 * 1.2876820724517808, 5);
    expect(dense.data[5]).toBeCloseTo(1.6931471805599454, 5);
  });

  it('prunes by minDf / maxDf as counts or proportions', () => {
    expect(new TfidfVectorizer({ minDf: 2 }).fit(docs).terms).toEqual(['a', 'b']);
    expect(new TfidfVectorizer({ maxDf: 1 / 3 }).fit(docs).terms).toEqual(['c']);
    expect(new TfidfVectorizer({ minDf: 0.5 }).fit(docs).terms).toEqual(['a', 'b']);
    expect(new TfidfVectorizer({ maxDf: 2 }).fit(docs).terms).toEqual(['a', 'b', 'c']);
  });

  it('maxFeatures keeps the most frequent terms, ties broken by term order', () => {
    // Corpus counts: a 3, b 2, c 1, d 2.
    const d2 = [['a', 'b', 'a', 'd'], ['b', 'c', 'd'], ['a']];
    expect(new TfidfVectorizer({ maxFeatures: 2 }).fit(d2).terms).toEqual(['a', 'b']);
    expect(new TfidfVectorizer({ maxFeatures: 3 }).fit(d2).terms).toEqual(['a', 'b', 'd']);
  });

  it('ignores unknown terms in transform and leaves unknown-only documents as zero rows', () => {
    const X = new TfidfVectorizer().fit(docs).transform([['zzz'], ['c', 'zzz']]);
    expect(Array.from(X.indptr)).toEqual([0, 0, 1]);
    expect(X.data[0]).toBeCloseTo(1, 6);
  });

  it('sorts the vocabulary by code point, as Python does', () => {
    const model = new TfidfVectorizer().fit([['前端', 'java', 'Go', '𠀋', 'ｚ']]);
    expect(model.terms).toEqual(['Go', 'java', '前端', 'ｚ', '𠀋']);
  });

  it('reports bad input and parameters clearly', () => {
    expect(() => new TfidfVectorizer().fit([])).toThrow(InputError);
    expect(() => new TfidfVectorizer().fit([[], []])).toThrow(/no tokens/);
    expect(() => new TfidfVectorizer().fit([['a'], 'b' as unknown as string[]])).toThrow(/documents\[1\]/);
    expect(() => new TfidfVectorizer({ minDf: 3 }).fit(docs)).toThrow(/no terms remain/);
    expect(() => new TfidfVectorizer({ minDf: 2, maxDf: 1 / 3 }).fit(docs)).toThrow(ParameterError);
    expect(() => new TfidfVectorizer({ maxFeatures: 0 }).fit(docs)).toThrow(/maxFeatures/);
  });
});

describe('TfidfVectorizer.fitTransform', () => {
  // Random token lists over a small vocabulary, with repeats and empty lists.
  const random = new Random(5);
  const words = ['java', 'go', '开发', '测试', 'k8s', 'redis', '算法', 'python', '前端', 'c++', '数据', 'ai'];
  const lists = (n: number) =>
    Array.from({ length: n }, () => Array.from({ length: random.int(9) }, () => words[random.int(words.length)]));
  const docs = lists(60);
  const titles = lists(60);
  const withTitles = (weight: number) => docs.map((doc, i) => [...doc, ...Array.from({ length: weight }, () => titles[i]).flat()]);

  for (const params of [{}, { minDf: 2, maxFeatures: 7 }, { sublinearTf: true, maxDf: 0.5 }, { norm: 'none' as const }]) {
    for (const weight of [0, 1, 4]) {
      it(`equals fit + transform of the lists with ${weight} title copies (${JSON.stringify(params)})`, () => {
        const full = withTitles(weight);
        const expectedModel = new TfidfVectorizer(params).fit(full);
        const expected = expectedModel.transform(full);
        const { model, matrix } = new TfidfVectorizer(params).fitTransform(docs, titles, weight);
        expect(model.terms).toEqual(expectedModel.terms);
        expect(Array.from(model.idf)).toEqual(Array.from(expectedModel.idf));
        expect(Array.from(model.documentFrequency)).toEqual(Array.from(expectedModel.documentFrequency));
        expect(model.prunedTerms).toBe(expectedModel.prunedTerms);
        expect(Array.from(matrix.indptr)).toEqual(Array.from(expected.indptr));
        expect(Array.from(matrix.indices)).toEqual(Array.from(expected.indices));
        expect(Array.from(matrix.data)).toEqual(Array.from(expected.data));
      });
    }
  }

  it('names a titles list of the wrong length and a bad token', () => {
    expect(() => new TfidfVectorizer().fitTransform(docs, titles.slice(1), 2)).toThrow(/titles has 59 entries/);
    expect(() => new TfidfVectorizer().fitTransform([['a'], ['b', 3 as unknown as string]])).toThrow(/documents\[1\]\[1\]/);
    expect(() => new TfidfVectorizer().fitTransform(docs, titles, -1)).toThrow(ParameterError);
  });
});
