/**
 * The tokenizer: text of a job posting → canonical tokens for embedding.
 *
 * One pass per text:
 *  1. A single regular expression finds ASCII words and protected dictionary
 *     terms (Spring Boot, Node.js, C++, go-zero, B端) case-insensitively. They
 *     are tokenized here and replaced by a line-break placeholder, because
 *     jieba splits on spaces, dots and hyphens and its HMM would otherwise see
 *     ASCII at all (nodejieba without HMM even splits it into letters).
 *  2. The segmenter cuts what is left — Chinese text, punctuation and the
 *     placeholders — in one call, and the ASCII tokens are put back where the
 *     placeholders come out, so token order is preserved.
 *  3. Every token is case-folded, mapped through the synonyms, and dropped if
 *     it is a stop word, a number, punctuation or shorter than `minLength`
 *     (dictionary terms are exempt from the length rule: `c`, `r`, `go`).
 */
import { check, InputError, ParameterError } from '../core/index.js';
import { createSegmenter, type Segmenter, type SegmenterName } from './segmenter.js';
import { ENGLISH_STOP_WORDS, generalChineseStopWords, JD_BOILERPLATE_STOP_WORDS, JD_SECTION_HEADERS } from './stop-words.js';
import { TECH_SYNONYMS, TECH_TERMS } from './tech-dictionary.js';
import { mapTask, taskPool } from '../core/index.js';
import { resolveThreads } from '../core/index.js';
import { tokenizeTask, type TokenizeBlock, type TokenizerRecipe } from './tokenize-task.js';
import { internTokenLists, TokenInterner, unpackTokenLists, type PackedTokenLists } from './token-interning.js';

export interface SynonymOptions {
  /** Use the built-in table (`TECH_SYNONYMS`: golang→go, k8s→kubernetes, js→javascript …). Default true. */
  readonly builtin?: boolean;
  /** Extra or overriding entries, `from → to`; both sides are case-folded and canonicalised. */
  readonly add?: Readonly<Record<string, string>>;
  /** Keys to remove from the table. */
  readonly remove?: readonly string[];
}

export interface StopWordOptions {
  /** The general Chinese list of `stopwords-iso`. Default true. */
  readonly general?: boolean;
  /**
   * The JD boilerplate list (`JD_BOILERPLATE_STOP_WORDS`: 负责, 熟悉, 优先 …). Default false:
   * IDF already discounts words every posting uses, and the list (built on software postings)
   * holds words that name other roles' work (招聘, 薪酬, 分析, 开发) — clustering the labelled
   * sets was better without it (docs/embed.md). Cluster names drop these words themselves.
   */
  readonly boilerplate?: boolean;
  /** A short English function-word list. Default true. */
  readonly english?: boolean;
  readonly add?: readonly string[];
  readonly remove?: readonly string[];
}

export interface TokenizerOptions {
  /** A backend name or your own `Segmenter`. Default `'jieba'` (@node-rs/jieba). */
  readonly segmenter?: Segmenter | SegmenterName;
  /** HMM for unknown words, when `segmenter` is a name. Default true. */
  readonly hmm?: boolean;
  /** Load the built-in tech dictionary (`TECH_TERMS`). Default true. */
  readonly dictionary?: boolean;
  /** Your own terms, kept whole like dictionary terms (may contain spaces, dots, +, #, -). */
  readonly userWords?: readonly string[];
  /** `false` disables synonym folding. Default: built-in table. */
  readonly synonyms?: boolean | SynonymOptions;
  /** `false` disables stop-word removal. Default: the general Chinese and the English list (not the boilerplate list). */
  readonly stopWords?: boolean | StopWordOptions;
  /** Lower-case ASCII letters. Default true. */
  readonly caseFold?: boolean;
  /** Drop tokens shorter than this many characters, unless they are dictionary terms. Default 2. */
  readonly minLength?: number;
  /** Keep numbers and tokens starting with a digit (salaries like 20k). Default false. */
  readonly keepNumbers?: boolean;
  /** Fold versioned names onto a known term: vue3 → vue, python3.8 → python. Default true. */
  readonly stripVersions?: boolean;
  /**
   * Drop junk that names no skill (see `isJunkToken`): job codes and ids (j14901, h3126e,
   * mj011059), URL pieces, and count a sentence repeated within one text once. Default true
   * (chosen by measurement, docs/tokenize.md); `false` or `{ tokens, repeatedSentences }` to switch parts off.
   */
  readonly junk?: boolean | JunkFilterOptions;
}

