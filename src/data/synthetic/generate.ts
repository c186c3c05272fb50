/**
 * `generateJobs`: a synthetic corpus of Chinese job postings with ground truth,
 * the demo's default data and the answer key that tests of later stages check
 * against (archetype per posting, the planted platform bias, duplicate groups).
 */
import { check, ParameterError } from '../../core/index.js';
import { Random } from '../../core/index.js';
import { normalizeCompany } from '../company.js';
import type { JobPosting, RawValue } from '../job-posting.js';
import { ARCHETYPES, type Archetype } from './archetypes.js';
import { CITIES, CITY_PAY, DISTRICTS, EDUCATION, SOFT_SKILLS, companyName, pickDistinct } from './boilerplate.js';
import { contactLine, htmlize, markdownBold } from './noise.js';
import { PLATFORM_STYLES, SYNTHETIC_PLATFORMS, type PlatformStyle, type PostingContent } from './platform-styles.js';
import {
  dateInMonth,
  drawExtras,
  plantedCompanyName,
  resolvePlants,
  type PlantOptions,
  type PlantTruth,
  type PostingExtras,
  type ResolvedPlants,
} from './plants.js';

/** One planted bias: `platform` over-represents `archetype` by `factor` (odds multiplier). */
export interface BiasSpec {
  readonly platform: string;
  readonly archetype: string;
  /** Multiplies the archetype's weight on that platform; 3 ≈ three times its usual share. */
  readonly factor: number;
}

export interface GenerateJobsOptions {
  /** Number of postings, duplicates included. Default 1000. */
  readonly n?: number;
  /** Seed of every random choice. Default 42. */
  readonly seed?: number;
  /** Platform ids, each drawn with equal probability. Default: all of `SYNTHETIC_PLATFORMS`. */
  readonly platforms?: readonly string[];
  /** Archetype keys to draw from. Default: all of `ARCHETYPES`. */
  readonly archetypes?: readonly string[];
  /**
   * The planted platform bias. Default: LIEPIN (or the first platform when
   * LIEPIN is not used) carries `fintech-hft` with factor 3. `'none'` plants nothing.
   */
  readonly bias?: 'none' | BiasSpec | readonly BiasSpec[];
  /** Fraction of postings that are exact copies on the same platform under a new id. Default 0.05. */
  readonly duplicateRate?: number;
  /** Fraction that are the same text cross-posted on another platform. Default 0.04. */
  readonly crossPostRate?: number;
  /** Fraction that are near-copies (same template, one line changed). Default 0.03. */
  readonly nearDuplicateRate?: number;
  /** Probability that a posting carries contact details, and (independently) HTML markup. Default 0.25. */
  readonly noise?: number;
  /** Probability that a duty/requirement sentence is borrowed from a neighbouring archetype. Default 0.15. */
  readonly overlap?: number;
  /**
   * Planted effects for the facet, salary and trend statistics (see `PlantOptions`):
   * `{}` plants all five with their defaults, each can be switched off with `false`,
   * `'none'` plants nothing. With `plants`, employers are drawn from ~1,000 names and
   * dates span `plants.months` months; leave `bias` unset (use `plants.bias`).
   * Absent (the default): the demo corpus as before.
   */
  readonly plants?: 'none' | PlantOptions;
}

/** A bias as planted, with the shares it should produce. */
export interface PlantedBias extends BiasSpec {
  /** Expected share of the archetype among the platform's original postings. */
  readonly expectedShare: number;
  /** Expected share of the archetype on the other platforms. */
  readonly baselineShare: number;
  readonly description: string;
}

/** Postings that share one template: the original first, then its copies. */
export interface DuplicateGroup {
  readonly indices: readonly number[];
  readonly ids: readonly string[];
  readonly platforms: readonly string[];
  /** True when the group spans more than one platform (a cross-post). */
  readonly crossPlatform: boolean;
  /** True when every member's description is identical to the original's. */
  readonly exact: boolean;
}

