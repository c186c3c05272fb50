/**
 * Label bookkeeping shared by the validation metrics: checking a labelling,
 * choosing which rows take part (noise in or out) and renumbering the labels
 * that remain to 0 … k − 1 so that kernels can index arrays with them.
 */
import { InputError, ParameterError, check, type Labels } from '../core/index.js';

/** What to do with noise points (label −1). */
export type NoiseHandling = 'exclude' | 'cluster';

export const NOISE_LABEL = -1;

/** Throw unless `labels` is an Int32Array of `n` integers ≥ −1. */
export function checkLabels(labels: unknown, n: number, name = 'labels'): asserts labels is Labels {
  if (!(labels instanceof Int32Array)) throw new ParameterError(name, labels, 'an Int32Array of cluster labels (−1 for noise)');
  if (labels.length !== n) throw new InputError(`${name} has ${labels.length} entries, expected one per row (${n}).`);
  for (let i = 0; i < n; i++) {
    if (labels[i] < NOISE_LABEL) throw new InputError(`${name}[${i}] is ${labels[i]}; labels must be ≥ 0, or −1 for noise.`, i);
  }
}

export function checkNoiseHandling(value: unknown): NoiseHandling {
  return check.oneOf('noise', value, ['exclude', 'cluster'] as const);
}

/** Rows taking part in a metric, with their labels renumbered 0 … k − 1 in ascending order of the original label. */
export interface CompactLabels {
  /** Indices (ascending) of the rows that take part. */
  readonly rows: Int32Array;
  /** Renumbered label of each taking-part row (same order as `rows`). */
  readonly labels: Int32Array;
  /** Original label of each renumbered label. */
  readonly originals: Int32Array;
  /** Members per renumbered label. */
  readonly sizes: Int32Array;
}

/**
 * Keep the rows that take part (noise dropped with `'exclude'`, kept as its own
 * group with `'cluster'`) and renumber their labels densely.
 */
export function compactLabels(labels: Labels, noise: NoiseHandling = 'exclude'): CompactLabels {
  const keep = (l: number) => l >= 0 || noise === 'cluster';
  const distinct = new Set<number>();
  let count = 0;
  for (let i = 0; i < labels.length; i++) {
    if (keep(labels[i])) {
      distinct.add(labels[i]);
      count++;
    }
  }
  const originals = Int32Array.from([...distinct].sort((a, b) => a - b));
  const index = new Map<number, number>();
  originals.forEach((l, k) => index.set(l, k));
  const rows = new Int32Array(count);
  const compact = new Int32Array(count);
  const sizes = new Int32Array(originals.length);
  for (let i = 0, r = 0; i < labels.length; i++) {
    if (!keep(labels[i])) continue;
    const k = index.get(labels[i])!;
    rows[r] = i;
    compact[r++] = k;
    sizes[k]++;
  }
  return { rows, labels: compact, originals, sizes };
}

/** Members per label, noise included, ascending by label. */
export interface ClusterSizes {
  readonly n: number;
  /** Number of clusters (labels ≥ 0). */
  readonly nClusters: number;
  readonly noise: number;
  /** `noise / n` (0 when n = 0). */
  readonly noiseShare: number;
  /** One entry per cluster label ≥ 0, ascending. */
  readonly clusters: ReadonlyArray<{ readonly label: number; readonly size: number; readonly share: number }>;
}

/** Sizes of every cluster and of the noise. */
export function clusterSizes(labels: Labels): ClusterSizes {
  checkLabels(labels, labels?.length ?? 0);
  const counts = new Map<number, number>();
  let noise = 0;
  for (const l of labels) {
    if (l < 0) noise++;
    else counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const n = labels.length;
  const clusters = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([label, size]) => ({ label, size, share: size / n }));
  return { n, nClusters: clusters.length, noise, noiseShare: n === 0 ? 0 : noise / n, clusters };
}
