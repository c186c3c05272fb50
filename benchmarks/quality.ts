/**
 * Representation quality benchmark (issue 13, item 1).
 * Run: npx tsx benchmarks/quality.ts [--shared DIR] [--seeds 5] [--families-n 2400] [--synthetic-n 2000]
 *                                    [--only name,name] [--sets name,name] [--quick] [--timing]
 *
 * For every data set and representation: K-Means with k = the true number of
 * classes (10 inits, lowest inertia), scored by ARI and NMI against the labels,
 * as mean and range over the seeds. Beside it the plain baseline of the issue,
 * built from the library's own parts:
 *   jieba (default mode, HMM on) on the raw title and description, tokens
 *   lower-cased, punctuation and pure numbers dropped; title tokens × 3 + the
 *   description's; TF-IDF raw counts, min_df 2, max_df 0.5, smooth idf, L2;
 *   truncated SVD to 100 dimensions (randomized, seed 0); rows L2-normalised;
 *   K-Means 10 inits keeping the lowest inertia.
 * (The library's K-Means is spherical — centroids renormalised — where the
 * baseline's scikit-learn K-Means is Euclidean on the unit rows; on unit rows the
 * two assign by the same nearest-centroid rule and differ only in the centroid's
 * length.)
 *
 * Data sets (each skipped with a note when its file is absent):
 *  - dev-7 / dev-32: ../shared/labelled/dev_lagou_taxonomy.jsonl at label_coarse and
 *    label; dev-7-clean / dev-32-clean without the seniority buckets (高端…职位,
 *    高级管理职位) and labels with fewer than 20 postings;
 *  - families: postings of ../shared/data whose title falls in exactly one keyword
 *    family (Java, 前端, 测试, 销售 …), ≤ families-n/families postings each, seeded
 *    subsample. Titles define the labels, so these reward title weighting by
 *    construction: they weigh least in the overall score;
 *  - synthetic: generateJobs (14 planted archetypes).
 * Shared data directory: --shared, else $JD_CLUSTER_SHARED, else ../shared beside the repo (or /work/shared).
 *
 * The overall score per representation is the weighted mean of (ARI + NMI) / 2
 * over the data sets (weights in DATASET_WEIGHTS). Prints Markdown; never asserts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { KMeans, kmeansDefaults } from '../src/cluster/index.js';
import { normalizeRows, Random } from '../src/core/index.js';
import { cleanText, generateJobs } from '../src/data/index.js';
import { embedDocuments, Lsa, TfidfVectorizer, type EmbedOptions } from '../src/embed/index.js';
import { Tokenizer, type TokenizerOptions } from '../src/tokenize/index.js';
import { adjustedRandIndex, normalizedMutualInformation } from '../src/validate/index.js';
import type { Matrix } from '../src/core/index.js';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const QUICK = args.includes('--quick');
const SEEDS = Number(option('seeds') ?? (QUICK ? 3 : 5));
const FAMILIES_N = Number(option('families-n') ?? (QUICK ? 1200 : 2400));
const SYNTHETIC_N = Number(option('synthetic-n') ?? (QUICK ? 1000 : 2000));
const ONLY = option('only')?.split(',');
const SETS = option('sets')?.split(',');
/** --shared, $JD_CLUSTER_SHARED, ../shared beside the repo, else /work/shared (the dev machine's copy). */
const SHARED = resolve(
  option('shared') ??
    process.env.JD_CLUSTER_SHARED ??
    [new URL('../../shared', import.meta.url).pathname, '/work/shared'].find((p) => existsSync(p)) ??
    new URL('../../shared', import.meta.url).pathname,
);

/** Title families weigh least: their labels come from the titles themselves. */
const DATASET_WEIGHTS: Record<string, number> = {
  'dev-7': 1,
  'dev-32': 1,
  'dev-7-clean': 0.5,
  'dev-32-clean': 0.5,
  synthetic: 1,
  families: 0.5,
};

interface Posting {
  title: string;
  description: string;
}

interface Dataset {
  name: string;
  postings: Posting[];
  labels: Int32Array;
  k: number;
  note: string;
}

// ---------------------------------------------------------------- data sets

function encode(values: string[]): { labels: Int32Array; k: number } {
  const ids = new Map<string, number>();
  const labels = Int32Array.from(values, (v) => {
    if (!ids.has(v)) ids.set(v, ids.size);
    return ids.get(v)!;
  });
  return { labels, k: ids.size };
}

