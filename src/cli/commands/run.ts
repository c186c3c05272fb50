/**
 * `jd-cluster run`: the whole pipeline on a JD file. Its clusterer flags come
 * from the registry's parameter specs, its own from the pipeline's
 * (`PIPELINE_PARAMS`); every flag is checked before the input is read.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { checkThreads, paramFlag, ParameterError, type Matrix, type ParamSpec } from '../../core/index.js';
import { FACET_IDS, readVectors } from '../../data/index.js';
import { CLUSTERERS, clustererNames, getClusterer } from '../../cluster/index.js';
import {
  DEFAULT_ALGORITHMS,
  DEFAULT_FACETS,
  loadRecords,
  PIPELINE_CLUSTER_DEFAULTS,
  PIPELINE_DATA_DEFAULTS,
  PIPELINE_PARAMS,
  reduceClusters,
  runPipeline,
  warmUpPipeline,
  writePipelineOutputs,
  type LoadedRecords,
  type PipelineOptions,
  type PipelineResult,
} from '../../pipeline/index.js';
import { CliUsageError, numberFlag, type Command } from '../command.js';
import { asFlagError, flagValue, helpLines, type FlagValues } from '../flags.js';

/** The loader's parameters and the flags that set them (run and tokenize). */
export const LOADER_FLAGS: Readonly<Record<string, string>> = {
  encoding: '--encoding',
  minDescriptionLength: '--min-description',
  limit: '--limit',
};
import { stageProgress } from '../progress.js';

/** Clusterer parameters that the pipeline sets itself (not flags of their own). */
const PIPELINE_OWNED = ['seed'];

/** Every clusterer parameter flag, with the clusterers that declare it. */
function clustererFlags(): Map<string, { param: string; spec: ParamSpec; algorithms: string[] }> {
  const flags = new Map<string, { param: string; spec: ParamSpec; algorithms: string[] }>();
  for (const entry of CLUSTERERS) {
    for (const [param, spec] of Object.entries(entry.params)) {
      if (PIPELINE_OWNED.includes(param)) continue;
      const flag = paramFlag(param);
      const known = flags.get(flag);
      if (known) known.algorithms.push(entry.name);
      // The first declaration's spec parses the value; each clusterer then checks it against its own.
      else flags.set(flag, { param, spec: { ...spec, auto: CLUSTERERS.some((c) => c.params[param]?.auto) }, algorithms: [entry.name] });
    }
  }
  return flags;
}

const CLUSTER_FLAGS = clustererFlags();

/** The pipeline options shared by `run` and `demo`. */
export const pipelineFlags = {
  algo: { type: 'string' },
  facets: { type: 'string' },
  representation: { type: 'string' },
  'reassign-noise': { type: 'string' },
  'no-dedupe': { type: 'boolean' },
  map: { type: 'boolean' },
  'no-map': { type: 'boolean' },
  threads: { type: 'string' },
  seed: { type: 'string' },
  out: { type: 'string' },
  ...Object.fromEntries(
    [...CLUSTER_FLAGS.entries()].map(([flag, f]) => [flag, { type: f.spec.type === 'boolean' ? 'boolean' : 'string' }]),
  ),
} as const satisfies Record<string, { type: 'string' | 'boolean' }>;

function clustererHelp(): string {
  return CLUSTERERS.map((entry) => {
    const defaults = { ...PIPELINE_CLUSTER_DEFAULTS[entry.name], ...PIPELINE_DATA_DEFAULTS[entry.name] };
    const lines = helpLines(entry.params, defaults, PIPELINE_OWNED);
    return `  ${entry.name}: ${entry.summary}\n${lines.map((l) => '  ' + l).join('\n')}`;
  }).join('\n');
}

export const pipelineHelp = `Pipeline:
  --algo LIST                       comma-separated: ${clustererNames().join(',')} (default ${DEFAULT_ALGORITHMS.join(',')})
  --facets LIST                     facets for the bias tables: ${FACET_IDS.join(',')} (default ${DEFAULT_FACETS.join(',')})
  --representation NAME             ${PIPELINE_PARAMS.representation.doc}: ${(PIPELINE_PARAMS.representation.values ?? []).join(' | ')}
  --reassign-noise X                ${PIPELINE_PARAMS.reassignNoiseThreshold.doc}
  --no-dedupe                       embed duplicate postings too
  --map, --no-map                   ${PIPELINE_PARAMS.map.doc}
  --threads N                       compute threads (default: all cores); results do not depend on it
  --seed N                          ${PIPELINE_PARAMS.seed.doc} (default ${String(PIPELINE_PARAMS.seed.default)})
Clusterer parameters (a flag applies to every chosen algorithm that declares it;
a flag that none of them declares is an error):
${clustererHelp()}
`;

