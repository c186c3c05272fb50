/**
 * One clustering run in its own process, for benchmarks/compare-clusterers.ts:
 * the parent measures this process's peak memory and kills it at the time or
 * memory limit, so one slow or hungry clusterer cannot take the others down.
 *
 *   node --import tsx benchmarks/lib/run-clusterer.ts <job.json>
 *
 * job.json: { library, algorithm, vectors (raw float32 file), rows, cols, params, labelsOut }.
 * Writes the labels (int32, −1 noise) to labelsOut and prints one JSON line:
 * { seconds, peakRssMB, convertSeconds }.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { DBSCAN, HDBSCAN, KMeans, createMatrix, type Matrix } from '../../src/index.js';
import { euclideanEps, type ClusterJob, type ClusterRunOutput } from './clusterer-job.js';

async function cluster(job: ClusterJob, X: Matrix): Promise<{ labels: Int32Array; seconds: number; convertSeconds: number }> {
  const p = job.params;
  const threads = p.threads === undefined ? {} : { threads: p.threads };
  let convertSeconds = 0;
  const arrays = (): number[][] => {
    const t = performance.now();
    const out: number[][] = [];
    for (let i = 0; i < X.rows; i++) out.push(Array.from(X.data.subarray(i * X.cols, (i + 1) * X.cols)));
    convertSeconds = (performance.now() - t) / 1000;
    return out;
  };
  const timed = <T>(work: () => T): [T, number] => {
    const t0 = performance.now();
    const value = work();
    return [value, (performance.now() - t0) / 1000];
  };
  const key = `${job.library}/${job.algorithm}`;
  switch (key) {
    case 'baseline/load':
      return { labels: new Int32Array(X.rows), seconds: 0, convertSeconds };
    case 'jd-cluster/kmeans': {
      const [r, s] = timed(() => new KMeans({ k: p.k, seed: p.seed, maxIter: p.maxIter, ...threads }).fit(X));
      return { labels: r.labels, seconds: s, convertSeconds };
    }
    case 'jd-cluster/dbscan': {
      const [r, s] = timed(() => new DBSCAN({ eps: p.eps, minSamples: p.minSamples, ...threads }).fit(X));
      return { labels: r.labels, seconds: s, convertSeconds };
    }
    case 'jd-cluster/hdbscan': {
      const [r, s] = timed(() => new HDBSCAN({ minClusterSize: p.minClusterSize, minSamples: p.minSamples, ...threads }).fit(X));
      return { labels: r.labels, seconds: s, convertSeconds };
    }
    case 'ml-kmeans/kmeans': {
      const { kmeans } = await import('ml-kmeans');
      const data = arrays();
      const [r, s] = timed(() => kmeans(data, p.k, { seed: p.seed, maxIterations: p.maxIter, initialization: 'kmeans++' }));
      return { labels: Int32Array.from(r.clusters), seconds: s, convertSeconds };
    }
    case 'density-clustering/dbscan': {
      const { DBSCAN: PeerDBSCAN } = (await import('density-clustering')).default as typeof import('density-clustering');
      const data = arrays();
      const [clusters, s] = timed(() => new PeerDBSCAN().run(data, euclideanEps(p.eps), p.minSamples));
      // Its `noise` list keeps border points that a later cluster picked up; labels come from the clusters.
      const labels = new Int32Array(X.rows).fill(-1);
      clusters.forEach((members, c) => members.forEach((i) => (labels[i] = c)));
      return { labels, seconds: s, convertSeconds };
    }
    case 'hdbscan-ts/hdbscan': {
      const { HDBSCAN: PeerHDBSCAN } = await import('hdbscan-ts');
      const data = arrays();
      const [labels, s] = timed(() => new PeerHDBSCAN({ minClusterSize: p.minClusterSize, minSamples: p.minSamples }).fit(data));
      return { labels: Int32Array.from(labels), seconds: s, convertSeconds };
    }
    default:
      throw new Error(`run-clusterer: no ${key}`);
  }
}

/**
 * Peak resident memory of this process. VmHWM belongs to the address space made by
 * exec; getrusage's maxRSS is not used on Linux because it keeps the high-water
 * mark of the address space forked from the parent (the benchmark process, which
 * holds every dataset), so every child would report at least the parent's size.
 */
function peakRssMB(): number {
  try {
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    if (kb) return Number(kb) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

const jobFile = process.argv[2];
if (!jobFile) throw new Error('usage: node --import tsx benchmarks/lib/run-clusterer.ts <job.json>');
{
  const job = JSON.parse(readFileSync(jobFile, 'utf8')) as ClusterJob;
  const bytes = readFileSync(job.vectors);
  if (bytes.byteLength !== job.rows * job.cols * 4)
    throw new Error(`${job.vectors}: ${bytes.byteLength} bytes, expected ${job.rows} × ${job.cols} float32`);
  // A Float32Array view needs a 4-byte aligned offset; copy otherwise.
  const data =
    bytes.byteOffset % 4 === 0
      ? new Float32Array(bytes.buffer, bytes.byteOffset, job.rows * job.cols)
      : new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const { labels, seconds, convertSeconds } = await cluster(job, createMatrix(job.rows, job.cols, data));
  writeFileSync(job.labelsOut, new Uint8Array(labels.buffer, labels.byteOffset, labels.byteLength));
  const output: ClusterRunOutput = { seconds, convertSeconds, peakRssMB: peakRssMB() };
  process.stdout.write(JSON.stringify(output) + '\n');
  // The compute core keeps worker threads alive; leave without waiting for them.
  process.exit(0);
}
