/**
 * The measurements behind the text defaults of src/cluster/text-defaults.ts and
 * src/cluster/select-k.ts (docs/cluster.md, "Defaults for text"). Prints
 * Markdown tables; re-run it whenever the representation changes.
 *
 *   npx tsx benchmarks/density.ts [--sections k,ninit,density,assign] [--seeds 3]
 *       [--shared DIR] [--cache DIR] [--threads N]
 *
 * Sections:
 * - k:       selectK on synthetic blobs (known k), the labelled postings and the corpus;
 * - ninit:   K-Means time vs nInit on the corpus, ARI with the labelled classes vs nInit;
 * - density: HDBSCAN / DBSCAN on the corpus at the defaults and at alternatives
 *            (noise before/after assignment, largest cluster, title-only rows);
 * - assign:  labelled postings: do the rows the soft assignment moves agree with
 *            their cluster's labels as well as the cluster's core members?
 * - titles:  labelled postings with a quarter of them cut to their title: clustered
 *            with the others, or only assigned to clusters of full postings?
 * The corpus is embedded once by today's default pipeline and cached (vectors +
 * title-only flags) in --cache (default: the OS temp dir); delete it after the
 * representation changes. Sections that need ../shared skip with a note when it
 * is absent.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  adjustedRandIndex,
  createMatrix,
  KMeans,
  loadJobs,
  normalizeRows,
  Random,
  runPipeline,
  type JobPosting,
  type Labels,
  type Matrix,
} from '../src/index.js';
import { selectK } from '../src/cluster/select-k.js';
import { NoiseAssigner } from '../src/cluster/reassign-noise.js';
import { densityDefaults, fitTextDensity } from '../src/cluster/text-defaults.js';

const { values } = parseArgs({
  options: {
    sections: { type: 'string', default: 'k,ninit,density,assign,titles' },
    seeds: { type: 'string', default: '3' },
    shared: { type: 'string' },
    cache: { type: 'string' },
    threads: { type: 'string' },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const shared = values.shared ?? process.env.JD_CLUSTER_SHARED ?? path.resolve(here, '../../../shared');
const sharedDir = existsSync(shared) ? shared : path.resolve(here, '../../shared');
const corpusPath = path.join(sharedDir, 'data/jd-multiplatform-2024q4.jsonl.gz');
const labelledPath = path.join(sharedDir, 'labelled/dev_lagou_taxonomy.jsonl');
const cacheDir = values.cache ?? path.join(os.tmpdir(), 'jd-cluster-density');
const sections = new Set(values.sections!.split(','));
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
const threads = values.threads ? { threads: Number(values.threads) } : {};
/** Stand-in for the data stage's isTitleOnly (same threshold: description < 20 characters). */
const TITLE_ONLY_CHARS = 20;

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
const fmt = (v: number[], digits = 3): string =>
  v.length === 1
    ? v[0].toFixed(digits)
    : `${mean(v).toFixed(digits)} (${Math.min(...v).toFixed(digits)}–${Math.max(...v).toFixed(digits)})`;
const pct = (v: number[]): string =>
  fmt(
    v.map((x) => 100 * x),
    1,
  );
const seconds = <T>(work: () => T): [T, number] => {
  const t0 = performance.now();
  const value = work();
  return [value, (performance.now() - t0) / 1000];
};

console.log('# Text defaults: measurements (benchmarks/density.ts)\n');
console.log(
  `- machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism()}, node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (times are noisy when the machine is shared)`,
);
console.log(`- seeds: ${seeds.join(', ')}; shared data: ${sharedDir}\n`);

// ---------------------------------------------------------------- inputs

