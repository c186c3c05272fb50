/**
 * Throughput of cleanText + tokenize on "the 10k sample": the first 10,000
 * postings of the shared corpus whose 职位描述 has at least 50 characters.
 * Target: ≤ 1.5 s for the 10k (Python jieba: 9.0 s; @node-rs/jieba cut alone: 0.63 s).
 * Falls back, with a visible note, to 10,000 synthetic postings when the corpus is absent.
 *
 *   npx tsx benchmarks/tokenize.ts [path/to/corpus.jsonl.gz]
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanText, generateJobs, loadJobs } from '../src/data/index.js';
import { createTokenizer, JiebaSegmenter } from '../src/tokenize/index.js';

const SAMPLE = 10_000;
const REPEATS = 3;
const here = path.dirname(fileURLToPath(import.meta.url));
const corpusPath = process.argv[2] ?? path.resolve(here, '../../shared/data/jd-multiplatform-2024q4.jsonl.gz');

async function sampleTexts(): Promise<{ texts: string[]; source: string }> {
  if (existsSync(corpusPath)) {
    const { jobs } = await loadJobs(corpusPath, { minDescriptionLength: 50, limit: SAMPLE });
    return {
      texts: jobs.map((j) => j.description),
      source: `${path.basename(corpusPath)}, first ${jobs.length} postings with ≥ 50 characters of description`,
    };
  }
  console.log(
    `> **Note:** ${corpusPath} not found — measuring ${SAMPLE} synthetic postings (generateJobs, seed 1) instead; figures are not comparable with the target.\n`,
  );
  const { jobs } = generateJobs({ n: SAMPLE, seed: 1 });
  return { texts: jobs.map((j) => j.description), source: `generateJobs({ n: ${SAMPLE}, seed: 1 })` };
}

function median(xs: Timing[]): Timing {
  const pick = (key: keyof Timing) => [...xs].map((x) => x[key]).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: pick('wall'), cpu: pick('cpu') };
}

interface Timing {
  wall: number;
  cpu: number;
}

/** Wall and CPU milliseconds: on a shared machine CPU time is the steadier figure. */
function time(fn: () => void): Timing {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
}

const add = (a: Timing, b: Timing): Timing => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu });

const { texts, source } = await sampleTexts();
const chars = texts.reduce((s, t) => s + t.length, 0);

let t0 = performance.now();
const tokenizer = createTokenizer();
const initMs = performance.now() - t0;
t0 = performance.now();
const rawJieba = new JiebaSegmenter();
const rawInitMs = performance.now() - t0;

let cleaned: string[] = [];
let tokens = 0;
const cleanRuns: Timing[] = [];
const tokenizeRuns: Timing[] = [];
const totalRuns: Timing[] = [];
const cutRuns: Timing[] = [];
// One warm-up round, then REPEATS measured rounds; the median is reported.
for (let r = 0; r <= REPEATS; r++) {
  const clean = time(() => {
    cleaned = texts.map((t) => cleanText(t));
  });
  let count = 0;
  const tok = time(() => {
    for (const t of cleaned) count += tokenizer.tokenize(t).length;
  });
  const cut = time(() => {
    for (const t of cleaned) rawJieba.cut(t);
  });
  if (r === 0) continue;
  tokens = count;
  cleanRuns.push(clean);
  tokenizeRuns.push(tok);
  totalRuns.push(add(clean, tok));
  cutRuns.push(cut);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;
console.log('## Tokenizer throughput\n');
console.log(
  `- Machine: ${cpu}, ${os.cpus().length} logical cores, ${os.platform()} ${os.arch()}, Node ${process.version}, load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' / ')}`,
);
console.log(`- Input: ${source}; ${texts.length} texts, ${chars.toLocaleString('en')} characters`);
console.log(`- Median of ${REPEATS} runs after one warm-up; single thread\n`);
console.log('| step | wall time | CPU time | texts/s (wall) | × jieba alone (CPU) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
const cut = median(cutRuns);
const row = (name: string, t: Timing) =>
  console.log(
    `| ${name} | ${fmt(t.wall)} | ${fmt(t.cpu)} | ${Math.round((texts.length / t.wall) * 1000).toLocaleString('en')} | ${(t.cpu / cut.cpu).toFixed(2)} |`,
  );
row('cleanText', median(cleanRuns));
row('tokenize (createTokenizer defaults)', median(tokenizeRuns));
row('**cleanText + tokenize** (target ≤ 1.5 s)', median(totalRuns));
row('reference: @node-rs/jieba cut(hmm) alone on cleaned text', cut);
console.log(
  `\nTokens kept: ${tokens.toLocaleString('en')} (${(tokens / texts.length).toFixed(1)} per text). Tokenizer construction: ${initMs.toFixed(0)} ms (jieba alone: ${rawInitMs.toFixed(0)} ms).`,
);
