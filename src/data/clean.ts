/**
 * cleanText: from scraped job-description markup to plain text a tokenizer can use.
 * Every step is a precompiled regular expression applied once (contacts share one
 * combined pass), and steps whose trigger character is absent are skipped, because
 * this runs on every posting before tokenization.
 */
import { ParameterError } from '../core/index.js';

export interface CleanTextOptions {
  /** Strip HTML tags; block tags (`<br>`, `<p>`, `<li>` …) become line breaks. Default true. */
  readonly html?: boolean;
  /** Decode HTML entities (`&nbsp;`, `&amp;`, `&#39;`, `&#x4e2d;` …) and Excel's `_x000d_` escapes. Default true. */
  readonly entities?: boolean;
  /** Remove Markdown emphasis markers (`**`). Default true. */
  readonly markdown?: boolean;
  /** Unicode NFKC: full-width letters, digits and punctuation become half-width. Default true. */
  readonly nfkc?: boolean;
  /** Remove Chinese mobile numbers, landlines and 400/800 hotlines. Default true. */
  readonly phones?: boolean;
  /** Remove e-mail addresses. Default true. */
  readonly emails?: boolean;
  /** Remove WeChat ids given after 微信/VX/wx … (a bare "微信小程序" is kept). Default true. */
  readonly wechat?: boolean;
  /** Remove QQ numbers given after QQ/扣扣. Default true. */
  readonly qq?: boolean;
  /** Remove URLs (`http(s)://…`, `www.…`). Default true. */
  readonly urls?: boolean;
  /** Drop section headers such as 岗位职责：, 【任职要求】, 二、职位描述 — their content stays. Default true. */
  readonly boilerplate?: boolean;
  /** Keep single line breaks between lines; otherwise all whitespace collapses to single spaces. Default false. */
  readonly keepLineBreaks?: boolean;
}

const OPTION_NAMES = [
  'html',
  'entities',
  'markdown',
  'nfkc',
  'phones',
  'emails',
  'wechat',
  'qq',
  'urls',
  'boilerplate',
  'keepLineBreaks',
] as const;

const EXCEL_ESCAPE = /_x000[dDaA]_/g;

// Tags only when '<' is followed by a letter, '/' or '!': "薪资<5k" and "a < b" are text.
const HTML_TAG = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>/g;
const BLOCK_TAGS = new Set(['br', 'p', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'section', 'hr']);

const ENTITY = /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,7});/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  middot: '·',
  bull: '•',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  laquo: '«',
  raquo: '»',
  times: '×',
  divide: '÷',
  yen: '¥',
  copy: '©',
  reg: '®',
  trade: '™',
  deg: '°',
  acute: '´',
  plusmn: '±',
  sup2: '²',
  sup3: '³',
  frac12: '½',
  rarr: '→',
  larr: '←',
  uarr: '↑',
  darr: '↓',
  hearts: '♥',
  star: '☆',
  check: '✓',
  sim: '∼',
  le: '≤',
  ge: '≥',
  ne: '≠',
  zwsp: '\u200b',
};

function decodeEntity(match: string, body: string): string {
  if (body.charCodeAt(0) === 35 /* # */) {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : match;
  }
  return NAMED_ENTITIES[body] ?? NAMED_ENTITIES[body.toLowerCase()] ?? match;
}

const MARKDOWN_EMPHASIS = /\*\*+/g;

