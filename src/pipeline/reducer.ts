/**
 * The reduction slot between embedding and clustering (e.g. UMAP or PCA to a
 * few dimensions before a density clusterer). The default is the identity: the
 * clusterers see the embedding itself. Keywords, scores and facets are
 * computed on the clusterers' labels, so a reducer changes only what is
 * clustered; silhouette and the other scores are taken on the reduced rows.
 */
import type { Matrix } from '../core/index.js';

export interface Reducer {
  readonly name: string;
  /** One output row per input row. */
  fit(X: Matrix, context?: { readonly seed: number; readonly threads?: number }): Matrix;
}

/** Leaves the vectors as they are. */
export const identityReducer: Reducer = { name: 'identity', fit: (X) => X };
