/**
 * Data layer figures on the shared corpus: streaming load of all 36,171 postings,
 * cleanText on "the 10k sample" (first 10,000 postings with ≥ 50 characters of
 * description; budget ≈ 0.4 s so that clean + tokenize stays ≤ 1.5 s), and
 * findDuplicates on the whole corpus ("in seconds").
 * Falls back, with a visible note, to synthetic postings when the corpus is absent.
 *
 *   npx tsx benchmarks/data.ts [path/to/corpus.jsonl.gz]
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanText, findDuplicates, generateJobs, loadJobs, type JobPosting } from '../src/data/index.js';

const REPEATS = 3;
const here = path.dirname(fileURLToPath(import.meta.url));
const sharedDir = process.env.JD_CLUSTER_SHARED ?? path.resolve(here, '../../shared');
const corpusPath = process.argv[2] ?? path.join(sharedDir, 'data/jd-multiplatform-2024q4.jsonl.gz');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** CPU milliseconds of this process (user + system): less distorted than wall time on a shared machine. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

const cpuRuns = new Map<string, number[]>();

async function timeAsync<T>(label: string, fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const c0 = cpuMs();
  const value = await fn();
  cpuRuns.set(label, [...(cpuRuns.get(label) ?? []), cpuMs() - c0]);
  return [performance.now() - t0, value];
}

function timeSync<T>(label: string, fn: () => T): [number, T] {
  const t0 = performance.now();
  const c0 = cpuMs();
  const value = fn();
  cpuRuns.set(label, [...(cpuRuns.get(label) ?? []), cpuMs() - c0]);
  return [performance.now() - t0, value];
}

const cpu = (label: string) => `${median(cpuRuns.get(label)!).toFixed(0)} ms`;

const haveCorpus = existsSync(corpusPath);
const rows: string[][] = [];
let all: JobPosting[];
let sample: JobPosting[];
let source: string;
if (haveCorpus) {
  source = path.basename(corpusPath);
  const loads: number[] = [];
  let loaded!: Awaited<ReturnType<typeof loadJobs>>;
  for (let r = 0; r < REPEATS; r++) {
    const [ms, value] = await timeAsync('load', () => loadJobs(corpusPath));
    loads.push(ms);
    loaded = value;
  }
  all = loaded.jobs;
  rows.push([
    'loadJobs (gzip JSONL, no options)',
    `${all.length} postings`,
    `${median(loads).toFixed(0)} ms`,
    cpu('load'),
    `${(all.length / (median(loads) / 1000)).toFixed(0)} postings/s`,
  ]);
  sample = all.filter((j) => [...j.description].length >= 50).slice(0, 10_000);
} else {
  console.log(`> **Note:** ${corpusPath} not found — measuring synthetic postings (generateJobs) instead; figures are not comparable.\n`);
  source = 'generateJobs({ n: 36171, seed: 1 })';
  all = generateJobs({ n: 36_171, seed: 1 }).jobs;
  sample = all.slice(0, 10_000);
}

const texts = sample.map((j) => j.description);
const chars = texts.reduce((s, t) => s + t.length, 0);
const cleanRuns: number[] = [];
let cleanedChars = 0;
for (let r = 0; r <= REPEATS; r++) {
  const [ms, n] = timeSync(r > 0 ? 'clean' : 'warm-up', () => texts.reduce((s, t) => s + cleanText(t).length, 0));
  if (r > 0) cleanRuns.push(ms); // round 0 warms up the regular expressions
  cleanedChars = n;
}
rows.push([
  'cleanText (10k sample, descriptions)',
  `${texts.length} texts, ${(chars / 1e6).toFixed(2)} M chars → ${(cleanedChars / 1e6).toFixed(2)} M`,
  `${median(cleanRuns).toFixed(0)} ms`,
  cpu('clean'),
  `${(chars / 1e6 / (median(cleanRuns) / 1000)).toFixed(1)} M chars/s`,
]);

for (const [label, options] of [
  ['findDuplicates exact only', { near: false }],
  ['findDuplicates exact + near (MinHash/LSH, t = 0.8)', {}],
] as const) {
  const runs: number[] = [];
  let report!: ReturnType<typeof findDuplicates>;
  for (let r = 0; r < REPEATS; r++) {
    const [ms, value] = timeSync(label, () => findDuplicates(all, options));
    runs.push(ms);
    report = value;
  }
  rows.push([
    label,
    `${all.length} postings → ${report.groups.length} groups (${report.exactGroups} exact, ${report.nearGroups} near, ${report.crossPlatformGroups} cross-platform), ${report.duplicateCount} removable, ${report.unchecked.length} too short`,
    `${median(runs).toFixed(0)} ms`,
    cpu(label),
    report.stats.bands ? `${report.stats.bands}×${report.stats.rows} bands, ${report.stats.candidatePairs} pairs verified` : '',
  ]);
}

const cpus = os.cpus();
console.log(`# Data layer benchmark\n`);
console.log(
  `Machine: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(`Input: ${source}; medians of ${REPEATS} runs.\n`);
console.log('| step | input → output | wall time | CPU time | rate / notes |');
console.log('|---|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