export interface JunkFilterOptions {
  /** Drop code-like tokens (job codes, ids, URL pieces). Default true. */
  readonly tokens?: boolean;
  /** Keep only the first copy of a sentence repeated within one text. Default true. */
  readonly repeatedSentences?: boolean;
}

/**
 * A job code or reference number: up to 3 letters, 4 or more digits, up to 2 letters
 * (j14901, h3126e, mj011059, b9034l). Posters put them in titles and texts; one code
 * is one posting, so it can only mislead clustering and naming.
 */
export const CODE_TOKEN = /^[a-z]{0,3}\d{4,}[a-z]{0,2}$/i;
/** An id: 8 or more letters and digits with at least 4 digits (hashes, tracking ids). */
const ID_TOKEN = /^(?=(?:[a-z]*\d){4})(?=\d*[a-z])[a-z0-9]{8,}$/i;
/** Pieces of a web address that survive cleaning (scheme, www, a host name). */
const URL_TOKEN = /^(?:https?|www|ftp)$|^www\.|\.(?:com|cn|net|org|io|html?|php|aspx?)$/i;

/** True for a token that names no skill or role: a job code, an id or a URL piece. */
export function isJunkToken(token: string): boolean {
  return CODE_TOKEN.test(token) || ID_TOKEN.test(token) || URL_TOKEN.test(token);
}

/** Sentence ends (Chinese and Western) and line breaks. */
const SENTENCE_END = /[。！？!?；;\r\n]+/;
/** Shorter pieces (一、 or 3年) repeat legitimately; only whole sentences are deduplicated. */
const MIN_REPEATED_SENTENCE = 6;

/**
 * The text with every sentence after its first copy removed. A spam posting that repeats
 * one sentence dozens of times would otherwise make that sentence's words its strongest
 * terms (issue 13: '这是' naming a cluster).
 */
export function dropRepeatedSentences(text: string): string {
  if (!SENTENCE_END.test(text)) return text;
  const pieces = text.split(/([。！？!?；;\r\n]+)/);
  const seen = new Set<string>();
  let out = '';
  let dropped = false;
  for (let i = 0; i < pieces.length; i += 2) {
    const sentence = pieces[i];
    const key = sentence.trim();
    if (key.length >= MIN_REPEATED_SENTENCE) {
      if (seen.has(key)) {
        dropped = true;
        continue;
      }
      seen.add(key);
    }
    out += sentence + (pieces[i + 1] ?? '');
  }
  return dropped ? out : text;
}

/** Whether the boilerplate stop-word list is on by default (measured: off, see the option's doc). */
const DEFAULT_BOILERPLATE_STOP_WORDS = false;