export interface SyntheticCorpus {
  readonly jobs: JobPosting[];
  /** Ground-truth archetype key of each posting. */
  readonly archetypes: string[];
  /** Archetype index of each posting into `archetypeNames` (usable as `Labels`). */
  readonly archetypeLabels: Int32Array;
  /** Archetype keys in label order. */
  readonly archetypeNames: string[];
  /** What was planted (empty with `bias: 'none'`). */
  readonly bias: PlantedBias[];
  readonly duplicates: DuplicateGroup[];
  /** How many postings received each kind of noise. */
  readonly noise: { readonly contact: number; readonly html: number; readonly markdown: number };
  /** The answer key of the planted effects (all null but `bias` and `months` without `plants`). */
  readonly truth: PlantTruth;
  readonly seed: number;
}

const FINANCE = new Set(['fintech-hft']);
const START_DAY = Date.UTC(2024, 9, 1);
const DAY_MS = 86_400_000;

export function generateJobs(options: GenerateJobsOptions = {}): SyntheticCorpus {
  const n = check.integer('n', options.n ?? 1000, 1, 10_000_000);
  const seed = check.integer('seed', options.seed ?? 42, 0, 0xffffffff);
  const duplicateRate = check.number('duplicateRate', options.duplicateRate ?? 0.05, 0, 1);
  const crossPostRate = check.number('crossPostRate', options.crossPostRate ?? 0.04, 0, 1);
  const nearDuplicateRate = check.number('nearDuplicateRate', options.nearDuplicateRate ?? 0.03, 0, 1);
  if (duplicateRate + crossPostRate + nearDuplicateRate > 0.9) {
    throw new ParameterError(
      'duplicateRate + crossPostRate + nearDuplicateRate',
      duplicateRate + crossPostRate + nearDuplicateRate,
      'at most 0.9',
    );
  }
  const noiseRate = check.number('noise', options.noise ?? 0.25, 0, 1);
  const overlap = check.number('overlap', options.overlap ?? 0.15, 0, 1);
  const platforms = resolvePlatforms(options.platforms);
  const archetypes = resolveArchetypes(options.archetypes);
  if (crossPostRate > 0 && platforms.length < 2) {
    throw new ParameterError('crossPostRate', crossPostRate, '0 when only one platform is used');
  }
  const plants = options.plants === undefined ? undefined : resolvePlants(options.plants, platforms, archetypes, n);
  if (plants && options.bias !== undefined) {
    throw new ParameterError('bias', options.bias, 'unset when plants is given (the planted bias is plants.bias)');
  }
  const biases = plants ? (plants.bias ? [plants.bias] : []) : resolveBias(options.bias, platforms, archetypes);
  const weightsByPlatform = platforms.map((p) => archetypeWeights(archetypes, biases, p));
  const planted = biases.map((b) => describeBias(b, platforms, archetypes, weightsByPlatform));
  // After the planted trend month the archetype's weight changes on every platform.
  const trendBias = plants?.trend
    ? biases.concat(platforms.map((platform) => ({ platform, archetype: plants.trend!.archetype, factor: plants.trend!.factor })))
    : [];
  const weightsAfterChange = plants?.trend ? platforms.map((p) => archetypeWeights(archetypes, trendBias, p)) : weightsByPlatform;

  const rng = new Random(seed);
  // Everything added after the demo corpus was fixed (experience, education, 几薪, plant
  // decisions) is drawn from a second stream, so the demo corpus of a seed is unchanged.
  const side = new Random((seed ^ 0x5bd1e995) >>> 0);
  const regular = n - (plants?.burst?.postings ?? 0);
  let titleOnlyCount = 0;
  const byKey = new Map(archetypes.map((a) => [a.key, a]));
  const archetypeNames = archetypes.map((a) => a.key);
  const labelOf = new Map(archetypeNames.map((k, i) => [k, i]));
  const jobs: JobPosting[] = [];
  const truth: string[] = [];
  const groupOf = new Int32Array(n).fill(-1);
  const groups: number[][] = [];
  const noiseCount = { contact: 0, html: 0, markdown: 0 };

  for (let i = 0; i < regular; i++) {
    const id = (platform: string) => `${platform}_${100000 + i}`;
    const roll = rng.next();
    const extras = drawExtras(side);
    const month = plants ? side.pick(plants.months) : undefined;
    const date = month === undefined ? undefined : dateInMonth(side, month);
    if (i > 0 && roll < duplicateRate + crossPostRate + nearDuplicateRate) {
      const source = rng.int(i);
      const original = jobs[source];
      let platform = original.platform;
      let description = original.description;
      if (roll >= duplicateRate && roll < duplicateRate + crossPostRate) {
        platform = pickOther(rng, platforms, original.platform);
      } else if (roll >= duplicateRate + crossPostRate) {
        description = nearCopy(original.description, rng);
        const limit = PLATFORM_STYLES[platform].truncateAt;
        if (limit !== undefined && description.length > limit) description = description.slice(0, limit);
      }
      const copied = postedAt(rng);
      const copy = copyPosting(original, id(platform), platform, description, date ?? copied);
      jobs.push(copy);
      truth.push(truth[source]);
      const g = groupOf[source] >= 0 ? groupOf[source] : groups.push([source]) - 1;
      groupOf[source] = g;
      groupOf[i] = g;
      groups[g].push(i);
      continue;
    }
    const p = rng.int(platforms.length);
    const platform = platforms[p];
    const changed = plants?.trend && month !== undefined && month >= plants.trend.month;
    const archetype = archetypes[drawWeighted(rng, (changed ? weightsAfterChange : weightsByPlatform)[p])];
    const style = PLATFORM_STYLES[platform];
    let content = composeContent(archetype, style, byKey, overlap, rng);
    if (plants) content = plantedContent(content, extras, plants, side);
    let description = style.render(content, rng);
    if (rng.next() < noiseRate) {
      description += `\n${contactLine(rng)}`;
      noiseCount.contact++;
    }
    if (rng.next() < noiseRate) {
      description = htmlize(description, rng);
      noiseCount.html++;
    } else if (rng.next() < noiseRate * 0.3) {
      description = markdownBold(description);
      noiseCount.markdown++;
    }
    if (style.truncateAt !== undefined && description.length > style.truncateAt) {
      description = description.slice(0, style.truncateAt);
    }
    if (plants?.titleOnly && platform === plants.titleOnly.platform && side.next() < plants.titleOnly.share) {
      description = '';
      titleOnlyCount++;
    }
    const drawnDate = postedAt(rng);
    jobs.push(makePosting(id(platform), platform, content, description, date ?? drawnDate, extras));
    truth.push(archetype.key);
  }
  const burstIndices: number[] = [];
  let burstTruth: PlantTruth['burst'] = null;
  if (plants?.burst) {
    const burst = plants.burst;
    const a = byKey.get(burst.archetype)!;
    const city = side.pick(CITIES);
    const title = side.pick(a.titles);
    const pay = CITY_PAY[city] ?? 1;
    const salaryMin = Math.round(a.salaryK[0] * pay) * 1000;
    const salaryMax = Math.round(((a.salaryK[0] + a.salaryK[1]) / 2) * pay) * 1000;
    const extras = drawExtras(side);
    for (let k = 0; k < burst.postings; k++) {
      const i = jobs.length;
      const content: PostingContent = {
        archetype: a,
        title: burstTitle(title, side),
        company: burst.company,
        city,
        district: side.pick(DISTRICTS[city] ?? ['']),
        salaryMin,
        salaryMax,
        duties: pickDistinct(side, a.duties, 4).map((x) => paraphrase(x, side)),
        requirements: pickDistinct(side, a.requirements, 4).map((x) => paraphrase(x, side)),
        bonus: [],
      };
      const date = dateInMonth(side, side.pick(plants.months));
      jobs.push(makePosting(`${burst.platform}_${100000 + i}`, burst.platform, content, burstDescription(content), date, extras));
      truth.push(a.key);
      burstIndices.push(i);
    }
    burstTruth = {
      platform: burst.platform,
      archetype: burst.archetype,
      company: burst.company,
      companyKey: normalizeCompany(burst.company),
      title,
      salaryMin,
      salaryMax,
      indices: burstIndices,
    };
  }

  const archetypeLabels = Int32Array.from(truth, (k) => labelOf.get(k) ?? -1);
  const duplicates: DuplicateGroup[] = groups.map((indices) => {
    const ps = [...new Set(indices.map((k) => jobs[k].platform))];
    const first = jobs[indices[0]].description;
    return {
      indices,
      ids: indices.map((k) => jobs[k].id),
      platforms: ps,
      crossPlatform: ps.length > 1,
      exact: indices.every((k) => jobs[k].description === first),
    };
  });
  const answer: PlantTruth = {
    bias: planted.length > 0 ? { platform: planted[0].platform, archetype: planted[0].archetype, factor: planted[0].factor } : null,
    burst: burstTruth,
    titleOnly: plants?.titleOnly ? { ...plants.titleOnly, postings: titleOnlyCount } : null,
    premium: plants?.premium ?? null,
    trend: plants?.trend ?? null,
    months: plants ? plants.months : [...new Set(jobs.map((j) => j.date!.slice(0, 7)))].sort(),
  };
  return { jobs, archetypes: truth, archetypeLabels, archetypeNames, bias: planted, duplicates, noise: noiseCount, truth: answer, seed };
}

