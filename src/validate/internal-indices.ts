/**
 * Davies–Bouldin and Calinski–Harabasz indices, scikit-learn semantics.
 *
 * Both are defined with centroids (cluster means) and Euclidean distance, as in
 * scikit-learn; there is no cosine form of them in common use. On the
 * L2-normalised vectors this library works with, Euclidean distance is a
 * monotone function of cosine distance (‖a − b‖² = 2·d_cos(a, b)), so they rank
 * clusterings consistently with the cosine silhouette. Accumulation in float64.
 */
import { InputError, validateMatrix, type Labels, type Matrix } from '../core/index.js';
import { checkLabels, checkNoiseHandling, compactLabels, type CompactLabels, type NoiseHandling } from './labels.js';

export interface InternalIndexOptions {
  /** `'exclude'` (default) leaves noise rows out; `'cluster'` treats noise as one more cluster. */
  noise?: NoiseHandling;
}

interface Centroids {
  k: number;
  d: number;
  groups: CompactLabels;
  /** k × d means. */
  means: Float64Array;
}

function centroids(X: Matrix, labels: Labels, options: InternalIndexOptions, metric: string): Centroids {
  validateMatrix(X, 'X', { allowZeroRows: true });
  checkLabels(labels, X.rows);
  const groups = compactLabels(labels, checkNoiseHandling(options.noise ?? 'exclude'));
  const k = groups.originals.length;
  const m = groups.rows.length;
  if (k < 2 || k > m - 1) {
    throw new InputError(`${metric} needs between 2 and n − 1 clusters among the ${m} rows used, got ${k}.`);
  }
  const d = X.cols;
  const means = new Float64Array(k * d);
  for (let r = 0; r < m; r++) {
    const o = groups.rows[r] * d,
      c = groups.labels[r] * d;
    for (let j = 0; j < d; j++) means[c + j] += X.data[o + j];
  }
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) means[c * d + j] /= groups.sizes[c];
  return { k, d, groups, means };
}

/** Euclidean distance from row `i` of X to centroid `c`. */
function distanceToMean(X: Matrix, i: number, means: Float64Array, c: number): number {
  const d = X.cols;
  let s = 0;
  for (let j = 0; j < d; j++) {
    const t = X.data[i * d + j] - means[c * d + j];
    s += t * t;
  }
  return Math.sqrt(s);
}

/**
 * Davies–Bouldin index: mean over clusters of max_{j≠i} (S_i + S_j) / M_ij,
 * S = mean distance of members to their centroid, M = distance between
 * centroids. Lower is better; 0 when every cluster is a point.
 */
export function daviesBouldin(X: Matrix, labels: Labels, options: InternalIndexOptions = {}): number {
  const { k, d, groups, means } = centroids(X, labels, options, 'Davies–Bouldin');
  const spread = new Float64Array(k);
  for (let r = 0; r < groups.rows.length; r++) spread[groups.labels[r]] += distanceToMean(X, groups.rows[r], means, groups.labels[r]);
  for (let c = 0; c < k; c++) spread[c] /= groups.sizes[c];
  const between = new Float64Array(k * k);
  let anySpread = false,
    anyApart = false;
  for (let a = 0; a < k; a++) {
    if (spread[a] > 1e-15) anySpread = true;
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let j = 0; j < d; j++) {
        const t = means[a * d + j] - means[b * d + j];
        s += t * t;
      }
      between[a * k + b] = between[b * k + a] = Math.sqrt(s);
      if (s > 0) anyApart = true;
    }
  }
  if (!anySpread || !anyApart) return 0;
  let total = 0;
  for (let a = 0; a < k; a++) {
    let worst = 0;
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      // Coinciding centroids count as infinitely far, as in scikit-learn.
      const m = between[a * k + b];
      const ratio = m === 0 ? 0 : (spread[a] + spread[b]) / m;
      if (ratio > worst) worst = ratio;
    }
    total += worst;
  }
  return total / k;
}

/**
 * Calinski–Harabasz index (variance ratio): [B / (k − 1)] / [W / (n − k)] with
 * B = Σ_c n_c ‖μ_c − μ‖², W = Σ_i ‖x_i − μ_{c(i)}‖². Higher is better; 1 when
 * W = 0, as in scikit-learn.
 */
export function calinskiHarabasz(X: Matrix, labels: Labels, options: InternalIndexOptions = {}): number {
  const { k, d, groups, means } = centroids(X, labels, options, 'Calinski–Harabasz');
  const m = groups.rows.length;
  const overall = new Float64Array(d);
  for (let c = 0; c < k; c++) for (let j = 0; j < d; j++) overall[j] += means[c * d + j] * groups.sizes[c];
  for (let j = 0; j < d; j++) overall[j] /= m;
  let between = 0;
  for (let c = 0; c < k; c++) {
    let s = 0;
    for (let j = 0; j < d; j++) {
      const t = means[c * d + j] - overall[j];
      s += t * t;
    }
    between += groups.sizes[c] * s;
  }
  let within = 0;
  for (let r = 0; r < m; r++) within += distanceToMean(X, groups.rows[r], means, groups.labels[r]) ** 2;
  if (within === 0) return 1;
  return (between * (m - k)) / (within * (k - 1));
}