// Contact patterns run after NFKC, so full-width digits and colons are already ASCII.
const CONTACT_PATTERNS = {
  urls: String.raw`(?:https?|ftp):\/\/[A-Za-z0-9\-._~:/?#@!$&*+=%]+|(?<![A-Za-z0-9.@])www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:\/[A-Za-z0-9\-._~:/?#@!$&*+=%]*)?`,
  emails: String.raw`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`,
  // An id needs a separator (微信: abc_123, 微信号 abc, wechat id: abc) or a digit, so that
  // "微信小程序", "wxss" and "WeChat development" stay.
  wechat: String.raw`(?<![A-Za-z])(?:微信|威信|薇信|weixin|wechat|vx|wx|v信)(?:[ \t]*(?:[:：]|号[ \t]*[:：]?|id[ \t]*[:：])[ \t]*[A-Za-z0-9][A-Za-z0-9_-]{4,19}|[ \t]*(?=[A-Za-z0-9_-]*[0-9])[A-Za-z0-9][A-Za-z0-9_-]{4,19})(?![A-Za-z0-9_-])`,
  qq: String.raw`(?<![A-Za-z])(?:qq|扣扣)(?:[ \t]*(?:号|群|号码))?[ \t]*[:：]?[ \t]*[1-9][0-9]{4,11}(?![0-9])`,
  phones: [
    String.raw`(?<![0-9])(?:\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}(?![0-9])`,
    String.raw`(?<![0-9-])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})[- ]?[0-9]{7,8}(?:-[0-9]{1,6})?(?![0-9])`,
    String.raw`(?<![0-9])[48]00[- ]?[0-9]{3}[- ]?[0-9]{4}(?![0-9])`,
  ].join('|'),
} as const;

/** Section headers of Chinese (and some English) job descriptions, longest first within each stem. */
export const BOILERPLATE_HEADERS: readonly string[] = [
  '岗位职责',
  '工作职责',
  '职位职责',
  '主要职责',
  '职责描述',
  '职责范围',
  '岗位描述',
  '职位描述',
  '工作描述',
  '职位详情',
  '岗位说明',
  '职位信息',
  '岗位内容',
  '工作内容',
  '你将负责',
  '你的职责',
  '岗位任职要求',
  '任职要求',
  '任职资格',
  '任职条件',
  '岗位要求',
  '职位要求',
  '工作要求',
  '技能要求',
  '技术要求',
  '能力要求',
  '招聘要求',
  '基本要求',
  '其他要求',
  '岗位基本需求',
  '我们希望你',
  '加分项',
  '优先条件',
  '具备以下者优先',
  '福利待遇',
  '薪资待遇',
  '薪酬福利',
  '薪资福利',
  '公司福利',
  '岗位福利',
  '职位福利',
  '我们提供',
  '岗位亮点',
  '职位亮点',
  '工作时间',
  '工作地点',
  '职责',
  '要求',
  '待遇',
  '福利',
  'job description',
  'job responsibilities',
  'responsibilities',
  'job requirements',
  'requirements',
  'preferred qualifications',
  'qualifications',
  'what you will do',
  'nice to have',
  'benefits',
];

function boilerplatePattern(headers: readonly string[]): RegExp {
  const sorted = [...headers].sort((a, b) => b.length - a.length);
  const names = sorted.map((h) => h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  // Full-width forms too, so that headers go even with `nfkc: false`.
  const numbering = String.raw`(?:[一二三四五六七八九十]{1,2}[、.:：]|[0-9]{1,2}[、.)）]|[(（][一二三四五六七八九十0-9]{1,2}[)）]|[#*>-]+)?`;
  // Bracketed headers anywhere; bare ones only at a line or sentence start and
  // followed by ':' or the end of the line, so "熟悉岗位要求的技能" is left alone.
  return new RegExp(
    String.raw`${numbering}[ \t]*(?:【[ \t]*(?:${names})[ \t]*】|[\[［][ \t]*(?:${names})[ \t]*[\]］])[ \t]*[:：]?` +
      String.raw`|(?<=^|[\n。;!?:；！？：]|[ \t\u3000])${numbering}[ \t]*(?:${names})[ \t]*(?:[:：]|(?=[ \t]*(?:\n|$)))`,
    'gi',
  );
}

const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff]/g;
const HAS_ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff]/;
const ALL_WHITESPACE = /\s+/g;
const HORIZONTAL_WHITESPACE = /[^\S\n]+/g;
const LINE_BREAKS = /[ ]*\n[\s]*/g;

type Cleaner = (text: string) => string;

/**
 * Builds a cleaning function for fixed options; reuse it in loops rather than
 * calling cleanText with an options object each time.
 */