interface Corpus {
  X: Matrix;
  titleOnly: Uint8Array;
}
async function corpus(): Promise<Corpus | null> {
  const vectorsFile = path.join(cacheDir, 'corpus.f32');
  const metaFile = path.join(cacheDir, 'corpus.json');
  if (existsSync(vectorsFile) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { rows: number; cols: number; titleOnly: number[] };
    const bytes = readFileSync(vectorsFile);
    const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    console.log(`- corpus vectors from the cache ${vectorsFile}\n`);
    return { X: createMatrix(meta.rows, meta.cols, data), titleOnly: Uint8Array.from(meta.titleOnly) };
  }
  if (!existsSync(corpusPath)) {
    console.log(`> **Note:** ${corpusPath} not found — corpus sections skipped.\n`);
    return null;
  }
  const input = await loadJobs(corpusPath);
  const t0 = performance.now();
  const result = await runPipeline(input, { algorithms: ['kmeans'], silhouette: false, seed: 42, ...threads });
  const s = (performance.now() - t0) / 1000;
  const titleOnly = Uint8Array.from(result.postings, (p) => ((p.description ?? '').trim().length < TITLE_ONLY_CHARS ? 1 : 0));
  mkdirSync(cacheDir, { recursive: true });
  const v = result.vectors;
  writeFileSync(vectorsFile, Buffer.from(v.data.buffer, v.data.byteOffset, v.data.byteLength));
  writeFileSync(metaFile, JSON.stringify({ rows: v.rows, cols: v.cols, titleOnly: Array.from(titleOnly) }));
  console.log(`- corpus embedded by the default pipeline in ${s.toFixed(1)} s, cached in ${cacheDir}\n`);
  return { X: v, titleOnly };
}

interface Labelled {
  X: Matrix;
  postingOfRow: Int32Array;
  /** Class codes per row: 7 first-level, 32 second-level classes. */
  coarse: number[];
  mid: number[];
}
function codes(values: string[]): number[] {
  const index = new Map<string, number>();
  return values.map((v) => index.get(v) ?? (index.set(v, index.size), index.size - 1));
}
const labelledCache = new Map<string, Labelled>();
/** The labelled postings embedded by the default pipeline; with `dropDescription`, those postings keep their title only. */
async function labelled(seed: number, dropDescription?: (index: number) => boolean): Promise<Labelled | null> {
  if (!existsSync(labelledPath)) return null;
  const key = `${seed}${dropDescription ? ':titles' : ''}`;
  const cached = labelledCache.get(key);
  if (cached) return cached;
  const records = readFileSync(labelledPath, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, string>);
  const jobs = records.map((r): JobPosting => ({
    id: String(r.id),
    platform: r.platform,
    title: r.title,
    description: r.description,
    company: r.company,
    city: r.city,
    raw: r,
  }));
  const result = await runPipeline(jobs, { algorithms: ['kmeans'], silhouette: false, seed, kmeans: { k: 7 }, ...threads });
  const out = {
    X: result.vectors,
    postingOfRow: result.postingOfRow,
    coarse: codes(Array.from(result.postingOfRow, (i) => records[i].label_coarse)),
    mid: codes(Array.from(result.postingOfRow, (i) => records[i].label)),
  };
  labelledCache.set(key, out);
  return out;
}
const labelledNote = (): void => console.log(`> **Note:** ${labelledPath} not found — labelled measurements skipped.\n`);

/** `k` blobs on the unit sphere (centres N(0, I) normalised, spread·N(0, I/d) around them), 5 % uniform noise. */
function blobs(n: number, d: number, k: number, seed: number): Matrix {
  const random = new Random(seed);
  const centres = Float64Array.from({ length: k * d }, () => random.normal());
  const X = createMatrix(n, d);
  for (let i = 0; i < n; i++) {
    const noise = random.next() < 0.05;
    for (let t = 0; t < d; t++)
      X.data[i * d + t] = noise ? random.normal() : centres[(i % k) * d + t] / Math.sqrt(d) + (0.6 / Math.sqrt(d)) * random.normal();
  }
  return normalizeRows(X, { inPlace: true });
}

function largestShare(labels: Labels): number {
  const sizes = new Map<number, number>();
  for (const l of labels) if (l >= 0) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  return Math.max(0, ...sizes.values()) / labels.length;
}

const data = sections.has('k') || sections.has('ninit') || sections.has('density') ? await corpus() : null;

