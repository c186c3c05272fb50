/**
 * HDBSCAN with cosine distance, exact, with the semantics of the Python
 * `hdbscan` package 0.8.33 (`metric='cosine'`, `algorithm='generic'`).
 *
 *   const result = new HDBSCAN({ minClusterSize: 15, minSamples: 5 }).fit(X);
 *
 * Phases, one file each: core-distances → linkage (MST → single linkage) →
 * condense → select (stability, EOM/leaf, epsilon, labels) → scores
 * (probabilities, GLOSH) → predict (approximatePredict).
 */
import {
  InputError,
  validateMatrix,
  type ComputeOptions,
  type Labels,
  type Matrix,
  checkThreads,
  validateParams,
  type ParamSpecs,
} from '../../core/index.js';
import { withoutThreads, type ClusterCapabilities, type ClusteringResult } from '../contract.js';
import { condenseTree, type CondensedTree } from './condense.js';
import { coreDistances, effectiveMinSamples } from './core-distances.js';
import { approximateSpanningTree } from './approximate.js';
import { primSequence, singleLinkage, singleLinkageFromEdges, type SingleLinkageTree } from './linkage.js';
import { approximatePredict, type ApproximatePrediction } from './predict.js';
import { clusterPersistence, membershipProbabilities, outlierScores } from './scores.js';
import { selectClusters, type ClusterSelectionMethod, type Selection } from './select.js';

export type { CondensedTree, SingleLinkageTree, ClusterSelectionMethod, ApproximatePrediction };

export interface HDBSCANParams {
  /** Smallest group that counts as a cluster (default 15, at least 2). */
  minClusterSize?: number;
  /** Neighbours (other than the point itself) that define its core distance (default 5). */
  minSamples?: number;
  /** 'eom' (excess of mass, default) or 'leaf'. */
  clusterSelectionMethod?: ClusterSelectionMethod;
  /** Cosine distance below which clusters are not split further (default 0). */
  clusterSelectionEpsilon?: number;
  /** Let EOM return the root as the only cluster (default false). */
  allowSingleCluster?: boolean;
  /** EOM never selects a cluster larger than this (0 = no limit, default). */
  maxClusterSize?: number;
  /**
   * 'exact' (all pairs, the reference's tree), 'approximate' (kNN graph within
   * overlapping cells, see approximate.ts) or 'auto' (default: approximate from
   * APPROXIMATE_FROM_ROWS rows on). The result's params.mode says which ran.
   */
  mode?: HDBSCANMode;
  /** Threads for the compute core (default: all cores). Results do not depend on it. */
  threads?: number;
}

export type HDBSCANMode = 'auto' | 'exact' | 'approximate';

/** 'auto' runs the approximate mode from this many rows on (below it exact takes seconds at most). */
export const APPROXIMATE_FROM_ROWS = 50_000;

export type ResolvedHDBSCANParams = Required<Omit<HDBSCANParams, 'threads'>> & { threads?: number };

/** HDBSCAN's parameters, declared once (defaults of the Python `hdbscan` package). */
export const HDBSCAN_PARAMS: ParamSpecs = {
  minClusterSize: { type: 'integer', default: 15, min: 2, doc: 'smallest group that counts as a cluster' },
  minSamples: { type: 'integer', default: 5, min: 1, doc: 'neighbours (other than the point itself) that define its core distance' },
  clusterSelectionMethod: { type: 'enum', default: 'eom', values: ['eom', 'leaf'], doc: "'eom' (excess of mass) or 'leaf'" },
  clusterSelectionEpsilon: {
    type: 'number',
    default: 0,
    min: 0,
    max: 2,
    doc: 'cosine distance below which clusters are not split further',
  },
  allowSingleCluster: { type: 'boolean', default: false, doc: 'let EOM return the root as the only cluster' },
  maxClusterSize: { type: 'integer', default: 0, min: 0, doc: 'EOM never selects a cluster larger than this (0 = no limit)' },
  mode: {
    type: 'enum',
    default: 'auto',
    values: ['auto', 'exact', 'approximate'],
    doc: "spanning tree over all pairs ('exact') or a kNN graph ('approximate'); 'auto' = approximate from 50,000 rows",
  },
};

export const HDBSCAN_CAPABILITIES: ClusterCapabilities = { noise: true, predict: true, probabilities: true, hierarchy: false };

export function resolveHDBSCANParams(params: HDBSCANParams = {}): ResolvedHDBSCANParams {
  const p = params ?? {};
  const resolved = validateParams(HDBSCAN_PARAMS, p as Record<string, unknown>, { passThrough: ['threads'] });
  return { ...(resolved as Required<Omit<HDBSCANParams, 'threads'>>), threads: checkThreads(p.threads) };
}

