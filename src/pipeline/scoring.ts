/**
 * Scores of one clustering: cosine silhouette (sampled on large inputs),
 * Davies–Bouldin, Calinski–Harabasz, and the c-TF-IDF keywords that name the
 * clusters (from the run's `KeywordCounter`, which filtered the tokens once for
 * every labelling). Scores need two clusters and more clustered rows than clusters.
 */
import type { Labels, Matrix } from '../core/index.js';
import {
  calinskiHarabasz,
  daviesBouldin,
  silhouette,
  type KeywordCounter,
  type KeywordResult,
  type SilhouetteResult,
} from '../validate/index.js';

export interface ClusteringScores {
  silhouette: SilhouetteResult | null;
  daviesBouldin: number | null;
  calinskiHarabasz: number | null;
  keywords: KeywordResult | null;
}

export function scoreClustering(
  X: Matrix,
  labels: Labels,
  nClusters: number,
  keywords: KeywordCounter,
  options: { silhouette: { sampleSize?: number } | false; seed: number; threads?: number },
): ClusteringScores {
  const compute = options.threads === undefined ? {} : { threads: options.threads };
  let clustered = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) clustered++;
  const scorable = nClusters >= 2 && clustered > nClusters;
  const sample = options.silhouette === false ? undefined : options.silhouette.sampleSize;
  return {
    silhouette:
      options.silhouette === false || !scorable
        ? null
        : silhouette(X, labels, {
            ...compute,
            ...(sample !== undefined && sample < clustered ? { sampleSize: sample, seed: options.seed } : {}),
          }),
    daviesBouldin: scorable ? daviesBouldin(X, labels) : null,
    calinskiHarabasz: scorable ? calinskiHarabasz(X, labels) : null,
    keywords: keywords.keywords(labels),
  };
}