function devDatasets(notes: string[]): Dataset[] {
  const path = join(SHARED, 'labelled', 'dev_lagou_taxonomy.jsonl');
  if (!existsSync(path)) {
    notes.push(`dev-*: skipped, ${path} not found.`);
    return [];
  }
  const rows = readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { title: string; description: string; label: string; label_coarse: string });
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.label, (counts.get(r.label) ?? 0) + 1);
  // Seniority buckets say how senior a post is, not what it is; tiny labels cannot be recovered by any k-means.
  const clean = rows.filter((r) => !/高端|高级管理/.test(r.label) && counts.get(r.label)! >= 20);
  const make = (name: string, subset: typeof rows, key: 'label' | 'label_coarse', note: string): Dataset => ({
    name,
    postings: subset.map((r) => ({ title: r.title, description: r.description })),
    ...encode(subset.map((r) => r[key])),
    note,
  });
  return [
    make('dev-7', rows, 'label_coarse', 'label_coarse'),
    make('dev-32', rows, 'label', 'label (一级/二级)'),
    make('dev-7-clean', clean, 'label_coarse', 'label_coarse, without seniority buckets and labels < 20'),
    make('dev-32-clean', clean, 'label', 'label, without seniority buckets and labels < 20'),
  ];
}

/** First matching family wins; a title matching two families (Java测试) is left out. */
const FAMILIES: [string, RegExp][] = [
  ['java', /java(?!script)/i],
  ['frontend', /前端|web前端|h5开发/i],
  ['test', /测试/],
  ['sales', /销售/],
  ['product', /产品经理/],
  ['ops', /运维/],
  ['data', /数据分析|大数据/],
  ['algorithm', /算法/],
  ['python', /python/i],
  ['go', /golang|\bgo\b|go开发/i],
  ['cpp', /c\+\+/i],
  ['mobile', /android|安卓|ios/i],
  ['ui', /ui设计|视觉设计|平面设计/i],
  ['finance', /会计|财务/],
  ['hr', /人事|招聘专员|hr/i],
  ['service', /客服/],
  ['operations', /运营/],
];

function familiesDataset(notes: string[]): Dataset[] {
  const path = join(SHARED, 'data', 'jd-multiplatform-2024q4.jsonl.gz');
  if (!existsSync(path)) {
    notes.push(`families: skipped, ${path} not found.`);
    return [];
  }
  const byFamily = new Map<string, Posting[]>();
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Record<string, unknown>;
    const title = String(r['职位'] ?? '');
    const description = String(r['职位描述'] ?? '');
    if (description.length < 50) continue;
    const hits = FAMILIES.filter(([, re]) => re.test(title));
    if (hits.length !== 1) continue;
    const list = byFamily.get(hits[0][0]) ?? [];
    list.push({ title, description });
    byFamily.set(hits[0][0], list);
  }
  const kept = [...byFamily].filter(([, list]) => list.length >= 100).sort(([a], [b]) => (a < b ? -1 : 1));
  const perFamily = Math.floor(FAMILIES_N / kept.length);
  const rng = new Random(13);
  const postings: Posting[] = [];
  const names: string[] = [];
  for (const [name, list] of kept) {
    for (const p of shuffled(list, rng).slice(0, perFamily)) {
      postings.push(p);
      names.push(name);
    }
  }
  const sizes = kept.map(([name, list]) => `${name} ${Math.min(list.length, perFamily)}`).join(', ');
  return [{ name: 'families', postings, ...encode(names), note: `≤ ${perFamily} per family (descriptions ≥ 50 chars): ${sizes}` }];
}

