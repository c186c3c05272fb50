/**
 * Silhouette coefficient with cosine distance, scikit-learn semantics:
 *
 *   a(i) = mean distance from i to the other members of its cluster,
 *   b(i) = smallest mean distance from i to the members of another cluster,
 *   s(i) = (b − a) / max(a, b), and 0 where that is 0/0 (members of singleton
 *          clusters, or a = b = 0).
 *
 * The per-cluster distance sums come from the compute core's
 * `labelDistanceSums` (n × k values), so no n × n matrix is ever held.
 */
import {
  InputError,
  Random,
  check,
  labelDistanceSums,
  selectRows,
  validateMatrix,
  type ComputeOptions,
  type Labels,
  type Matrix,
} from '../core/index.js';
import { checkLabels, checkNoiseHandling, compactLabels, type NoiseHandling } from './labels.js';

export interface SilhouetteOptions extends ComputeOptions {
  /**
   * `'exclude'` (default): noise rows (label −1) get no value and do not count
   * as a cluster. `'cluster'`: noise is scored as one more cluster, which is
   * what scikit-learn does when handed −1 labels.
   */
  noise?: NoiseHandling;
  /**
   * Estimate on a seeded random sample of this many rows (drawn from the rows
   * that take part), as scikit-learn's `silhouette_score(sample_size=…)` does:
   * the silhouette of the sample, distances within the sample only.
   */
  sampleSize?: number;
  /** Seed of the sample (default 0). */
  seed?: number;
}

export interface ClusterSilhouette {
  readonly label: number;
  /** Members that were scored (all members unless sampled). */
  readonly size: number;
  /** Mean silhouette of the scored members. */
  readonly mean: number;
}

export interface SilhouetteResult {
  /** Mean silhouette over the scored rows. */
  readonly score: number;
  /** One value per input row; NaN for rows not scored (noise when excluded, rows outside the sample). */
  readonly samples: Float64Array;
  /** Per cluster (ascending label; −1 only with `noise: 'cluster'`). */
  readonly clusters: readonly ClusterSilhouette[];
  /** Number of rows scored. */
  readonly nScored: number;
  /** True when the result is a sampled estimate. */
  readonly sampled: boolean;
  readonly noise: NoiseHandling;
}

/** Exact (or, with `sampleSize`, sampled) cosine silhouette of a labelling. */
export function silhouette(X: Matrix, labels: Labels, options: SilhouetteOptions = {}): SilhouetteResult {
  validateMatrix(X, 'X');
  checkLabels(labels, X.rows);
  const noise = checkNoiseHandling(options.noise ?? 'exclude');
  const seed = check.integer('seed', options.seed ?? 0, 0, 0xffffffff);
  const taking = compactLabels(labels, noise);
  let rows = taking.rows;
  let sampled = false;
  if (options.sampleSize !== undefined) {
    const sampleSize = check.integer('sampleSize', options.sampleSize, 2);
    if (sampleSize < rows.length) {
      rows = sampleRows(rows, sampleSize, seed);
      sampled = true;
    }
  }
  // Renumber again on the rows actually scored: a sample can miss a cluster.
  const sub = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) sub[r] = labels[rows[r]];
  const group = compactLabels(sub, 'cluster');
  const k = group.originals.length;
  const m = rows.length;
  if (k < 2 || k > m - 1) {
    throw new InputError(
      `Silhouette needs between 2 and n − 1 clusters among the ${m} scored rows, got ${k}` +
        (noise === 'exclude' ? ' (noise excluded).' : '.'),
    );
  }
  // Without sampling, X is passed whole with excluded rows labelled −1 (the
  // kernel skips them as members), which saves copying X; a sample is copied
  // out, since its distances are taken within the sample only.
  let kernelX = X;
  let kernelLabels: Int32Array;
  if (sampled) {
    kernelX = selectRows(X, rows);
    kernelLabels = group.labels;
  } else {
    kernelLabels = new Int32Array(X.rows).fill(-1);
    for (let r = 0; r < m; r++) kernelLabels[rows[r]] = group.labels[r];
  }
  const sums = labelDistanceSums(kernelX, kernelLabels, k, { threads: options.threads });
  const values = silhouetteFromSums(sums, kernelLabels, group.sizes);

  const samples = new Float64Array(X.rows).fill(NaN);
  const clusterSum = new Float64Array(k);
  let total = 0;
  for (let r = 0; r < m; r++) {
    const v = values[sampled ? r : rows[r]];
    samples[rows[r]] = v;
    clusterSum[group.labels[r]] += v;
    total += v;
  }
  const clusters = Array.from(group.originals, (label, c) => ({
    label,
    size: group.sizes[c],
    mean: clusterSum[c] / group.sizes[c],
  }));
  return { score: total / m, samples, clusters, nScored: m, sampled, noise };
}

/**
 * s(i) from the n × k distance sums. `sizes[c]` counts members of c; the row's
 * own sum covers its cluster-mates only (its distance to itself is 0). Rows
 * labelled −1 are not scored (NaN).
 */
export function silhouetteFromSums(sums: Float64Array, labels: Int32Array, sizes: Int32Array): Float64Array {
  const n = labels.length;
  const k = sizes.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const own = labels[i];
    if (own < 0) {
      out[i] = NaN;
      continue;
    }
    if (sizes[own] <= 1) continue; // singleton cluster: 0 by convention
    const a = sums[i * k + own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c === own || sizes[c] === 0) continue;
      const mean = sums[i * k + c] / sizes[c];
      if (mean < b) b = mean;
    }
    const denom = Math.max(a, b);
    out[i] = denom > 0 ? (b - a) / denom : 0;
  }
  return out;
}

/** `size` of `rows` chosen uniformly without replacement (seeded), returned ascending. */
function sampleRows(rows: Int32Array, size: number, seed: number): Int32Array {
  const pool = rows.slice();
  const random = new Random(seed);
  for (let i = 0; i < size; i++) {
    const j = i + random.int(pool.length - i);
    const t = pool[i];
    pool[i] = pool[j];
    pool[j] = t;
  }
  return pool.subarray(0, size).sort();
}
