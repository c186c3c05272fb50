/** Seeded clustered unit vectors with known memberships, for tests and benchmarks. */
import { createMatrix, normalizeRows, Random, type Matrix } from '../../src/core/index.js';

export interface Blobs {
  X: Matrix;
  /** Blob of each row; −1 for uniform background noise. */
  truth: Int32Array;
}

/**
 * `k` blobs on the unit sphere of R^d: centres uniform on the sphere, rows =
 * centre + spread·N(0, I/d), normalised; `noise` of the rows are uniform.
 */
export function sphericalBlobs(n: number, d: number, k: number, { spread = 0.3, noise = 0, seed = 1 } = {}): Blobs {
  const random = new Random(seed);
  const centres = createMatrix(k, d);
  for (let i = 0; i < centres.data.length; i++) centres.data[i] = random.normal();
  normalizeRows(centres, { inPlace: true });
  const X = createMatrix(n, d);
  const truth = new Int32Array(n);
  const scale = spread / Math.sqrt(d);
  for (let i = 0; i < n; i++) {
    const isNoise = random.next() < noise;
    const c = isNoise ? -1 : i % k;
    truth[i] = c;
    for (let t = 0; t < d; t++) X.data[i * d + t] = isNoise ? random.normal() : centres.data[c * d + t] + scale * random.normal();
  }
  normalizeRows(X, { inPlace: true });
  return { X, truth };
}
