/**
 * The JavaScript stages at 1 and 2 threads, before (the synchronous functions)
 * and after (their worker-thread variants, as runPipeline awaits them), on the
 * whole shared corpus, then the whole pipeline at defaults with each stage's
 * share of the time at 2 threads.
 *
 * Each "after" figure is cold: the task pool is terminated first, so it includes
 * starting the workers and building their tokenizers, as in a fresh CLI run.
 * Rounds alternate the thread order (1, 2 then 2, 1) because the machine may be
 * shared; the table gives the range over rounds. Falls back, with a visible note,
 * to synthetic postings when the corpus is absent.
 *
 * --dist measures the built package (npm run build first): workers then load
 * dist/task-worker.js, as for users, instead of compiling the sources with tsx.
 *
 *   npx tsx benchmarks/stages.ts [--dist] [--rounds 2] [--limit N] [--corpus PATH] [--no-pipeline]
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { JobPosting } from '../src/index.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    limit: { type: 'string' },
    corpus: { type: 'string' },
    'no-pipeline': { type: 'boolean' },
    dist: { type: 'boolean' },
  },
});
const lib: typeof import('../src/index.js') = values.dist ? await import('../dist/index.js' as string) : await import('../src/index.js');
const {
  Tokenizer,
  cleanText,
  cleanTextsAsync,
  findDuplicates,
  findDuplicatesAsync,
  generateJobs,
  loadJobs,
  runPipeline,
  terminateTaskPool,
} = lib;
const here = path.dirname(fileURLToPath(import.meta.url));
// shared/ sits next to the repository (../../shared from here), or at JD_CLUSTER_SHARED.
const corpusPath =
  values.corpus ??
  [process.env.JD_CLUSTER_SHARED, path.resolve(here, '../../shared'), '/work/shared']
    .filter((dir): dir is string => dir !== undefined)
    .map((dir) => path.resolve(dir, 'data/jd-multiplatform-2024q4.jsonl.gz'))
    .find((file) => existsSync(file)) ??
  path.resolve(here, '../../shared/data/jd-multiplatform-2024q4.jsonl.gz');
const rounds = Number(values.rounds);
const limit = values.limit ? Number(values.limit) : undefined;

async function load(): Promise<{ jobs: JobPosting[]; source: string; seconds: number }> {
  const t0 = performance.now();
  if (existsSync(corpusPath)) {
    const { jobs } = await loadJobs(corpusPath, limit ? { limit } : {});
    return {
      jobs,
      source: `${path.basename(corpusPath)}${limit ? `, first ${limit}` : ', whole corpus'}`,
      seconds: (performance.now() - t0) / 1000,
    };
  }
  const n = limit ?? 36_000;
  console.log(`> **Note:** ${corpusPath} not found — using ${n} synthetic postings (generateJobs, seed 1).\n`);
  return {
    jobs: generateJobs({ n, seed: 1 }).jobs,
    source: `generateJobs({ n: ${n}, seed: 1 })`,
    seconds: (performance.now() - t0) / 1000,
  };
}

const { jobs, source, seconds: loadSeconds } = await load();
const raw = jobs.map((job) => `${job.title}\n${job.description}`);

/** stage → threads → seconds of each round. */
const figures = new Map<string, Map<number, number[]>>();
const record = (stage: string, threads: number, seconds: number) => {
  const byThreads = figures.get(stage) ?? new Map<number, number[]>();
  figures.set(stage, byThreads);
  byThreads.set(threads, [...(byThreads.get(threads) ?? []), seconds]);
  if (!stage.startsWith('pipeline')) {
    const cpu = cpuFigures.get(stage) ?? new Map<number, number[]>();
    cpuFigures.set(stage, cpu);
    cpu.set(threads, [...(cpu.get(threads) ?? []), lastCpu]);
  }
};
/** stage → threads → CPU seconds of the whole process (every thread) per round. */
const cpuFigures = new Map<string, Map<number, number[]>>();
let lastCpu = 0;
async function time<T>(work: () => T | Promise<T>): Promise<{ value: T; seconds: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const value = await work();
  const c = process.cpuUsage(c0);
  lastCpu = (c.user + c.system) / 1e6;
  return { value, seconds: (performance.now() - t0) / 1000 };
}
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