/** Planted-corpus content: one of ~1,000 employers, salary scaled by experience, education and the premium. */
function plantedContent(content: PostingContent, extras: PostingExtras, plants: ResolvedPlants, side: Random): PostingContent {
  let factor = extras.payFactor;
  const premium = plants.premium;
  if (premium && content.archetype.key === premium.archetype && content.city === premium.city) factor *= 1 + premium.premium;
  // Rounded to 100 CNY, as sites show salaries; the rounding is far below the planted effects.
  const scale = (x: number) => Math.max(100, Math.round((x * factor) / 100) * 100);
  return {
    ...content,
    company: plantedCompanyName(side, content.city),
    salaryMin: scale(content.salaryMin),
    salaryMax: Math.max(scale(content.salaryMin) + 100, scale(content.salaryMax)),
  };
}

// A recruiter re-wording one ad: the same points in other words.
const REWORDINGS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/负责/g, ['负责', '主导', '承担', '参与']],
  [/熟悉/g, ['熟悉', '掌握', '了解', '精通']],
  [/具备/g, ['具备', '拥有', '具有']],
  [/经验/g, ['经验', '经历', '实践']],
  [/优先/g, ['优先', '者优先', '可优先考虑']],
];

function paraphrase(sentence: string, rng: Random): string {
  let out = sentence;
  for (const [pattern, words] of REWORDINGS) out = out.replace(pattern, () => rng.pick(words));
  return out;
}

