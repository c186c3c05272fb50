/**
 * `jd-cluster generate`: a synthetic corpus of any size (writeSyntheticJobs), so
 * that anyone can reproduce the scale runs without the shared scrape. Memory stays
 * bounded: the corpus is generated and written one chunk at a time.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SYNTHETIC_CHUNK, writeSyntheticJobs } from '../../data/index.js';
import { CliUsageError, type Command } from '../command.js';
import { flagValue } from '../flags.js';

const usage = `Usage: jd-cluster generate --n N --out FILE.jsonl[.gz] [--seed S]

Writes N synthetic job postings as JSONL with the shared corpus's Chinese
headers (gzip when FILE ends in .gz), readable by every command that takes
INPUT. Generated in chunks of ${SYNTHETIC_CHUNK.toLocaleString('en')} postings with seeds derived
from S, so the same N and S always write the same file.

  --n N        number of postings (required)
  --seed S     seed (default 42)
  --out FILE   output file (required)
`;

export const command: Command = {
  summary: 'write a synthetic corpus of N postings (JSONL, gzip for .gz)',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { n: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' } },
    });
    if (positionals.length > 0) throw new CliUsageError(`unexpected argument '${positionals[0]}'\n\n${usage}`);
    if (values.n === undefined) throw new CliUsageError(`--n N is required\n\n${usage}`);
    if (!values.out) throw new CliUsageError(`--out FILE is required\n\n${usage}`);
    const n = flagValue('n', { type: 'integer', default: undefined, min: 1, max: 1_000_000_000, doc: '' }, values.n) as number;
    const seed = flagValue('seed', { type: 'integer', default: 42, min: 0, max: 0xffffffff, doc: '' }, values.seed) as number | undefined;
    const t0 = performance.now();
    const result = await writeSyntheticJobs(resolve(values.out), { n, seed: seed ?? 42 });
    const seconds = (performance.now() - t0) / 1000;
    process.stdout.write(`${result.written} postings → ${values.out} (${result.chunks} chunk(s), ${seconds.toFixed(1)} s)\n`);
    return 0;
  },
};
