/**
 * HDBSCAN at scale: exact against approximate mode, time and peak memory at 1
 * and 2 threads, and the adjusted Rand index between the two modes (noise as a
 * label of its own) wherever exact finishes.
 *
 *   npx tsx benchmarks/scale.ts                      # n = 10k, blobs + corpus-like (a minute or two)
 *   npx tsx benchmarks/scale.ts --big                # n = 10k, 100k, 300k, 1M (exact up to --exact-max)
 *   npx tsx benchmarks/scale.ts --sizes 10000,1000000 --threads 2 --data blobs --exact-max 100000
 *
 * Data (both 128-d unit vectors, seeded; benchmarks/lib/scale-data.ts): `blobs` = 20
 * blobs on the sphere with 5% uniform noise; `corpus-like` = the 3,000 real sentence
 * vectors of test/fixtures/jd-real-unique-3k, jittered copies of them up to n.
 *
 * Exact mode is O(n²) time: it runs up to --exact-max rows (default 100,000; about
 * 45 s at 100k on two idle cores, so ≈ 7 min at 300k and ≈ 75 min at 1M), beyond
 * that its rows say "not run". Each fit is timed phase by phase (the searches, the
 * spanning tree, then linkage / condense / select / scores summed;
 * benchmarks/lib/hdbscan-by-phase.ts), peak RSS is the child process's.
 *
 * Each (n, data, mode, threads) runs in a child process of its own, so that the
 * peak RSS belongs to that run; a run past --timeout seconds is reported as such.
 * Times are one fit (after a small warm-up fit); on a shared machine run it more
 * than once and report ranges.
 *
 * End to end (`--pipeline`): the whole pipeline at its defaults (HDBSCAN + K-Means,
 * no map) on synthetic corpora (`jd-cluster generate --n N --seed 1`, cached in
 * --corpus-dir), each stage's time and the process's RSS after it and peak RSS so far,
 * with HDBSCAN forced 'exact' or 'approximate'; ARI of approximate against exact
 * HDBSCAN labels where exact finished, and whether every thread count gave identical labels.
 *
 *   npx tsx benchmarks/scale.ts --pipeline --big     # n = 10k, 100k, 300k, 1M (exact up to --exact-max)
 *   npx tsx benchmarks/scale.ts --pipeline --sizes 200000 --threads 2 --modes approximate
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HDBSCAN } from '../src/cluster/index.js';
import { writeSyntheticJobs } from '../src/data/index.js';
import { loadRecords, runPipeline } from '../src/pipeline/index.js';
import { createMatrix } from '../src/core/index.js';
import { fitByPhase, type Phases } from './lib/hdbscan-by-phase.js';
import { makeScaleData as makeData, SCALE_DIM as DIM } from './lib/scale-data.js';
import { adjustedRandIndex } from '../src/validate/index.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string' },
    big: { type: 'boolean', default: false },
    threads: { type: 'string', default: '1,2' },
    data: { type: 'string', default: 'blobs,corpus-like' },
    modes: { type: 'string', default: 'exact,approximate' },
    'exact-max': { type: 'string', default: '100000' },
    timeout: { type: 'string', default: '1800' },
    job: { type: 'string' },
    file: { type: 'string' },
    out: { type: 'string' },
    mode: { type: 'string' },
    pipeline: { type: 'boolean', default: false },
    'corpus-dir': { type: 'string' },
  },
});

const PARAMS = { minClusterSize: 15, minSamples: 5 };

interface Run {
  /** HDBSCAN's phases: [name, wall s, CPU s] (benchmarks/lib/hdbscan-by-phase.ts). */
  phases: Phases;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  labels: number[];
  clusters: number;
  noise: number;
}