// ---------------------------------------------------------------- k selection

if (sections.has('k')) {
  console.log('## k selection (`selectK`, silhouette on a 3,000-row sample, tolerance 0.05)\n');
  console.log('| data | rows | known k | chosen k | k of the best score | seconds |');
  console.log('|---|---:|---|---|---|---:|');
  const sets: { name: string; known: string; X: (seed: number) => Matrix | null | Promise<Matrix | null> }[] = [
    ...[4, 10, 25].map((k) => ({
      name: `blobs, k = ${k} (1,500 × 32)`,
      known: String(k),
      X: (seed: number) => blobs(1500, 32, k, 100 * k + seed),
    })),
    { name: 'labelled dev postings', known: '7 / 32 / 161', X: async (seed: number) => (await labelled(seed))?.X ?? null },
    { name: 'whole corpus', known: '—', X: () => data?.X ?? null },
  ];
  for (const set of sets) {
    const chosen: number[] = [],
      best: number[] = [],
      time: number[] = [];
    let rows = 0;
    for (const seed of seeds) {
      const X = await set.X(seed);
      if (!X) break;
      rows = X.rows;
      const [s, t] = seconds(() => selectK(X, { seed, ...threads }));
      chosen.push(s.k);
      best.push(s.bestK);
      time.push(t);
    }
    if (chosen.length === 0) console.log(`| ${set.name} | — | ${set.known} | skipped: data not found | | |`);
    else console.log(`| ${set.name} | ${rows} | ${set.known} | ${fmt(chosen, 1)} | ${fmt(best, 1)} | ${fmt(time, 1)} |`);
  }
  console.log();
}

// ---------------------------------------------------------------- nInit

if (sections.has('ninit')) {
  console.log('## K-Means: restarts (nInit)\n');
  console.log('| nInit | corpus k = 20: seconds | dev ARI, k = 7 (7 classes) | dev ARI, k = 32 (32 classes) |');
  console.log('|---:|---:|---|---|');
  for (const nInit of [1, 2, 4, 8]) {
    const time = data ? [seconds(() => new KMeans({ k: 20, nInit, seed: 1, ...threads }).fit(data.X))[1]] : [];
    const ari7: number[] = [],
      ari32: number[] = [];
    for (const seed of seeds) {
      const dev = await labelled(seed);
      if (!dev) break;
      ari7.push(adjustedRandIndex(dev.coarse, new KMeans({ k: 7, nInit, seed, ...threads }).fit(dev.X).labels));
      ari32.push(adjustedRandIndex(dev.mid, new KMeans({ k: 32, nInit, seed, ...threads }).fit(dev.X).labels));
    }
    console.log(
      `| ${nInit} | ${time.length ? fmt(time, 2) : 'skipped'} | ${ari7.length ? fmt(ari7) : 'skipped'} | ${ari32.length ? fmt(ari32) : 'skipped'} |`,
    );
  }
  console.log();
}

// ---------------------------------------------------------------- density on the corpus

