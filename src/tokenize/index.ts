/**
 * Tokenizer stage: Chinese/English job-description text → canonical tokens
 * (jieba segmentation, tech dictionary, synonyms, stop words).
 */
export { Tokenizer, createTokenizer, isJunkToken, dropRepeatedSentences, CODE_TOKEN } from './tokenizer.js';
export type { TokenizerOptions, SynonymOptions, StopWordOptions, JunkFilterOptions, TokenListsToIntern } from './tokenizer.js';
export { TokenInterner } from './token-interning.js';
export { JiebaSegmenter, NodejiebaSegmenter, SegmenterUnavailableError, createSegmenter, DEFAULT_WORD_FREQUENCY } from './segmenter.js';
export type { Segmenter, SegmenterName, JiebaSegmenterOptions, NodejiebaSegmenterOptions, NodejiebaModule } from './segmenter.js';
export { TECH_TERMS, TECH_SYNONYMS } from './tech-dictionary.js';
export { JD_BOILERPLATE_STOP_WORDS, JD_SECTION_HEADERS, ENGLISH_STOP_WORDS, generalChineseStopWords } from './stop-words.js';
