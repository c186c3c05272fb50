/**
 * The whole-corpus CLI run at 1 and 2 threads, measured as
 * `../shared/checks/acceptance.sh scale` measures it: `jd-cluster run CORPUS --seed 1
 * --threads T` as a process (node start, load, pipeline, writing the outputs), wall
 * time from spawn to exit. Beside the wall time it gives what a shared machine does
 * not distort as much: the process's CPU seconds, split into the main thread and
 * every other thread (workers, V8's GC helpers, libuv's zlib), sampled from
 * /proc/PID/task every 50 ms, and the load average around each run. Then each
 * stage's seconds from report.json (`timings`), their share of the pipeline at 2
 * threads, and whether the reports are the same apart from timings.
 *
 * Needs the built package (`npm run build`): it runs bin/jd-cluster.cjs.
 * Rounds alternate the thread order (1, 2 then 2, 1); figures are min–max over rounds.
 *
 *   npx tsx benchmarks/threads.ts [--rounds 2] [--corpus PATH] [--threads 1,2]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    corpus: { type: 'string' },
    threads: { type: 'string', default: '1,2' },
  },
});
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const corpus =
  values.corpus ??
  [process.env.JD_CLUSTER_SHARED, path.resolve(root, '../shared'), '/work/shared']
    .filter((dir): dir is string => dir !== undefined)
    .map((dir) => path.resolve(dir, 'data/jd-multiplatform-2024q4.jsonl.gz'))
    .find((file) => existsSync(file));
if (!corpus || !existsSync(corpus)) throw new Error('the shared corpus was not found: pass --corpus PATH');
if (!existsSync(path.join(root, 'dist/cli.cjs'))) throw new Error('dist/cli.cjs is missing: run `npm run build` first');
const threadCounts = values.threads.split(',').map(Number);
const rounds = Number(values.rounds);
const TICKS = 100; // USER_HZ: /proc times are in clock ticks (100 per second on Linux)

interface Run {
  wall: number;
  mainCpu: number;
  otherCpu: number;
  peakMb: number;
  load: [number, number];
  stages: { stage: string; seconds: number }[];
  report: Record<string, unknown>;
}

/** CPU seconds of each thread of `pid` (thread id → seconds). */
function threadCpu(pid: number, into: Map<number, number>): void {
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return;
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      into.set(Number(tid), (Number(fields[11]) + Number(fields[12])) / TICKS);
    } catch {
      // The thread ended between the listing and the read: its last sample stands.
    }
  }
}

function peakRssMb(pid: number, previous: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    return hwm ? Math.max(previous, Number(hwm[1]) / 1024) : previous;
  } catch {
    return previous;
  }
}

async function run(threads: number): Promise<Run> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'jd-threads-'));
  const load0 = os.loadavg()[0];
  const t0 = performance.now();
  const child = spawn(process.execPath, ['bin/jd-cluster.cjs', 'run', corpus!, '--seed', '1', '--threads', String(threads), '--out', out], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const cpu = new Map<number, number>();
  let peakMb = 0;
  const timer = setInterval(() => {
    threadCpu(child.pid!, cpu);
    peakMb = peakRssMb(child.pid!, peakMb);
  }, 50);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  const wall = (performance.now() - t0) / 1000;
  clearInterval(timer);
  if (code !== 0) throw new Error(`jd-cluster run --threads ${threads} failed (${code}): ${stderr.slice(-500)}`);
  const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Record<string, unknown>;
  rmSync(out, { recursive: true, force: true });
  const mainCpu = cpu.get(child.pid!) ?? 0;
  const otherCpu = [...cpu.entries()].reduce((sum, [tid, s]) => (tid === child.pid ? sum : sum + s), 0);
  const stages = (report.timings as { stages: { stage: string; seconds: number }[] }).stages;
  return { wall, mainCpu, otherCpu, peakMb, load: [load0, os.loadavg()[0]], stages, report };
}

/** The report without what differs between runs by design: times, the date, the threads asked for. */
function comparable(report: Record<string, unknown>): string {
  const { params, ...rest } = report as { params: Record<string, unknown> };
  return JSON.stringify({ ...rest, params: { ...params, threads: null } }, (key, value: unknown) =>
    ['timings', 'createdAt', 'seconds'].includes(key) ? undefined : value,
  );
}

