/**
 * `jd-cluster silhouette`: cosine silhouette of a labelling of stored vectors,
 * scikit-learn semantics, written as JSON.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { InputError } from '../../core/index.js';
import { readVectors } from '../../data/index.js';
import { silhouette, type NoiseHandling } from '../../validate/index.js';
import { CliUsageError, numberFlag, type Command } from '../command.js';

const usage = `Usage: jd-cluster silhouette --vectors FILE [--dim D] --labels LABELS.json --out OUT.json [options]

Cosine silhouette of a labelling (scikit-learn semantics: points in singleton
clusters score 0; noise, label -1, is left out unless --noise cluster), computed
without an n x n matrix. Writes OUT.json:
{ "score", "samples": [...], "seconds", "nScored", "sampled", "noise", "clusters" }
with null in "samples" for rows not scored. Prints a one-line summary.

Options:
  --vectors FILE        .npy (2-D float32/float64) or raw float32 .f32 (required)
  --dim D               vector size, required for .f32
  --labels FILE         JSON array of integer labels, or an object with "labels" (required)
  --out FILE            output JSON (required)
  --noise MODE          exclude (default) | cluster
  --sample-size N       estimate on a seeded sample of N rows
  --seed N              seed of the sample (default 0)
  --threads N           threads (default: all cores)
`;

export const command: Command = {
  summary: 'cosine silhouette of a labelling of stored vectors (scikit-learn semantics)',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        vectors: { type: 'string' },
        dim: { type: 'string' },
        labels: { type: 'string' },
        out: { type: 'string' },
        noise: { type: 'string' },
        'sample-size': { type: 'string' },
        seed: { type: 'string' },
        threads: { type: 'string' },
      },
      strict: true,
    });
    if (!values.vectors) throw new CliUsageError('--vectors FILE is required');
    if (!values.labels) throw new CliUsageError('--labels LABELS.json is required');
    if (!values.out) throw new CliUsageError('--out OUT.json is required');
    const X = await readVectors(values.vectors, { dim: numberFlag('dim', values.dim) });
    const labels = await readLabels(values.labels);
    if (labels.length !== X.rows) {
      throw new InputError(`${values.labels} has ${labels.length} labels but ${values.vectors} has ${X.rows} vectors.`);
    }
    const t0 = performance.now();
    const result = silhouette(X, labels, {
      noise: (values.noise ?? 'exclude') as NoiseHandling,
      sampleSize: numberFlag('sample-size', values['sample-size']),
      seed: numberFlag('seed', values.seed, 0),
      threads: numberFlag('threads', values.threads),
    });
    const seconds = (performance.now() - t0) / 1000;
    const output = {
      score: result.score,
      samples: Array.from(result.samples, (v) => (Number.isNaN(v) ? null : v)),
      seconds,
      nScored: result.nScored,
      sampled: result.sampled,
      noise: result.noise,
      clusters: result.clusters,
    };
    await writeFile(values.out, JSON.stringify(output) + '\n');
    process.stdout.write(
      `silhouette ${result.score.toFixed(6)} over ${result.nScored} of ${X.rows} rows, ${result.clusters.length} clusters` +
        `${result.sampled ? ' (sampled)' : ''}, ${seconds.toFixed(3)} s → ${values.out}\n`,
    );
    return 0;
  },
};

/** Labels from JSON: an array of integers, or an object with a `labels` array. */
async function readLabels(path: string): Promise<Int32Array> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') throw err;
    throw new InputError(`${path} is not valid JSON: ${(err as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { labels?: unknown } | null)?.labels;
  if (!Array.isArray(list)) throw new InputError(`${path} must hold a JSON array of labels or an object with a "labels" array.`);
  const labels = new Int32Array(list.length);
  list.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < -1 || v > 0x7fffffff) {
      throw new InputError(`${path}: label ${i} is ${JSON.stringify(v)}, expected an integer ≥ -1.`, i);
    }
    labels[i] = v;
  });
  return labels;
}