export function createCleaner(options: CleanTextOptions = {}): Cleaner {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an options object');
  for (const [name, value] of Object.entries(options)) {
    if (!(OPTION_NAMES as readonly string[]).includes(name)) {
      throw new ParameterError(`options.${name}`, value, `one of the cleanText options ${OPTION_NAMES.join(', ')}`);
    }
    if (value !== undefined && typeof value !== 'boolean') throw new ParameterError(`options.${name}`, value, 'true or false');
  }
  const on = (name: (typeof OPTION_NAMES)[number], fallback = true) => options[name] ?? fallback;
  const contactSources = (['urls', 'emails', 'wechat', 'qq', 'phones'] as const)
    .filter((name) => on(name))
    .map((name) => CONTACT_PATTERNS[name]);
  const contacts = contactSources.length > 0 ? new RegExp(contactSources.join('|'), 'gi') : undefined;
  const boilerplate = on('boilerplate') ? boilerplatePattern(BOILERPLATE_HEADERS) : undefined;
  const html = on('html');
  const entities = on('entities');
  const markdown = on('markdown');
  const nfkc = on('nfkc');
  const keepLineBreaks = on('keepLineBreaks', false);

  return (text: string): string => {
    if (typeof text !== 'string') throw new ParameterError('text', text, 'a string');
    let out = text;
    if (entities && out.includes('_x000')) out = out.replace(EXCEL_ESCAPE, '\n');
    if (html && out.includes('<')) {
      out = out.replace(HTML_TAG, (_, name: string | undefined) => (name && BLOCK_TAGS.has(name.toLowerCase()) ? '\n' : ' '));
    }
    if (entities && out.includes('&')) out = out.replace(ENTITY, decodeEntity);
    if (markdown && out.includes('**')) out = out.replace(MARKDOWN_EMPHASIS, '');
    if (nfkc) out = out.normalize('NFKC');
    if (contacts) out = out.replace(contacts, ' ');
    if (boilerplate) out = out.replace(boilerplate, ' ');
    if (HAS_ZERO_WIDTH.test(out)) out = out.replace(ZERO_WIDTH, '');
    if (keepLineBreaks) return out.replace(HORIZONTAL_WHITESPACE, ' ').replace(LINE_BREAKS, '\n').trim();
    return out.replace(ALL_WHITESPACE, ' ').trim();
  };
}

const defaultCleaner = createCleaner();
const cleanerCache = new Map<string, Cleaner>();

/**
 * Plain text of a job description: HTML stripped and entities decoded, contact
 * details (phones, e-mail, WeChat, QQ, URLs) removed, NFKC-normalised, section
 * headers dropped, whitespace collapsed. Each step can be switched off.
 */
export function cleanText(text: string, options?: CleanTextOptions): string {
  if (options === undefined) return defaultCleaner(text);
  const key = JSON.stringify(options);
  let cleaner = cleanerCache.get(key);
  if (!cleaner) {
    cleaner = createCleaner(options);
    if (cleanerCache.size > 64) cleanerCache.clear();
    cleanerCache.set(key, cleaner);
  }
  return cleaner(text);
}

/**
 * Words of the section headers of several English words, but the last: a header that starts in
 * a title could run on past the line break into the description (its words are matched with
 * `\s+`, which takes the line break).
 */
const HEADER_WORDS_BEFORE_LAST = [...new Set(BOILERPLATE_HEADERS.filter((h) => h.includes(' ')).flatMap((h) => h.split(' ').slice(0, -1)))];

/**
 * True when the default cleaning of `title + '\n' + description` is, for any description, the
 * default cleaning of the title and that of the description joined by one space (either alone
 * when the other is empty): no step then works across the line break. The patterns of contacts,
 * entities and escapes hold no whitespace, a header's numbering is followed by spaces or tabs
 * only, and every look-around sees a line break as it sees the start or end of the text; only
 * two patterns can take a line break, and a match that does must start in the title: an HTML tag
 * or comment ('<') and a section header of several English words, bracketed or not (its words
 * are matched with `\s+`). Checked against the joined cleaning on the shared corpus and by a
 * property test (test/data/clean.test.ts).
 */
export function cleansApart(title: string): boolean {
  if (title.includes('<')) return false;
  // The headers are matched after NFKC and without case.
  const folded = title.normalize('NFKC').toLowerCase();
  return !HEADER_WORDS_BEFORE_LAST.some((word) => folded.includes(word));
}