function burstTitle(title: string, rng: Random): string {
  const roll = rng.int(4);
  return roll === 0 ? `高级${title}` : roll === 1 ? `${title}（急招）` : title;
}

/** The burst's one layout: the same headers and item count every time, different sentences. */
function burstDescription(c: PostingContent): string {
  const items = (xs: readonly string[]) => xs.map((x) => `- ${x}；`).join('\n');
  return `工作内容：\n${items(c.duties)}\n任职要求：\n${items(c.requirements)}\n工作地点：${c.city}${c.district}`;
}

function resolvePlatforms(platforms: readonly string[] | undefined): string[] {
  if (platforms === undefined) return [...SYNTHETIC_PLATFORMS];
  if (!Array.isArray(platforms) || platforms.length === 0) {
    throw new ParameterError('platforms', platforms, `a non-empty array of ${SYNTHETIC_PLATFORMS.join(', ')}`);
  }
  for (const p of platforms) {
    if (!(p in PLATFORM_STYLES)) throw new ParameterError('platforms', p, `one of ${SYNTHETIC_PLATFORMS.join(', ')}`);
  }
  if (new Set(platforms).size !== platforms.length) throw new ParameterError('platforms', platforms, 'distinct platform ids');
  return [...platforms];
}

function resolveArchetypes(keys: readonly string[] | undefined): Archetype[] {
  if (keys === undefined) return [...ARCHETYPES];
  if (!Array.isArray(keys) || keys.length === 0) throw new ParameterError('archetypes', keys, 'a non-empty array of archetype keys');
  return keys.map((k) => {
    const a = ARCHETYPES.find((x) => x.key === k);
    if (!a) throw new ParameterError('archetypes', k, `one of ${ARCHETYPES.map((x) => x.key).join(', ')}`);
    return a;
  });
}

