import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadJobs } from '../../data/index.js';
import { ALGORITHMS, runPipeline, writePipelineOutputs, type Algorithm, type PipelineOptions } from '../../pipeline/index.js';
import { REPRESENTATIONS, type Representation } from '../../embed/index.js';
import { CliUsageError, numberFlag, type Command } from '../command.js';
import { stageProgress } from '../progress.js';

const usage = `Usage: jd-cluster run INPUT [options] --out DIR

Runs the whole pipeline on a JD file and writes report.json, report.md,
report.html, labels.json and vectors.npy to DIR.

INPUT                       JSONL or CSV, optionally .gz (Chinese headers map automatically)
  --algo LIST               comma-separated: hdbscan,kmeans,dbscan (default hdbscan,kmeans)
  --k N                     K-Means clusters (default 20)
  --eps X                   DBSCAN radius in cosine distance (default: median distance
                            to the (min-samples − 1)-th nearest neighbour)
  --min-cluster-size N      HDBSCAN (default 15)
  --min-samples N           HDBSCAN and DBSCAN (default 5)
  --representation NAME     ${REPRESENTATIONS.join(' | ')} (default lsa)
  --reassign-noise X        move noise to a cluster when centroid similarity ≥ X
  --no-dedupe               embed duplicate postings too
  --min-description N       skip postings with shorter descriptions (default 0)
  --encoding NAME           input encoding, e.g. gbk (default utf8)
  --limit N                 read at most N postings
  --threads N               compute threads (default: all cores)
  --seed N                  seed of every random step (default 42)
  --out DIR                 output folder (required)
`;

export function parseAlgorithms(value: string | undefined): Algorithm[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const a of list) {
    if (!(ALGORITHMS as readonly string[]).includes(a)) {
      throw new CliUsageError(`--algo: unknown algorithm '${a}' (choose from ${ALGORITHMS.join(', ')})`);
    }
  }
  return list as Algorithm[];
}

/** The pipeline options shared by `run` and `demo`. */
export const pipelineFlags = {
  algo: { type: 'string' },
  k: { type: 'string' },
  eps: { type: 'string' },
  'min-cluster-size': { type: 'string' },
  'min-samples': { type: 'string' },
  representation: { type: 'string' },
  'reassign-noise': { type: 'string' },
  'no-dedupe': { type: 'boolean' },
  threads: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
} as const;

export function pipelineOptions(values: Record<string, string | boolean | undefined>): PipelineOptions {
  const str = (name: string) => values[name] as string | undefined;
  const representation = str('representation');
  if (representation !== undefined && !(REPRESENTATIONS as readonly string[]).includes(representation)) {
    throw new CliUsageError(`--representation: unknown '${representation}' (choose from ${REPRESENTATIONS.join(', ')})`);
  }
  const minSamples = numberFlag('min-samples', str('min-samples'));
  return {
    algorithms: parseAlgorithms(str('algo')),
    representation: representation as Representation | undefined,
    kmeans: { k: numberFlag('k', str('k')) },
    dbscan: { eps: numberFlag('eps', str('eps')), minSamples },
    hdbscan: { minClusterSize: numberFlag('min-cluster-size', str('min-cluster-size')), minSamples },
    reassignNoiseThreshold: numberFlag('reassign-noise', str('reassign-noise')),
    dedupe: values['no-dedupe'] ? false : true,
    threads: numberFlag('threads', str('threads')),
    seed: numberFlag('seed', str('seed')),
    onProgress: stageProgress(),
  };
}

/** Drops undefined entries so that library defaults apply. */
export function definedOnly<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = v && typeof v === 'object' && !Array.isArray(v) ? definedOnly(v) : v;
  }
  return out as T;
}

export const command: Command = {
  summary: 'run the whole pipeline on a JD file (JSONL/CSV, .gz) and write reports',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...pipelineFlags,
        'min-description': { type: 'string' },
        encoding: { type: 'string' },
        limit: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new CliUsageError(`expected one INPUT file, got ${positionals.length}\n\n${usage}`);
    if (!values.out) throw new CliUsageError(`--out DIR is required\n\n${usage}`);
    const input = resolve(positionals[0]);
    const options = definedOnly(pipelineOptions(values));
    const t0 = performance.now();
    const loaded = await loadJobs(
      input,
      definedOnly({
        encoding: values.encoding,
        minDescriptionLength: numberFlag('min-description', values['min-description']),
        limit: numberFlag('limit', values.limit),
      }),
    );
    const loadSeconds = (performance.now() - t0) / 1000;
    const result = runPipeline(loaded, { ...options, source: positionals[0] });
    result.timings.unshift({ stage: 'load', seconds: loadSeconds });
    const written = writePipelineOutputs(result, resolve(values.out));
    printSummary(result, loaded.skipped.count, written.dir);
    return 0;
  },
};

export function printSummary(result: ReturnType<typeof runPipeline>, loadSkipped: number, dir: string): void {
  const out = process.stdout;
  const r = result.report;
  out.write(
    `${r.dataset.records} postings read, ${loadSkipped} skipped when loading, ${r.dataset.duplicates} duplicates folded, ${result.skipped.length} without usable text; ${r.dataset.used} clustered (${result.representation.name}, ${result.representation.dim}-d).\n`,
  );
  for (const c of r.clusterings) {
    const sil = c.scores.silhouette === null ? 'n/a' : c.scores.silhouette.toFixed(3);
    const flags = c.bias?.flags.length ?? 0;
    out.write(
      `  ${c.algorithm.padEnd(8)} ${String(c.nClusters).padStart(3)} clusters, noise ${(c.noise.share * 100).toFixed(1)}%, silhouette ${sil}, ${flags} platform-bias flag(s), ${(c.seconds ?? 0).toFixed(2)} s\n`,
    );
  }
  out.write(`Report: ${dir}/report.html (also report.md, report.json, labels.json, vectors.npy)\n`);
}