const usage = `Usage: jd-cluster run INPUT [options] --out DIR

Runs the whole pipeline on a JD file and writes report.json, report.md,
report.html, labels.json and vectors.npy to DIR.

INPUT                               JSONL or CSV, optionally .gz (Chinese headers map automatically)
  --out DIR                         output folder (required)
  --vectors FILE                    precomputed vectors (.npy, or .f32 with --dim): one row per input
                                    record, in input order, records skipped at load included
  --dim D                           vector size of a .f32 file
  --min-description N               skip postings with shorter descriptions (default 0)
  --encoding NAME                   input encoding, e.g. gbk (default utf8)
  --limit N                         read at most N postings
  --reduce N                        merge each clustering to N clusters along its hierarchy (reduceClusters)
${pipelineHelp}`;

export function parseAlgorithms(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new CliUsageError(`--algo: no algorithm given (choose from ${clustererNames().join(', ')})`);
  for (const a of list) {
    if (!clustererNames().includes(a))
      throw new CliUsageError(`--algo: unknown algorithm '${a}' (choose from ${clustererNames().join(', ')})`);
  }
  if (new Set(list).size !== list.length) throw new CliUsageError(`--algo: an algorithm is listed twice in '${value}'`);
  return list;
}

/**
 * The pipeline options from the flags, every flag checked: values against their
 * specs, clusterer flags against the chosen algorithms, and each chosen
 * clusterer built once so that its own checks run now. Errors name the flag.
 */
export function pipelineOptions(values: FlagValues, defaultAlgorithms: readonly string[] = DEFAULT_ALGORITHMS): PipelineOptions {
  const str = (name: string) => values[name] as string | undefined;
  const algorithms = parseAlgorithms(str('algo')) ?? [...defaultAlgorithms];
  const facets = str('facets')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const f of facets ?? [])
    if (!(FACET_IDS as readonly string[]).includes(f))
      throw new CliUsageError(`--facets: unknown facet '${f}' (choose from ${FACET_IDS.join(', ')})`);
  const seed = flagValue('seed', PIPELINE_PARAMS.seed, str('seed')) as number | undefined;
  const representation = flagValue(
    'representation',
    PIPELINE_PARAMS.representation,
    str('representation'),
  ) as PipelineOptions['representation'];
  const reassign = flagValue('reassign-noise', PIPELINE_PARAMS.reassignNoiseThreshold, str('reassign-noise')) as number | undefined;
  const threadsRaw = str('threads');
  let threads: number | undefined;
  try {
    threads = checkThreads(threadsRaw === undefined ? undefined : Number(threadsRaw), '--threads');
  } catch (err) {
    if (err instanceof ParameterError) throw new CliUsageError(`--threads: got '${threadsRaw}', expected ${err.expected}`);
    throw err;
  }
  const clusterers: Record<string, Record<string, unknown>> = Object.fromEntries(algorithms.map((a) => [a, {}]));
  for (const [flag, f] of CLUSTER_FLAGS) {
    const value = flagValue(flag, f.spec, values[flag]);
    if (value === undefined) continue;
    const users = algorithms.filter((a) => f.algorithms.includes(a));
    if (users.length === 0) {
      throw new CliUsageError(
        `--${flag} is not used by ${algorithms.join(', ')} (it applies to ${f.algorithms.join(', ')}); add one of those to --algo or drop the flag`,
      );
    }
    for (const a of users) clusterers[a][f.param] = value;
  }
  for (const a of algorithms) {
    try {
      getClusterer(a).create({ ...PIPELINE_CLUSTER_DEFAULTS[a], ...clusterers[a] }, { threads, seed });
    } catch (err) {
      asFlagError(err, (param) => (param === 'threads' ? '--threads' : `--${paramFlag(param)}`));
    }
  }
  return {
    algorithms,
    clusterers,
    ...(facets ? { facets } : {}),
    ...(representation !== undefined ? { representation } : {}),
    ...(reassign !== undefined ? { reassignNoiseThreshold: reassign } : {}),
    dedupe: values['no-dedupe'] ? false : true,
    ...mapFlag(values),
    ...(threads !== undefined ? { threads } : {}),
    ...(seed !== undefined ? { seed } : {}),
    onProgress: stageProgress(),
  };
}

