/**
 * `reassignNoise`: the answer to "too many −1". Moves each noise row to the
 * cluster whose centroid (L2-normalised mean of its rows) is most similar, when
 * that cosine similarity is ≥ `threshold`; everything else stays noise. The
 * centroids are those of the clusters as given (before any move), so the order
 * of the rows does not matter.
 */
import {
  check,
  createMatrix,
  InputError,
  nearestCentroid,
  selectRows,
  validateMatrix,
  type ComputeOptions,
  type Labels,
  type Matrix,
} from '../core/index.js';

export interface ReassignNoiseOptions {
  /** Minimum cosine similarity to a centroid (default 0.5). */
  threshold?: number;
  threads?: number;
}

export interface ReassignedLabels {
  labels: Labels;
  nClusters: number;
  /** How many noise rows were moved into a cluster. */
  moved: number;
  /** Noise rows that stayed noise. */
  remainingNoise: number;
  /** Cosine similarity to the centroid a row was moved to; 0 for rows not moved. */
  similarity: Float64Array;
}

export function reassignNoise(
  result: { labels: Labels; nClusters?: number },
  X: Matrix,
  options: ReassignNoiseOptions = {},
): ReassignedLabels {
  const threshold = check.number('threshold', options.threshold ?? 0.5, -1, 1);
  validateMatrix(X, 'X');
  const labels = result.labels;
  if (!labels || labels.length !== X.rows) {
    throw new InputError(`reassignNoise: ${labels?.length ?? 0} labels for ${X.rows} rows of X.`);
  }
  let nClusters = result.nClusters ?? 0;
  for (const l of labels) if (l + 1 > nClusters) nClusters = l + 1;
  const out = Int32Array.from(labels);
  const similarity = new Float64Array(X.rows);
  const noise: number[] = [];
  for (let i = 0; i < X.rows; i++) if (labels[i] < 0) noise.push(i);
  if (nClusters === 0 || noise.length === 0 || noise.length === X.rows) {
    return { labels: out, nClusters, moved: 0, remainingNoise: noise.length, similarity };
  }
  const d = X.cols;
  const sums = new Float64Array(nClusters * d);
  const members = new Int32Array(nClusters);
  for (let i = 0; i < X.rows; i++) {
    const c = labels[i];
    if (c < 0) continue;
    members[c]++;
    let sq = 0;
    for (let t = 0; t < d; t++) sq += X.data[i * d + t] * X.data[i * d + t];
    const inv = 1 / Math.sqrt(sq);
    for (let t = 0; t < d; t++) sums[c * d + t] += X.data[i * d + t] * inv;
  }
  // Only labels that have members get a centroid (a label may be unused).
  const present: number[] = [];
  for (let c = 0; c < nClusters; c++) if (members[c] > 0) present.push(c);
  const centroids = createMatrix(present.length, d);
  present.forEach((c, r) => {
    for (let t = 0; t < d; t++) centroids.data[r * d + t] = sums[c * d + t];
  });
  const computeOptions: ComputeOptions = options.threads === undefined ? {} : { threads: options.threads };
  const nearest = nearestCentroid(selectRows(X, noise), centroids, computeOptions);
  let moved = 0;
  noise.forEach((row, t) => {
    const sim = 1 - nearest.distances[t];
    if (sim >= threshold) {
      out[row] = present[nearest.labels[t]];
      similarity[row] = sim;
      moved++;
    }
  });
  return { labels: out, nClusters, moved, remainingNoise: noise.length - moved, similarity };
}
