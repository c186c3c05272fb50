/**
 * End-to-end pipeline timings per stage: load → clean → duplicates → tokenize →
 * embed → cluster (HDBSCAN, K-Means, DBSCAN) → validate, on "the 10k sample"
 * (the first 10,000 postings of the shared corpus with ≥ 50 characters of
 * description) and, with --all, on the whole corpus.
 * Python reference (jieba + gensim CBOW + scikit-learn TF-IDF + hdbscan + silhouettes)
 * on the 10k sample: about 27 s. Targets with two threads: ≤ 5 s for the 10k with all
 * three algorithms; ≤ 20 s for the whole 36k corpus.
 * Falls back, with a visible note, to synthetic postings when the corpus is absent.
 *
 *   npx tsx benchmarks/pipeline.ts [--all] [--representation lsa|w2v-tfidf|hybrid] [--threads N] [--corpus PATH]
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateJobs, loadJobs, runPipeline, type LoadJobsResult, type Representation } from '../src/index.js';

const { values } = parseArgs({
  options: {
    all: { type: 'boolean' },
    representation: { type: 'string' },
    threads: { type: 'string' },
    corpus: { type: 'string' },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const corpusPath =
  values.corpus ?? path.resolve(here, process.env.JD_CLUSTER_SHARED ?? '../../shared', 'data/jd-multiplatform-2024q4.jsonl.gz');
const threads = values.threads ? Number(values.threads) : undefined;
const representation = values.representation as Representation | undefined;

async function load(): Promise<{ input: LoadJobsResult; source: string; loadSeconds: number }> {
  const t0 = performance.now();
  if (existsSync(corpusPath)) {
    const input = await loadJobs(corpusPath, values.all ? {} : { minDescriptionLength: 50, limit: 10_000 });
    const what = values.all ? 'whole corpus' : 'first 10,000 postings with ≥ 50 characters of description';
    return { input, source: `${path.basename(corpusPath)}, ${what}`, loadSeconds: (performance.now() - t0) / 1000 };
  }
  const n = values.all ? 36_000 : 10_000;
  console.log(
    `> **Note:** ${corpusPath} not found — using ${n} synthetic postings (generateJobs, seed 1); figures are not comparable with the targets.\n`,
  );
  const jobs = generateJobs({ n, seed: 1 }).jobs;
  return {
    input: {
      jobs,
      skipped: { count: 0, byReason: {}, records: [] },
      stats: { read: n, kept: n, skipped: 0, blankLines: 0, byPlatform: {}, repeatedIds: 0 },
    },
    source: `generateJobs({ n: ${n}, seed: 1 })`,
    loadSeconds: (performance.now() - t0) / 1000,
  };
}

const { input, source, loadSeconds } = await load();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const result = await runPipeline(input, { algorithms: ['hdbscan', 'kmeans', 'dbscan'], representation, threads, seed: 42 });
const total = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);

console.log('## Pipeline stage timings\n');
console.log(
  `- machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism()}, node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `- input: ${source}: ${input.jobs.length} postings (${input.skipped.count} skipped when loading); ${result.duplicates?.duplicateCount ?? 0} duplicates folded; ${result.vectors.rows} × ${result.vectors.cols} vectors (${result.representation.name}); threads ${threads ?? 'all'}`,
);
console.log(`- load (not in the total): ${loadSeconds.toFixed(2)} s\n`);
console.log('| stage | seconds |');
console.log('|---|---:|');
for (const t of result.timings) console.log(`| ${t.stage} | ${t.seconds.toFixed(3)} |`);
console.log(`| **total (wall)** | **${total.toFixed(2)}** |`);
console.log(`| total (CPU, all threads) | ${((cpu.user + cpu.system) / 1e6).toFixed(2)} |\n`);
console.log('| algorithm | clusters | noise | silhouette | bias flags |');
console.log('|---|---:|---:|---:|---:|');
for (const c of Object.values(result.clusterings)) {
  console.log(
    `| ${c!.algorithm} | ${c!.nClusters} | ${((c!.noise / result.vectors.rows) * 100).toFixed(1)}% | ${c!.silhouette?.score.toFixed(3) ?? 'n/a'} | ${c!.facets.reduce((s, f) => s + f.flags.length, 0)} |`,
  );
}
