/**
 * K-Means, DBSCAN and HDBSCAN of jd-cluster against the npm peers ml-kmeans,
 * density-clustering and hdbscan-ts, on the same vectors: the synthetic corpus
 * (ground truth: archetypes) and the shared real corpus, each at 2k and 10k
 * postings, embedded by the pipeline (clean → dedupe → tokenize → default
 * representation). Every run is a child process with a time and a memory limit;
 * a run that exceeds one is listed as "timeout" / "out of memory".
 *
 *   npx tsx benchmarks/compare-clusterers.ts [--sizes 2000,10000] [--datasets synthetic,real]
 *     [--real PATH] [--time-limit 300] [--memory-limit 4096] [--threads N] [--only hdbscan-ts,jd-cluster/kmeans]
 *     [--json FILE]
 *
 * Prints a Markdown table (docs/benchmarks.md has the latest one).
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { adjustedRandIndex, generateJobs, knn, loadJobs, runPipeline, silhouette, type JobPosting, type Matrix } from '../src/index.js';
import { runChild, type ChildRun, type Limits } from './lib/child-run.js';
import { euclideanEps, type BenchAlgorithm, type ClusterJob, type Library } from './lib/clusterer-job.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '2000,10000' },
    datasets: { type: 'string', default: 'synthetic,real' },
    real: { type: 'string', default: fileURLToPath(new URL('../../shared/data/jd-multiplatform-2024q4.jsonl.gz', import.meta.url)) },
    'time-limit': { type: 'string', default: '300' },
    'memory-limit': { type: 'string', default: '4096' },
    threads: { type: 'string' },
    json: { type: 'string' },
    /** Comma-separated library or library/algorithm names to run (default: all). */
    only: { type: 'string' },
    work: { type: 'string', default: fileURLToPath(new URL('../.bench/compare-clusterers', import.meta.url)) },
  },
});
const sizes = values.sizes.split(',').map(Number);
const datasetNames = values.datasets.split(',');
const limits: Limits = { seconds: Number(values['time-limit']), memoryMB: Number(values['memory-limit']) };
const threads = values.threads === undefined ? undefined : Number(values.threads);
mkdirSync(values.work, { recursive: true });

// Parameters shared by both sides. DBSCAN eps is a cosine distance taken from the data
// (see dbscanEps); the Euclidean peers get eps_euclid = √(2·eps) on the same unit vectors.
const SEED = 42;
const DBSCAN_MIN_SAMPLES = 5;
const HDBSCAN_PARAMS = { minClusterSize: 15, minSamples: 5 };
const MAX_ITER = 300;

interface Dataset {
  kind: string;
  name: string;
  postings: number;
  X: Matrix;
  truth: Int32Array | null;
  k: number;
  eps: number;
  seconds: number;
}

/** The pipeline's own vectors: one k-means step is the cheapest clustering it must run to return them. */
async function embedLikeThePipeline(jobs: readonly JobPosting[]): Promise<{ X: Matrix; postingOfRow: Int32Array }> {
  const result = await runPipeline(jobs, { algorithms: ['kmeans'], kmeans: { k: 2, maxIter: 1 }, silhouette: false, threads, seed: SEED });
  return { X: result.vectors, postingOfRow: result.postingOfRow };
}

async function loadDataset(kind: string, n: number): Promise<Dataset | string> {
  const t0 = performance.now();
  const label = `${kind} ${n >= 1000 ? `${n / 1000}k` : n}`;
  if (kind === 'synthetic') {
    const corpus = generateJobs({ n, seed: SEED });
    const { X, postingOfRow } = await embedLikeThePipeline(corpus.jobs);
    const truth = Int32Array.from(postingOfRow, (i) => corpus.archetypeLabels[i]);
    return {
      kind,
      name: label,
      postings: n,
      X,
      truth,
      k: corpus.archetypeNames.length,
      eps: dbscanEps(X),
      seconds: (performance.now() - t0) / 1000,
    };
  }
  if (kind === 'real') {
    if (!existsSync(values.real)) return `${label}: skipped, ${values.real} not found (pass --real PATH)`;
    const loaded = await loadJobs(values.real, { minDescriptionLength: 50, limit: n });
    const { X } = await embedLikeThePipeline(loaded.jobs);
    return {
      kind,
      name: label,
      postings: loaded.jobs.length,
      X,
      truth: null,
      k: 20,
      eps: dbscanEps(X),
      seconds: (performance.now() - t0) / 1000,
    };
  }
  throw new Error(`--datasets: unknown dataset ${kind} (synthetic, real)`);
}

