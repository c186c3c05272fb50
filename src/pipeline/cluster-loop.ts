/**
 * The clustering loop: every requested clusterer, through the registry, on the
 * same rows; then, optionally, noise moved into the nearest cluster.
 */
import type { Labels, Matrix } from '../core/index.js';
import { getClusterer, reassignNoise, type ClusteringResult } from '../cluster/index.js';

export interface FittedClustering {
  readonly algorithm: string;
  readonly result: ClusteringResult;
  /** Labels after noise reassignment (the result's when nothing moved). */
  readonly labels: Labels;
  readonly nClusters: number;
  /** Noise rows moved into clusters (0 when reassignment is off or there is no noise). */
  readonly reassigned: number;
  /** Noise before reassignment; null when reassignment did not run. */
  readonly noiseBeforeAssignment: number | null;
  /** Resolved parameters for the report (the result's when absent). */
  readonly params?: Readonly<Record<string, unknown>>;
  /** How k was chosen when it was 'auto' (text-clustering.ts); null otherwise. */
  readonly kSelection?: {
    criterion: string;
    curve: { k: number; score: number }[];
    chosen: number;
    seconds: number;
    requested: 'auto';
  } | null;
  /** Labels of new rows by the rule the training rows followed (title-only flags per row when known). */
  readonly predictRows?: (X: Matrix, titleOnly?: ArrayLike<boolean | number>) => Labels;
}

export function fitClustering(
  algorithm: string,
  params: Readonly<Record<string, unknown>>,
  X: Matrix,
  options: { seed: number; threads?: number; reassignNoiseThreshold?: number },
): FittedClustering {
  const entry = getClusterer(algorithm);
  const result = entry.create(params, { seed: options.seed, threads: options.threads }).fit(X);
  let labels = result.labels;
  let nClusters = result.nClusters;
  let reassigned = 0;
  let noiseBeforeAssignment: number | null = null;
  if (options.reassignNoiseThreshold !== undefined && entry.capabilities.noise && nClusters > 0) {
    noiseBeforeAssignment = countNoise(labels);
    const moved = reassignNoise({ labels, nClusters }, X, {
      threshold: options.reassignNoiseThreshold,
      ...(options.threads === undefined ? {} : { threads: options.threads }),
    });
    labels = moved.labels;
    nClusters = moved.nClusters;
    reassigned = moved.moved;
  }
  return { algorithm, result, labels, nClusters, reassigned, noiseBeforeAssignment };
}

export function countNoise(labels: Labels): number {
  let c = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] < 0) c++;
  return c;
}