/** `--map` / `--no-map` (both given is an error); neither leaves the size-based default. */
function mapFlag(values: FlagValues): { map?: boolean } {
  if (values.map && values['no-map']) throw new CliUsageError('--map and --no-map: give one of them');
  return values.map ? { map: true } : values['no-map'] ? { map: false } : {};
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

/** Names the records skipped at load on stderr: the first 10, then a count. */
export function reportSkipped(loaded: LoadedRecords): void {
  const list = loaded.skippedRecords;
  if (list.length === 0) return;
  const lines = list
    .slice(0, 10)
    .map(
      (s) => `  record ${s.index + 1}${s.line !== undefined ? ` (line ${s.line})` : ''}: ${s.reason}${s.message ? ` — ${s.message}` : ''}`,
    );
  if (list.length > 10) lines.push(`  … and ${list.length - 10} more (all listed in report.json, dataset.skippedRecords)`);
  process.stderr.write(`${list.length} record(s) skipped when loading:\n${lines.join('\n')}\n`);
}

export const command: Command = {
  summary: 'run the whole pipeline on a JD file (JSONL/CSV, .gz) and write reports',
  usage,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        ...pipelineFlags,
        vectors: { type: 'string' },
        dim: { type: 'string' },
        'min-description': { type: 'string' },
        encoding: { type: 'string' },
        limit: { type: 'string' },
        reduce: { type: 'string' },
      },
    });
    if (positionals.length !== 1) throw new CliUsageError(`expected one INPUT file, got ${positionals.length}\n\n${usage}`);
    if (!values.out) throw new CliUsageError(`--out DIR is required\n\n${usage}`);
    const options = pipelineOptions(values);
    const minDescription = flagValue('min-description', { type: 'integer', default: 0, min: 0, doc: '' }, values['min-description']) as
      number | undefined;
    const limit = flagValue('limit', { type: 'integer', default: undefined, min: 1, doc: '' }, values.limit) as number | undefined;
    const reduce = flagValue('reduce', { type: 'integer', default: undefined, min: 1, doc: '' }, values.reduce) as number | undefined;
    const dim = flagValue('dim', { type: 'integer', default: undefined, min: 1, doc: '' }, values.dim) as number | undefined;
    const input = resolve(positionals[0]);
    // The workers start and load their dictionaries while this thread reads the input.
    void warmUpPipeline(options);
    const t0 = performance.now();
    const loaded = await loadRecords(input, definedOnly({ encoding: values.encoding, minDescriptionLength: minDescription, limit })).catch(
      // A bad --encoding is found by the loader: name it as the flag the user typed.
      (err: unknown) => asFlagError(err, (param) => LOADER_FLAGS[param]),
    );
    reportSkipped(loaded);
    let embeddings: Matrix | undefined;
    if (values.vectors !== undefined) {
      embeddings = await readVectors(values.vectors, dim === undefined ? {} : { dim });
      const records = loaded.jobs.length + loaded.skippedRecords.length;
      if (embeddings.rows < records) {
        throw new CliUsageError(
          `--vectors: ${embeddings.rows} rows, but the input has ${records} records (one row per input record, in input order)`,
        );
      }
    }
    const loadSeconds = (performance.now() - t0) / 1000;
    let result = await runPipeline(loaded, { ...options, ...(embeddings ? { embeddings } : {}), source: positionals[0] });
    if (reduce !== undefined) {
      try {
        result = reduceClusters(result, reduce);
      } catch (err) {
        if (err instanceof ParameterError && err.parameter === 'n')
          throw new CliUsageError(`--reduce: got ${reduce}, expected ${err.expected}`);
        throw err;
      }
    }
    result.timings.unshift({ stage: 'load', seconds: loadSeconds });
    const written = writePipelineOutputs(result, resolve(values.out));
    printSummary(result, loaded.skipped.count, written.dir);
    return 0;
  },
};

export function printSummary(result: PipelineResult, loadSkipped: number, dir: string): void {
  const out = process.stdout;
  const r = result.report;
  out.write(
    `${r.dataset.records} records read, ${loadSkipped} skipped when loading, ${r.dataset.duplicates} duplicates folded, ${result.skipped.length} without usable text; ${r.dataset.used} clustered (${result.representation.name}, ${result.representation.dim}-d).\n`,
  );
  for (const c of r.clusterings) {
    const sil = c.scores.silhouette === null ? 'n/a' : c.scores.silhouette.toFixed(3);
    const flags = c.facets.map((f) => `${f.flags.length} ${f.facet}`).join(', ') || 'no';
    out.write(
      `  ${c.algorithm.padEnd(16)} ${String(c.nClusters).padStart(3)} clusters, noise ${(c.noise.share * 100).toFixed(1)}%, silhouette ${sil}, bias flags: ${flags}, ${(c.seconds ?? 0).toFixed(2)} s\n`,
    );
  }
  out.write(`Report: ${dir}/report.html (also report.md, report.json, labels.json, vectors.npy)\n`);
}

export { numberFlag };
