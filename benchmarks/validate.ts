/**
 * Validation figures: exact cosine silhouette on n × d unit vectors in k blobs
 * (target: 10k × 128 ≤ 0.3 s with the fast core; scikit-learn 0.6–1.8 s here),
 * the sampled estimate, Davies–Bouldin and Calinski–Harabasz, c-TF-IDF keywords
 * and the platform-bias analysis on the synthetic corpus.
 *
 *   npx tsx benchmarks/validate.ts [--n 10000] [--dim 128] [--k 20] [--threads 2] [--repeats 3]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Random, createMatrix, normalizeRows, type Matrix } from '../src/core/index.js';
import { cleanText, generateJobs } from '../src/data/index.js';
import { createTokenizer } from '../src/tokenize/index.js';
import { analyzeFacetBias, calinskiHarabasz, clusterKeywords, daviesBouldin, silhouette } from '../src/validate/index.js';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    dim: { type: 'string', default: '128' },
    k: { type: 'string', default: '20' },
    threads: { type: 'string', default: '2' },
    repeats: { type: 'string', default: '3' },
  },
});
const n = Number(values.n),
  dim = Number(values.dim),
  k = Number(values.k);
const threads = Number(values.threads),
  repeats = Number(values.repeats);

/** k blobs on the unit sphere, 5% uniform noise points labelled −1. */
function blobs(seed: number): { X: Matrix; labels: Int32Array } {
  const random = new Random(seed);
  const centres = Array.from({ length: k }, () => Float64Array.from({ length: dim }, () => random.normal()));
  const X = createMatrix(n, dim);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const noise = random.next() < 0.05;
    const c = random.int(k);
    labels[i] = noise ? -1 : c;
    for (let j = 0; j < dim; j++) X.data[i * dim + j] = noise ? random.normal() : centres[c][j] + 0.8 * random.normal();
  }
  return { X: normalizeRows(X, { inPlace: true }), labels };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time<T>(fn: () => T, times = repeats): [number, T] {
  const runs: number[] = [];
  let value!: T;
  for (let r = 0; r < times; r++) {
    const t0 = performance.now();
    value = fn();
    runs.push(performance.now() - t0);
  }
  return [median(runs) / 1000, value];
}

const rows: string[][] = [];
const { X, labels } = blobs(1);
const [exactSeconds, exact] = time(() => silhouette(X, labels, { threads }));
rows.push([
  `silhouette, exact (noise excluded)`,
  `${n} × ${dim}, ${k} clusters`,
  `${exactSeconds.toFixed(3)} s`,
  `score ${exact.score.toFixed(4)}`,
]);
const [oneThread] = time(() => silhouette(X, labels, { threads: 1 }), 1);
rows.push([`silhouette, exact, 1 thread`, `${n} × ${dim}`, `${oneThread.toFixed(3)} s`, '']);
const sampleSize = Math.min(2000, n - 1);
const [sampledSeconds, sampled] = time(() => silhouette(X, labels, { threads, sampleSize, seed: 1 }));
rows.push([
  `silhouette, sampled`,
  `${sampleSize} of ${n}`,
  `${sampledSeconds.toFixed(3)} s`,
  `score ${sampled.score.toFixed(4)} (exact ${exact.score.toFixed(4)})`,
]);
const [dbSeconds, db] = time(() => daviesBouldin(X, labels));
rows.push(['Davies–Bouldin', `${n} × ${dim}`, `${dbSeconds.toFixed(3)} s`, db.toFixed(4)]);
const [chSeconds, ch] = time(() => calinskiHarabasz(X, labels));
rows.push(['Calinski–Harabasz', `${n} × ${dim}`, `${chSeconds.toFixed(3)} s`, ch.toFixed(1)]);

const corpus = generateJobs({ n: 10_000, seed: 1 });
const platforms = corpus.jobs.map((j) => j.platform);
const [biasSeconds, bias] = time(() => analyzeFacetBias({ facet: 'platform', values: platforms, labels: corpus.archetypeLabels }));
rows.push([
  'platform bias (χ², adjusted residuals, ratio floor)',
  `${corpus.jobs.length} postings, ${new Set(platforms).size} platforms × ${corpus.archetypeNames.length} archetypes`,
  `${biasSeconds.toFixed(3)} s`,
  `${bias.flags.length} flag(s): ${bias.flags.map((f) => `${f.value}/${corpus.archetypeNames[f.cluster]}`).join(', ')}`,
]);
const tokenizer = createTokenizer();
const tokens = tokenizer.tokenizeAll(corpus.jobs.map((j) => cleanText(`${j.title}\n${j.description}`)));
const [kwSeconds, kw] = time(() => clusterKeywords(tokens, corpus.archetypeLabels));
rows.push([
  'c-TF-IDF keywords + names',
  `${tokens.length} token lists, ${kw.vocabularySize} terms`,
  `${kwSeconds.toFixed(3)} s`,
  kw.clusters[0].name,
]);

const cpus = os.cpus();
console.log('## Validation benchmark\n');
console.log(
  `- Machine: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')}`,
);
console.log(`- Threads: ${threads}; median of ${repeats} runs (1 for the single-thread row)\n`);
console.log('| step | input | time | result |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