if (sections.has('density') && data) {
  const { X, titleOnly } = data;
  const n = X.rows;
  const d = densityDefaults(n, X.cols);
  const titleRows = titleOnly.reduce((a, b) => a + b, 0);
  console.log(`## Density clustering on the whole corpus (${n} rows × ${X.cols}, ${titleRows} title-only)\n`);
  console.log(`Defaults: \`${JSON.stringify(d)}\`. Noise counts every row (title-only rows are noise before assignment).\n`);
  console.log(
    '| algorithm | variant | clusters | title-only clusters¹ | noise before | noise after | largest cluster | title-only assigned | seconds |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  const variants: {
    algorithm: 'hdbscan' | 'dbscan';
    name: string;
    options: Parameters<typeof fitTextDensity>[2];
    allSeeds?: boolean;
    clusterTitles?: boolean;
  }[] = [
    { algorithm: 'hdbscan', name: '**defaults**', options: {}, allSeeds: true },
    { algorithm: 'hdbscan', name: 'threshold 0.5', options: { assignThreshold: 0.5 } },
    { algorithm: 'hdbscan', name: 'threshold 0.6', options: { assignThreshold: 0.6 } },
    { algorithm: 'hdbscan', name: 'threshold 0.7', options: { assignThreshold: 0.7 } },
    { algorithm: 'hdbscan', name: 'title-only rows clustered too', options: {}, clusterTitles: true },
    { algorithm: 'hdbscan', name: 'reduced to 25 dims, threshold 0.7', options: { reduceTo: 25, assignThreshold: 0.7 } },
    { algorithm: 'hdbscan', name: 'leaf selection', options: { hdbscan: { clusterSelectionMethod: 'leaf' } } },
    { algorithm: 'hdbscan', name: 'minClusterSize 15 (library default)', options: { hdbscan: { minClusterSize: 15 } } },
    { algorithm: 'hdbscan', name: 'minClusterSize n / 500', options: { hdbscan: { minClusterSize: Math.round(n / 500) } } },
    { algorithm: 'hdbscan', name: 'minSamples 10', options: { hdbscan: { minSamples: 10 } } },
    { algorithm: 'dbscan', name: '**defaults**', options: {}, allSeeds: true },
    { algorithm: 'dbscan', name: 'threshold 0.5', options: { assignThreshold: 0.5 } },
    { algorithm: 'dbscan', name: 'threshold 0.7', options: { assignThreshold: 0.7 } },
    { algorithm: 'dbscan', name: 'eps at the median (the old automatic radius)', options: { dbscan: { epsQuantile: 0.5 } } },
    { algorithm: 'dbscan', name: 'eps quantile 0.1', options: { dbscan: { epsQuantile: 0.1 } } },
  ];
  for (const v of variants) {
    const clusters: number[] = [],
      before: number[] = [],
      after: number[] = [],
      largest: number[] = [],
      titles: number[] = [],
      titleClusters: number[] = [],
      time: number[] = [];
    for (const seed of v.allSeeds ? seeds : seeds.slice(0, 1)) {
      const [fit, t] = seconds(() =>
        fitTextDensity(v.algorithm, X, { ...v.options, ...(v.clusterTitles ? {} : { titleOnly }), seed, ...threads }),
      );
      titleClusters.push(titleOnlyClusters(fit.labels, titleOnly));
      clusters.push(fit.nClusters);
      before.push(fit.noiseBefore / n);
      after.push(fit.noise / n);
      largest.push(largestShare(fit.labels));
      titles.push(v.clusterTitles ? NaN : fit.titleOnly.assigned / Math.max(1, fit.titleOnly.rows));
      time.push(t);
    }
    console.log(
      `| ${v.algorithm} | ${v.name} | ${fmt(clusters, 1)} | ${fmt(titleClusters, 1)} | ${pct(before)} % | ${pct(after)} % | ${pct(largest)} % | ${pct(titles)} % | ${fmt(time, 1)} |`,
    );
  }
  console.log('\n¹ clusters in which ≥ 80 % of the members are title-only rows.\n');
}

// ---------------------------------------------------------------- assignment agreement on labelled data