function resolveBias(bias: GenerateJobsOptions['bias'], platforms: string[], archetypes: Archetype[]): BiasSpec[] {
  if (bias === 'none') return [];
  if (bias === undefined) {
    if (!archetypes.some((a) => a.key === 'fintech-hft')) return [];
    return [{ platform: platforms.includes('LIEPIN') ? 'LIEPIN' : platforms[0], archetype: 'fintech-hft', factor: 3 }];
  }
  const list: readonly BiasSpec[] = Array.isArray(bias) ? bias : [bias as BiasSpec];
  return list.map((b, i) => {
    const name = list.length > 1 ? `bias[${i}]` : 'bias';
    if (typeof b !== 'object' || b === null) throw new ParameterError(name, b, "'none' or { platform, archetype, factor }");
    if (!platforms.includes(b.platform))
      throw new ParameterError(`${name}.platform`, b.platform, `one of the generated platforms (${platforms.join(', ')})`);
    if (!archetypes.some((a) => a.key === b.archetype)) {
      throw new ParameterError(`${name}.archetype`, b.archetype, `one of ${archetypes.map((a) => a.key).join(', ')}`);
    }
    check.number(`${name}.factor`, b.factor, 0, 1000, { minExclusive: true });
    return { platform: b.platform, archetype: b.archetype, factor: b.factor };
  });
}

function archetypeWeights(archetypes: Archetype[], biases: BiasSpec[], platform: string): Float64Array {
  const w = Float64Array.from(archetypes, (a) => a.weight);
  for (const b of biases) {
    if (b.platform !== platform) continue;
    const k = archetypes.findIndex((a) => a.key === b.archetype);
    w[k] *= b.factor;
  }
  let sum = 0;
  for (const x of w) sum += x;
  for (let k = 0; k < w.length; k++) w[k] /= sum;
  return w;
}

function describeBias(b: BiasSpec, platforms: string[], archetypes: Archetype[], weights: Float64Array[]): PlantedBias {
  const k = archetypes.findIndex((a) => a.key === b.archetype);
  const p = platforms.indexOf(b.platform);
  const expectedShare = weights[p][k];
  const others = platforms.map((_, q) => q).filter((q) => q !== p);
  const baselineShare = others.length === 0 ? expectedShare : others.reduce((s, q) => s + weights[q][k], 0) / others.length;
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  return {
    ...b,
    expectedShare,
    baselineShare,
    description: `${b.platform} over-represents ${b.archetype} (weight ×${b.factor}): expected share ${pct(expectedShare)} there vs ${pct(baselineShare)} on other platforms`,
  };
}

function drawWeighted(rng: Random, weights: Float64Array): number {
  let u = rng.next();
  for (let k = 0; k < weights.length - 1; k++) {
    u -= weights[k];
    if (u < 0) return k;
  }
  return weights.length - 1;
}

function pickOther(rng: Random, platforms: string[], current: string): string {
  const k = rng.int(platforms.length - 1);
  const idx = platforms.indexOf(current);
  return platforms[k >= idx ? k + 1 : k];
}

function between(rng: Random, [lo, hi]: readonly [number, number]): number {
  return lo + rng.int(hi - lo + 1);
}