interface Row {
  library: Library;
  algorithm: BenchAlgorithm;
  dataset: string;
  n: number;
  status: ChildRun['status'];
  seconds: number;
  peakRssMB: number;
  clusters: number | null;
  noiseShare: number | null;
  silhouette: number | null;
  ariTruth: number | null;
  ariVsJdCluster: number | null;
  message?: string;
}

const RUNS: { library: Library; algorithm: BenchAlgorithm }[] = [
  { library: 'baseline', algorithm: 'load' },
  { library: 'jd-cluster', algorithm: 'kmeans' },
  { library: 'ml-kmeans', algorithm: 'kmeans' },
  { library: 'jd-cluster', algorithm: 'dbscan' },
  { library: 'density-clustering', algorithm: 'dbscan' },
  { library: 'jd-cluster', algorithm: 'hdbscan' },
  { library: 'hdbscan-ts', algorithm: 'hdbscan' },
];

/**
 * No single eps suits every corpus and size (the pipeline's 0.15 leaves every
 * point of these LSA vectors as noise): take the median distance of a point to
 * its (minSamples − 1)-th nearest other point, so that about half the points
 * are core points — the middle of the usual k-distance plot.
 */
function dbscanEps(X: Matrix): number {
  const k = DBSCAN_MIN_SAMPLES - 1;
  const { distances } = knn(X, k, threads === undefined ? {} : { threads });
  const kth = Float64Array.from({ length: X.rows }, (_, i) => distances[i * k + k - 1]).sort();
  return Math.round(kth[Math.floor(X.rows / 2)] * 1000) / 1000;
}

function paramsOf(algorithm: BenchAlgorithm, d: Dataset, library: Library): Record<string, number> {
  const t: Record<string, number> = library === 'jd-cluster' && threads !== undefined ? { threads } : {};
  if (algorithm === 'kmeans') return { k: d.k, seed: SEED, maxIter: MAX_ITER, ...t };
  if (algorithm === 'dbscan') return { eps: d.eps, minSamples: DBSCAN_MIN_SAMPLES, ...t };
  if (algorithm === 'hdbscan') return { ...HDBSCAN_PARAMS, ...t };
  return {};
}

function score(
  d: Dataset,
  run: ChildRun,
  reference: Int32Array | undefined,
): Pick<Row, 'clusters' | 'noiseShare' | 'silhouette' | 'ariTruth' | 'ariVsJdCluster'> {
  const labels = run.labels!;
  const distinct = new Set<number>();
  let noise = 0;
  for (const l of labels) {
    if (l < 0) noise++;
    else distinct.add(l);
  }
  const scorable = distinct.size >= 2 && labels.length - noise > distinct.size;
  return {
    clusters: distinct.size,
    noiseShare: noise / labels.length,
    silhouette: scorable ? silhouette(d.X, labels, threads === undefined ? {} : { threads }).score : null,
    ariTruth: d.truth ? adjustedRandIndex(d.truth, labels) : null,
    ariVsJdCluster: reference ? adjustedRandIndex(reference, labels) : null,
  };
}