const runs = new Map<number, Run[]>(threadCounts.map((t) => [t, []]));
for (let round = 0; round < rounds; round++) {
  for (const threads of round % 2 === 0 ? threadCounts : [...threadCounts].reverse()) {
    const r = await run(threads);
    runs.get(threads)!.push(r);
    process.stderr.write(
      `round ${round + 1}, ${threads} thread(s): ${r.wall.toFixed(2)} s wall, main ${r.mainCpu.toFixed(2)} + other ${r.otherCpu.toFixed(2)} CPU s, load ${r.load.map((l) => l.toFixed(1)).join('→')}\n`,
    );
  }
}

const fmt = (xs: number[], digits = 2) => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return hi - lo < 0.5 * 10 ** -digits ? lo.toFixed(digits) : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
};
const all = [...runs.values()].flat();
const reference = comparable(all[0].report);
const identical = all.every((r) => comparable(r.report) === reference);

console.log('## jd-cluster run on the whole corpus, by thread count\n');
console.log(`- machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism()}, node ${process.version}`);
console.log(`- input: ${path.basename(corpus)}; \`jd-cluster run CORPUS --seed 1 --threads T\` (defaults: HDBSCAN, K-Means, map)`);
console.log(
  `- ${rounds} round(s), thread order alternating; min–max over rounds. Wall figures need a load average below ~1.5 to mean anything.`,
);
console.log(`- reports identical apart from timings across every run: ${identical ? 'yes' : 'NO'}\n`);
console.log(`| | ${threadCounts.map((t) => `${t} thread${t > 1 ? 's' : ''}`).join(' | ')} |`);
console.log(`|---|${threadCounts.map(() => '---:').join('|')}|`);
const row = (name: string, pick: (r: Run) => number, digits = 2) =>
  console.log(`| ${name} | ${threadCounts.map((t) => fmt(runs.get(t)!.map(pick), digits)).join(' | ')} |`);
row('process wall (s)', (r) => r.wall);
row('CPU s, main thread', (r) => r.mainCpu);
row('CPU s, other threads', (r) => r.otherCpu);
row('peak RSS (MB)', (r) => r.peakMb, 0);
row('load average before', (r) => r.load[0], 1);
row('load average after', (r) => r.load[1], 1);
if (threadCounts.includes(1) && threadCounts.length > 1) {
  const best1 = Math.min(...runs.get(1)!.map((r) => r.wall));
  for (const t of threadCounts.filter((t) => t > 1)) {
    console.log(`\nSpeed-up 1 → ${t} threads (best walls): ${(best1 / Math.min(...runs.get(t)!.map((r) => r.wall))).toFixed(2)}×`);
  }
}

const stageNames = [...new Set(all.flatMap((r) => r.stages.map((s) => s.stage)))];
const top = Math.max(...threadCounts);
console.log(`\n| stage (report.json timings, s) | ${threadCounts.map((t) => `${t} thr.`).join(' | ')} | share at ${top} threads |`);
console.log(`|---|${threadCounts.map(() => '---:').join('|')}|---:|`);
const seconds = (r: Run, stage: string) => r.stages.find((s) => s.stage === stage)?.seconds ?? 0;
const pipelineTotal = (r: Run) => r.stages.filter((s) => s.stage !== 'load').reduce((sum, s) => sum + s.seconds, 0);
for (const stage of stageNames) {
  const shares = runs.get(top)!.map((r) => (100 * seconds(r, stage)) / pipelineTotal(r));
  console.log(
    `| ${stage} | ${threadCounts.map((t) => fmt(runs.get(t)!.map((r) => seconds(r, stage)))).join(' | ')} | ${stage === 'load' ? '—' : fmt(shares, 1) + '%'} |`,
  );
}
console.log(`| pipeline (stages after load) | ${threadCounts.map((t) => fmt(runs.get(t)!.map(pipelineTotal))).join(' | ')} | 100% |`);
