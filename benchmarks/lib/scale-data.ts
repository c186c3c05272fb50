/**
 * The two 128-d data sets of the HDBSCAN scale benchmarks (benchmarks/scale.ts,
 * benchmarks/hdbscan-phases.ts), seeded so every run sees the same rows:
 *
 * - `blobs`: 20 blobs on the sphere with 5% uniform noise (as benchmarks/cluster.ts);
 * - `corpus-like`: the 3,000 real sentence vectors of test/fixtures/jd-real-unique-3k,
 *   each further copy of a row moved by seeded noise (σ = 0.05/√d) towards a random
 *   other row of the fixture by a random share below 10%, so that a 100k set has the
 *   fixture's directions and local density without being 33 exact copies of 3,000 points.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMatrix, normalizeRows, Random, type Matrix } from '../../src/core/index.js';

export const SCALE_DIM = 128;
export const SCALE_KINDS = ['blobs', 'corpus-like'] as const;

export function makeScaleData(kind: string, n: number): Matrix {
  const DIM = SCALE_DIM;
  const random = new Random(2024);
  const X = createMatrix(n, DIM);
  if (kind === 'corpus-like') {
    const path = fileURLToPath(new URL('../../test/fixtures/jd-real-unique-3k.f32', import.meta.url));
    const bytes = readFileSync(path);
    const base = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    const m = base.length / DIM;
    const sigma = 0.05 / Math.sqrt(DIM);
    for (let i = 0; i < n; i++) {
      const src = i % m;
      const other = random.int(m);
      const share = i < m ? 0 : 0.1 * random.next();
      for (let t = 0; t < DIM; t++) {
        const v = (1 - share) * base[src * DIM + t] + share * base[other * DIM + t];
        X.data[i * DIM + t] = v + (i < m ? 0 : sigma * random.normal());
      }
    }
  } else if (kind === 'blobs') {
    const centres = Array.from({ length: 20 }, () => Float64Array.from({ length: DIM }, () => random.normal()));
    for (let i = 0; i < n; i++) {
      const noise = random.next() < 0.05;
      const c = random.int(20);
      for (let t = 0; t < DIM; t++) X.data[i * DIM + t] = noise ? random.normal() : centres[c][t] + 0.35 * random.normal();
    }
  } else throw new Error(`--data: unknown kind '${kind}' (blobs, corpus-like)`);
  return normalizeRows(X, { inPlace: true });
}