const loadStart = os.loadavg();
const started = new Date();
const notes: string[] = [];
const rows: Row[] = [];
const datasets: { name: string; postings: number; rows: number; dim: number; dbscanEps: number; embedSeconds: number }[] = [];
/** Runs that hit a limit, by library/algorithm/dataset kind: not repeated at a larger size. */
const failed = new Map<string, { status: ChildRun['status']; dataset: string }>();
for (const kind of datasetNames) {
  for (const n of sizes) {
    const d = await loadDataset(kind, n);
    if (typeof d === 'string') {
      notes.push(d);
      console.error(`note: ${d}`);
      continue;
    }
    datasets.push({ name: d.name, postings: d.postings, rows: d.X.rows, dim: d.X.cols, dbscanEps: d.eps, embedSeconds: d.seconds });
    console.error(`${d.name}: ${d.postings} postings → ${d.X.rows} × ${d.X.cols} vectors (${d.seconds.toFixed(1)} s)`);
    const base = join(values.work, d.name.replace(/\s+/g, '-'));
    writeFileSync(`${base}.f32`, new Uint8Array(d.X.data.buffer, d.X.data.byteOffset, d.X.data.byteLength));
    const ours = new Map<BenchAlgorithm, Int32Array>();
    const only = values.only?.split(',');
    for (const { library, algorithm } of RUNS) {
      if (only && library !== 'baseline' && !only.includes(library) && !only.includes(`${library}/${algorithm}`)) continue;
      const job: ClusterJob = {
        library,
        algorithm,
        vectors: `${base}.f32`,
        rows: d.X.rows,
        cols: d.X.cols,
        params: paramsOf(algorithm, d, library),
        labelsOut: `${base}.${library}.${algorithm}.labels`,
      };
      const key = `${library}/${algorithm}/${d.kind}`;
      const earlier = failed.get(key);
      const run: ChildRun = earlier
        ? {
            status: earlier.status,
            seconds: 0,
            peakRssMB: 0,
            convertSeconds: 0,
            labels: null,
            message: `not run: ${earlier.status} on ${earlier.dataset}`,
          }
        : await runChild(job, `${base}.${library}.${algorithm}.json`, limits);
      if (!earlier && (run.status === 'timeout' || run.status === 'out of memory'))
        failed.set(key, { status: run.status, dataset: d.name });
      if (run.status === 'ok' && library === 'jd-cluster') ours.set(algorithm, run.labels!);
      const scored =
        run.status === 'ok' && algorithm !== 'load'
          ? score(d, run, library === 'jd-cluster' ? undefined : ours.get(algorithm))
          : { clusters: null, noiseShare: null, silhouette: null, ariTruth: null, ariVsJdCluster: null };
      const row: Row = {
        library,
        algorithm,
        dataset: d.name,
        n: d.X.rows,
        status: run.status,
        seconds: run.seconds,
        peakRssMB: run.peakRssMB,
        ...scored,
      };
      if (run.message) row.message = run.message;
      if (algorithm === 'dbscan' && library !== 'jd-cluster')
        row.message = [row.message, `eps_euclid ${euclideanEps(d.eps).toFixed(4)}`].filter(Boolean).join('; ');
      rows.push(row);
      console.error(
        `  ${library} ${algorithm}: ${run.status} ${run.seconds.toFixed(2)} s, ${run.peakRssMB.toFixed(0)} MB${run.message ? ` (${run.message})` : ''}`,
      );
    }
  }
}
const loadEnd = os.loadavg();

const fmt = (v: number | null, digits = 3) => (v === null ? '—' : v.toFixed(digits));
const timeCell = (r: Row) =>
  r.status === 'ok'
    ? `${r.seconds < 10 ? r.seconds.toFixed(2) : r.seconds.toFixed(1)} s`
    : r.message?.startsWith('not run')
      ? `${r.status} (${r.message.replace(/^not run: \S+( of memory)? on /, 'not run, as on ')})`
      : r.status === 'error'
        ? 'error'
        : r.status === 'timeout'
          ? `timeout (> ${limits.seconds} s)`
          : `out of memory (> ${limits.memoryMB} MB, at ${r.seconds.toFixed(0)} s)`;