if (sections.has('assign')) {
  if (!existsSync(labelledPath)) labelledNote();
  else {
    console.log('## Soft assignment: agreement of assigned rows vs core members (labelled dev postings)\n');
    console.log(
      "HDBSCAN at the defaults; a cluster's label = the majority label of its core members (the rows HDBSCAN put in it). " +
        'Purity = share of rows whose label is their cluster\'s; ARI over the rows in question. "centroid" is the rule used; ' +
        '"nearest member" (nearest clustered row at similarity ≥ threshold) for comparison. Mean (range) over seeds.\n',
    );
    const spaces: { name: string; reduceTo: number | null }[] = [
      { name: 'vectors as given (the default)', reduceTo: null },
      { name: 'reduced to 25 dims (truncated SVD)', reduceTo: 25 },
    ];
    for (const space of spaces) {
      console.log(`### ${space.name}\n`);
      console.log(
        '| rule | threshold | rows moved | purity 7 classes: core / assigned | purity 32: core / assigned | ARI 32: core / assigned |',
      );
      console.log('|---|---:|---:|---|---|---|');
      const rows = new Map<string, { moved: number[]; p7: number[][]; p32: number[][]; ari: number[][] }>();
      const meta: { noise: number[]; clusters: number[] } = { noise: [], clusters: [] };
      for (const seed of seeds) {
        const dev = (await labelled(seed))!;
        const fit = fitTextDensity('hdbscan', dev.X, { reduceTo: space.reduceTo, seed, ...threads });
        const Y = fit.reduction ? fit.reduction.vectors : dev.X;
        const before = fit.labelsBeforeAssignment;
        meta.noise.push(fit.noiseBefore / dev.X.rows);
        meta.clusters.push(fit.nClusters);
        const clustered: number[] = [];
        before.forEach((l, i) => l >= 0 && clustered.push(i));
        const nearestMember = nearestClustered(Y, before, clustered);
        for (const rule of ['centroid', 'nearest member'] as const) {
          for (const th of [0.3, 0.5, 0.6, 0.7, 0.8]) {
            const after =
              rule === 'centroid'
                ? NoiseAssigner.fit(Y, before, th).assign(Y, before).labels
                : Int32Array.from(before, (l, i) => (l >= 0 ? l : nearestMember.similarity[i] >= th ? nearestMember.label[i] : -1));
            const key = `${rule} | ${th}`;
            const entry = rows.get(key) ?? { moved: [], p7: [[], []], p32: [[], []], ari: [[], []] };
            const movedRows = Array.from(after.keys()).filter((i) => before[i] < 0 && after[i] >= 0);
            entry.moved.push(movedRows.length / dev.X.rows);
            for (const [truth, into] of [
              [dev.coarse, entry.p7],
              [dev.mid, entry.p32],
            ] as const) {
              const { core, assigned } = purity(before, after, truth, movedRows);
              into[0].push(core);
              if (movedRows.length > 0) into[1].push(assigned);
            }
            entry.ari[0].push(adjustedRandIndex(pick(dev.mid, clustered), pick(Array.from(before), clustered)));
            if (movedRows.length > 1) entry.ari[1].push(adjustedRandIndex(pick(dev.mid, movedRows), pick(Array.from(after), movedRows)));
            rows.set(key, entry);
          }
        }
      }
      for (const [key, e] of rows) {
        const pair = (p: number[][]): string => `${fmt(p[0])} / ${p[1].length ? fmt(p[1]) : '—'}`;
        console.log(`| ${key} | ${pct(e.moved)} % | ${pair(e.p7)} | ${pair(e.p32)} | ${pair(e.ari)} |`);
      }
      console.log(`\nClusters ${fmt(meta.clusters, 1)}, noise before assignment ${pct(meta.noise)} %.\n`);
    }
  }
}

// ---------------------------------------------------------------- title-only rows

