import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, ParameterError, Random, RecordError } from '../../src/core/index.js';
import { loadWord2Vec, saveWord2Vec, Word2Vec, WordVectors } from '../../src/embed/index.js';
import { createMatrix } from '../../src/core/index.js';

/** Sentences drawn from three planted groups of words that only co-occur within their group. */
function plantedCorpus(seed: number, sentences = 1500): { sentences: string[][]; groups: string[][] } {
  const groups = ['java spring mybatis tomcat jvm', 'react vue webpack css html', 'pytorch tensorflow cuda 模型 训练'].map((g) =>
    g.split(' '),
  );
  const rng = new Random(seed);
  const out: string[][] = [];
  for (let i = 0; i < sentences; i++) {
    const g = groups[i % groups.length];
    out.push(Array.from({ length: 10 }, () => rng.pick(g)));
  }
  return { sentences: out, groups };
}

function meanSimilarity(v: WordVectors, groups: string[][], within: boolean): number {
  let sum = 0;
  let n = 0;
  for (let a = 0; a < groups.length; a++) {
    for (let b = 0; b < groups.length; b++) {
      if ((a === b) !== within) continue;
      for (const x of groups[a])
        for (const y of groups[b])
          if (x !== y) {
            sum += v.similarity(x, y);
            n++;
          }
    }
  }
  return sum / n;
}