const rssCell = (r: Row) => (r.peakRssMB > 0 ? `${r.peakRssMB.toFixed(0)} MB` : '—');
const cpus = os.cpus();
const lines = [
  `Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${os.platform()}; ` +
    `load average ${loadStart.map((l) => l.toFixed(2)).join(' ')} at start, ${loadEnd.map((l) => l.toFixed(2)).join(' ')} at end (${started.toISOString()}).`,
  `Limits per run: ${limits.seconds} s, ${limits.memoryMB} MB (V8 heap and RSS). jd-cluster threads: ${threads ?? `all cores (${cpus.length})`}; the peers are single-threaded.`,
  '',
  '| library | algorithm | dataset | n | time | peak RSS | clusters | noise | silhouette (cos) | ARI vs truth | ARI vs jd-cluster |',
  '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ...rows.map((r) =>
    r.algorithm === 'load'
      ? `| (node + tsx + vectors) | — | ${r.dataset} | ${r.n} | — | ${r.peakRssMB.toFixed(0)} MB | | | | | |`
      : `| ${r.library} | ${r.algorithm} | ${r.dataset} | ${r.n} | ${timeCell(r)} | ${rssCell(r)} | ${r.clusters ?? '—'} | ` +
        `${r.noiseShare === null ? '—' : `${(r.noiseShare * 100).toFixed(1)} %`} | ${fmt(r.silhouette)} | ${fmt(r.ariTruth)} | ${fmt(r.ariVsJdCluster)} |`,
  ),
  '',
  `Vectors: ${datasets.map((d) => `${d.name}: ${d.postings} postings → ${d.rows} × ${d.dim} after dedupe`).join('; ')}. ` +
    'The synthetic corpus is generateJobs (seed 42, ground truth = archetype); the real one is the first postings of the shared corpus with a description of ≥ 50 characters.',
  `Parameters: K-Means k = number of archetypes (synthetic) or 20 (real), k-means++ seeding, seed ${SEED}, ≤ ${MAX_ITER} iterations; ` +
    `DBSCAN minSamples ${DBSCAN_MIN_SAMPLES} (point included), eps (cosine) = median distance to the ${DBSCAN_MIN_SAMPLES - 1}th nearest other point: ` +
    `${datasets.map((d) => `${d.name} ${d.dbscanEps} (Euclidean ${euclideanEps(d.dbscanEps).toFixed(3)})`).join(', ')}; HDBSCAN minClusterSize ${HDBSCAN_PARAMS.minClusterSize}, minSamples ${HDBSCAN_PARAMS.minSamples}.`,
  `The peers are Euclidean. The vectors are unit length, where d_euclid² = 2 − 2·cos = 2·d_cos is monotone in cosine distance: ` +
    'the peers get the same unit vectors and DBSCAN eps_euclid = √(2·eps_cos) ' +
    '(density-clustering counts neighbours at distance < eps, jd-cluster ≤ eps). ml-kmeans keeps Euclidean (not re-normalised) centroids; ' +
    'hdbscan-ts measures squared Euclidean distances, which changes its stabilities but not its tree.',
  'Time is the fit alone (peers: after converting the Float32Array to the number[][] they take); peak RSS is the whole child process, ' +
    'compare it with the "node + tsx + vectors" row. Silhouette is cosine over clustered points (noise left out), computed by jd-cluster for every labelling.',
  ...notes.map((n) => `Note: ${n}`),
];
const markdown = lines.join('\n');
console.log(markdown);
for (const r of rows.filter((r) => r.message)) console.error(`${r.library} ${r.algorithm} ${r.dataset}: ${r.message}`);

if (values.json) {
  writeFileSync(
    values.json,
    JSON.stringify(
      {
        started: started.toISOString(),
        machine: {
          cpu: cpus[0]?.model,
          cores: cpus.length,
          totalMemGiB: os.totalmem() / 2 ** 30,
          node: process.version,
          loadStart,
          loadEnd,
        },
        limits,
        threads: threads ?? null,
        params: { seed: SEED, kmeansMaxIter: MAX_ITER, dbscanMinSamples: DBSCAN_MIN_SAMPLES, hdbscan: HDBSCAN_PARAMS },
        datasets,
        rows,
        notes,
      },
      null,
      2,
    ) + '\n',
  );
  console.error(`wrote ${values.json}`);
}
