/** Test helpers: fixture loading and the adjusted Rand index. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createMatrix, type Matrix } from '../../src/core/index.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

export interface HdbscanReference {
  params: {
    min_cluster_size: number;
    min_samples: number;
    cluster_selection_method: 'eom' | 'leaf';
    cluster_selection_epsilon: number;
    allow_single_cluster: boolean;
  };
  labels: number[];
  probabilities: number[];
  outlier_scores: (number | null)[];
  n_clusters: number;
}

export interface DbscanReference {
  params: { eps: number; min_samples: number };
  labels: number[];
  core: number[];
}

export interface Fixture {
  name: string;
  n: number;
  d: number;
  X: Matrix;
  hdbscan: HdbscanReference[];
  dbscan: DbscanReference[];
}

export const FIXTURE_NAMES = ['blobs-2k-32d', 'jd-real-unique-3k', 'jd-real-3k'] as const;

export function loadFixture(name: string): Fixture {
  const json = JSON.parse(readFileSync(FIXTURES + name + '.json', 'utf8'));
  const bytes = readFileSync(FIXTURES + name + '.f32');
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  return { name, n: json.n, d: json.d, X: createMatrix(json.n, json.d, data), hdbscan: json.hdbscan, dbscan: json.dbscan };
}

/** Adjusted Rand index (the library's, tested against scikit-learn values in test/validate). */
export { adjustedRandIndex } from '../../src/validate/index.js';