let mismatches = 0;
for (let round = 0; round < rounds; round++) {
  for (const threads of round % 2 === 0 ? [1, 2] : [2, 1]) {
    await terminateTaskPool();
    // Before: what the pipeline runs today (one thread whatever `threads` says).
    const cleanBefore = await time(() => raw.map((t) => cleanText(t)));
    record('clean (before)', threads, cleanBefore.seconds);
    const cleanAfter = await time(() => cleanTextsAsync(raw, undefined, { threads }));
    record('clean', threads, cleanAfter.seconds);
    const texts = cleanAfter.value;
    if (!same(texts, cleanBefore.value)) mismatches++;

    const dupOptions = { text: (_job: JobPosting, i: number) => texts[i], clean: false };
    const dupBefore = await time(() => findDuplicates(jobs, dupOptions));
    record('duplicates (before)', threads, dupBefore.seconds);
    // As the pipeline should: warm the workers' tokenizers while the calling thread
    // bands and joins the signatures (the workers are idle then).
    const tokenizer = new Tokenizer();
    let warming: Promise<void> = Promise.resolve();
    const dupAfter = await time(() => {
      const report = findDuplicatesAsync(jobs, { ...dupOptions, threads });
      warming = tokenizer.warmUpWorkers({ threads });
      return report;
    });
    record('duplicates', threads, dupAfter.seconds);
    if (!same(dupAfter.value.groups, dupBefore.value.groups)) mismatches++;

    const groupOf = dupAfter.value.groupOf;
    const candidates = texts.filter((_, i) => groupOf[i] === -1 || dupAfter.value.groups[groupOf[i]].members[0] === i);
    const tokenizerBefore = await time(() => new Tokenizer().tokenizeAll(candidates));
    record('tokenize (before)', threads, tokenizerBefore.seconds);
    const tokenizeAfter = await time(async () => {
      await warming;
      return tokenizer.tokenizeAllAsync(candidates, { threads });
    });
    record('tokenize', threads, tokenizeAfter.seconds);
    if (!same(tokenizeAfter.value, tokenizerBefore.value)) mismatches++;

    if (!values['no-pipeline']) {
      await terminateTaskPool();
      const run = await time(() => runPipeline(jobs, { threads, seed: 42 }));
      let timed = 0;
      for (const t of run.value.timings) {
        record(`pipeline: ${t.stage}`, threads, t.seconds);
        timed += t.seconds;
      }
      record('pipeline: between stages (bookkeeping, report)', threads, run.seconds - timed);
      record('pipeline total', threads, run.seconds);
    }
  }
}
await terminateTaskPool();

const fmt = (xs: number[] | undefined) => {
  if (!xs || xs.length === 0) return '—';
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return hi - lo < 0.005 ? lo.toFixed(2) : `${lo.toFixed(2)}–${hi.toFixed(2)}`;
};
const best = (stage: string, threads: number) => Math.min(...(figures.get(stage)?.get(threads) ?? [NaN]));

console.log('## JavaScript stages at 1 and 2 threads\n');
console.log(
  `- machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism()}, node ${process.version}, load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(`- code: ${values.dist ? 'dist (built package)' : 'src (workers compile it with tsx)'}`);
console.log(`- input: ${source}: ${jobs.length} postings; load ${loadSeconds.toFixed(2)} s (one thread, not in the totals)`);
console.log(`- ${rounds} round(s), thread order alternating; seconds as min–max over rounds; "after" includes starting the workers`);
console.log(`- results identical before/after and across thread counts: ${mismatches === 0 ? 'yes' : `NO (${mismatches} mismatches)`}\n`);
console.log('| stage | 1 thread | 2 threads | speed-up (best) |');
console.log('|---|---:|---:|---:|');
for (const [stage, byThreads] of figures) {
  const speedup = best(stage, 1) / best(stage, 2);
  console.log(
    `| ${stage} | ${fmt(byThreads.get(1))} | ${fmt(byThreads.get(2))} | ${Number.isFinite(speedup) ? speedup.toFixed(2) + '×' : '—'} |`,
  );
}
if (!values['no-pipeline']) {
  // Shares from the round with the best total at 2 threads would mix rounds; the
  // best time of each stage is the steadier figure on a shared machine.
  const stages = [...figures.keys()].filter((s) => s.startsWith('pipeline: '));
  const total2 = stages.reduce((sum, s) => sum + best(s, 2), 0);
  console.log(
    `\nWhole pipeline at defaults (runPipeline, seed 42): best 1 thread ${best('pipeline total', 1).toFixed(2)} s, best 2 threads ${best('pipeline total', 2).toFixed(2)} s, speed-up ${(best('pipeline total', 1) / best('pipeline total', 2)).toFixed(2)}×.\n`,
  );
  console.log('| pipeline stage | share at 2 threads (best stage times) |');
  console.log('|---|---:|');
  for (const s of stages) console.log(`| ${s.slice('pipeline: '.length)} | ${((best(s, 2) / total2) * 100).toFixed(1)}% |`);
}
