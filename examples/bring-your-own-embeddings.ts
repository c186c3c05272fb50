/**
 * Bring your own embeddings: vectors from any model (sentence-transformers,
 * an API, NumPy) as a .npy file in, clusters out. This example writes its own
 * .npy first — 600 points around 4 directions in 32 dimensions, the kind of file
 * `np.save('vectors.npy', X.astype('float32'))` produces — then clusters it.
 * Run: npx tsx examples/bring-your-own-embeddings.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DBSCAN, HDBSCAN, KMeans, Random, adjustedRandIndex, createMatrix, encodeNpy, readVectors, silhouette } from '../src/index.js';

// 1. Someone else's vectors: noisy copies of 4 random unit directions (seeded).
const random = new Random(11);
const [n, dim, groups] = [600, 32, 4];
const centres = Array.from({ length: groups }, () => Array.from({ length: dim }, () => random.normal()));
const truth = new Int32Array(n);
const generated = createMatrix(n, dim);
for (let i = 0; i < n; i++) {
  truth[i] = i % groups;
  for (let j = 0; j < dim; j++) generated.data[i * dim + j] = centres[truth[i]][j] + 1.2 * random.normal();
}
const file = join(mkdtempSync(join(tmpdir(), 'jd-byo-')), 'vectors.npy');
writeFileSync(file, encodeNpy(generated));

// 2. Read the .npy back (float32 or float64, any byte order; or raw .f32 with { dim }).
const X = await readVectors(file);
console.log(`read ${X.rows} × ${X.cols} vectors from ${file}`);

// 3. Cluster by cosine distance; the estimators normalise rows themselves where it matters.
const hdbscan = new HDBSCAN({ minClusterSize: 20 }).fit(X);
const kmeans = new KMeans({ k: groups, seed: 1 }).fit(X);
const dbscan = new DBSCAN({ eps: 0.35, minSamples: 10 }).fit(X);
for (const [name, r] of [
  ['HDBSCAN', hdbscan],
  ['K-Means', kmeans],
  ['DBSCAN', dbscan],
] as const) {
  const noise = r.labels.filter((l) => l < 0).length;
  const sil = silhouette(X, r.labels).score;
  console.log(
    `${name}: ${r.nClusters} clusters, ${noise} noise, silhouette ${sil.toFixed(3)}, ARI ${adjustedRandIndex(truth, r.labels).toFixed(3)}`,
  );
}
