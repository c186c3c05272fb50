/**
 * Mapping source columns to JobPosting fields. Real exports name their columns in
 * Chinese (职位自编号, 发布平台 …) or English (id, platform …); the common names map
 * automatically and `fields` maps anything else.
 */
import { ParameterError } from '../core/index.js';
import { usableDate } from './dates.js';
import { normalizeEducation } from './education.js';
import { parseExperience } from './experience.js';
import type { JobPosting, RawValue } from './job-posting.js';

/** The JobPosting fields that can be read from a source column. */
export const JOB_FIELDS = [
  'id',
  'platform',
  'title',
  'description',
  'city',
  'company',
  'salaryMin',
  'salaryMax',
  'postedAt',
  'experience',
  'education',
  'monthsPaid',
  'scannedAt',
  'updatedAt',
] as const;
export type JobField = (typeof JOB_FIELDS)[number];

/** Source column for a field (or several candidates, the first non-empty wins). */
export type FieldMapping = Partial<Record<JobField, string | readonly string[]>>;

/**
 * Column names recognised without configuration, compared after `normalizeColumnName`
 * (case, spaces, `_` and `-` ignored). Order matters: earlier names win when a
 * record has several (e.g. both 职位描述 and 描述).
 */
export const DEFAULT_FIELD_ALIASES: Readonly<Record<JobField, readonly string[]>> = {
  id: ['职位自编号', '职位编号', '职位ID', '岗位编号', '编号', 'id', 'job_id', 'posting_id'],
  platform: ['发布平台', '平台', '来源平台', '来源', '招聘平台', 'platform', 'source', 'site'],
  title: ['职位', '职位名称', '岗位', '岗位名称', '职位标题', 'title', 'job_title', 'position'],
  description: ['职位描述', '岗位描述', '职位详情', '职位介绍', '岗位职责', '描述', 'description', 'job_description', 'desc', 'jd'],
  city: ['地区', '城市', '工作城市', '工作地点', 'city', 'location'],
  company: ['公司', '公司名称', '企业', '企业名称', '招聘公司', 'company', 'company_name', 'employer'],
  salaryMin: ['最低薪资', '薪资下限', '最低工资', 'salary_min', 'min_salary'],
  salaryMax: ['最高薪资', '薪资上限', '最高工资', 'salary_max', 'max_salary'],
  postedAt: ['首次发布时间', '发布时间', '发布日期', 'posted_at', 'published_at', 'date_posted', 'date'],
  experience: ['所需经验', '经验要求', '工作经验', '经验', 'experience', 'experience_years', 'years_experience'],
  education: ['学历', '学历要求', '最低学历', 'education', 'degree'],
  monthsPaid: ['几薪', '薪资月数', '月薪数', 'months_paid', 'salary_months'],
  // Fallbacks of the posting date (see JobPosting.date), in the order they are tried.
  scannedAt: ['首次扫描日期', '抓取日期', '采集日期', 'scanned_at', 'first_seen', 'crawled_at'],
  updatedAt: ['记录更新日期', '更新日期', '更新时间', 'updated_at', 'last_seen'],
};

export function normalizeColumnName(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .replace(/[\s_-]+/g, '')
    .toLowerCase();
}

/**
 * Resolves, once per header (CSV) or per distinct key set (JSONL), which source key
 * feeds each field. Cached by the joined key list because JSONL records of one file
 * almost always share their keys.
 */
export class FieldResolver {
  private readonly candidates: ReadonlyMap<JobField, readonly string[]>;
  private readonly explicit: ReadonlySet<JobField>;
  private cache = new Map<string, Map<JobField, string[]>>();

  constructor(fields: FieldMapping = {}) {
    if (fields === null || typeof fields !== 'object') {
      throw new ParameterError('fields', fields, 'an object mapping JobPosting fields to source column names');
    }
    const candidates = new Map<JobField, readonly string[]>();
    const explicit = new Set<JobField>();
    for (const [field, columns] of Object.entries(fields)) {
      if (!(JOB_FIELDS as readonly string[]).includes(field)) {
        throw new ParameterError(`fields.${field}`, columns, `a key among ${JOB_FIELDS.join(', ')}`);
      }
      const list = typeof columns === 'string' ? [columns] : columns;
      if (!Array.isArray(list) || list.length === 0 || list.some((c) => typeof c !== 'string' || c === '')) {
        throw new ParameterError(`fields.${field}`, columns, 'a column name or a non-empty array of column names');
      }
      candidates.set(field as JobField, list);
      explicit.add(field as JobField);
    }
    for (const field of JOB_FIELDS) {
      if (!candidates.has(field)) candidates.set(field, DEFAULT_FIELD_ALIASES[field]);
    }
    this.candidates = candidates;
    this.explicit = explicit;
  }

  /** For each field, the source keys present in `keys` that may feed it, best first. */
  resolve(keys: readonly string[]): Map<JobField, string[]> {
    const cacheKey = keys.join('\u0000');
    let resolved = this.cache.get(cacheKey);
    if (resolved) return resolved;
    const byNormalized = new Map<string, string>();
    for (const key of keys) {
      const normalized = normalizeColumnName(key);
      if (!byNormalized.has(normalized)) byNormalized.set(normalized, key);
    }
    resolved = new Map();
    for (const [field, columns] of this.candidates) {
      const found: string[] = [];
      for (const column of columns) {
        // Explicit mappings match exactly first, then loosely like the defaults.
        const key = this.explicit.has(field) && keys.includes(column) ? column : byNormalized.get(normalizeColumnName(column));
        if (key !== undefined && !found.includes(key)) found.push(key);
      }
      resolved.set(field, found);
    }
    if (this.cache.size > 1000) this.cache.clear(); // records with ever-changing keys: don't grow unbounded
    this.cache.set(cacheKey, resolved);
    return resolved;
  }
}

