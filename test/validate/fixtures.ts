/** Load the numeric fixtures of test/fixtures (see the README there). */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMatrix, type Matrix } from '../../src/core/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

export interface SilhouetteReference {
  labels: number[];
  samples: number[];
  score: number;
}

export interface Fixture {
  name: string;
  X: Matrix;
  silhouette: SilhouetteReference[];
}

export const FIXTURE_NAMES = ['blobs-2k-32d', 'jd-real-3k', 'jd-real-unique-3k'] as const;

export function loadFixture(name: string): Fixture {
  const meta = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8'));
  const bytes = readFileSync(join(dir, `${name}.f32`));
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { name, X: createMatrix(meta.n, meta.d, data), silhouette: meta.silhouette };
}