describe('Word2Vec', () => {
  const { sentences, groups } = plantedCorpus(7);

  for (const mode of ['cbow', 'skipgram'] as const) {
    it(`${mode} learns planted co-occurrences`, () => {
      const { vectors, stats } = new Word2Vec({ mode, dim: 32, minCount: 1, seed: 3, threads: 1, epochs: 5 }).fit(sentences);
      expect(vectors.size).toBe(15);
      expect(stats.tokens).toBe(15_000);
      const within = meanSimilarity(vectors, groups, true);
      const across = meanSimilarity(vectors, groups, false);
      expect(within).toBeGreaterThan(across + 0.3);
      // Every word's nearest neighbours are its own group.
      for (const g of groups) {
        for (const w of g) {
          const near = vectors.mostSimilar(w, 4).map((s) => s.word);
          expect(near.sort()).toEqual(g.filter((x) => x !== w).sort());
        }
      }
    });
  }

  it('skip-gram with per-pair negatives (word2vec.c sampling) learns the groups too', () => {
    const { vectors } = new Word2Vec({ mode: 'skipgram', shareNegatives: false, dim: 32, minCount: 1, seed: 3, threads: 1 }).fit(sentences);
    expect(meanSimilarity(vectors, groups, true)).toBeGreaterThan(meanSimilarity(vectors, groups, false) + 0.3);
  });

  it('is bit-reproducible with a seed and one thread, and the seed matters', () => {
    const params = { mode: 'skipgram' as const, dim: 16, minCount: 1, threads: 1, epochs: 2 };
    const a = new Word2Vec({ ...params, seed: 11 }).fit(sentences).vectors.vectors.data;
    const b = new Word2Vec({ ...params, seed: 11 }).fit(sentences).vectors.vectors.data;
    const c = new Word2Vec({ ...params, seed: 12 }).fit(sentences).vectors.vectors.data;
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
    expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
  });

  it('trains on worker threads (hogwild) with the same quality', () => {
    const big = plantedCorpus(9, 6000).sentences; // several tasks of ~10k words
    const { vectors, params } = new Word2Vec({ mode: 'cbow', dim: 32, minCount: 1, seed: 1, threads: 2 }).fit(big);
    expect(params.threads).toBe(2);
    expect(meanSimilarity(vectors, groups, true)).toBeGreaterThan(meanSimilarity(vectors, groups, false) + 0.3);
  });

  it('orders the vocabulary by count, applies minCount and reports progress', () => {
    const progress: number[] = [];
    const { vectors, stats } = new Word2Vec({ dim: 8, minCount: 2, seed: 1, threads: 1, epochs: 3 }).fit(
      [['x', 'y', 'y', 'z', 'z', 'z', 'rare']],
      { onProgress: (p) => progress.push(p.epoch) },
    );
    expect(vectors.words).toEqual(['z', 'y']);
    expect(Array.from(vectors.counts!)).toEqual([3, 2]);
    expect(stats.droppedWords).toBe(2);
    expect(stats.retainedTokens).toBe(5);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('splits sentences longer than maxSentenceLength', () => {
    const long = [Array.from({ length: 50 }, (_, i) => `w${i % 5}`)];
    const r = new Word2Vec({ dim: 8, minCount: 1, seed: 1, threads: 1, maxSentenceLength: 7 }).fit(long);
    expect(r.vectors.size).toBe(5);
  });

  it('rejects bad input and parameters with clear errors', () => {
    expect(() => new Word2Vec().fit([])).toThrow(InputError);
    expect(() => new Word2Vec().fit([[], []])).toThrow(/non-empty corpus/);
    expect(() => new Word2Vec({ minCount: 5 }).fit([['a', 'b']])).toThrow(/minCount=5/);
    expect(() => new Word2Vec({ dim: 0 }).fit(sentences)).toThrow(ParameterError);
    expect(() => new Word2Vec({ dim: -3 }).fit(sentences)).toThrow(/'dim'/);
    expect(() => new Word2Vec({ mode: 'glove' as 'cbow' }).fit(sentences)).toThrow(/'mode'/);
    expect(() => new Word2Vec({ window: 0 }).fit(sentences)).toThrow(/'window'/);
    expect(() => new Word2Vec({ alpha: 0.01, minAlpha: 0.1 }).fit(sentences)).toThrow(/'minAlpha'/);
    expect(() => new Word2Vec().fit([['a', 3 as unknown as string]])).toThrow(/sentences\[0\]\[1\]/);
  });
});

describe('WordVectors', () => {
  const v = new WordVectors(['a', 'b', 'c'], createMatrix(3, 2, Float32Array.from([1, 0, 1, 1, -1, 0])));

  it('computes cosine similarity and nearest words', () => {
    expect(v.similarity('a', 'b')).toBeCloseTo(Math.SQRT1_2, 6);
    expect(v.similarity('a', 'c')).toBeCloseTo(-1, 6);
    expect(v.mostSimilar('a', 2)).toEqual([
      { word: 'b', similarity: expect.closeTo(Math.SQRT1_2, 6) },
      { word: 'c', similarity: expect.closeTo(-1, 6) },
    ]);
    expect(Array.from(v.vector('b'))).toEqual([1, 1]);
  });

  it('names unknown words', () => {
    expect(() => v.vector('zz')).toThrow(/"zz" is not in the vocabulary/);
    expect(() => v.similarity('a', 'zz')).toThrow(InputError);
    expect(() => v.mostSimilar('zz')).toThrow(/"zz"/);
  });
});

describe('word2vec file formats', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jd-embed-'));
  const { sentences } = plantedCorpus(5, 300);
  const trained = new Word2Vec({ dim: 12, minCount: 1, seed: 2, threads: 1 }).fit(sentences).vectors;

  it('round-trips the binary format bit for bit', () => {
    const path = join(dir, 'v.bin');
    saveWord2Vec(trained, path);
    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 6).toString()).toBe('15 12\n');
    // First record: word, space, 12 float32 LE, newline (word2vec.c layout).
    const firstWord = trained.words[0];
    const wLen = Buffer.byteLength(firstWord);
    expect(bytes.subarray(6, 6 + wLen).toString()).toBe(firstWord);
    expect(bytes[6 + wLen]).toBe(0x20);
    expect(bytes.readFloatLE(6 + wLen + 1)).toBe(trained.vectors.data[0]);
    expect(bytes[6 + wLen + 1 + 48]).toBe(0x0a);
    const back = loadWord2Vec(path);
    expect(back.words).toEqual(trained.words);
    expect(Array.from(back.vectors.data)).toEqual(Array.from(trained.vectors.data));
  });

  it('round-trips the text format exactly (shortest float32 decimals)', () => {
    const path = join(dir, 'v.txt');
    saveWord2Vec(trained, path);
    const lines = readFileSync(path, 'utf8').split('\n');
    expect(lines[0]).toBe('15 12');
    expect(lines[1].split(' ')).toHaveLength(13);
    const back = loadWord2Vec(path);
    expect(back.words).toEqual(trained.words);
    expect(Array.from(back.vectors.data)).toEqual(Array.from(trained.vectors.data));
    expect(loadWord2Vec(path, { limit: 4 }).size).toBe(4);
  });

  it('reads binary files without the newline after each vector (as some writers emit)', () => {
    const path = join(dir, 'nonl.bin');
    const rec = (w: string, a: number, b: number) => {
      const buf = Buffer.alloc(Buffer.byteLength(w) + 1 + 8);
      buf.write(w + ' ');
      buf.writeFloatLE(a, buf.length - 8);
      buf.writeFloatLE(b, buf.length - 4);
      return buf;
    };
    writeFileSync(path, Buffer.concat([Buffer.from('2 2\n'), rec('前端', 1.5, -2), rec('go', 0.25, 3)]));
    const v = loadWord2Vec(path);
    expect(v.words).toEqual(['前端', 'go']);
    expect(Array.from(v.vectors.data)).toEqual([1.5, -2, 0.25, 3]);
  });

  it('names the line of a malformed or truncated file', () => {
    const bad = join(dir, 'bad.txt');
    writeFileSync(bad, '2 3\na 1 2 3\nb 1 x 3\n');
    expect(() => loadWord2Vec(bad)).toThrow(RecordError);
    expect(() => loadWord2Vec(bad)).toThrow(/line 3.*"x"/);
    writeFileSync(bad, '3 3\na 1 2 3\n');
    expect(() => loadWord2Vec(bad)).toThrow(/ends after 1 of 3/);
    writeFileSync(bad, 'hello\n');
    expect(() => loadWord2Vec(bad)).toThrow(/header/);
    const badBin = join(dir, 'bad.bin');
    writeFileSync(badBin, Buffer.concat([Buffer.from('1 4\nw '), Buffer.alloc(6)]));
    expect(() => loadWord2Vec(badBin)).toThrow(/truncated/);
  });

  it('refuses words that the format cannot hold', () => {
    const v = new WordVectors(['a b'], createMatrix(1, 1, Float32Array.from([1])));
    expect(() => saveWord2Vec(v, join(dir, 'x.txt'))).toThrow(/whitespace/);
  });
});
