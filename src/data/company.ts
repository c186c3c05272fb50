/**
 * `normalizeCompany`: one key per employer. Recruiters type company names freely, so one
 * employer appears as 华为, 华为技术有限公司, 西安华为, 华为技术(深圳)有限公司 or 华为-西安;
 * counting those as four companies makes one employer look like a platform-wide
 * pattern. The key drops what varies between spellings of one name — legal form,
 * branch, place names, parenthesised parts and generic industry words — and keeps the
 * distinctive core. It does not know that two different names are one group (阿里 /
 * 阿里巴巴, 抖音 / 字节跳动); that would need an alias table.
 */
import { AMBIGUOUS_CITY_PREFIXES, CITIES, PROVINCES } from './places.js';

const byLength = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length);
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const PARENTHESISED = /[(（[［【][^()（）[\]［］【】]*[)）\]］】]/g;
const UNCLOSED_PARENTHESIS = /[(（[［【][^)）\]］】]*$/;
const TRUNCATION = /(?:\.{2,}|…+)$/;
// Branch offices and subsidiaries' separators: 华为-西安, 字节跳动·大力教育, 高知特 Cognizant.
const SEPARATOR = /\s*[-·—–|/／]\s*|\s+/;
// The legal form ends the name; anything after it is a branch (…有限公司武汉分公司, …有限公司杭研).
const LEGAL_FORM = /(?:股份)?有限(?:责任)?公司|股份(?:合作)?公司|分公司|总公司|公司|集团|事务所|工作室|经营部|个体工商户|合伙企业/;
const PLACE_PREFIX = new RegExp(
  `^(?:${byLength([...PROVINCES, ...CITIES].filter((p) => !AMBIGUOUS_CITY_PREFIXES.has(p)))
    .map(escape)
    .join('|')})(?:省|市|自治区)?`,
);
const PLACE_SUFFIX = new RegExp(
  `(?:${byLength(CITIES.filter((p) => !AMBIGUOUS_CITY_PREFIXES.has(p)))
    .map(escape)
    .join('|')})(?:市|分部|办事处)?$`,
);
/** Generic words that end company names (科技, 技术, 软件 …), stripped from the end one by one. */
export const COMPANY_GENERIC_SUFFIXES: readonly string[] = [
  '信息技术',
  '网络科技',
  '科技',
  '技术',
  '信息',
  '网络',
  '软件',
  '电子',
  '数字',
  '数码',
  '智能',
  '实业',
  '发展',
  '服务',
  '咨询',
  '管理',
  '控股',
  '股份',
  '国际',
  '云计算',
  '计算机',
  '系统',
  '集成',
  '互联网',
  '通信',
  '通讯',
  '研究所',
  '研究院',
  '研发中心',
  '研所',
  '工程',
  '贸易',
  '商贸',
  '有限',
  '企业',
  '中国',
];
const GENERIC_SUFFIX = new RegExp(`(?:${byLength(COMPANY_GENERIC_SUFFIXES).map(escape).join('|')})$`);
/** Shortest key the stripping may leave: a two-character core such as 华为 or 美团. */
const MIN_CORE = 2;

/** Names whose key `normalizeCompany` keeps (about 100 bytes each; forgotten all at once when full). */
const KEYS_REMEMBERED = 200_000;
const keyOfName = new Map<string, string>();

/**
 * The employer key of a company name (华为 / 华为技术有限公司 / 西安华为 /
 * 华为技术(深圳)有限公司 / 华为-西安 → 华为). Steps: NFKC and ASCII lower case; drop
 * parenthesised parts and a truncation "…"; keep the part before a separator; cut at the
 * legal form (有限公司, 集团 …); then strip leading province/city names and trailing city
 * names and generic words (科技, 技术 …) while at least two characters remain.
 * Anonymous names (某知名公司) are kept whole, since they are not one employer; empty → ''.
 */
export function normalizeCompany(name: string): string {
  // Remembered per name: a run asks for the same names many times over (templates, facets,
  // the report's rows; a corpus has about half as many names as postings), and each answer
  // costs several regular expressions over the place lists.
  let key = keyOfName.get(name);
  if (key === undefined) {
    if (keyOfName.size >= KEYS_REMEMBERED) keyOfName.clear();
    key = employerKey(name);
    keyOfName.set(name, key);
  }
  return key;
}

function employerKey(name: string): string {
  let text = name.normalize('NFKC').trim().toLowerCase();
  if (text === '') return '';
  if (text.startsWith('某')) return text.replace(/\s+/g, '');
  text = text.replace(TRUNCATION, '').replace(PARENTHESISED, '').replace(UNCLOSED_PARENTHESIS, '').trim();
  const first = text.split(SEPARATOR).find((part) => part !== '');
  if (first !== undefined && length(first) >= MIN_CORE) text = first;
  const legal = LEGAL_FORM.exec(text);
  if (legal && legal.index >= MIN_CORE) text = text.slice(0, legal.index);
  for (let changed = true; changed;) {
    changed = false;
    for (const pattern of [PLACE_PREFIX, PLACE_SUFFIX, GENERIC_SUFFIX]) {
      const stripped = text.replace(pattern, '');
      if (stripped !== text && length(stripped) >= MIN_CORE) {
        text = stripped;
        changed = true;
      }
    }
  }
  text = text.replace(/[\s.,，。:：;；'"“”‘’&+*!！?？_-]+/g, '');
  return text === '' ? name.normalize('NFKC').trim().toLowerCase() : text;
}

function length(text: string): number {
  return [...text].length;
}
