/**
 * Document-map layout figures: `umapLayout` phase by phase (kNN, fuzzy graph +
 * PCA initialisation, SGD) for each thread count, the process's CPU time, whether
 * the layouts agree bit for bit across thread counts, and how much of every row's
 * neighbourhood the layout keeps. Prints a Markdown table; asserts nothing.
 *
 *   npx tsx benchmarks/map.ts --vectors PATH.npy|PATH.f32 [--dim 100] [--threads 1,2]
 *       [--neighbors 15] [--epochs N] [--seed 0]
 *   npx tsx benchmarks/map.ts --n 31555 --dim 100      # synthetic blobs instead
 *
 * Vectors: a `.npy` written by the pipeline (`vectors.npy` of writePipelineOutputs)
 * or raw float32 `.f32` (needs --dim). Without --vectors: 40 seeded blobs on the
 * unit sphere, n × dim. Preservation = share of each of 1,000 evenly spaced rows'
 * nNeighbors − 1 nearest rows (cosine) that are also among its nearest in the
 * layout; a random layout scores about k/n.
 *
 * On a shared machine wall times vary several-fold with other work: the load
 * average is printed with the table, and CPU seconds (all threads) alongside.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createMatrix, knn, normalizeRows, Random, umapLayout, type Matrix } from '../src/core/index.js';
import { readVectors } from '../src/data/index.js';

const { values } = parseArgs({
  options: {
    vectors: { type: 'string' },
    n: { type: 'string', default: '31555' },
    dim: { type: 'string', default: '100' },
    threads: { type: 'string', default: '1,2' },
    neighbors: { type: 'string', default: '15' },
    epochs: { type: 'string' },
    seed: { type: 'string', default: '0' },
  },
});

function blobs(n: number, d: number, k: number, seed: number): Matrix {
  const random = new Random(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: d }, () => random.normal()));
  const X = createMatrix(n, d);
  for (let i = 0; i < n; i++) {
    const c = centres[i % k];
    for (let t = 0; t < d; t++) X.data[i * d + t] = c[t] / Math.sqrt(d) + (0.5 / Math.sqrt(d)) * random.normal();
  }
  return normalizeRows(X, { inPlace: true });
}

const X = values.vectors
  ? await readVectors(values.vectors, { dim: Number(values.dim) })
  : blobs(Number(values.n), Number(values.dim), 40, 1);
const threadCounts = values.threads.split(',').map(Number);
const nNeighbors = Number(values.neighbors);
const seed = Number(values.seed);
const nEpochs = values.epochs === undefined ? undefined : Number(values.epochs);
const source = values.vectors ?? `blobs (40 centres, seed 1)`;

const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
};
const timed = <T>(body: () => T): { value: T; seconds: number; cpu: number } => {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = body();
  return { value, seconds: (performance.now() - t0) / 1000, cpu: cpuSeconds(cpu0) };
};

/** Share of the sampled rows' high-dimensional neighbours that are layout neighbours too. */
function preservation(neighbors: { indices: Int32Array; k: number }, xy: Float32Array, k: number): number {
  const n = xy.length / 2;
  const sample = Math.min(1000, n);
  let kept = 0;
  for (let s = 0; s < sample; s++) {
    const i = Math.floor((s * n) / sample);
    const d = new Float64Array(n);
    for (let j = 0; j < n; j++) d[j] = j === i ? Infinity : (xy[2 * i] - xy[2 * j]) ** 2 + (xy[2 * i + 1] - xy[2 * j + 1]) ** 2;
    // The k-th smallest layout distance (typed-array sort is native), ties counted in.
    const threshold = d.slice().sort()[k - 1];
    for (let r = 0; r < k; r++) if (d[neighbors.indices[i * neighbors.k + r]] <= threshold) kept++;
  }
  return kept / (sample * k);
}

const rows: string[] = [];
const layouts: Float32Array[] = [];
const load0 = os.loadavg()[0];
for (const threads of threadCounts) {
  const k = nNeighbors - 1;
  const graph = timed(() => knn(X, k, { threads }));
  const init = timed(() => umapLayout(X, { nNeighbors, nEpochs: 0, seed, threads, neighbors: graph.value }));
  const full = timed(() => umapLayout(X, { nNeighbors, nEpochs, seed, threads, neighbors: graph.value }));
  const sgd = full.seconds - init.seconds;
  const total = graph.seconds + full.seconds;
  layouts.push(full.value);
  const kept = preservation(graph.value, full.value, k);
  const keptStart = preservation(graph.value, init.value, k);
  rows.push(
    `| ${threads} | ${graph.seconds.toFixed(2)} | ${init.seconds.toFixed(2)} | ${sgd.toFixed(2)} | **${total.toFixed(2)}** | ` +
      `${(graph.cpu + full.cpu).toFixed(1)} (${graph.cpu.toFixed(1)} / ${init.cpu.toFixed(1)} / ${(full.cpu - init.cpu).toFixed(1)}) | ` +
      `${kept.toFixed(3)} (start ${keptStart.toFixed(3)}) |`,
  );
}
const same = layouts.every((l) => Buffer.from(l.buffer).equals(Buffer.from(layouts[0].buffer)));

console.log(`## Document-map layout (umapLayout)\n`);
console.log(`- data: ${source}, ${X.rows} × ${X.cols}`);
console.log(
  `- nNeighbors ${nNeighbors}, nEpochs ${nEpochs ?? (X.rows <= 10_000 ? 500 : 200)} (default), minDist 0.1, init pca, seed ${seed}`,
);
console.log(`- machine: ${os.cpus()[0]?.model ?? 'unknown'} × ${os.availableParallelism()}, node ${process.version}`);
console.log(`- load average (1 min) before / after: ${load0.toFixed(1)} / ${os.loadavg()[0].toFixed(1)}`);
console.log(`- layouts identical across thread counts: ${same ? 'yes' : 'NO'}\n`);
console.log('| threads | kNN s | graph + init s | SGD s | total s | CPU s (kNN / graph + init / SGD) | neighbourhood kept |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(r);
