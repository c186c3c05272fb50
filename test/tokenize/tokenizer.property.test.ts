/**
 * Property tests of the tokenizer (issue 12, item 6): on any text — random unicode, lone surrogates, control
 * characters, full-width forms, huge strings — `tokenizeAll` returns one token list per text, made of non-empty
 * strings, the same as `tokenize` text by text, and the same on a second call; bad entries are typed errors.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError, ParameterError } from '../../src/core/index.js';
import { createTokenizer } from '../../src/tokenize/index.js';

const tokenizer = createTokenizer();

/** Text mixing every kind of code unit with the characters job descriptions are made of. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom(
      '熟',
      '悉',
      '开',
      '发',
      'Ｊａｖａ',
      'C++',
      'k8s',
      '、',
      '，',
      '\n',
      '\r\n',
      '\u0000',
      '\ud800',
      ' ',
      '。',
      '.',
      '#',
      '1',
    ),
    maxLength: 300,
  }),
);

describe('Tokenizer on random text', () => {
  it('gives one list of non-empty string tokens per text, equal to tokenize one by one and stable', () => {
    fc.assert(
      fc.property(fc.array(anyText, { maxLength: 8 }), (texts) => {
        const all = tokenizer.tokenizeAll(texts);
        expect(all).toHaveLength(texts.length);
        for (let i = 0; i < texts.length; i++) {
          for (const token of all[i]) {
            expect(typeof token).toBe('string');
            expect(token.length).toBeGreaterThan(0);
          }
          expect(all[i]).toEqual(tokenizer.tokenize(texts[i]));
        }
        expect(tokenizer.tokenizeAll(texts)).toEqual(all);
      }),
      { numRuns: 150, seed: 12 },
    );
  });

  it('tokenizes huge strings (about a megabyte) without throwing', () => {
    fc.assert(
      fc.property(fc.array(anyText, { minLength: 1, maxLength: 20 }), fc.integer({ min: 2_000, max: 6_000 }), (parts, times) => {
        const huge = parts.join(' ').repeat(times).slice(0, 1_000_000);
        const [tokens] = tokenizer.tokenizeAll([huge]);
        expect(Array.isArray(tokens)).toBe(true);
        for (const token of tokens) expect(token.length).toBeGreaterThan(0);
      }),
      { numRuns: 3, seed: 12 },
    );
  }, 120_000);

  it('rejects a non-string entry with an InputError naming its index, and a non-array with a ParameterError', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string(), { maxLength: 5 }),
        fc.oneof(fc.integer(), fc.constant(null), fc.constant(undefined), fc.object()),
        (texts, bad) => {
          const at = texts.length;
          const call = () => tokenizer.tokenizeAll([...texts, bad as unknown as string]);
          expect(call).toThrow(InputError);
          expect(call).toThrow(`texts[${at}]`);
        },
      ),
      { numRuns: 50, seed: 12 },
    );
    expect(() => tokenizer.tokenizeAll('not an array' as unknown as string[])).toThrow(ParameterError);
  });
});
