/**
 * Segmenters: the word-cutting backend behind the tokenizer. The default is
 * `@node-rs/jieba` (Rust, prebuilt binaries); `nodejieba` (C++, needs
 * node-gyp) can be used when the user has installed it. Users may pass any
 * object with the same interface.
 */
import { createRequire } from 'node:module';
import { check, JdClusterError, ParameterError } from '../core/index.js';

const require = createRequire(import.meta.url);

/** Cuts text into words. The tokenizer only hands it Chinese text and punctuation; ASCII words are handled before. */
export interface Segmenter {
  /** Backend name, for reports. */
  readonly name: string;
  /** Words in order; whitespace may come back as its own tokens. */
  cut(text: string): string[];
  /** Add a word to the segmenter's dictionary so that it is kept whole. */
  addWord(word: string, frequency?: number): void;
  /** Optional batch form of `addWord` (one dictionary reload instead of many). */
  addWords?(words: readonly string[], frequency?: number): void;
}

/** A backend could not be loaded (package missing or its native binary not built). */
export class SegmenterUnavailableError extends JdClusterError {
  constructor(
    readonly backend: string,
    readonly hint: string,
    override readonly cause?: unknown,
  ) {
    super(`Segmenter '${backend}' is not available: ${hint}`);
  }
}

/**
 * Frequency given to added words: high enough that jieba's maximum-probability
 * path keeps them whole against any split into dictionary words.
 */
export const DEFAULT_WORD_FREQUENCY = 50_000;

export interface JiebaSegmenterOptions {
  /** Use the HMM to find words missing from the dictionary (jieba's default). Default true. */
  readonly hmm?: boolean;
}

interface NodeRsJieba {
  cut(sentence: string, hmm?: boolean | null): string[];
  loadDict(dict: Uint8Array): void;
}

/** `@node-rs/jieba` with its bundled dictionary. Each instance owns its dictionary. */
export class JiebaSegmenter implements Segmenter {
  readonly name = '@node-rs/jieba';
  readonly hmm: boolean;
  private readonly jieba: NodeRsJieba;

  constructor(options: JiebaSegmenterOptions = {}) {
    this.hmm = options.hmm === undefined ? true : check.boolean('hmm', options.hmm);
    let mod: { Jieba: { withDict(dict: Uint8Array): NodeRsJieba } };
    let dict: Uint8Array;
    try {
      mod = require('@node-rs/jieba');
      dict = (require('@node-rs/jieba/dict') as { dict: Uint8Array }).dict;
    } catch (err) {
      throw new SegmenterUnavailableError(
        'jieba',
        'install it with `npm install @node-rs/jieba` (a dependency of jd-cluster; a prebuilt binary for this platform may be missing).',
        err,
      );
    }
    this.jieba = mod.Jieba.withDict(dict);
  }

  cut(text: string): string[] {
    return this.jieba.cut(text, this.hmm);
  }

  addWord(word: string, frequency = DEFAULT_WORD_FREQUENCY): void {
    this.addWords([word], frequency);
  }

  addWords(words: readonly string[], frequency = DEFAULT_WORD_FREQUENCY): void {
    if (words.length === 0) return;
    const lines = words.map((w) => {
      // jieba's dictionary format is `word freq [tag]`, one per line: a word cannot hold whitespace.
      if (typeof w !== 'string' || w.length === 0 || /\s/.test(w)) {
        throw new ParameterError(
          'word',
          w,
          'a non-empty string without whitespace (terms with spaces are protected by the tokenizer instead)',
        );
      }
      return `${w} ${Math.round(frequency)}`;
    });
    this.jieba.loadDict(Buffer.from(lines.join('\n') + '\n', 'utf8'));
  }
}

export interface NodejiebaSegmenterOptions {
  /** Use the HMM for unknown words. Default true (without it nodejieba splits ASCII words into letters). */
  readonly hmm?: boolean;
  /** The loaded `nodejieba` module; by default it is `require`d. Mainly for tests and bundlers. */
  readonly module?: NodejiebaModule;
}

/** The part of the `nodejieba` API this adapter uses. */
export interface NodejiebaModule {
  cut(sentence: string, hmm?: boolean): string[];
  insertWord(word: string, tag?: string): boolean | void;
}

/**
 * `nodejieba` (optional, not a dependency). nodejieba keeps one global
 * dictionary per process, so words added through one instance are seen by all.
 */
export class NodejiebaSegmenter implements Segmenter {
  readonly name = 'nodejieba';
  readonly hmm: boolean;
  private readonly mod: NodejiebaModule;

  constructor(options: NodejiebaSegmenterOptions = {}) {
    this.hmm = options.hmm === undefined ? true : check.boolean('hmm', options.hmm);
    this.mod = options.module ?? loadNodejieba();
  }

  cut(text: string): string[] {
    return this.mod.cut(text, this.hmm);
  }

  addWord(word: string): void {
    if (typeof word !== 'string' || word.length === 0) throw new ParameterError('word', word, 'a non-empty string');
    this.mod.insertWord(word);
  }
}

function loadNodejieba(): NodejiebaModule {
  let mod: unknown;
  try {
    mod = require('nodejieba');
  } catch (err) {
    throw new SegmenterUnavailableError(
      'nodejieba',
      "it is an optional backend and not installed. Install it with `npm install nodejieba` (it compiles C++ with node-gyp: needs Python 3 and a C++ toolchain), or use the default segmenter 'jieba' (@node-rs/jieba).",
      err,
    );
  }
  const m = ((mod as { default?: unknown }).default ?? mod) as Partial<NodejiebaModule>;
  if (typeof m.cut !== 'function' || typeof m.insertWord !== 'function') {
    throw new SegmenterUnavailableError(
      'nodejieba',
      'the installed package does not export cut() and insertWord(); install nodejieba ≥ 2.',
    );
  }
  return m as NodejiebaModule;
}

/** Built-in backends by name. */
export type SegmenterName = 'jieba' | 'nodejieba';

export function createSegmenter(name: SegmenterName = 'jieba', options: { hmm?: boolean } = {}): Segmenter {
  if (name === 'jieba') return new JiebaSegmenter(options);
  if (name === 'nodejieba') return new NodejiebaSegmenter(options);
  throw new ParameterError('segmenter', name, "'jieba', 'nodejieba' or an object implementing Segmenter");
}