function child(): void {
  const bytes = readFileSync(values.file!);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const X = createMatrix(data.length / DIM, DIM, data);
  const threads = Number(values.threads);
  const mode = values.mode as 'exact' | 'approximate';
  const est = new HDBSCAN({ ...PARAMS, mode, threads });
  est.fit(createMatrix(2000, DIM, X.data.slice(0, 2000 * DIM))); // warm-up: compilation, workers, JIT
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  // Phase by phase: the same calls as est.fit(X), each timed.
  const { phases, labels: fitted, nClusters } = fitByPhase(X, mode, threads);
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const labels = Array.from(fitted);
  const run: Run = {
    phases,
    seconds,
    cpuSeconds: (c.user + c.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    labels,
    clusters: nClusters,
    noise: labels.filter((l) => l < 0).length / labels.length,
  };
  writeFileSync(values.out!, JSON.stringify(run));
}

/** The phases in one cell: the searches and the tree by name, what follows the tree summed. */
function phaseText(phases: Phases): string {
  const top = phases.filter(([name]) => !name.startsWith(' '));
  const after = new Set(['single linkage', 'condense', 'select', 'probabilities, GLOSH, persistence', 'sort of the tree (numpy order)']);
  const rest = top.filter(([name]) => after.has(name)).reduce((sum, [, wall]) => sum + wall, 0);
  const named = top.filter(([name]) => !after.has(name)).map(([name, wall]) => `${name} ${wall.toFixed(2)}`);
  return [...named, `sort, linkage, condense, select, scores ${rest.toFixed(2)}`].join(' · ');
}

function parent(): void {
  const sizes = (values.sizes ?? (values.big ? '10000,100000,300000,1000000' : '10000')).split(',').map(Number);
  const threadList = values.threads!.split(',').map(Number);
  const kinds = values.data!.split(',');
  const modes = values.modes!.split(',');
  const exactMax = Number(values['exact-max']);
  const timeout = Number(values.timeout);
  const dir = mkdtempSync(join(os.tmpdir(), 'jd-cluster-scale-'));
  const self = fileURLToPath(import.meta.url);
  const rows: string[] = [];
  for (const kind of kinds) {
    for (const n of sizes) {
      const file = join(dir, `${kind}-${n}.f32`);
      if (!existsSync(file)) {
        const X = makeData(kind, n);
        writeFileSync(file, new Uint8Array(X.data.buffer, X.data.byteOffset, X.data.byteLength));
      }
      const byMode = new Map<string, Run>();
      for (const mode of modes) {
        for (const threads of threadList) {
          const label = `${kind} ${n} ${mode} ${threads}`;
          if (mode === 'exact' && n > exactMax) {
            rows.push(`| ${kind} | ${n} | ${mode} | ${threads} | not run (n > --exact-max ${exactMax}) | | | | | | |`);
            continue;
          }
          process.stderr.write(`running ${label} …\n`);
          const out = join(dir, `${kind}-${n}-${mode}-${threads}.json`);
          const res = spawnSync(
            process.execPath,
            ['--import', 'tsx', self, '--job', 'fit', '--file', file, '--out', out, '--threads', String(threads), '--mode', mode],
            { timeout: timeout * 1000, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
          );
          if (res.status !== 0) {
            const why = res.error
              ? `did not finish in ${timeout} s`
              : `failed: ${(res.stderr ?? '').split('\n').find((l) => /Error/.test(l)) ?? ''}`;
            rows.push(`| ${kind} | ${n} | ${mode} | ${threads} | ${why} | | | | | | |`);
            continue;
          }
          const run = JSON.parse(readFileSync(out, 'utf8')) as Run;
          const first = byMode.get(mode);
          if (!first) byMode.set(mode, run);
          // Same mode, other thread count: the labels must be identical.
          const sameAsFirst = first ? (adjustedRandIndex(run.labels, first.labels) === 1 ? 'identical' : 'DIFFERENT') : '';
          const exact = byMode.get('exact');
          const ari = mode === 'approximate' && exact ? adjustedRandIndex(run.labels, exact.labels).toFixed(4) : '';
          const speedup = mode === 'approximate' && exact ? `${(exact.seconds / run.seconds).toFixed(1)}×` : '';
          rows.push(
            `| ${kind} | ${n} | ${mode} | ${threads} | ${run.seconds.toFixed(2)} s | ${run.cpuSeconds.toFixed(2)} s | ${run.maxRssMb.toFixed(0)} MB | ${run.clusters} / ${(run.noise * 100).toFixed(1)} % | ${ari} ${speedup} | ${sameAsFirst} | ${phaseText(run.phases)} |`,
          );
        }
      }
    }
  }
  const lines = [
    '## HDBSCAN at scale: exact and approximate',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )} (at the end). minClusterSize ${PARAMS.minClusterSize}, minSamples ${PARAMS.minSamples}, ${DIM}-d unit vectors; one fit per cell, in a process of its own.`,
    '',
    '| data | n | mode | threads | wall | CPU | peak RSS | clusters / noise | ARI vs exact (same threads row), speed-up | labels vs first thread count | phases: wall s |',
    '|---|---:|---|---:|---:|---:|---:|---|---|---|---|',
    ...rows,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

interface PipelineRun {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  /**
   * Per stage (load first): seconds, process CPU seconds (every thread), RSS after it, peak RSS of
   * the process so far (MB). CPU seconds say what a stage costs on a shared machine, where wall times do not.
   */
  stages: { stage: string; seconds: number; cpuSeconds: number; rssMb: number; peakMb: number }[];
  /** Final labels per algorithm. */
  labels: Record<string, number[]>;
  rows: number;
}

const mb = (bytes: number) => bytes / 2 ** 20;

async function pipelineChild(): Promise<void> {
  const stages: PipelineRun['stages'] = [];
  const c0 = process.cpuUsage();
  let cpuBefore = 0;
  const mark = (stage: string, seconds: number) => {
    const c = process.cpuUsage(c0);
    const cpu = (c.user + c.system) / 1e6;
    stages.push({
      stage,
      seconds,
      cpuSeconds: cpu - cpuBefore,
      rssMb: mb(process.memoryUsage().rss),
      peakMb: process.resourceUsage().maxRSS / 1024,
    });
    cpuBefore = cpu;
  };
  const t0 = performance.now();
  const loaded = await loadRecords(values.file!);
  mark('load', (performance.now() - t0) / 1000);
  const result = await runPipeline(loaded, {
    threads: Number(values.threads),
    map: false,
    clusterers: { hdbscan: { mode: values.mode as 'exact' | 'approximate' } },
    onProgress: (event) => {
      if (event.phase === 'end') mark(event.stage, event.seconds ?? 0);
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const run: PipelineRun = {
    seconds,
    cpuSeconds: (c.user + c.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    stages,
    labels: Object.fromEntries(Object.entries(result.clusterings).map(([name, c]) => [name, Array.from(c!.labels)])),
    rows: result.vectors.rows,
  };
  writeFileSync(values.out!, JSON.stringify(run));
  // The worker pool keeps the process alive otherwise.
  process.exit(0);
}

async function pipelineParent(): Promise<void> {
  const sizes = (values.sizes ?? (values.big ? '10000,100000,300000,1000000' : '10000')).split(',').map(Number);
  const threadList = values.threads!.split(',').map(Number);
  const modes = values.modes!.split(',');
  const exactMax = Number(values['exact-max']);
  const timeout = Number(values.timeout);
  const dir = values['corpus-dir'] ?? mkdtempSync(join(os.tmpdir(), 'jd-cluster-scale-'));
  mkdirSync(dir, { recursive: true }); // a --corpus-dir that does not exist yet
  const self = fileURLToPath(import.meta.url);
  const rows: string[] = [];
  for (const n of sizes) {
    const file = join(dir, `synthetic-${n}-seed1.jsonl.gz`);
    if (!existsSync(file)) {
      process.stderr.write(`generating ${n} postings → ${file} …\n`);
      await writeSyntheticJobs(file, { n, seed: 1 });
    }
    const byMode = new Map<string, PipelineRun>();
    for (const mode of modes) {
      for (const threads of threadList) {
        if (mode === 'exact' && n > exactMax) {
          rows.push(`| ${n} | ${mode} | ${threads} | not run (n > --exact-max ${exactMax}) | | | | | |`);
          continue;
        }
        process.stderr.write(`running pipeline ${n} ${mode} ${threads} …\n`);
        const out = join(dir, `pipeline-${n}-${mode}-${threads}.json`);
        const res = spawnSync(
          process.execPath,
          [
            '--import',
            'tsx',
            self,
            '--pipeline',
            '--job',
            'pipeline',
            '--file',
            file,
            '--out',
            out,
            '--threads',
            String(threads),
            '--mode',
            mode,
          ],
          { timeout: timeout * 1000, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
        );
        if (res.status !== 0) {
          const why = res.error
            ? `did not finish in ${timeout} s`
            : `failed: ${(res.stderr ?? '').split('\n').find((l) => /Error/.test(l)) ?? ''}`;
          rows.push(`| ${n} | ${mode} | ${threads} | ${why} | | | | | |`);
          continue;
        }
        const run = JSON.parse(readFileSync(out, 'utf8')) as PipelineRun;
        const first = byMode.get(mode);
        if (!first) byMode.set(mode, run);
        const same = first
          ? Object.keys(run.labels).every((a) => adjustedRandIndex(run.labels[a], first.labels[a]) === 1)
            ? 'identical'
            : 'DIFFERENT'
          : '';
        const exact = byMode.get('exact');
        const ari = mode === 'approximate' && exact ? adjustedRandIndex(run.labels.hdbscan, exact.labels.hdbscan).toFixed(4) : '';
        const stageText = run.stages
          .map((st) => `${st.stage} ${st.seconds.toFixed(1)} s (${st.cpuSeconds.toFixed(1)} CPU s) / ${st.peakMb.toFixed(0)} MB`)
          .join('; ');
        rows.push(
          `| ${n} | ${mode} | ${threads} | ${run.seconds.toFixed(1)} s | ${run.cpuSeconds.toFixed(1)} s | ${run.maxRssMb.toFixed(0)} MB | ${ari} | ${same} | ${stageText} |`,
        );
      }
    }
  }
  const lines = [
    '## The pipeline at scale: synthetic corpora, each stage',
    '',
    `Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (at the end). Defaults (HDBSCAN + K-Means, no map), HDBSCAN mode forced; one run per cell, in a process of its own.`,
    '',
    '| n | HDBSCAN mode | threads | wall | CPU | peak RSS | HDBSCAN ARI vs exact | labels vs first thread count | stage: time (CPU) / peak RSS so far |',
    '|---:|---|---:|---:|---:|---:|---|---|---|',
    ...rows,
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

if (values.pipeline) await (values.job ? pipelineChild() : pipelineParent());
else if (values.job) child();
else parent();
