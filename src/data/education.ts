/**
 * 学历: the education level asked for. Platforms spell one level several ways
 * (本科 / 大学本科 / 统招本科; 不限 / 不限制 / 学历不限); the facet and the salary
 * regression need one value per level.
 */

/** Canonical levels, lowest first. */
export const EDUCATION_LEVELS = ['不限', '初中及以下', '高中/中专', '大专', '本科', '硕士', '博士'] as const;

const SPELLINGS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:学历)?不限(?:制)?$|^无(?:要求)?$|^其他$/, '不限'],
  [/^(?:小学|初中)(?:及以下|以上)?$/, '初中及以下'],
  [/^(?:普通|职业)?高中(?:及以上|以上)?$|^中专|^中技|^技工|^中等专科|^职高/, '高中/中专'],
  [/^大专|^大学专科|^专科|^高职/, '大专'],
  [/^(?:统招|全日制|大学)?本科/, '本科'],
  [/^硕士|^研究生/, '硕士'],
  [/^博士/, '博士'],
];

/**
 * One spelling per level (see EDUCATION_LEVELS); a value that matches no level is
 * returned trimmed, so nothing is silently merged; empty text → undefined.
 */
export function normalizeEducation(text: string): string | undefined {
  const trimmed = text.normalize('NFKC').trim();
  if (trimmed === '') return undefined;
  const compact = trimmed.replace(/\s+/g, '').replace(/及以上(?:学历)?$|以上(?:学历)?$|学历$/, '');
  for (const [pattern, level] of SPELLINGS) if (pattern.test(compact)) return level;
  return trimmed;
}
