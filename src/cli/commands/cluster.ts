/**
 * `jd-cluster cluster`: cluster stored vectors (bring your own embeddings) with
 * HDBSCAN, DBSCAN or spherical K-Means, all cosine, and write the result as JSON.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DBSCAN, HDBSCAN, KMeans } from '../../cluster/index.js';
import { readVectors } from '../../data/index.js';
import { CliUsageError, numberFlag, type Command } from '../command.js';

const usage = `Usage: jd-cluster cluster --vectors FILE --algo hdbscan|dbscan|kmeans --out OUT.json [options]

Clusters the rows of FILE by cosine distance. FILE is NumPy .npy (2-D,
float32/float64, C order) or raw float32 little-endian .f32 (needs --dim).
Writes OUT.json:
{ "algo", "params", "labels": [...], "nClusters", "seconds",
  "probabilities"?, "outlierScores"? (hdbscan), "core"? (dbscan: core sample indices),
  "inertia"? (kmeans) }
where "seconds" is the clustering time alone (not reading or writing).

Options:
  --vectors FILE            input vectors (required)
  --dim D                   vector size, required for .f32
  --algo NAME               hdbscan | dbscan | kmeans (required)
  --out FILE                output JSON (required)
  HDBSCAN:
  --min-cluster-size N      default 15
  --min-samples N           default 5 (DBSCAN: default 5, counts the point itself)
  --selection eom|leaf      default eom
  --selection-epsilon X     default 0
  --allow-single-cluster
  --max-cluster-size N      default 0 (no limit)
  DBSCAN:
  --eps X                   cosine distance radius (default 0.5)
  K-Means:
  --k N                     clusters (default 8)
  --n-init N                restarts (default 1)
  --batch-size N            mini-batch mode
  --seed N                  default 0
  --threads N               compute threads (default: all cores)
`;

export const command: Command = {
  summary: 'cluster stored vectors: HDBSCAN, DBSCAN or spherical K-Means (cosine)',
  usage,
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        vectors: { type: 'string' },
        dim: { type: 'string' },
        algo: { type: 'string' },
        out: { type: 'string' },
        'min-cluster-size': { type: 'string' },
        'min-samples': { type: 'string' },
        selection: { type: 'string' },
        'selection-epsilon': { type: 'string' },
        'allow-single-cluster': { type: 'boolean' },
        'max-cluster-size': { type: 'string' },
        eps: { type: 'string' },
        k: { type: 'string' },
        'n-init': { type: 'string' },
        'batch-size': { type: 'string' },
        seed: { type: 'string' },
        threads: { type: 'string' },
      },
      strict: true,
    });
    if (!values.vectors) throw new CliUsageError('--vectors FILE is required');
    if (!values.out) throw new CliUsageError('--out OUT.json is required');
    const algo = values.algo;
    if (algo !== 'hdbscan' && algo !== 'dbscan' && algo !== 'kmeans') {
      throw new CliUsageError(
        `--algo must be hdbscan, dbscan or kmeans, got ${values.algo === undefined ? 'nothing' : `'${values.algo}'`}`,
      );
    }
    const threads = numberFlag('threads', values.threads);
    // Build the estimator first so that bad parameters fail before the file is read.
    let fit: (X: Parameters<HDBSCAN['fit']>[0]) => Record<string, unknown> & { labels: Int32Array; nClusters: number };
    let params: object;
    if (algo === 'hdbscan') {
      const estimator = new HDBSCAN({
        minClusterSize: numberFlag('min-cluster-size', values['min-cluster-size']),
        minSamples: numberFlag('min-samples', values['min-samples']),
        clusterSelectionMethod: values.selection as 'eom' | 'leaf' | undefined,
        clusterSelectionEpsilon: numberFlag('selection-epsilon', values['selection-epsilon']),
        allowSingleCluster: values['allow-single-cluster'] ?? false,
        maxClusterSize: numberFlag('max-cluster-size', values['max-cluster-size']),
        threads,
      });
      params = estimator.params;
      fit = (X) => {
        const r = estimator.fit(X);
        return {
          labels: r.labels,
          nClusters: r.nClusters,
          probabilities: Array.from(r.probabilities),
          outlierScores: Array.from(r.outlierScores),
        };
      };
    } else if (algo === 'dbscan') {
      const estimator = new DBSCAN({
        eps: numberFlag('eps', values.eps),
        minSamples: numberFlag('min-samples', values['min-samples']),
        threads,
      });
      params = estimator.params;
      fit = (X) => {
        const r = estimator.fit(X);
        return { labels: r.labels, nClusters: r.nClusters, core: Array.from(r.coreSampleIndices) };
      };
    } else {
      const estimator = new KMeans({
        k: numberFlag('k', values.k),
        nInit: numberFlag('n-init', values['n-init']),
        batchSize: numberFlag('batch-size', values['batch-size']),
        seed: numberFlag('seed', values.seed),
        threads,
      });
      params = estimator.params;
      fit = (X) => {
        const r = estimator.fit(X);
        return { labels: r.labels, nClusters: r.nClusters, inertia: r.inertia };
      };
    }
    const X = await readVectors(values.vectors, { dim: numberFlag('dim', values.dim) });
    const t0 = performance.now();
    const { labels, nClusters, ...extra } = fit(X);
    const seconds = (performance.now() - t0) / 1000;
    const output = { algo, params, labels: Array.from(labels), nClusters, seconds, ...extra };
    await writeFile(values.out, JSON.stringify(output) + '\n');
    let noise = 0;
    for (const l of labels) if (l < 0) noise++;
    process.stdout.write(`${algo}: ${nClusters} clusters, ${noise} of ${X.rows} rows noise, ${seconds.toFixed(3)} s → ${values.out}\n`);
    return 0;
  },
};
