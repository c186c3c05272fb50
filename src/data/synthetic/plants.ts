/**
 * Planted effects of the synthetic corpus: the answer key that the facet, salary and
 * trend statistics are checked against (issue #14 item 7). Each plant is switchable;
 * `plants: 'none'` gives the same kind of corpus (many employers, dated over many
 * months, with experience, education and 几薪) with nothing planted, for false-flag rates.
 */
import { check, ParameterError } from '../../core/index.js';
import type { Random } from '../../core/index.js';
import { normalizeCompany } from '../company.js';
import type { Archetype } from './archetypes.js';
import { CITIES } from './boilerplate.js';

export interface PlantOptions {
  /** A true platform × archetype over-representation, spread over many employers. Default ZHILIAN × data-engineering × 2.5. */
  readonly bias?: false | { readonly platform?: string; readonly archetype?: string; readonly factor?: number };
  /**
   * One employer posting a burst of paraphrased (not duplicate) ads of one role on one
   * platform: same company, salary and title, the same layout, different sentences.
   * Default 51JOB, java-backend, 恒通电子有限公司, 2 % of n (at least 20).
   */
  readonly burst?:
    false | { readonly platform?: string; readonly archetype?: string; readonly company?: string; readonly postings?: number };
  /** A platform whose postings are mostly title-only (empty description). Default LIEPIN, share 0.85. */
  readonly titleOnly?: false | { readonly platform?: string; readonly share?: number };
  /** A salary premium for one archetype in one city (0.34 = +34 %). Default cloud-native in 深圳, 0.34. */
  readonly premium?: false | { readonly archetype?: string; readonly city?: string; readonly premium?: number };
  /**
   * A change in one archetype's share from a known month on: its weight is multiplied by
   * `factor` (> 1 up, < 1 down). Default ai-infra from the middle month, factor 3.
   */
  readonly trend?: false | { readonly archetype?: string; readonly month?: string; readonly factor?: number };
  /** First month of the posting dates, yyyy-mm. Default 2023-01. */
  readonly startMonth?: string;
  /** Number of months the dates span (≥ 18 so that a monthly series can be tested). Default 24. */
  readonly months?: number;
}

/** What was planted; every field is null when that plant is off. */
export interface PlantTruth {
  readonly bias: { readonly platform: string; readonly archetype: string; readonly factor: number } | null;
  readonly burst: {
    readonly platform: string;
    readonly archetype: string;
    readonly company: string;
    /** `normalizeCompany(company)`: the employer key the facet and template code see. */
    readonly companyKey: string;
    readonly title: string;
    readonly salaryMin: number;
    readonly salaryMax: number;
    /** Indices into `jobs` of the burst's postings. */
    readonly indices: readonly number[];
  } | null;
  readonly titleOnly: { readonly platform: string; readonly share: number; readonly postings: number } | null;
  /** Salaries of the archetype's postings in the city are multiplied by 1 + premium. */
  readonly premium: { readonly archetype: string; readonly city: string; readonly premium: number } | null;
  readonly trend: { readonly archetype: string; readonly month: string; readonly factor: number; readonly direction: 'up' | 'down' } | null;
  /** The months the dates span, yyyy-mm, first to last. */
  readonly months: readonly string[];
}