function shuffled<T>(list: readonly T[], rng: Random): T[] {
  const out = list.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function syntheticDataset(): Dataset {
  const corpus = generateJobs({ n: SYNTHETIC_N, seed: 7 });
  return {
    name: 'synthetic',
    postings: corpus.jobs.map((j) => ({ title: j.title, description: j.description })),
    labels: corpus.archetypeLabels,
    k: corpus.archetypeNames.length,
    note: `generateJobs({ n: ${SYNTHETIC_N}, seed: 7 })`,
  };
}

// ---------------------------------------------------------------- representations

interface Representation {
  name: string;
  /** Document vectors for one data set and seed. */
  embed(data: Dataset, seed: number): Matrix;
  /** K-Means restarts for n rows (default 10, as the baseline); the pipeline's own row uses `kmeansDefaults(n)`. */
  nInit?: (n: number) => number;
}

const tokenCache = new Map<string, { docs: string[][]; titles: string[][] }>();

/** Tokens of title + description (as the pipeline does) and of the title alone, cached per tokenizer. */
function projectTokens(data: Dataset, key: string, options: TokenizerOptions): { docs: string[][]; titles: string[][] } {
  const cacheKey = `${data.name}|${key}`;
  let hit = tokenCache.get(cacheKey);
  if (!hit) {
    const tk = new Tokenizer(options);
    hit = {
      docs: tk.tokenizeAll(data.postings.map((p) => cleanText(`${p.title}\n${p.description}`))),
      titles: tk.tokenizeAll(data.postings.map((p) => cleanText(p.title))),
    };
    tokenCache.set(cacheKey, hit);
  }
  return hit;
}

/** The project pipeline's representation with some options changed. */
function project(name: string, tokenizer: TokenizerOptions, embed: EmbedOptions & { useTitles?: boolean }): Representation {
  const key = JSON.stringify(tokenizer);
  return {
    name,
    embed(data, seed) {
      const { docs, titles } = projectTokens(data, key, tokenizer);
      const { useTitles = true, ...rest } = embed;
      return embedDocuments(docs, { ...rest, ...(useTitles ? { titles } : {}), seed, threads: 1 }).vectors;
    },
  };
}

let plainJieba: ((text: string) => string[]) | undefined;
function baselineTokens(text: string): string[] {
  if (!plainJieba) {
    const require = createRequire(import.meta.url);
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    const jieba = Jieba.withDict(dict);
    // Punctuation (no letter or digit) and pure numbers dropped; nothing else.
    plainJieba = (t) =>
      jieba
        .cut(t, true)
        .map((w) => w.trim().toLowerCase())
        .filter((w) => /[\p{L}\p{N}]/u.test(w) && !/^[\p{N}.,]+$/u.test(w));
  }
  return plainJieba(text);
}

const baselineCache = new Map<string, Matrix>();
const BASELINE: Representation = {
  name: 'baseline (issue 13)',
  embed(data) {
    // Seed 0 for the SVD whatever the K-Means seed, as the issue states it.
    let X = baselineCache.get(data.name);
    if (!X) {
      const docs = data.postings.map((p) => {
        const title = baselineTokens(p.title);
        return [...title, ...title, ...title, ...baselineTokens(p.description)];
      });
      const tfidf = new TfidfVectorizer({ minDf: 2, maxDf: 0.5, sublinearTf: false }).fit(docs);
      const sparse = tfidf.transform(docs);
      const lsa = new Lsa({ components: Math.min(100, Math.min(sparse.rows, sparse.cols) - 1), seed: 0, threads: 1 }).fit(sparse);
      X = normalizeRows(lsa.transform(sparse, { normalize: false, threads: 1 }), { threads: 1 });
      baselineCache.set(data.name, X);
    }
    return X;
  },
};

/** Before this issue: the boilerplate stop words on, no junk filter, sublinear tf, no title weight. */
const OLD: TokenizerOptions = { junk: false, stopWords: { boilerplate: true } };
/** Tokenizer defaults now: no boilerplate list, junk filter on (embedDocuments' defaults: title weight 5 without rank words, raw tf, 50 dims). */
const NEW: TokenizerOptions = {};
const RAW: EmbedOptions = { tfidf: { minDf: 2, sublinearTf: false } };

/** One option changed from the defaults at a time; the `default` row is the defaults themselves. */
const REPRESENTATIONS: Representation[] = [
  BASELINE,
  project('before: boilerplate stop words, sublinear tf, no title weight, no junk filter, 100 dims', OLD, {
    useTitles: false,
    tfidf: { minDf: 2, sublinearTf: true },
    lsa: { components: 100 },
  }),
  project('previous default: title weight 4, rank words repeated', NEW, { titleWeight: 4, titleRankWords: [] }),
  project('default: title weight 5 without rank words, raw tf, minDf 2, junk filter, no boilerplate list, 50 dims', NEW, {}),
  {
    ...project('pipeline default K-Means: the default representation, nInit = kmeansDefaults(n)', NEW, {}),
    nInit: (n) => kmeansDefaults(n).nInit,
  },
  project('rank words repeated (titleRankWords [])', NEW, { titleRankWords: [] }),
  project('title weight 0', NEW, { titleWeight: 0 }),
  project('title weight 3', NEW, { titleWeight: 3 }),
  project('title weight 4', NEW, { titleWeight: 4 }),
  project('title weight 6', NEW, { titleWeight: 6 }),
  project('sublinear tf', NEW, { tfidf: { minDf: 2, sublinearTf: true } }),
  project('maxDf 0.5', NEW, { tfidf: { ...RAW.tfidf, maxDf: 0.5 } }),
  project('minDf 3', NEW, { tfidf: { ...RAW.tfidf, minDf: 3 } }),
  project('no junk filter', { junk: false }, {}),
  project('boilerplate stop words on', { stopWords: { boilerplate: true } }, {}),
  project('30 dims', NEW, { lsa: { components: 30 } }),
  project('75 dims', NEW, { lsa: { components: 75 } }),
  project('100 dims', NEW, { lsa: { components: 100 } }),
];

// ---------------------------------------------------------------- run

interface Cell {
  ari: number[];
  nmi: number[];
  seconds: number;
}

function evaluate(rep: Representation, data: Dataset): Cell {
  const cell: Cell = { ari: [], nmi: [], seconds: 0 };
  for (let seed = 1; seed <= SEEDS; seed++) {
    const t0 = performance.now();
    const X = rep.embed(data, seed);
    cell.seconds += (performance.now() - t0) / 1000;
    const { labels } = new KMeans({ k: data.k, nInit: rep.nInit?.(X.rows) ?? 10, seed, threads: 1 }).fit(X);
    cell.ari.push(adjustedRandIndex(data.labels, labels));
    cell.nmi.push(normalizedMutualInformation(data.labels, labels));
  }
  cell.seconds /= SEEDS;
  return cell;
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const fmt = (v: number[]) => `${mean(v).toFixed(3)} (${Math.min(...v).toFixed(3)}–${Math.max(...v).toFixed(3)})`;

function main(): void {
  const cpu = cpus();
  console.log(`# Representation quality (issue 13)\n`);
  console.log(
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, Node ${process.version}; load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')} (shared machine).`,
  );
  console.log(
    `Seeds 1–${SEEDS} (embedding and K-Means seed; the baseline's SVD keeps seed 0). K-Means: k = true classes, 10 inits (the pipeline row: kmeansDefaults(n)), lowest inertia.\n`,
  );
  const notes: string[] = [];
  const datasets = [...devDatasets(notes), ...familiesDataset(notes), syntheticDataset()].filter((d) => !SETS || SETS.includes(d.name));
  for (const n of notes) console.log(`> note: ${n}`);
  console.log('| data set | postings | k | labels | weight |\n|---|---:|---:|---|---:|');
  for (const d of datasets) console.log(`| ${d.name} | ${d.postings.length} | ${d.k} | ${d.note} | ${DATASET_WEIGHTS[d.name]} |`);
  console.log('');

  const reps = ONLY ? REPRESENTATIONS.filter((r) => r === BASELINE || ONLY.some((o) => r.name.includes(o))) : REPRESENTATIONS;
  const results = new Map<Representation, Map<string, Cell>>();
  for (const rep of reps) {
    const row = new Map<string, Cell>();
    for (const d of datasets) row.set(d.name, evaluate(rep, d));
    results.set(rep, row);
    process.stderr.write(`done: ${rep.name}\n`);
  }

  for (const metric of ['ari', 'nmi'] as const) {
    console.log(`## ${metric.toUpperCase()}: mean (min–max) over ${SEEDS} seeds\n`);
    console.log(`| representation | ${datasets.map((d) => d.name).join(' | ')} |`);
    console.log(`|---|${datasets.map(() => '---:').join('|')}|`);
    for (const rep of reps) {
      const row = results.get(rep)!;
      console.log(`| ${rep.name} | ${datasets.map((d) => fmt(row.get(d.name)![metric])).join(' | ')} |`);
    }
    console.log('');
  }

  console.log(`## Overall: weighted mean of (ARI + NMI) / 2 over the data sets; wins = sets where the mean ARI beats the baseline\n`);
  console.log('| representation | score | Δ vs baseline | ARI wins vs baseline | embed s (mean per set) |\n|---|---:|---:|---:|---:|');
  const base = results.get(BASELINE)!;
  const score = (row: Map<string, Cell>) => {
    let s = 0;
    let w = 0;
    for (const d of datasets) {
      const c = row.get(d.name)!;
      s += (DATASET_WEIGHTS[d.name] * (mean(c.ari) + mean(c.nmi))) / 2;
      w += DATASET_WEIGHTS[d.name];
    }
    return s / w;
  };
  const baseScore = score(base);
  for (const rep of reps) {
    const row = results.get(rep)!;
    const wins = datasets.filter((d) => mean(row.get(d.name)!.ari) > mean(base.get(d.name)!.ari)).length;
    const seconds = mean(datasets.map((d) => row.get(d.name)!.seconds));
    console.log(
      `| ${rep.name} | ${score(row).toFixed(3)} | ${score(row) - baseScore >= 0 ? '+' : ''}${(score(row) - baseScore).toFixed(3)} | ${rep === BASELINE ? '—' : `${wins}/${datasets.length}`} | ${seconds.toFixed(2)} |`,
    );
  }
}

/**
 * --timing: the embed stage before and after this issue on the 10k sample (first
 * 10,000 postings, in file order, with ≥ 50 characters of 职位描述): tokenizing
 * (title + description, and now the title alone) and embedDocuments, median of 3.
 */
function timing(): void {
  const path = join(SHARED, 'data', 'jd-multiplatform-2024q4.jsonl.gz');
  if (!existsSync(path)) {
    console.log(`> note: timing skipped, ${path} not found.`);
    return;
  }
  const sample: Posting[] = [];
  for (const line of gunzipSync(readFileSync(path)).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Record<string, unknown>;
    const description = String(r['职位描述'] ?? '');
    if (description.length >= 50) sample.push({ title: String(r['职位'] ?? ''), description });
    if (sample.length === 10_000) break;
  }
  const texts = sample.map((p) => cleanText(`${p.title}\n${p.description}`));
  const titleTexts = sample.map((p) => cleanText(p.title));
  const median = (v: number[]) => v.slice().sort((a, b) => a - b)[Math.floor(v.length / 2)];
  const cpuSeconds = (since: NodeJS.CpuUsage) => {
    const u = process.cpuUsage(since);
    return (u.user + u.system) / 1e6;
  };
  interface Config {
    label: string;
    tokenizer: Tokenizer;
    withTitles: boolean;
    embed: EmbedOptions;
    wall: { tokenize: number[]; embed: number[] };
    cpu: { tokenize: number[]; embed: number[] };
  }
  const config = (label: string, tokenizer: TokenizerOptions, withTitles: boolean, embed: EmbedOptions): Config => ({
    label,
    tokenizer: new Tokenizer(tokenizer),
    withTitles,
    embed,
    wall: { tokenize: [], embed: [] },
    cpu: { tokenize: [], embed: [] },
  });
  const configs = [
    config('before (boilerplate list, no junk filter, sublinear tf, no titles, 100 dims)', OLD, false, {
      tfidf: { minDf: 2, sublinearTf: true },
      lsa: { components: 100 },
    }),
    config('after (defaults: titles tokenized and weighted 5× without rank words, raw tf, 50 dims)', NEW, true, {}),
  ];
  // Interleaved, so that both see the same machine load.
  for (let r = 0; r < 3; r++) {
    for (const c of configs) {
      let t0 = performance.now();
      let c0 = process.cpuUsage();
      const docs = c.tokenizer.tokenizeAll(texts);
      const titles = c.withTitles ? c.tokenizer.tokenizeAll(titleTexts) : undefined;
      c.wall.tokenize.push((performance.now() - t0) / 1000);
      c.cpu.tokenize.push(cpuSeconds(c0));
      t0 = performance.now();
      c0 = process.cpuUsage();
      embedDocuments(docs, { ...c.embed, ...(titles ? { titles } : {}), seed: 1 });
      c.wall.embed.push((performance.now() - t0) / 1000);
      c.cpu.embed.push(cpuSeconds(c0));
    }
  }
  console.log(`## Embed stage on the 10k sample (median of 3, interleaved; load average ${loadavg()[0].toFixed(2)})\n`);
  console.log('| configuration | tokenize wall s | tokenize CPU s | embedDocuments wall s | embedDocuments CPU s |');
  console.log('|---|---:|---:|---:|---:|');
  for (const c of configs) {
    const f = (v: number[]) => median(v).toFixed(2);
    console.log(`| ${c.label} | ${f(c.wall.tokenize)} | ${f(c.cpu.tokenize)} | ${f(c.wall.embed)} | ${f(c.cpu.embed)} |`);
  }
}

if (args.includes('--timing')) timing();
else main();
