/**
 * Runs benchmarks/lib/run-clusterer.ts in a child process under a time and a
 * memory limit. Peak memory is the child's own maxRSS when it finishes, or the
 * high-water mark read from /proc while it runs (Linux) when it has to be
 * killed. Exceeding a limit is an outcome to report, not an error.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClusterJob, ClusterRunOutput } from './clusterer-job.js';

export type RunStatus = 'ok' | 'timeout' | 'out of memory' | 'error';

export interface ChildRun {
  status: RunStatus;
  /** Fit time (seconds) when ok; the wall time until it was stopped otherwise. */
  seconds: number;
  peakRssMB: number;
  convertSeconds: number;
  labels: Int32Array | null;
  /** First line of the error for status 'error'. */
  message?: string;
}

export interface Limits {
  seconds: number;
  memoryMB: number;
}

const runner = fileURLToPath(new URL('./run-clusterer.ts', import.meta.url));

/** VmHWM and VmRSS of a process in MB, or null off Linux / after exit. */
function procMemory(pid: number): { hwm: number; rss: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

export function runChild(job: ClusterJob, jobFile: string, limits: Limits): Promise<ChildRun> {
  writeFileSync(jobFile, JSON.stringify(job));
  // The V8 heap limit makes a heap-hungry peer fail fast with a clear message;
  // typed arrays and native memory live outside it, hence the RSS watch as well.
  // It goes through NODE_OPTIONS, not the command line: the compute core hands
  // process.execArgv to its worker threads, which reject --max-old-space-size.
  const nodeOptions = [process.env.NODE_OPTIONS, `--max-old-space-size=${limits.memoryMB}`].filter(Boolean).join(' ');
  const child = spawn(process.execPath, ['--import', 'tsx', runner, jobFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NODE_OPTIONS: nodeOptions },
  });
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-20_000)));
  let killedFor: RunStatus | null = null;
  let polledPeak = 0;
  const kill = (why: RunStatus) => {
    if (killedFor) return;
    killedFor = why;
    child.kill('SIGKILL');
  };
  const poll = setInterval(() => {
    const m = procMemory(child.pid!);
    if (!m) return;
    polledPeak = Math.max(polledPeak, m.hwm);
    if (m.rss > limits.memoryMB) kill('out of memory');
  }, 100);
  const timer = setTimeout(() => kill('timeout'), limits.seconds * 1000);

  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      const wall = (performance.now() - started) / 1000;
      if (killedFor) return resolve({ status: killedFor, seconds: wall, peakRssMB: polledPeak, convertSeconds: 0, labels: null });
      if (code !== 0) {
        const oom =
          /heap out of memory|Reached heap limit|Array buffer allocation failed|Invalid array length|Invalid typed array length/i.test(
            stderr,
          );
        const message =
          stderr
            .split('\n')
            .find((l) => /Error|error/.test(l))
            ?.trim() ?? `exit code ${code}`;
        return resolve({
          status: oom ? 'out of memory' : 'error',
          seconds: wall,
          peakRssMB: polledPeak,
          convertSeconds: 0,
          labels: null,
          message,
        });
      }
      const output = JSON.parse(stdout.trim().split('\n').pop()!) as ClusterRunOutput;
      const bytes = readFileSync(job.labelsOut);
      const labels = new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
      resolve({
        status: 'ok',
        seconds: output.seconds,
        peakRssMB: Math.max(output.peakRssMB, polledPeak),
        convertSeconds: output.convertSeconds,
        labels,
      });
    });
  });
}