if (sections.has('titles')) {
  if (!existsSync(labelledPath)) labelledNote();
  else {
    console.log('## Title-only rows (labelled dev postings, every 4th posting cut to its title)\n');
    console.log(
      'HDBSCAN at the defaults. "Title-only clusters": clusters in which ≥ 80 % of the members are title-only rows. ' +
        "Purity of the title-only rows that got a cluster, against the majority label (32 classes) of their cluster's full postings.\n",
    );
    console.log(
      '| treatment | clusters | title-only clusters | title-only rows in a cluster | their purity (32 classes) | ARI 32, all rows |',
    );
    console.log('|---|---:|---:|---:|---|---|');
    const out = new Map<string, { clusters: number[]; titleClusters: number[]; placed: number[]; purity: number[]; ari: number[] }>();
    for (const seed of seeds) {
      const dev = (await labelled(seed, (i) => i % 4 === 0))!;
      const titleOnly = Uint8Array.from(dev.postingOfRow, (i) => (i % 4 === 0 ? 1 : 0));
      for (const treatment of ['clustered with the full postings', '**set aside, then assigned** (default)'] as const) {
        const fit = fitTextDensity('hdbscan', dev.X, { seed, ...threads, ...(treatment.startsWith('**') ? { titleOnly } : {}) });
        const labels = fit.labels;
        const members = new Map<number, { all: number; titles: number }>();
        labels.forEach((l, i) => {
          if (l < 0) return;
          const m = members.get(l) ?? { all: 0, titles: 0 };
          m.all++;
          m.titles += titleOnly[i];
          members.set(l, m);
        });
        const fullLabels = Int32Array.from(labels, (l, i) => (titleOnly[i] ? -1 : l));
        const titleRows = Array.from(labels.keys()).filter((i) => titleOnly[i] && labels[i] >= 0);
        const e = out.get(treatment) ?? { clusters: [], titleClusters: [], placed: [], purity: [], ari: [] };
        e.clusters.push(fit.nClusters);
        e.titleClusters.push([...members.values()].filter((m) => m.titles >= 0.8 * m.all).length);
        e.placed.push(titleRows.length / titleOnly.reduce((a, b) => a + b, 0));
        e.purity.push(purity(fullLabels, labels, dev.mid, titleRows).assigned);
        e.ari.push(adjustedRandIndex(dev.mid, labels));
        out.set(treatment, e);
      }
    }
    for (const [treatment, e] of out) {
      console.log(
        `| ${treatment} | ${fmt(e.clusters, 1)} | ${fmt(e.titleClusters, 1)} | ${pct(e.placed)} % | ${fmt(e.purity)} | ${fmt(e.ari)} |`,
      );
    }
    console.log();
  }
}

/** Clusters in which ≥ 80 % of the members are title-only rows. */
function titleOnlyClusters(labels: Labels, titleOnly: Uint8Array): number {
  const members = new Map<number, [number, number]>();
  labels.forEach((l, i) => {
    if (l < 0) return;
    const m = members.get(l) ?? [0, 0];
    m[0]++;
    m[1] += titleOnly[i];
    members.set(l, m);
  });
  return [...members.values()].filter(([all, titles]) => titles >= 0.8 * all).length;
}

function pick<T>(values: ArrayLike<T>, rows: number[]): T[] {
  return rows.map((i) => values[i]);
}

/** Share of core members carrying their cluster's majority label, and the same for the moved rows. */
function purity(before: Labels, after: Labels, truth: number[], moved: number[]): { core: number; assigned: number } {
  const counts = new Map<number, Map<number, number>>();
  before.forEach((l, i) => {
    if (l < 0) return;
    const m = counts.get(l) ?? new Map<number, number>();
    m.set(truth[i], (m.get(truth[i]) ?? 0) + 1);
    counts.set(l, m);
  });
  const majority = new Map<number, number>();
  for (const [l, m] of counts) majority.set(l, [...m].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0]);
  let core = 0,
    coreOk = 0;
  before.forEach((l, i) => {
    if (l < 0) return;
    core++;
    if (majority.get(l) === truth[i]) coreOk++;
  });
  const ok = moved.filter((i) => majority.get(after[i]) === truth[i]).length;
  return { core: coreOk / core, assigned: moved.length ? ok / moved.length : NaN };
}

/** For every row: the label of and cosine similarity to its nearest clustered row (excluding itself). */
function nearestClustered(X: Matrix, labels: Labels, clustered: number[]): { label: Int32Array; similarity: Float64Array } {
  const d = X.cols;
  const label = new Int32Array(X.rows).fill(-1);
  const similarity = new Float64Array(X.rows).fill(-Infinity);
  for (let i = 0; i < X.rows; i++) {
    if (labels[i] >= 0) continue;
    for (const j of clustered) {
      let dot = 0;
      for (let t = 0; t < d; t++) dot += X.data[i * d + t] * X.data[j * d + t];
      if (dot > similarity[i]) {
        similarity[i] = dot;
        label[i] = labels[j];
      }
    }
  }
  return { label, similarity };
}
