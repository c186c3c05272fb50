/**
 * Phase 5 of HDBSCAN: membership probabilities, GLOSH outlier scores and
 * cluster persistence, from the condensed tree and the selection.
 *
 * λ = Infinity (points at cosine distance 0 from each other, i.e. duplicate
 * rows) is where the reference produces NaN outlier scores; see
 * `outlierScores` for the finite value used instead.
 */
import type { CondensedTree } from './condense.js';
import type { Selection } from './select.js';
import { numpyArgsort } from './numpy-argsort.js';

/** Largest λ among the direct children rows of each cluster (index = id − nPoints). */
export function maxChildLambdas(tree: CondensedTree, { finiteOnly = false } = {}): Float64Array {
  const deaths = new Float64Array(tree.nClusters);
  for (let r = 0; r < tree.parent.length; r++) {
    const l = tree.lambda[r];
    if (finiteOnly && !Number.isFinite(l)) continue;
    const p = tree.parent[r] - tree.nPoints;
    if (l > deaths[p]) deaths[p] = l;
  }
  return deaths;
}

/**
 * Strength of each point's membership in its cluster: λ_point / λ_max of the
 * selected cluster (λ_max over the cluster's direct children rows), capped at
 * 1; 1 when λ_max is 0 or λ_point is infinite; 0 for noise.
 */
export function membershipProbabilities(tree: CondensedTree, selection: Selection): Float64Array {
  const { nPoints, child, lambda } = tree;
  const deaths = maxChildLambdas(tree);
  const out = new Float64Array(nPoints);
  for (let r = 0; r < child.length; r++) {
    const point = child[r];
    if (point >= nPoints) continue;
    const label = selection.labels[point];
    if (label < 0) continue;
    const maxLambda = deaths[selection.clusters[label] - nPoints];
    const l = lambda[r];
    if (maxLambda === 0 || !Number.isFinite(l)) out[point] = 1;
    else out[point] = Math.min(l, maxLambda) / maxLambda;
  }
  return out;
}

/**
 * GLOSH outlier score of each point: 1 − λ_point / λ_max(c), where c is the
 * cluster the point falls out of.
 *
 * λ_max(c) follows the package 0.8.33 literally: it starts as the largest λ
 * among c's direct children, and is raised to a child cluster's value only for
 * the cluster rows that numpy's argsort of the parent column puts before the
 * first point row (the package's propagation loop stops there). In practice
 * this is usually no propagation at all; replaying it keeps the scores equal
 * to the reference's.
 *
 * Duplicate rows: when λ_max(c) is infinite (c holds points at distance 0) the
 * reference computes ∞/∞ = NaN for its finite-λ points. We use the largest
 * *finite* λ among c's direct children instead, so the score stays in [0, 1]
 * and still ranks points by density; if there is none (or it is 0), 0. A point
 * whose own λ is infinite (it sits on a duplicate) scores 0, as in the reference.
 */
export function outlierScores(tree: CondensedTree): Float64Array {
  const { nPoints, parent, child, lambda } = tree;
  const deaths = maxChildLambdas(tree);
  const finiteDeaths = maxChildLambdas(tree, { finiteOnly: true });
  for (const r of numpyArgsort(parent)) {
    const c = child[r];
    if (c < nPoints) break;
    const p = parent[r] - nPoints;
    if (deaths[c - nPoints] > deaths[p]) deaths[p] = deaths[c - nPoints];
    if (finiteDeaths[c - nPoints] > finiteDeaths[p]) finiteDeaths[p] = finiteDeaths[c - nPoints];
  }
  const out = new Float64Array(nPoints);
  for (let r = 0; r < child.length; r++) {
    const point = child[r];
    if (point >= nPoints) continue;
    const l = lambda[r];
    if (!Number.isFinite(l)) continue; // 0
    const p = parent[r] - nPoints;
    const lambdaMax = Number.isFinite(deaths[p]) ? deaths[p] : finiteDeaths[p];
    out[point] = lambdaMax > 0 ? Math.max(0, (lambdaMax - l) / lambdaMax) : 0;
  }
  return out;
}

/**
 * Persistence of each selected cluster (the package's `cluster_persistence_`):
 * stability / (cluster size × largest λ in the tree); 1 when that λ is 0 or
 * infinite, or the cluster is empty.
 */
export function clusterPersistence(tree: CondensedTree, selection: Selection): Float64Array {
  let maxLambda = 0;
  for (let r = 0; r < tree.lambda.length; r++) if (tree.lambda[r] > maxLambda) maxLambda = tree.lambda[r];
  const sizes = new Int32Array(selection.clusters.length);
  for (const l of selection.labels) if (l >= 0) sizes[l]++;
  return Float64Array.from(selection.clusters, (c, i) => {
    if (!Number.isFinite(maxLambda) || maxLambda === 0 || sizes[i] === 0) return 1;
    return selection.stability[c - tree.nPoints] / (sizes[i] * maxLambda);
  });
}
