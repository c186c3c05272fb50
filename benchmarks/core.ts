/**
 * Compute-core benchmark: prints a Markdown table (machine, inputs, figures).
 *
 *   npx tsx benchmarks/core.ts            # 10k × 128 random + the real 3k sentence vectors
 *   npx tsx benchmarks/core.ts --large    # also kNN memory/time at n = 100k, d = 128
 *   npx tsx benchmarks/core.ts --large --mst  # … and the MST at n = 100k (minutes)
 *   npx tsx benchmarks/core.ts --reference # also time the TypeScript twins ("before")
 *   npx tsx benchmarks/core.ts --quick     # only the small kernels (section 4: centroids, queries, sums)
 *
 * Each figure is the best of a few runs (wall clock). Because the machine may be
 * shared, the table also gives CPU seconds (all threads) and the load average.
 * No figure is asserted anywhere; targets live in docs/core.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import {
  createMatrix,
  distancesToRows,
  knn,
  knnQuery,
  labelDistanceSums,
  labelSums,
  mutualReachabilityMst,
  nearestCentroid,
  normalizeRows,
  radiusNeighbors,
  Random,
  type Matrix,
  type Neighbors,
} from '../src/core/index.js';
import { parallelFor } from '../src/core/pool.js';
import { knnQueryReference, knnReference, mutualReachabilityMstReference } from '../src/core/reference/kernels.js';
import { blockSizes, loadDataset } from '../src/core/wasm/dataset.js';
import { wasmRuntime } from '../src/core/wasm/runtime.js';

const args = new Set(process.argv.slice(2));
const REPEAT = 3;

function randomUnit(n: number, d: number, seed: number): Matrix {
  const rng = new Random(seed);
  const X = createMatrix(n, d);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
  return normalizeRows(X, { inPlace: true });
}

function fixture(name: string): Matrix | undefined {
  const file = new URL(`../test/fixtures/${name}.f32`, import.meta.url);
  if (!existsSync(file)) return undefined;
  const buf = readFileSync(file);
  const data = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  return createMatrix(data.length / 128, 128, data);
}

interface Timing {
  wall: number;
  cpu: number;
}
function time(fn: () => void, repeat = REPEAT): Timing {
  let best: Timing = { wall: Infinity, cpu: Infinity };
  for (let r = 0; r < repeat; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    const wall = (performance.now() - t0) / 1000;
    const u = process.cpuUsage(c0);
    const cpu = (u.user + u.system) / 1e6;
    if (wall < best.wall) best = { wall, cpu };
  }
  return best;
}

const rows: string[][] = [];
function report(what: string, input: string, threads: number, t: Timing, extra = ''): void {
  rows.push([what, input, String(threads), t.wall.toFixed(3), t.cpu.toFixed(3), extra]);
  console.error(`  ${what} | ${input} | ${threads} | ${t.wall.toFixed(3)} s | ${extra}`);
}

const rt = wasmRuntime();
const machine = `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} threads, Node ${process.version}`;
const loadBefore = loadavg()[0].toFixed(2);

// 1. All-pairs dot products: the tile kernel alone (10k × 10k × 128 MACs).
const X10 = randomUnit(10_000, 128, 1);
const quick = args.has('--quick');
const real = fixture('jd-real-3k');
if (!quick)
  rt.scoped((alloc) => {
    const ds = loadDataset(rt, alloc, X10, 1);
    const { queries, candidates } = blockSizes(rt);
    const tileBytes = queries * candidates * 4;
    const scratch = alloc(tileBytes * 2);
    const macs = X10.rows * X10.rows * X10.cols;
    for (const threads of [1, 2]) {
      const t = time(() => parallelFor('dotTilesTask', [ds.desc, ds.desc, scratch, tileBytes], Math.ceil(X10.rows / queries), threads));
      report(
        'all-pairs dot products',
        '10k × 128 random',
        threads,
        t,
        `${(macs / t.wall / 1e9).toFixed(1)} GMAC/s (${(macs / t.cpu / 1e9).toFixed(1)} per CPU-s)`,
      );
    }
  });

// 2. Exact kNN, k = 15.
if (!quick)
  for (const threads of [1, 2])
    report(
      'knn k=15',
      '10k × 128 random',
      threads,
      time(() => knn(X10, 15, { threads })),
    );
if (real && !quick) {
  for (const threads of [1, 2])
    report(
      'knn k=15',
      'jd-real-3k (3000 × 128)',
      threads,
      time(() => knn(real, 15, { threads })),
    );
} else console.error('  (test/fixtures/jd-real-3k.f32 absent: real-data rows skipped)');

// 3. MST of mutual reachability (Prim, exact), minSamples = 5.
function cores(X: Matrix, k: number): Float64Array {
  const nb = knn(X, k);
  return Float64Array.from({ length: X.rows }, (_, i) => nb.distances[i * k + k - 1]);
}
if (!quick) {
  const core10 = cores(X10, 5);
  for (const threads of [1, 2]) {
    report(
      'mutualReachabilityMst',
      '10k × 128 random',
      threads,
      time(() => mutualReachabilityMst(X10, core10, { threads }), 2),
    );
  }
}
if (real && !quick) {
  const coreReal = cores(real, 5);
  report(
    'mutualReachabilityMst',
    'jd-real-3k',
    1,
    time(() => mutualReachabilityMst(real, coreReal)),
  );
  if (args.has('--reference')) {
    report(
      'mutualReachabilityMst (TS reference)',
      'jd-real-3k',
      1,
      time(() => mutualReachabilityMstReference(real, coreReal), 1),
    );
    report(
      'knn k=15 (TS reference)',
      'jd-real-3k',
      1,
      time(() => knnReference(real, 15), 1),
    );
  }
}

// 4. The other kernels.
const centroids = randomUnit(50, 128, 2);
for (const threads of [1, 2])
  report(
    'nearestCentroid, 50 centroids',
    '10k × 128 random',
    threads,
    time(() => nearestCentroid(X10, centroids, { threads })),
  );
const c20 = randomUnit(20, 128, 4);
const gmac = (macs: number, t: { wall: number; cpu: number }) =>
  `${(macs / t.wall / 1e9).toFixed(1)} GMAC/s f64 (${(macs / t.cpu / 1e9).toFixed(1)} per CPU-s)`;
for (const threads of [1, 2]) {
  const t = time(() => nearestCentroid(X10, c20, { threads }), 5);
  report('nearestCentroid, 20 centroids', '10k × 128 random', threads, t, gmac(10_000 * 20 * 128, t));
}
for (const threads of [1, 2]) {
  const t = time(() => distancesToRows(X10, [1, 2, 3, 4], { threads }), 5);
  report('distancesToRows, 4 rows (a k-means++ step)', '10k × 128 random', threads, t, gmac(10_000 * 4 * 128, t));
}
const labels20 = Int32Array.from({ length: X10.rows }, (_, i) => i % 20);
for (const threads of [1, 2])
  report(
    'labelSums, 20 labels',
    '10k × 128 random',
    threads,
    time(() => labelSums(X10, labels20, 20, { threads }), 5),
  );
const Q = randomUnit(1000, 128, 5);
for (const threads of [1, 2])
  report(
    'knnQuery k=10, 1000 queries',
    '10k × 128 random',
    threads,
    time(() => knnQuery(Q, X10, 10, { threads })),
  );
if (args.has('--reference')) {
  const Q100 = createMatrix(100, 128, Q.data.slice(0, 100 * 128));
  report(
    'knnQuery k=10, 100 queries (TS reference scan)',
    '10k × 128 random',
    1,
    time(() => knnQueryReference(Q100, X10, 10), 1),
  );
}
if (real && !quick) {
  for (const threads of [1, 2]) {
    let pairs = 0;
    const t = time(() => {
      pairs = radiusNeighbors(real, 0.1, { threads }).indices.length;
    });
    report('radiusNeighbors eps=0.1', 'jd-real-3k', threads, t, `${pairs} pairs`);
  }
}
const labels = Int32Array.from({ length: X10.rows }, (_, i) => (i % 21) - 1);
for (const threads of [1, 2])
  report(
    'labelDistanceSums, 20 labels',
    '10k × 128 random',
    threads,
    time(() => labelDistanceSums(X10, labels, 20, { threads })),
  );

// 5. Large: kNN at n = 100k (memory and time).
if (args.has('--large')) {
  const X100 = randomUnit(100_000, 128, 3);
  const rss0 = process.memoryUsage().rss;
  let nb100: Neighbors | undefined;
  const t = time(() => {
    nb100 = knn(X100, 15, { threads: 2 });
  }, 1);
  const rss = process.memoryUsage().rss;
  report(
    'knn k=15',
    '100k × 128 random',
    2,
    t,
    `wasm memory ${(rt.memoryBytes / 2 ** 20).toFixed(0)} MiB, RSS ${(rss / 2 ** 20).toFixed(0)} MiB (+${((rss - rss0) / 2 ** 20).toFixed(0)})`,
  );
  if (args.has('--mst')) {
    // Core distances (minSamples = 5) from the k = 15 lists: the 5th column.
    const core100 = Float64Array.from({ length: X100.rows }, (_, i) => nb100!.distances[i * 15 + 4]);
    report(
      'mutualReachabilityMst',
      '100k × 128 random',
      2,
      time(() => mutualReachabilityMst(X100, core100, { threads: 2 }), 1),
    );
  }
}

console.log(`# Compute core benchmark\n`);
console.log(`- Machine: ${machine}`);
console.log(
  `- Load average (1 min) before / after: ${loadBefore} / ${loadavg()[0].toFixed(2)} (other work on the machine slows wall times)`,
);
console.log(`- Date: ${new Date().toISOString()}\n`);
console.log('| kernel | input | threads | wall s (best of runs) | CPU s | notes |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
