/**
 * `jd-cluster tokenize`: the token lists the pipeline clusters on, one JSON
 * array per input record, in input order (`[]` for records skipped at load or
 * with no token): what `jd-cluster word2vec --tokens` reads.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { Tokenizer } from '../../tokenize/index.js';
import { loadRecords, postingText } from '../../pipeline/index.js';
import { CliUsageError, type Command } from '../command.js';
import { asFlagError, flagValue } from '../flags.js';
import { LOADER_FLAGS, definedOnly, reportSkipped } from './run.js';

const usage = `Usage: jd-cluster tokenize INPUT --out TOKENS.jsonl [options]

Cleans and tokenizes every posting of INPUT (title and description, as the
pipeline does) and writes one JSON array of tokens per input record, in input
order; records skipped at load get [].

  --out FILE            output JSONL (required)
  --encoding NAME       input encoding, e.g. gbk (default utf8)
  --min-description N   skip postings with shorter descriptions (default 0)
  --limit N             read at most N postings
`;

export const command: Command = {
  summary: 'tokenize a JD file into one JSON token array per record (input of word2vec)',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { out: { type: 'string' }, encoding: { type: 'string' }, 'min-description': { type: 'string' }, limit: { type: 'string' } },
    });
    if (positionals.length !== 1) throw new CliUsageError(`expected one INPUT file, got ${positionals.length}\n\n${usage}`);
    if (!values.out) throw new CliUsageError(`--out FILE is required\n\n${usage}`);
    const minDescription = flagValue('min-description', { type: 'integer', default: 0, min: 0, doc: '' }, values['min-description']);
    const limit = flagValue('limit', { type: 'integer', default: undefined, min: 1, doc: '' }, values.limit);
    const loaded = await loadRecords(
      resolve(positionals[0]),
      definedOnly({
        encoding: values.encoding,
        minDescriptionLength: minDescription as number | undefined,
        limit: limit as number | undefined,
      }),
      // A bad --encoding is found by the loader: name it as the flag the user typed.
    ).catch((err: unknown) => asFlagError(err, (param) => LOADER_FLAGS[param]));
    reportSkipped(loaded);
    const tokens = new Tokenizer().tokenizeAll(loaded.jobs.map((job) => postingText(job, undefined)));
    const total = loaded.jobs.length + loaded.skippedRecords.length;
    const byRecord: (readonly string[])[] = Array.from({ length: total }, () => []);
    loaded.recordOfJob.forEach((r, j) => (byRecord[r] = tokens[j]));
    const out = createWriteStream(resolve(values.out));
    for (const list of byRecord) if (!out.write(JSON.stringify(list) + '\n')) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    process.stdout.write(`${total} records → ${values.out} (${loaded.skippedRecords.length} skipped at load, written as [])\n`);
    return 0;
  },
};
