import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import {
  createSegmenter,
  createTokenizer,
  JiebaSegmenter,
  NodejiebaSegmenter,
  SegmenterUnavailableError,
  type NodejiebaModule,
} from '../../src/tokenize/index.js';
import { ParameterError } from '../../src/core/errors.js';

const require = createRequire(import.meta.url);
function installed(name: string): boolean {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
}

describe('JiebaSegmenter (@node-rs/jieba)', () => {
  it('cuts with HMM by default and adds words', () => {
    const seg = new JiebaSegmenter();
    expect(seg.hmm).toBe(true);
    expect(seg.cut('我们在招聘工程师')).toContain('工程师');
    expect(seg.cut('星链计划')).not.toContain('星链计划');
    seg.addWord('星链计划');
    expect(seg.cut('参与星链计划')).toContain('星链计划');
  });

  it('refuses words with whitespace, which jieba dictionaries cannot hold', () => {
    expect(() => new JiebaSegmenter().addWord('Spring Boot')).toThrow(ParameterError);
  });

  it('is what createSegmenter returns by default', () => {
    expect(createSegmenter().name).toBe('@node-rs/jieba');
    expect(() => createSegmenter('other' as 'jieba')).toThrow(ParameterError);
  });
});

describe('NodejiebaSegmenter (optional)', () => {
  it('wraps an injected nodejieba module with HMM on', () => {
    const calls: unknown[][] = [];
    const fake: NodejiebaModule = {
      cut: (s, hmm) => {
        calls.push([s, hmm]);
        return s.split('');
      },
      insertWord: (w) => {
        calls.push(['insert', w]);
        return true;
      },
    };
    const seg = new NodejiebaSegmenter({ module: fake });
    expect(seg.cut('招聘')).toEqual(['招', '聘']);
    seg.addWord('云原生');
    expect(calls).toEqual([
      ['招聘', true],
      ['insert', '云原生'],
    ]);
    // Through the tokenizer, ASCII never reaches nodejieba, so it cannot be split into letters.
    const tk = createTokenizer({ segmenter: seg, stopWords: false, minLength: 1 });
    expect(tk.tokenize('用Golang')).toEqual(['用', 'go']);
  });

  it.skipIf(installed('nodejieba'))('explains how to install nodejieba when it is missing', () => {
    expect(() => new NodejiebaSegmenter()).toThrow(SegmenterUnavailableError);
    expect(() => createTokenizer({ segmenter: 'nodejieba' })).toThrow(/npm install nodejieba/);
  });

  it.runIf(installed('nodejieba'))('segments like the default backend on mixed text when installed', () => {
    const a = createTokenizer({ segmenter: 'nodejieba' }).tokenize('熟悉Golang和Kubernetes，负责云原生平台开发');
    expect(a).toEqual(expect.arrayContaining(['go', 'kubernetes', '云原生']));
  });
});
