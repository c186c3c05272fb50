/**
 * Bring your own embeddings: vectors from any model (sentence-transformers,
 * an API, NumPy) as a .npy file in, clusters out. This example writes its own
 * .npy first — 600 points around 4 directions in 32 dimensions, the kind of file
 * `np.save('vectors.npy', X.astype('float32'))` produces — then clusters it.
 * Run: npx tsx examples/bring-your-own-embeddings.ts
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DBSCAN,
  HDBSCAN,
  InputError,
  KMeans,
  Random,
  adjustedRandIndex,
  createMatrix,
  encodeNpy,
  silhouette,
  type Matrix,
} from '../src/index.js';

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

// 2. Read the .npy back: a 2-D little-endian float32 array in C order.
const X = readNpyFloat32(file);
console.log(`read ${X.rows} × ${X.cols} vectors from ${file}`);

// 3. Cluster by cosine distance; the estimators normalise rows themselves where it matters.
const hdbscan = new HDBSCAN({ minClusterSize: 20 }).fit(X);
const kmeans = new KMeans({ k: groups, seed: 1 }).fit(X);
const dbscan = new DBSCAN({ eps: 0.35, minSamples: 10 }).fit(X);
for (const [name, r] of [['HDBSCAN', hdbscan], ['K-Means', kmeans], ['DBSCAN', dbscan]] as const) {
  const noise = r.labels.filter((l) => l < 0).length;
  const sil = silhouette(X, r.labels).score;
  console.log(`${name}: ${r.nClusters} clusters, ${noise} noise, silhouette ${sil.toFixed(3)}, ARI ${adjustedRandIndex(truth, r.labels).toFixed(3)}`);
}

/** Minimal .npy reader (format 1.0/2.0, '<f4', C order) for this example. */
function readNpyFloat32(path: string): Matrix {
  const bytes = readFileSync(path);
  if (bytes.toString('latin1', 1, 6) !== 'NUMPY') throw new InputError(`${path} is not a .npy file`);
  const major = bytes[6];
  const headerLength = major === 1 ? bytes.readUInt16LE(8) : bytes.readUInt32LE(8);
  const start = (major === 1 ? 10 : 12) + headerLength;
  const header = bytes.toString('latin1', major === 1 ? 10 : 12, start);
  const shape = /'shape':\s*\((\d+),\s*(\d+)\)/.exec(header);
  if (!header.includes("'<f4'") || header.includes("'fortran_order': True") || !shape) {
    throw new InputError(`${path}: expected a 2-D little-endian float32 array in C order, header ${header.trim()}`);
  }
  const [rows, cols] = [Number(shape[1]), Number(shape[2])];
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset + start, bytes.byteOffset + start + rows * cols * 4));
  return createMatrix(rows, cols, data);
}
