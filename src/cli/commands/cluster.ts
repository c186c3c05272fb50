/**
 * `jd-cluster cluster`: cluster stored vectors (bring your own embeddings) with
 * any registered clusterer, cosine, and write the result as JSON. Flags, their
 * checks and `--help` come from the chosen clusterer's parameter specs, with
 * the estimator's own (scikit-learn's) defaults.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { paramFlag, type ParamSpecs } from '../../core/index.js';
import { CLUSTERERS, clustererNames, getClusterer } from '../../cluster/index.js';
import { readVectors } from '../../data/index.js';
import { CliUsageError, type Command } from '../command.js';
import { asFlagError, flagValue, helpLines, paramsFromFlags } from '../flags.js';

/** Short flags kept from earlier versions. */
const ALIASES: Record<string, string> = { selection: 'clusterSelectionMethod', 'selection-epsilon': 'clusterSelectionEpsilon' };

const usage = `Usage: jd-cluster cluster --vectors FILE --algo NAME --out OUT.json [options]

Clusters the rows of FILE by cosine distance. FILE is NumPy .npy (2-D,
float32/float64, C order) or raw float32 little-endian .f32 (needs --dim).
Writes OUT.json:
{ "algo", "params", "labels": [...], "nClusters", "seconds",
  "probabilities"?, "hierarchy"?, "outlierScores"? (hdbscan), "core"? (dbscan: core sample indices),
  "inertia"? (kmeans, bisecting-kmeans) }
where "seconds" is the clustering time alone (not reading or writing).

Options:
  --vectors FILE                    input vectors (required)
  --dim D                           vector size, required for .f32
  --algo NAME                       ${clustererNames().join(' | ')} (required)
  --out FILE                        output JSON (required)
  --threads N                       compute threads (default: all cores); results do not depend on it
${CLUSTERERS.map((c) => `${c.name}: ${c.summary}\n${helpLines(c.params).join('\n')}`).join('\n')}
  (--selection and --selection-epsilon are short for --cluster-selection-method and --cluster-selection-epsilon)
`;

function allSpecs(): ParamSpecs {
  const out: Record<string, ParamSpecs[string]> = {};
  for (const c of CLUSTERERS) for (const [name, spec] of Object.entries(c.params)) out[name] ??= spec;
  return out;
}

export const command: Command = {
  summary: `cluster stored vectors: ${clustererNames().join(', ')} (cosine)`,
  usage,
  async run(args) {
    const every = allSpecs();
    const options: Record<string, { type: 'string' | 'boolean' }> = {
      vectors: { type: 'string' },
      dim: { type: 'string' },
      algo: { type: 'string' },
      out: { type: 'string' },
      threads: { type: 'string' },
      selection: { type: 'string' },
      'selection-epsilon': { type: 'string' },
    };
    for (const [name, spec] of Object.entries(every)) options[paramFlag(name)] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
    const { values } = parseArgs({ args, options, strict: true });
    if (!values.vectors) throw new CliUsageError('--vectors FILE is required');
    if (!values.out) throw new CliUsageError('--out OUT.json is required');
    const algo = values.algo as string | undefined;
    if (algo === undefined || !clustererNames().includes(algo)) {
      throw new CliUsageError(`--algo must be one of ${clustererNames().join(', ')}, got ${algo === undefined ? 'nothing' : `'${algo}'`}`);
    }
    const entry = getClusterer(algo);
    for (const [alias, param] of Object.entries(ALIASES)) {
      if (values[alias] !== undefined && values[paramFlag(param)] === undefined) values[paramFlag(param)] = values[alias];
    }
    // A flag of another clusterer is an error, not silently ignored.
    for (const name of Object.keys(every)) {
      if (values[paramFlag(name)] !== undefined && !(name in entry.params)) {
        throw new CliUsageError(`--${paramFlag(name)} is not a parameter of ${algo}`);
      }
    }
    const params = paramsFromFlags(entry.params, values);
    const threads = flagValue('threads', { type: 'integer', default: undefined, min: 1, doc: '' }, values.threads) as number | undefined;
    const dim = flagValue('dim', { type: 'integer', default: undefined, min: 1, doc: '' }, values.dim) as number | undefined;
    // Build the clusterer first so that bad parameters fail before the file is read.
    let clusterer;
    try {
      clusterer = entry.create(params, threads === undefined ? {} : { threads });
    } catch (err) {
      asFlagError(err, (param) => `--${paramFlag(param)}`);
    }
    const X = await readVectors(values.vectors as string, dim === undefined ? {} : { dim });
    const t0 = performance.now();
    const result = clusterer.fit(X);
    const seconds = (performance.now() - t0) / 1000;
    const extra = result as unknown as { outlierScores?: Float64Array; coreSampleIndices?: Int32Array; inertia?: number };
    const output = {
      algo,
      params: result.params,
      labels: Array.from(result.labels),
      nClusters: result.nClusters,
      seconds,
      ...(result.probabilities ? { probabilities: Array.from(result.probabilities) } : {}),
      ...(result.hierarchy ? { hierarchy: result.hierarchy } : {}),
      ...(extra.outlierScores ? { outlierScores: Array.from(extra.outlierScores) } : {}),
      ...(extra.coreSampleIndices ? { core: Array.from(extra.coreSampleIndices) } : {}),
      ...(typeof extra.inertia === 'number' ? { inertia: extra.inertia } : {}),
    };
    await writeFile(values.out as string, JSON.stringify(output) + '\n');
    let noise = 0;
    for (const l of result.labels) if (l < 0) noise++;
    process.stdout.write(
      `${algo}: ${result.nClusters} clusters, ${noise} of ${X.rows} rows noise, ${seconds.toFixed(3)} s → ${values.out as string}\n`,
    );
    return 0;
  },
};