/** Sentences of the archetype, a few borrowed from neighbours, plus shared boilerplate. */
function composeContent(a: Archetype, style: PlatformStyle, byKey: Map<string, Archetype>, overlap: number, rng: Random): PostingContent {
  const neighbors = a.neighbors.map((k) => byKey.get(k)).filter((x): x is Archetype => x !== undefined);
  const borrow = (own: string[], field: 'duties' | 'requirements') =>
    own.map((s) => (neighbors.length > 0 && rng.next() < overlap ? rng.pick(rng.pick(neighbors)[field]) : s));
  const duties = borrow(pickDistinct(rng, a.duties, between(rng, style.duties)), 'duties');
  const reqCount = between(rng, style.requirements);
  const requirements = borrow(pickDistinct(rng, a.requirements, Math.max(1, reqCount - 1)), 'requirements');
  // Education and soft skills are the boilerplate every archetype shares.
  if (rng.next() < 0.6) requirements.unshift(rng.pick(EDUCATION));
  if (rng.next() < 0.7) requirements.push(rng.pick(SOFT_SKILLS));
  const city = rng.pick(CITIES);
  const pay = CITY_PAY[city] ?? 1;
  const [lo, hi] = a.salaryK;
  const minK = Math.round((lo + rng.next() * (hi - lo) * 0.5) * pay);
  const maxK = Math.round(minK + (hi - lo) * (0.3 + 0.5 * rng.next()) * pay);
  const rest = {
    archetype: a,
    company: companyName(rng, city, FINANCE.has(a.key)),
    city,
    district: rng.pick(DISTRICTS[city] ?? ['']),
    salaryMin: minK * 1000,
    salaryMax: maxK * 1000,
    duties,
    requirements,
    bonus: rng.next() < 0.5 ? pickDistinct(rng, a.bonus, 1 + rng.int(2)) : [],
  };
  const title = rng.pick(a.titles);
  return { ...rest, title: style.decorateTitle ? style.decorateTitle(title, rest, rng) : title };
}

/** The same template with one line changed, as agencies re-post with tweaks. */
function nearCopy(description: string, rng: Random): string {
  const lines = description.split('\n');
  const edit = rng.int(3);
  if (edit === 0 || lines.length < 3) return `${description}\n${contactLine(rng)}`;
  const k = 1 + rng.int(lines.length - 1);
  if (edit === 1) lines.splice(k, 1);
  else lines[k] = `${lines[k]}${rng.pick(['（急招）', '，可远程', '，欢迎应届生', '，周末双休'])}`;
  return lines.join('\n');
}

function postedAt(rng: Random): string {
  return new Date(START_DAY + rng.int(107) * DAY_MS).toISOString().slice(0, 10);
}

function makePosting(
  id: string,
  platform: string,
  c: PostingContent,
  description: string,
  date: string,
  extras: PostingExtras,
): JobPosting {
  const raw: Record<string, RawValue> = {
    职位自编号: id,
    发布平台: platform,
    职位: c.title,
    公司: c.company,
    地区: c.city,
    职位描述: description,
    最低薪资: c.salaryMin,
    最高薪资: c.salaryMax,
    首次发布时间: date,
    所需经验: extras.experienceYears,
    学历: extras.education,
    几薪: extras.monthsPaid ?? null,
  };
  return {
    id,
    platform,
    title: c.title,
    description,
    city: c.city,
    company: c.company,
    salaryMin: c.salaryMin,
    salaryMax: c.salaryMax,
    postedAt: date,
    experienceYears: extras.experienceYears,
    education: extras.education,
    ...(extras.monthsPaid === undefined ? {} : { monthsPaid: extras.monthsPaid }),
    date,
    raw,
  };
}

function copyPosting(original: JobPosting, id: string, platform: string, description: string, date: string): JobPosting {
  return {
    ...original,
    id,
    platform,
    description,
    postedAt: date,
    date,
    raw: { ...original.raw, 职位自编号: id, 发布平台: platform, 职位描述: description, 首次发布时间: date },
  };
}