export interface ResolvedPlants {
  readonly bias: PlantTruth['bias'];
  readonly burst: { platform: string; archetype: string; company: string; postings: number } | null;
  readonly titleOnly: { platform: string; share: number } | null;
  readonly premium: PlantTruth['premium'];
  readonly trend: PlantTruth['trend'];
  readonly months: readonly string[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

function monthList(start: string, count: number): string[] {
  const match = MONTH.exec(start);
  if (!match) throw new ParameterError('plants.startMonth', start, 'a month yyyy-mm');
  const year = Number(match[1]);
  const month = Number(match[2]) - 1;
  return Array.from({ length: count }, (_, k) => {
    const m = month + k;
    return `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

function option<T extends object>(name: string, value: false | T | undefined): T | null {
  if (value === false) return null;
  if (value === undefined) return {} as T;
  if (value === null || typeof value !== 'object') throw new ParameterError(`plants.${name}`, value, 'false or an options object');
  return value;
}

function oneOf(name: string, value: string, allowed: readonly string[]): string {
  if (!allowed.includes(value)) throw new ParameterError(name, value, `one of ${allowed.join(', ')}`);
  return value;
}

/** Checks the plant options against the generated platforms and archetypes and fills the defaults. */
export function resolvePlants(
  plants: 'none' | PlantOptions,
  platforms: readonly string[],
  archetypes: readonly Archetype[],
  n: number,
): ResolvedPlants {
  const keys = archetypes.map((a) => a.key);
  const none: PlantOptions = { bias: false, burst: false, titleOnly: false, premium: false, trend: false };
  const options = plants === 'none' ? none : plants;
  if (options === null || typeof options !== 'object') throw new ParameterError('plants', plants, "'none' or a plant options object");
  const count = check.integer('plants.months', options.months ?? 24, 18, 600);
  const months = monthList(options.startMonth ?? '2023-01', count);
  const platformOr = (preferred: string, avoid: string[] = []) =>
    platforms.includes(preferred) && !avoid.includes(preferred) ? preferred : (platforms.find((p) => !avoid.includes(p)) ?? platforms[0]);
  const archetypeOr = (preferred: string) => (keys.includes(preferred) ? preferred : keys[0]);

  const b = option('bias', options.bias);
  const bias = b && {
    platform: oneOf('plants.bias.platform', b.platform ?? platformOr('ZHILIAN'), platforms),
    archetype: oneOf('plants.bias.archetype', b.archetype ?? archetypeOr('data-engineering'), keys),
    factor: check.number('plants.bias.factor', b.factor ?? 2.5, 0, 1000, { minExclusive: true }),
  };
  const t = option('titleOnly', options.titleOnly);
  const titleOnly = t && {
    platform: oneOf('plants.titleOnly.platform', t.platform ?? platformOr('LIEPIN', bias ? [bias.platform] : []), platforms),
    share: check.number('plants.titleOnly.share', t.share ?? 0.85, 0, 1),
  };
  if (bias && titleOnly && bias.platform === titleOnly.platform) {
    throw new ParameterError('plants.titleOnly.platform', titleOnly.platform, `a platform other than the biased one (${bias.platform})`);
  }
  const u = option('burst', options.burst);
  const burst = u && {
    platform: oneOf('plants.burst.platform', u.platform ?? platformOr('51JOB'), platforms),
    archetype: oneOf('plants.burst.archetype', u.archetype ?? archetypeOr('java-backend'), keys),
    company: u.company ?? '恒通电子有限公司',
    postings: check.integer('plants.burst.postings', u.postings ?? Math.max(20, Math.round(0.02 * n)), 2, Math.max(2, n - 1)),
  };
  if (burst && (typeof burst.company !== 'string' || normalizeCompany(burst.company) === '')) {
    throw new ParameterError('plants.burst.company', burst.company, 'a company name');
  }
  if (burst && burst.postings >= n) throw new ParameterError('plants.burst.postings', burst.postings, `fewer than n = ${n}`);
  const p = option('premium', options.premium);
  const premium = p && {
    archetype: oneOf('plants.premium.archetype', p.archetype ?? archetypeOr('cloud-native'), keys),
    city: oneOf('plants.premium.city', p.city ?? '深圳', CITIES),
    premium: check.number('plants.premium.premium', p.premium ?? 0.34, -0.9, 10),
  };
  const r = option('trend', options.trend);
  let trend: PlantTruth['trend'] = null;
  if (r) {
    const month = r.month ?? months[Math.floor(months.length / 2)];
    // The change needs months on both sides to be detectable.
    const at = months.indexOf(month);
    if (at < 3 || at > months.length - 3) {
      throw new ParameterError('plants.trend.month', month, `a month from ${months[3]} to ${months[months.length - 3]}`);
    }
    const factor = check.number('plants.trend.factor', r.factor ?? 3, 0, 1000, { minExclusive: true });
    if (factor === 1) throw new ParameterError('plants.trend.factor', factor, 'a factor other than 1 (1 plants no change)');
    trend = {
      archetype: oneOf('plants.trend.archetype', r.archetype ?? archetypeOr('ai-infra'), keys),
      month,
      factor,
      direction: factor > 1 ? 'up' : 'down',
    };
  }
  return { bias, burst, titleOnly, premium, trend, months };
}

// Employer names of the planted corpus: two syllables give ~1,000 distinct employer
// keys, so that a company-level test has many companies per cell (the demo's default
// corpus has 20 brands).
const FIRST = [
  '云',
  '星',
  '极',
  '数',
  '深',
  '青',
  '灵',
  '启',
  '鲲',
  '远',
  '智',
  '衡',
  '澜',
  '涌',
  '锦',
  '北',
  '驰',
  '微',
  '拓',
  '朗',
  '恒',
  '嘉',
  '博',
  '睿',
  '泰',
  '弘',
  '卓',
  '汇',
  '鼎',
  '华',
  '瑞',
  '晨',
];
const SECOND = [
  '帆',
  '河',
  '光',
  '擎',
  '蓝',
  '藤',
  '犀',
  '明',
  '鹏',
  '航',
  '弈',
  '岳',
  '舟',
  '泉',
  '程',
  '辰',
  '骋',
  '澜',
  '维',
  '新',
  '达',
  '源',
  '峰',
  '宇',
  '合',
  '盛',
  '信',
  '联',
  '途',
  '诺',
  '图',
];
const SUFFIX = ['科技有限公司', '网络科技有限公司', '信息技术有限公司', '软件有限公司', '智能科技有限公司', '数据股份有限公司'];

/** A company name, `<city><two syllables><suffix>`; the employer key is the two syllables. */
export function plantedCompanyName(rng: Random, city: string): string {
  return `${city}${rng.pick(FIRST)}${rng.pick(SECOND)}${rng.pick(SUFFIX)}`;
}

const EXPERIENCE_YEARS = [0, 1, 2, 3, 3, 5, 5, 8, 10];
const EDUCATION_DRAWS = ['本科', '本科', '本科', '本科', '大专', '大专', '硕士', '不限', '博士'];
const EDUCATION_PAY: Readonly<Record<string, number>> = { 大专: 0.9, 本科: 1, 硕士: 1.12, 博士: 1.25, 不限: 0.95 };

export interface PostingExtras {
  readonly experienceYears: number;
  readonly education: string;
  readonly monthsPaid: number | undefined;
  /** Multiplier of the salary from experience and education (planted corpus only). */
  readonly payFactor: number;
}

/** Experience, education and 几薪 of one posting. */
export function drawExtras(rng: Random): PostingExtras {
  const experienceYears = rng.pick(EXPERIENCE_YEARS);
  const education = rng.pick(EDUCATION_DRAWS);
  const monthsPaid = rng.next() < 0.5 ? undefined : 12 + rng.int(5);
  // 4 % a year of experience and a degree premium: enough for the adjusted premium to differ from the raw one.
  return { experienceYears, education, monthsPaid, payFactor: (1 + 0.04 * experienceYears) * (EDUCATION_PAY[education] ?? 1) };
}

/** A date in the given month (day 1–28, so every month has it). */
export function dateInMonth(rng: Random, month: string): string {
  return `${month}-${String(1 + rng.int(28)).padStart(2, '0')}`;
}
