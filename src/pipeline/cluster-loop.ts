/**
 * What the clustering loop keeps of each clusterer's fit (text-clustering.ts
 * fits them with the pipeline's text defaults).
 */
import type { Labels, Matrix } from '../core/index.js';
import type { ClusteringResult } from '../cluster/index.js';

export interface FittedClustering {
  readonly algorithm: string;
  readonly result: ClusteringResult;
  /** Final labels, one per row: after noise and title-only rows were assigned. */
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

export function countNoise(labels: Labels): number {
  let c = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] < 0) c++;
  return c;
}