/** Text of a source value: strings as they are, numbers in decimal, anything else empty. */
export function textOf(value: RawValue | undefined): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/**
 * A salary figure. Accepts numbers and numeric strings, including the common
 * `15k` / `1.5万` shorthands; anything else is `undefined` (the value stays in `raw`).
 */
export function parseSalary(value: RawValue | undefined): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kK千wW万]?)\s*(?:元)?\s*$/.exec(value.replace(/,/g, ''));
  if (!match) return undefined;
  const unit = match[2];
  const scale = unit === 'k' || unit === 'K' || unit === '千' ? 1e3 : unit === 'w' || unit === 'W' || unit === '万' ? 1e4 : 1;
  return Number(match[1]) * scale;
}

/** The first non-empty text among the candidate keys. */
function pick(raw: Record<string, RawValue>, keys: readonly string[] | undefined): string {
  if (!keys) return '';
  for (const key of keys) {
    const text = textOf(raw[key]);
    if (text.trim() !== '') return text;
  }
  return '';
}

/** The first candidate value that is neither missing, null nor blank text. */
function pickValue(raw: Record<string, RawValue>, keys: readonly string[] | undefined): RawValue | undefined {
  if (!keys) return undefined;
  for (const key of keys) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' && value.trim() === '') continue;
    return value;
  }
  return undefined;
}

/** 几薪: a whole number of months between 1 and 36 (anything else stays in `raw` only). */
function parseMonthsPaid(value: RawValue | undefined): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.replace(/薪$/, '').trim()) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= 36 ? n : undefined;
}

function pickSalary(raw: Record<string, RawValue>, keys: readonly string[] | undefined): number | undefined {
  if (!keys) return undefined;
  for (const key of keys) {
    const salary = parseSalary(raw[key]);
    if (salary !== undefined) return salary;
  }
  return undefined;
}

/** Why a record was rejected; the codes are stable and used as keys of `skipped.byReason`. */
export type RejectReason = 'malformed-json' | 'malformed-csv' | 'not-an-object' | 'missing-platform' | 'no-text' | 'description-too-short';

export interface Rejection {
  readonly reason: RejectReason;
  readonly message: string;
  readonly id?: string;
}

export interface MappingContext {
  readonly resolver: FieldResolver;
  /** Platform used when a record has none (e.g. a single-platform CSV export). */
  readonly defaultPlatform?: string;
  /** Minimum description length in code points (0 = no minimum). */
  readonly minDescriptionLength: number;
  /** Prefix of generated ids for records without one. */
  readonly sourceName: string;
}

/** Number of code points, so that a length limit means "characters" for any script. */
function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) n--;
  }
  return n;
}

/** Turns one source record into a JobPosting, or says why it cannot be one. */
export function toJobPosting(raw: Record<string, RawValue>, line: number, context: MappingContext): JobPosting | Rejection {
  const columns = context.resolver.resolve(Object.keys(raw));
  const idText = pick(raw, columns.get('id')).trim();
  const id = idText || undefined;
  const platform = pick(raw, columns.get('platform')).trim() || context.defaultPlatform || '';
  if (!platform) {
    return {
      reason: 'missing-platform',
      id,
      message: 'no platform (looked for a column such as 发布平台/platform; set options.fields.platform or options.defaultPlatform)',
    };
  }
  const title = pick(raw, columns.get('title')).trim();
  const description = pick(raw, columns.get('description'));
  if (title === '' && description.trim() === '') {
    return { reason: 'no-text', id, message: 'no usable text: title and description are both empty' };
  }
  if (context.minDescriptionLength > 0) {
    const length = codePointLength(description);
    if (length < context.minDescriptionLength) {
      return {
        reason: 'description-too-short',
        id,
        message: `description has ${length} characters, fewer than minDescriptionLength=${context.minDescriptionLength}`,
      };
    }
  }
  const job: {
    -readonly [K in keyof JobPosting]: JobPosting[K];
  } = { id: id ?? `${context.sourceName}#${line}`, platform, title, description, raw };
  const city = pick(raw, columns.get('city')).trim();
  if (city) job.city = city;
  const company = pick(raw, columns.get('company')).trim();
  if (company) job.company = company;
  const salaryMin = pickSalary(raw, columns.get('salaryMin'));
  if (salaryMin !== undefined) job.salaryMin = salaryMin;
  const salaryMax = pickSalary(raw, columns.get('salaryMax'));
  if (salaryMax !== undefined) job.salaryMax = salaryMax;
  const postedAt = pick(raw, columns.get('postedAt')).trim();
  if (postedAt) job.postedAt = postedAt;
  const experience = parseExperience(pickValue(raw, columns.get('experience')));
  if (experience) {
    job.experienceYears = experience.min;
    if (experience.max !== undefined) job.experienceMaxYears = experience.max;
  }
  const education = normalizeEducation(pick(raw, columns.get('education')));
  if (education !== undefined) job.education = education;
  const monthsPaid = parseMonthsPaid(pickValue(raw, columns.get('monthsPaid')));
  if (monthsPaid !== undefined) job.monthsPaid = monthsPaid;
  const date = usableDate(postedAt || undefined, pickValue(raw, columns.get('scannedAt')), pickValue(raw, columns.get('updatedAt')));
  if (date !== undefined) job.date = date;
  return job;
}

export function isRejection(value: JobPosting | Rejection): value is Rejection {
  return 'reason' in value;
}
