/**
 * `writeSyntheticJobs`: a synthetic corpus of any size written as JSONL (gzip when the
 * path ends in .gz) without holding it in memory, for `jd-cluster generate` and
 * benchmarks at scale. The corpus is generated in chunks of CHUNK postings; each chunk
 * is an independent `generateJobs` corpus (duplicates and copies stay within a chunk)
 * whose ids are renumbered so that they are unique over the file.
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { check, ParameterError } from '../../core/index.js';
import { generateJobs, type GenerateJobsOptions } from './generate.js';

/** Postings per generated chunk: bounds the memory whatever `n` is. */
export const SYNTHETIC_CHUNK = 10_000;

export interface WriteSyntheticJobsOptions extends Omit<GenerateJobsOptions, 'n' | 'seed'> {
  /** Number of postings. */
  readonly n: number;
  /** Seed; chunk 0 uses it as is (so n ≤ 10,000 writes exactly `generateJobs({ n, seed })`), chunk c a seed mixed from it and c. */
  readonly seed?: number;
}

export interface WriteSyntheticJobsResult {
  readonly path: string;
  readonly written: number;
  readonly chunks: number;
  readonly gzip: boolean;
}

function chunkSeed(seed: number, chunk: number): number {
  if (chunk === 0) return seed;
  let h = (seed ^ Math.imul(chunk, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Writes `n` synthetic postings as JSONL with the shared corpus's Chinese headers (what
 * `loadJobs` reads back), one chunk in memory at a time. Plants (`options.plants`) apply
 * per chunk: a burst of k postings becomes k per chunk.
 */
export async function writeSyntheticJobs(path: string, options: WriteSyntheticJobsOptions): Promise<WriteSyntheticJobsResult> {
  if (typeof path !== 'string' || path === '') throw new ParameterError('path', path, 'a file path');
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an options object with n');
  const n = check.integer('n', options.n, 1, 1_000_000_000);
  const seed = check.integer('seed', options.seed ?? 42, 0, 0xffffffff);
  const chunks = Math.ceil(n / SYNTHETIC_CHUNK);
  // Validate every other option once, on a tiny corpus, before the file is created.
  generateJobs({ ...options, n: Math.min(n, 100), seed });
  const gzip = path.endsWith('.gz');

  async function* lines(): AsyncGenerator<string> {
    for (let c = 0; c < chunks; c++) {
      const size = Math.min(SYNTHETIC_CHUNK, n - c * SYNTHETIC_CHUNK);
      const { jobs } = generateJobs({ ...options, n: size, seed: chunkSeed(seed, c) });
      let text = '';
      for (let i = 0; i < jobs.length; i++) {
        const job = jobs[i];
        const id = `${job.platform}_${100000 + c * SYNTHETIC_CHUNK + i}`;
        text += JSON.stringify({ ...job.raw, 职位自编号: id }) + '\n';
        // Yield in slices of ~1,000 lines so a chunk's text never builds up at once.
        if (i % 1000 === 999) {
          yield text;
          text = '';
        }
      }
      if (text !== '') yield text;
    }
  }

  const source = Readable.from(lines());
  const file = createWriteStream(path);
  if (gzip) await pipeline(source, createGzip(), file);
  else await pipeline(source, file);
  return { path, written: n, chunks, gzip };
}
