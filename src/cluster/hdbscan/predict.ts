/**
 * Phase 6 of HDBSCAN: approximate prediction for new points, after the Python
 * package's `approximate_predict`.
 *
 * For a new point q:
 * 1. its 2·minSamples nearest training rows (cosine; ties by lower index);
 * 2. its core distance is the distance to the neighbour at 0-based position
 *    `minSamples` of that list (the package's convention);
 * 3. the neighbour with the smallest mutual reachability
 *    max(core[q], core[nbr], d(q, nbr)) is its "parent point"; λ = 1/mr
 *    (Number.MAX_VALUE at 0);
 * 4. q joins the cluster its parent point falls out of; if q is less dense
 *    than its parent point (smaller λ), it climbs from there while the current
 *    cluster was born at a λ ≥ λ(q);
 * 5. the label is that of the selected cluster at or above it (noise if none);
 *    the probability is min(λ(q), λ_max)/λ_max with λ_max the largest λ among
 *    the selected cluster's direct children (1 when λ_max ≤ 0).
 * The tree is not changed: predictions never alter the fitted clustering.
 *
 * One deliberate difference: training core distances are the ones used for
 * fitting (minSamples-th nearest other row); the package recomputes them with
 * one neighbour fewer for prediction. With ours, predicting a training row
 * returns that row's own cluster.
 *
 * Neighbours come from the compute core's `knnQuery` (SIMD screening, exact
 * f64 re-ranking: the same answer as a direct scan, ties by lower index).
 */
import { InputError, knnQuery, type Matrix } from '../../core/index.js';
import type { CondensedTree } from './condense.js';
import type { Selection } from './select.js';
import { maxChildLambdas } from './scores.js';

export interface PredictionModel {
  X: Matrix;
  coreDistances: Float64Array;
  minSamples: number;
  tree: CondensedTree;
  selection: Selection;
  /** Threads for the neighbour search (default: all cores). */
  threads?: number;
}

export interface ApproximatePrediction {
  labels: Int32Array;
  probabilities: Float64Array;
}

export function approximatePredict(model: PredictionModel, newX: Matrix): ApproximatePrediction {
  const { X, tree, selection } = model;
  if (newX.cols !== X.cols) {
    throw new InputError(`approximatePredict: new points have ${newX.cols} columns, the fitted data has ${X.cols}.`);
  }
  const m = newX.rows;
  const labels = new Int32Array(m).fill(-1);
  const probabilities = new Float64Array(m);
  if (selection.clusters.length === 0) return { labels, probabilities };

  const { nPoints, nClusters } = tree;
  const root = nPoints;
  // Per point: its row's parent and λ; per cluster: parent and birth λ.
  const pointParent = new Int32Array(nPoints);
  const pointLambda = new Float64Array(nPoints);
  const clusterParent = new Int32Array(nClusters).fill(-1);
  const clusterBirth = new Float64Array(nClusters);
  for (let r = 0; r < tree.child.length; r++) {
    const c = tree.child[r];
    if (c < nPoints) {
      pointParent[c] = tree.parent[r];
      pointLambda[c] = tree.lambda[r];
    } else {
      clusterParent[c - nPoints] = tree.parent[r];
      clusterBirth[c - nPoints] = tree.lambda[r];
    }
  }
  // Label of every cluster at or below a selected one, and that cluster's λ_max.
  const deaths = maxChildLambdas(tree);
  const clusterLabel = new Int32Array(nClusters).fill(-1);
  const clusterMaxLambda = new Float64Array(nClusters);
  selection.clusters.forEach((c, label) => {
    clusterLabel[c - nPoints] = label;
    clusterMaxLambda[c - nPoints] = deaths[c - nPoints];
  });
  for (let r = 0; r < tree.child.length; r++) {
    const c = tree.child[r];
    if (c < nPoints || clusterLabel[c - nPoints] >= 0) continue;
    const p = tree.parent[r] - nPoints;
    clusterLabel[c - nPoints] = clusterLabel[p];
    clusterMaxLambda[c - nPoints] = clusterMaxLambda[p];
  }

  const k = Math.min(2 * model.minSamples, nPoints);
  const coreIndex = Math.min(model.minSamples, k - 1);
  const { indices, distances } = knnQuery(newX, X, k, model.threads === undefined ? {} : { threads: model.threads });
  for (let q = 0; q < m; q++) {
    const coreQ = distances[q * k + coreIndex];
    let best = -1,
      bestMr = Infinity;
    for (let t = 0; t < k; t++) {
      const j = indices[q * k + t];
      const mr = Math.max(model.coreDistances[j], coreQ, distances[q * k + t]);
      if (mr < bestMr) {
        bestMr = mr;
        best = j;
      }
    }
    const lambda = bestMr > 0 ? 1 / bestMr : Number.MAX_VALUE;
    let cluster = pointParent[best];
    if (pointLambda[best] > lambda) {
      while (cluster > root && clusterBirth[cluster - nPoints] >= lambda) cluster = clusterParent[cluster - nPoints];
    }
    const label = clusterLabel[cluster - nPoints];
    labels[q] = label;
    if (label >= 0) {
      const maxLambda = clusterMaxLambda[cluster - nPoints];
      probabilities[q] = maxLambda > 0 ? Math.min(maxLambda, lambda) / maxLambda : 1;
    }
  }
  return { labels, probabilities };
}
