/**
 * 所需经验: years of experience asked for, and the bands the experience facet uses.
 * The shared corpus gives a number of years (0 = 不限 / 应届); other exports write
 * "3-5年", "5年以上", "经验不限", so both are read.
 */
import type { RawValue } from './job-posting.js';

export interface ExperienceRange {
  /** Lower bound in years (0 for 不限 / 应届 / 无经验). */
  readonly min: number;
  /** Upper bound when the source gives a range; undefined for "5年以上" or a single number. */
  readonly max?: number;
}

const NO_REQUIREMENT = /^(?:经验)?(?:不限|无(?:经验)?(?:要求)?|应届(?:生|毕业生)?|在校(?:生)?|无需经验)$/;
const RANGE = /^(\d+(?:\.\d+)?)\s*[-–—~～至到]\s*(\d+(?:\.\d+)?)\s*年?(?:经验)?$/;
const AT_LEAST = /^(\d+(?:\.\d+)?)\s*年?(?:以上|及以上|\+)?(?:经验|工作经验)?$/;
const AT_MOST = /^(\d+(?:\.\d+)?)\s*年(?:以下|以内)(?:经验)?$/;
const MAX_YEARS = 60;

/** Reads 所需经验; undefined when the value is missing or not recognisable (it stays in `raw`). */
export function parseExperience(value: RawValue | undefined): ExperienceRange | undefined {
  if (typeof value === 'number') {
    return Number.isFinite(value) && value >= 0 && value <= MAX_YEARS ? { min: value } : undefined;
  }
  if (typeof value !== 'string') return undefined;
  const text = value.normalize('NFKC').replace(/\s+/g, '');
  if (text === '') return undefined;
  if (NO_REQUIREMENT.test(text)) return { min: 0 };
  let match = RANGE.exec(text);
  if (match) {
    const lo = Number(match[1]);
    const hi = Number(match[2]);
    return lo <= hi && hi <= MAX_YEARS ? { min: lo, max: hi } : undefined;
  }
  match = AT_MOST.exec(text);
  if (match) return Number(match[1]) <= MAX_YEARS ? { min: 0, max: Number(match[1]) } : undefined;
  match = AT_LEAST.exec(text);
  if (match) return Number(match[1]) <= MAX_YEARS ? { min: Number(match[1]) } : undefined;
  return undefined;
}

/**
 * Experience bands of the `experience` facet, by the lower bound in years. The cut
 * points follow how Chinese sites bucket experience (应届/不限, 1-3, 3-5, 5-10, 10+),
 * which is also where the shared corpus's values cluster (0, 1, 3, 5, 10).
 */
export const EXPERIENCE_BANDS = ['0', '1-2', '3-4', '5-9', '10+'] as const;
export type ExperienceBand = (typeof EXPERIENCE_BANDS)[number];

/** The band of a number of years; undefined for a missing or negative value. */
export function experienceBand(years: number | undefined): ExperienceBand | undefined {
  if (years === undefined || !Number.isFinite(years) || years < 0) return undefined;
  if (years < 1) return '0';
  if (years < 3) return '1-2';
  if (years < 5) return '3-4';
  if (years < 10) return '5-9';
  return '10+';
}
