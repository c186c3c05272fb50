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

/** Adjusted Rand index (Hubert & Arabie) of two labelings; noise (−1) counts as one more label. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = a[i] + ',' + b[i];
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0, sumRows = 0, sumCols = 0;
  for (const v of table.values()) index += pairs(v);
  for (const v of rows.values()) sumRows += pairs(v);
  for (const v of cols.values()) sumCols += pairs(v);
  const expected = (sumRows * sumCols) / pairs(n);
  const max = (sumRows + sumCols) / 2;
  if (max === expected) return 1; // both labelings are a single block (or all singletons)
  return (index - expected) / (max - expected);
}
