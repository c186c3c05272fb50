/**
 * `jd-cluster word2vec`: train Word2Vec on pre-tokenised text and write the
 * vectors in the word2vec text or binary format (gensim-compatible).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { RecordError } from '../../core/index.js';
import { saveWord2Vec, Word2Vec, type Word2VecMode } from '../../embed/index.js';
import { CliUsageError, numberFlag, type Command } from '../command.js';

const usage = `Usage: jd-cluster word2vec --tokens TOKENS.jsonl --out VECTORS.txt|VECTORS.bin [options]

Train Word2Vec (negative sampling) on TOKENS.jsonl, one JSON array of tokens
per line (tokens used as given), and write the vectors in the word2vec text
format, or binary when the output ends in .bin (both read by gensim's
KeyedVectors.load_word2vec_format). Prints one JSON line:
{ "seconds", "tokens", "tokensPerSecond", "vocab" } (training time alone).

Options:
  --tokens FILE        token lists, JSON Lines (required)
  --out FILE           output vectors, .txt or .bin (required)
  --mode MODE          cbow | skipgram (default cbow)
  --dim N              vector size (default 128)
  --window N           context window (default 5)
  --epochs N           passes over the corpus (default 5)
  --min-count N        ignore rarer words (default 2)
  --negative N         negative samples (default 5)
  --sample X           subsampling threshold (default 0.001; 0 disables)
  --threads N          worker threads (default: all cores)
  --seed N             random seed (default 1)
  --binary             force the binary format whatever the extension
  --quiet              no per-epoch progress on stderr
`;

export const command: Command = {
  summary: 'train Word2Vec on token lists and write gensim-compatible vectors',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        tokens: { type: 'string' },
        out: { type: 'string' },
        mode: { type: 'string' },
        dim: { type: 'string' },
        window: { type: 'string' },
        epochs: { type: 'string' },
        'min-count': { type: 'string' },
        negative: { type: 'string' },
        sample: { type: 'string' },
        threads: { type: 'string' },
        seed: { type: 'string' },
        binary: { type: 'boolean' },
        quiet: { type: 'boolean' },
      },
      strict: true,
    });
    if (!values.tokens) throw new CliUsageError('--tokens TOKENS.jsonl is required');
    if (!values.out) throw new CliUsageError('--out VECTORS.txt|.bin is required');
    const sentences = await readTokenLines(values.tokens);
    const w2v = new Word2Vec({
      mode: (values.mode ?? 'cbow') as Word2VecMode,
      dim: numberFlag('dim', values.dim, 128),
      window: numberFlag('window', values.window, 5),
      epochs: numberFlag('epochs', values.epochs, 5),
      minCount: numberFlag('min-count', values['min-count'], 2),
      negative: numberFlag('negative', values.negative, 5),
      sample: numberFlag('sample', values.sample, 1e-3),
      threads: numberFlag('threads', values.threads),
      seed: numberFlag('seed', values.seed, 1),
    });
    const result = w2v.fit(sentences, {
      onProgress: values.quiet
        ? undefined
        : (p) =>
            process.stderr.write(
              `epoch ${p.epoch}/${p.epochs}: ${Math.round(p.wordsPerSecond).toLocaleString('en-US')} words/s, ${p.seconds.toFixed(2)} s\n`,
            ),
    });
    saveWord2Vec(result.vectors, values.out, values.binary ? { binary: true } : {});
    const { trainingSeconds, tokens, tokensPerSecond } = result.stats;
    process.stdout.write(
      JSON.stringify({
        seconds: Number(trainingSeconds.toFixed(3)),
        tokens,
        tokensPerSecond: Math.round(tokensPerSecond),
        vocab: result.vectors.size,
      }) + '\n',
    );
    return 0;
  },
};

/** One JSON array of string tokens per line; blank lines are skipped and counted on stderr. */
async function readTokenLines(path: string): Promise<string[][]> {
  const sentences: string[][] = [];
  let line = 0;
  let blank = 0;
  const rl = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const text of rl) {
    line++;
    if (text.trim() === '') {
      blank++;
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new RecordError(`not valid JSON (${(err as Error).message})`, line, path);
    }
    if (!Array.isArray(value)) throw new RecordError('expected a JSON array of tokens', line, path);
    for (let i = 0; i < value.length; i++) {
      if (typeof value[i] !== 'string') throw new RecordError(`token ${i + 1} is not a string`, line, path);
    }
    sentences.push(value as string[]);
  }
  if (blank > 0) process.stderr.write(`word2vec: skipped ${blank} blank line(s) in ${path}\n`);
  return sentences;
}