export class HDBSCAN {
  readonly params: ResolvedHDBSCANParams;

  constructor(params: HDBSCANParams = {}) {
    this.params = resolveHDBSCANParams(params);
  }

  fit(X: Matrix): HDBSCANResult {
    validateMatrix(X, 'X');
    const p = this.params;
    if (X.rows < p.minClusterSize) {
      throw new InputError(`HDBSCAN needs at least minClusterSize = ${p.minClusterSize} rows, got ${X.rows}.`);
    }
    const options: ComputeOptions = p.threads === undefined ? {} : { threads: p.threads };
    const mode = p.mode === 'auto' ? (X.rows >= APPROXIMATE_FROM_ROWS ? 'approximate' : 'exact') : p.mode;
    let core: Float64Array, linkage: SingleLinkageTree;
    if (mode === 'approximate') {
      const approx = approximateSpanningTree(X, p.minSamples, options);
      core = approx.coreDistances;
      linkage = singleLinkageFromEdges(X.rows, approx.tree);
    } else {
      core = coreDistances(X, p.minSamples, options).distances;
      linkage = singleLinkage(X.rows, primSequence(X, core, options));
    }
    const tree = condenseTree(linkage, p.minClusterSize);
    const selection = selectClusters(tree, {
      method: p.clusterSelectionMethod,
      allowSingleCluster: p.allowSingleCluster,
      clusterSelectionEpsilon: p.clusterSelectionEpsilon,
      maxClusterSize: p.maxClusterSize,
    });
    return new HDBSCANResult({ ...p, mode }, X, core, linkage, tree, selection);
  }
}

/** A fitted HDBSCAN clustering. All arrays are owned by the result; do not mutate them. */
export class HDBSCANResult implements ClusteringResult {
  readonly algorithm = 'hdbscan';
  readonly capabilities = HDBSCAN_CAPABILITIES;
  /** Resolved parameters, without `threads`. */
  readonly params: Omit<ResolvedHDBSCANParams, 'threads'>;
  /** Cluster of every row, 0 … nClusters − 1, or −1 for noise. */
  readonly labels: Labels;
  readonly nClusters: number;
  /** Membership strength in [0, 1] (0 for noise). */
  readonly probabilities: Float64Array;
  /** GLOSH outlier score in [0, 1]; finite for duplicates too (see docs/cluster.md). */
  readonly outlierScores: Float64Array;
  /** Persistence of each cluster (the package's `cluster_persistence_`), by label. */
  readonly clusterPersistence: Float64Array;
  /** Core distance of each row. */
  readonly coreDistances: Float64Array;
  /**
   * Condensed tree (the package's raw layout: root cluster = n). λ = 1/distance;
   * merges at distance 0 (duplicates) are reported as Number.MAX_VALUE, not ∞.
   */
  readonly condensedTree: CondensedTree;
  /** Single-linkage tree of the mutual-reachability MST (scipy layout). */
  readonly singleLinkageTree: SingleLinkageTree;
  /** Condensed-tree id of the cluster behind each label. */
  readonly selectedClusters: Int32Array;

  private readonly threads: number | undefined;

  constructor(
    params: ResolvedHDBSCANParams,
    private readonly X: Matrix,
    coreDistances: Float64Array,
    singleLinkageTree: SingleLinkageTree,
    private readonly tree: CondensedTree,
    private readonly selection: Selection,
  ) {
    this.params = withoutThreads(params);
    this.threads = params.threads;
    this.labels = selection.labels;
    this.nClusters = selection.clusters.length;
    this.selectedClusters = selection.clusters;
    this.probabilities = membershipProbabilities(tree, selection);
    this.outlierScores = outlierScores(tree);
    this.clusterPersistence = clusterPersistence(tree, selection);
    this.coreDistances = coreDistances;
    this.singleLinkageTree = singleLinkageTree;
    this.condensedTree = {
      ...tree,
      lambda: tree.lambda.map((l) => (Number.isFinite(l) ? l : Number.MAX_VALUE)),
    };
  }

  /**
   * Labels and membership probabilities of new rows against this clustering,
   * without refitting (see src/cluster/hdbscan/predict.ts for the semantics).
   */
  approximatePredict(newX: Matrix): ApproximatePrediction {
    validateMatrix(newX, 'newX');
    return approximatePredict(
      {
        X: this.X,
        coreDistances: this.coreDistances,
        minSamples: effectiveMinSamples(this.params.minSamples, this.X.rows),
        tree: this.tree,
        selection: this.selection,
        ...(this.threads === undefined ? {} : { threads: this.threads }),
      },
      newX,
    );
  }

  /** Labels of new rows (the contract's `predict`): `approximatePredict(newX).labels`. */
  predict(newX: Matrix): Labels {
    return this.approximatePredict(newX).labels;
  }
}