/** Stands in for an ASCII token while the segmenter cuts the Chinese text. */
const PLACEHOLDER = '\n';
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;
const HAS_LETTER = /\p{L}/u;
const STARTS_WITH_DIGIT = /^[0-9]/;
/** Chinese numerals with an optional counter (三年, 两个, 十五天): numbers, dropped like 3年. */
const CHINESE_NUMBER = /^[零一二三四五六七八九十百千万两几半]+[年月日天周个次人名家项岁倍]?$/;
const FULL_WIDTH = /[\uff01-\uff5e\u3000]/;
const LINE_BREAKS = /[\r\n]+/g;
const PURE_CJK = /^[\u3400-\u9fff\uf900-\ufaff]+$/;
const PURE_ALNUM = /^[A-Za-z0-9]+$/;
const VERSIONED = /^([a-z][a-z+#.-]*?)v?\d+(?:\.\d+)*$/;
/** An ASCII word: letters/digits, inner . _ -, an optional trailing ++ or #. */
const ASCII_WORD = '[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*(?:\\+\\+|#)?';

/**
 * jieba dictionaries shared by tokenizers with the same settings (building one
 * takes ≈ 0.3–0.5 s). A tokenizer that adds a Chinese word copies it first.
 */
const SHARED_JIEBA = new Map<string, Segmenter>();

/** Token lists made by `Tokenizer.tokenizeForInterning`, waiting for the caller's interner. */
export interface TokenListsToIntern {
  /** The lists, every token replaced by `interner`'s shared instance (call once). */
  intern(interner: TokenInterner): string[][];
  /**
   * `intern`, with the event loop turning between the workers' parts (≈ 1/8 of a thread's
   * share each): replies of other worker tasks are handled meanwhile, so that the workers
   * are sent their next chunks instead of waiting for the whole interning. Call once,
   * instead of `intern`.
   */
  internAsync(interner: TokenInterner): Promise<string[][]>;
}

export class Tokenizer {
  /**
   * Undefined until first needed when the segmenter is the shared jieba dictionary:
   * at more than one thread the pipeline's own tokenizer only sends its recipe to the
   * workers and never cuts a text, so building its dictionary (≈ 0.3 s) would be wasted.
   */
  private seg: Segmenter | undefined;
  /** Set while this tokenizer uses a shared jieba dictionary it must not change. */
  private sharedKey: string | undefined;
  /** True while the constructor runs on a shared dictionary that already holds its words. */
  private sharedPreloaded = false;
  private readonly hmm: boolean;
  /** Every word this tokenizer gave its segmenter, to replay when it copies a shared one. */
  private readonly segmenterWords: { words: readonly string[]; frequency?: number }[] = [];
  private readonly caseFold: boolean;
  private readonly minLength: number;
  private readonly keepNumbers: boolean;
  private readonly stripVersions: boolean;
  private readonly junkTokens: boolean;
  private readonly repeatedSentences: boolean;
  /** Canonical forms of every dictionary and user term. */
  private readonly known = new Set<string>();
  /** Separator-free, lower-case key → canonical form, for terms the pre-pass must protect. */
  private readonly protectedTerms = new Map<string, string>();
  private readonly protectedPatterns = new Map<string, string>();
  private readonly synonymTable = new Map<string, string>();
  private readonly stopWordSet = new Set<string>();
  private scanner: RegExp | undefined;
  /** Terms and synonym keys shorter than `minLength` (c, r), which must not be dropped by length. */
  private readonly shortTerms = new Set<string>();
  /** How worker threads rebuild this tokenizer; undefined when its segmenter is an object (it cannot cross threads). */
  private readonly recipe: { options: TokenizerOptions; addedWords: { words: readonly string[]; frequency?: number }[] } | undefined;
  private constructed = false;

  constructor(options: TokenizerOptions = {}) {
    if (typeof options !== 'object' || options === null) throw new ParameterError('options', options, 'an options object');
    this.recipe = typeof options.segmenter === 'object' ? undefined : { options: { ...options }, addedWords: [] };
    this.caseFold = options.caseFold === undefined ? true : check.boolean('caseFold', options.caseFold);
    this.minLength = check.integer('minLength', options.minLength ?? 2, 1, 100);
    this.keepNumbers = options.keepNumbers === undefined ? false : check.boolean('keepNumbers', options.keepNumbers);
    this.stripVersions = options.stripVersions === undefined ? true : check.boolean('stripVersions', options.stripVersions);
    const junk = resolveJunk(options.junk);
    this.junkTokens = junk.tokens;
    this.repeatedSentences = junk.repeatedSentences;
    const useDictionary = options.dictionary === undefined ? true : check.boolean('dictionary', options.dictionary);
    this.hmm = options.hmm === undefined ? true : check.boolean('hmm', options.hmm);
    const userWords = options.userWords ?? [];
    if (!Array.isArray(userWords)) throw new ParameterError('userWords', userWords, 'an array of strings');
    userWords.forEach((w, i) => {
      if (typeof w !== 'string' || w.trim().length === 0) throw new ParameterError(`userWords[${i}]`, w, 'a non-empty string');
    });
    const seg = options.segmenter ?? 'jieba';
    if (typeof seg === 'string') {
      check.oneOf('segmenter', seg, ['jieba', 'nodejieba'] as const);
      if (seg === 'jieba' && !userWords.some((w) => PURE_CJK.test(w.trim()))) {
        this.sharedKey = `${this.hmm}|${useDictionary}|${boilerplateEnabled(options.stopWords)}`;
        this.seg = SHARED_JIEBA.get(this.sharedKey);
        this.sharedPreloaded = this.seg !== undefined;
      } else {
        this.seg = createSegmenter(seg, { hmm: this.hmm });
      }
    } else if (typeof seg === 'object' && seg !== null && typeof seg.cut === 'function' && typeof seg.addWord === 'function') {
      this.seg = seg;
    } else {
      throw new ParameterError('segmenter', seg, "'jieba', 'nodejieba' or an object with cut(text) and addWord(word)");
    }
    this.addWords([...(useDictionary ? TECH_TERMS : []), ...userWords]);
    this.initSynonyms(options.synonyms);
    this.initStopWords(options.stopWords);
    this.sharedPreloaded = false;
    this.constructed = true;
  }

  /**
   * True when `tokenizeAllAsync` can use worker threads: the segmenter is built in
   * by name. A segmenter object of your own cannot cross threads, so such a
   * tokenizer tokenizes on the calling thread.
   */
  get parallelizable(): boolean {
    return this.recipe !== undefined;
  }

  /** The segmenter in use (a shared jieba dictionary is built here on first use). */
  get segmenter(): Segmenter {
    if (this.seg !== undefined) return this.seg;
    // Only the shared jieba path leaves the segmenter unbuilt (the constructor builds the others).
    const key = this.sharedKey;
    let seg = key !== undefined ? SHARED_JIEBA.get(key) : undefined;
    if (seg === undefined) {
      seg = createSegmenter('jieba', { hmm: this.hmm });
      for (const batch of this.segmenterWords) loadWords(seg, batch.words, batch.frequency);
      if (key !== undefined) SHARED_JIEBA.set(key, seg);
    }
    return (this.seg = seg);
  }

  /** Keep `word` whole from now on (a term with spaces, dots, +, # or - included). */
  addWord(word: string, frequency?: number): void {
    this.addWords([word], frequency);
  }

  addWords(words: readonly string[], frequency?: number): void {
    if (this.constructed && this.recipe) this.recipe.addedWords.push({ words: [...words], frequency });
    const chinese: string[] = [];
    for (const word of words) {
      if (typeof word !== 'string' || word.trim().length === 0) throw new ParameterError('word', word, 'a non-empty string');
      const term = word.trim();
      const canonical = this.canonical(term);
      this.known.add(canonical);
      if (term.length < this.minLength) this.shortTerms.add(term).add(canonical);
      if (PURE_CJK.test(term)) chinese.push(term);
      else if (!PURE_ALNUM.test(term)) {
        this.protectedTerms.set(separatorFreeKey(term), canonical);
        this.protectedPatterns.set(separatorFreeKey(term), termPattern(term));
        this.scanner = undefined;
      }
    }
    this.addSegmenterWords(chinese, frequency);
  }

  private addSegmenterWords(words: readonly string[], frequency?: number): void {
    if (words.length === 0) return;
    this.segmenterWords.push({ words: [...words], frequency });
    // A shared dictionary built by an earlier tokenizer with the same settings already has them.
    if (this.sharedPreloaded) return;
    // Not built yet, or the shared dictionary (a set sharedKey means one of the two): `segmenter`
    // builds it with every word so far. A word added after the constructor makes the dictionary
    // this tokenizer's own (copy-on-write: other tokenizers must not see it).
    if (this.seg === undefined || this.sharedKey !== undefined) {
      if (this.constructed) {
        this.seg = undefined;
        this.sharedKey = undefined;
      }
      return;
    }
    loadWords(this.seg, words, frequency);
  }

  /** The synonym table in use (canonical `from → to`). */
  get synonyms(): ReadonlyMap<string, string> {
    return this.synonymTable;
  }

  /** The stop words in use (canonical forms). */
  get stopWords(): ReadonlySet<string> {
    return this.stopWordSet;
  }

  /** Tokens of one text, in order. */
  tokenize(text: string): string[] {
    if (typeof text !== 'string') throw new ParameterError('text', text, 'a string');
    return this.run(text);
  }

  /** Tokens of each text; a non-string entry is reported with its index. */
  tokenizeAll(texts: readonly string[]): string[][] {
    if (!Array.isArray(texts)) throw new ParameterError('texts', texts, 'an array of strings');
    const out: string[][] = new Array(texts.length);
    for (let i = 0; i < texts.length; i++) {
      const t = texts[i];
      if (typeof t !== 'string') throw new InputError(`texts[${i}] is ${t === null ? 'null' : typeof t}, expected a string.`, i);
      out[i] = this.run(t);
    }
    return out;
  }

  /**
   * `tokenizeAll` on `threads` worker threads (default: every core; 1 = the calling
   * thread). Each worker builds a tokenizer with this one's options and added words,
   * so the tokens are identical for any thread count. A tokenizer with a segmenter
   * object of your own (see `parallelizable`) runs on the calling thread. A
   * non-string text rejects with an InputError naming its index.
   */
  async tokenizeAllAsync(texts: readonly string[], { threads }: { threads?: number } = {}): Promise<string[][]> {
    if (!Array.isArray(texts)) throw new ParameterError('texts', texts, 'an array of strings');
    if (!this.recipe || resolveThreads(threads) === 1) return this.tokenizeAll(texts);
    return unpackTokenLists(await this.tokenizePacked(texts, resolveThreads(threads)), new TokenInterner());
  }

  /**
   * `tokenizeAllAsync` for callers that intern tokens themselves (the pipeline): the
   * token lists, once they are made, with every token as `interner`'s shared instance
   * (`intern`, called once). From the workers they come packed (`PackedTokenLists`:
   * distinct tokens once, the lists as ids), so that this thread does not read a string
   * object per token occurrence; at one thread, or with a segmenter object, they are
   * tokenized on this thread and interned as they are.
   */
  async tokenizeForInterning(texts: readonly string[], { threads }: { threads?: number } = {}): Promise<TokenListsToIntern> {
    if (!Array.isArray(texts)) throw new ParameterError('texts', texts, 'an array of strings');
    const n = resolveThreads(threads);
    if (!this.recipe || n === 1) {
      const lists = this.tokenizeAll(texts);
      const intern = (interner: TokenInterner) => internTokenLists(lists, interner);
      return { intern, internAsync: async (interner) => intern(interner) };
    }
    const parts = await this.tokenizePacked(texts, n);
    return {
      intern: (interner) => unpackTokenLists(parts, interner),
      async internAsync(interner) {
        // Part by part, in order: the same interning (and ids) as `intern`.
        const lists: string[][] = [];
        for (let p = 0; p < parts.length; p++) {
          if (p > 0) await new Promise((resolve) => setImmediate(resolve));
          for (const list of unpackTokenLists([parts[p]], interner)) lists.push(list);
        }
        return lists;
      },
    };
  }

  /** Packed token lists of `texts` from `threads` workers, in blocks of ≈ 1/8 of a thread's share. */
  private tokenizePacked(texts: readonly string[], threads: number): Promise<PackedTokenLists[]> {
    // As many blocks as the pool would cut chunks, so that a slow block does not leave a thread idle.
    const size = Math.max(1, Math.ceil(texts.length / (threads * 8)));
    const blocks: TokenizeBlock[] = [];
    for (let start = 0; start < texts.length; start += size) blocks.push({ start, texts: texts.slice(start, start + size) });
    return mapTask(tokenizeTask, blocks, { context: this.recipe!, threads, chunkSize: 1 });
  }

  /**
   * Build this tokenizer on `threads` worker threads ahead of `tokenizeAllAsync`
   * (loading jieba's dictionary takes a few tenths of a second per thread). The
   * workers do it when they have nothing else queued, so it can overlap work the
   * calling thread does, such as the end of duplicate detection.
   */
  async warmUpWorkers({ threads }: { threads?: number } = {}): Promise<void> {
    if (!this.recipe || resolveThreads(threads) === 1) return;
    const recipe: TokenizerRecipe = this.recipe;
    await taskPool().warm(tokenizeTask, recipe, { threads });
  }

  private run(input: string): string[] {
    let text = FULL_WIDTH.test(input) ? input.normalize('NFKC') : input;
    if (this.repeatedSentences) text = dropRepeatedSentences(text);
    if (text.includes('\n') || text.includes('\r')) text = text.replace(LINE_BREAKS, ' ');
    const scanner = (this.scanner ??= this.buildScanner());
    scanner.lastIndex = 0;
    const ascii: (string | null)[] = [];
    let rest = '';
    let last = 0;
    for (let m = scanner.exec(text); m !== null; m = scanner.exec(text)) {
      rest += text.slice(last, m.index) + PLACEHOLDER;
      last = m.index + m[0].length;
      ascii.push(
        m[1] !== undefined
          ? this.accept(this.protectedTerms.get(separatorFreeKey(m[1])) ?? this.canonical(m[1]), true)
          : this.asciiWord(m[0]),
      );
    }
    rest += text.slice(last);

    const tokens: string[] = [];
    let next = 0;
    const pushAscii = () => {
      const t = next < ascii.length ? ascii[next] : null;
      next++;
      if (t !== null) tokens.push(t);
    };
    for (const piece of this.segmenter.cut(rest)) {
      if (piece === PLACEHOLDER) {
        pushAscii();
        continue;
      }
      if (piece.includes(PLACEHOLDER)) {
        // A custom segmenter merged placeholders into a token: split it back.
        const parts = piece.split(PLACEHOLDER);
        for (let k = 0; k < parts.length; k++) {
          if (k > 0) pushAscii();
          const t = parts[k].trim() && this.accept(this.fold(parts[k].trim()), false);
          if (t) tokens.push(t);
        }
        continue;
      }
      // Punctuation, spaces and single characters are most of what jieba returns: drop them without lookups.
      if (piece.length < this.minLength && !this.shortTerms.has(piece)) continue;
      const t = this.accept(this.fold(piece), false);
      if (t !== null) tokens.push(t);
    }
    // A segmenter that drops whitespace loses the placeholders; keep the ASCII tokens anyway.
    while (next < ascii.length) pushAscii();
    return tokens;
  }

  private asciiWord(word: string): string | null {
    let t = this.fold(word);
    if (this.stripVersions && !this.known.has(t) && !this.synonymTable.has(t)) {
      const m = VERSIONED.exec(t);
      if (m && (this.known.has(m[1]) || this.synonymTable.has(m[1]))) t = m[1];
    }
    return this.accept(t, false);
  }

  /** Synonyms, then the filters. Returns null when the token is dropped. */
  private accept(token: string, isTerm: boolean): string | null {
    const folded = this.synonymTable.get(token);
    const t = folded ?? token;
    const term = isTerm || folded !== undefined || this.known.has(t);
    // Most tokens jieba returns are punctuation, spaces and single characters: drop them first.
    if (t.length < this.minLength && !term) return null;
    if (this.stopWordSet.has(t) || (folded !== undefined && this.stopWordSet.has(token))) return null;
    if (term) return t;
    const c = t.charCodeAt(0);
    if (c >= 0x4e00 && c <= 0x9fff) return this.keepNumbers || !CHINESE_NUMBER.test(t) ? t : null;
    if (!HAS_WORD_CHAR.test(t)) return null;
    if (!this.keepNumbers && (!HAS_LETTER.test(t) || STARTS_WITH_DIGIT.test(t))) return null;
    if (this.junkTokens && c < 0x80 && HAS_LETTER.test(t) && isJunkToken(t)) return null;
    return t;
  }

  /** Case folding; the segmenter's pieces are mostly Chinese, where there is nothing to fold. */
  private fold(token: string): string {
    return this.caseFold && token.charCodeAt(0) < 0x2e80 ? token.toLowerCase() : token;
  }

  /** Lower case (when folding) and inner whitespace as '-', so that tokens never contain spaces. */
  private canonical(term: string): string {
    return this.fold(term.trim()).replace(/\s+/g, '-');
  }

  private buildScanner(): RegExp {
    // Longest first, so that 'Spring Cloud Alibaba' wins over 'Spring Cloud'.
    const patterns = [...this.protectedPatterns.values()].sort((a, b) => b.length - a.length);
    const source = patterns.length > 0 ? `(${patterns.join('|')})|${ASCII_WORD}` : ASCII_WORD;
    return new RegExp(source, 'gi');
  }

  private initSynonyms(option: TokenizerOptions['synonyms']): void {
    if (option === false) return;
    const opts: SynonymOptions = option === undefined || option === true ? {} : option;
    if (typeof opts !== 'object' || opts === null) throw new ParameterError('synonyms', option, 'true, false or { builtin, add, remove }');
    if (opts.builtin ?? true) for (const [from, to] of Object.entries(TECH_SYNONYMS)) this.synonymTable.set(from, to);
    for (const [from, to] of Object.entries(opts.add ?? {})) {
      if (typeof to !== 'string' || to.trim() === '') throw new ParameterError(`synonyms.add['${from}']`, to, 'a non-empty string');
      this.synonymTable.set(this.canonical(from), this.canonical(to));
    }
    for (const from of this.synonymTable.keys()) if (from.length < this.minLength) this.shortTerms.add(from);
    for (const from of opts.remove ?? []) this.synonymTable.delete(this.canonical(from));
  }

  private initStopWords(option: TokenizerOptions['stopWords']): void {
    if (option === false) return;
    const opts: StopWordOptions = option === undefined || option === true ? {} : option;
    if (typeof opts !== 'object' || opts === null)
      throw new ParameterError('stopWords', option, 'true, false or { general, boilerplate, english, add, remove }');
    const lists: (readonly string[])[] = [];
    if (opts.general ?? true) lists.push(generalChineseStopWords());
    if (opts.boilerplate ?? DEFAULT_BOILERPLATE_STOP_WORDS) {
      lists.push(JD_BOILERPLATE_STOP_WORDS, JD_SECTION_HEADERS);
      this.addSegmenterWords(JD_SECTION_HEADERS);
    }
    if (opts.english ?? true) lists.push(ENGLISH_STOP_WORDS);
    if (opts.add) lists.push(opts.add);
    for (const list of lists) for (const w of list) this.stopWordSet.add(this.canonical(w));
    for (const w of opts.remove ?? []) this.stopWordSet.delete(this.canonical(w));
  }
}

/** A tokenizer with `options`; see `TokenizerOptions` for the defaults. */
export function createTokenizer(options: TokenizerOptions = {}): Tokenizer {
  return new Tokenizer(options);
}

function loadWords(segmenter: Segmenter, words: readonly string[], frequency?: number): void {
  if (segmenter.addWords) segmenter.addWords(words, frequency);
  else for (const w of words) segmenter.addWord(w, frequency);
}

function resolveJunk(option: TokenizerOptions['junk']): Required<JunkFilterOptions> {
  if (option === undefined || option === true) return { tokens: true, repeatedSentences: true };
  if (option === false) return { tokens: false, repeatedSentences: false };
  if (typeof option !== 'object' || option === null)
    throw new ParameterError('junk', option, 'true, false or { tokens, repeatedSentences }');
  return {
    tokens: option.tokens === undefined ? true : check.boolean('junk.tokens', option.tokens),
    repeatedSentences: option.repeatedSentences === undefined ? true : check.boolean('junk.repeatedSentences', option.repeatedSentences),
  };
}

function boilerplateEnabled(option: TokenizerOptions['stopWords']): boolean {
  if (option === false) return false;
  if (typeof option === 'object' && option !== null) return option.boilerplate ?? DEFAULT_BOILERPLATE_STOP_WORDS;
  return DEFAULT_BOILERPLATE_STOP_WORDS;
}

function separatorFreeKey(term: string): string {
  return term.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * A case-insensitive pattern for a protected term, ASCII edges bounded. A space
 * in the term matches any separator or none (SpringBoot, spring-boot); a hyphen
 * or underscore needs some separator, so that CO-RE does not match 'core'.
 */
function termPattern(term: string): string {
  let p = '';
  let i = 0;
  const chars = [...term];
  while (i < chars.length) {
    if (/[\s_-]/.test(chars[i])) {
      let j = i;
      let spaceOnly = true;
      while (j < chars.length && /[\s_-]/.test(chars[j])) {
        if (!/\s/.test(chars[j])) spaceOnly = false;
        j++;
      }
      p += spaceOnly ? '[\\s_-]*' : '[\\s_-]+';
      i = j;
      continue;
    }
    p += chars[i].replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    i++;
  }
  if (/^[A-Za-z0-9]/.test(term)) p = `(?<![A-Za-z0-9])${p}`;
  if (/[A-Za-z0-9]$/.test(term)) p = `${p}(?![A-Za-z0-9])`;
  return p;
}
