/**
 * DBSCAN with cosine distance and scikit-learn's semantics
 * (`DBSCAN(metric='cosine')`):
 * - the eps-neighbourhood of a row holds every row at cosine distance ≤ eps,
 *   the row itself included;
 * - a row is a core sample when its neighbourhood has ≥ minSamples rows (so
 *   minSamples counts the row itself);
 * - clusters are grown depth-first from core samples taken in index order; a
 *   border row (in reach of several clusters) goes to the first cluster that
 *   reaches it, i.e. the cluster whose seed has the lowest index;
 * - rows reached by no core sample are noise (−1).
 */
import {
  radiusNeighbors,
  validateMatrix,
  type ComputeOptions,
  type Labels,
  type Matrix,
  checkThreads,
  validateParams,
  type ParamSpecs,
} from '../core/index.js';
import type { ClusterCapabilities, ClusteringResult } from './contract.js';

/** DBSCAN's parameters, declared once (scikit-learn's defaults). */
export const DBSCAN_PARAMS: ParamSpecs = {
  eps: { type: 'number', default: 0.5, exclusiveMin: 0, max: 2, doc: 'neighbourhood radius in cosine distance' },
  minSamples: { type: 'integer', default: 5, min: 1, doc: 'rows (including the row itself) a neighbourhood needs for a core sample' },
};

export const DBSCAN_CAPABILITIES: ClusterCapabilities = { noise: true, predict: false, probabilities: false, hierarchy: false };

export interface DBSCANParams {
  /** Neighbourhood radius in cosine distance (default 0.5, as scikit-learn). */
  eps?: number;
  /** Rows (including the row itself) a neighbourhood needs for a core sample (default 5). */
  minSamples?: number;
  /** Threads for the compute core (default: all cores). */
  threads?: number;
}

export interface DBSCANResult extends ClusteringResult {
  readonly algorithm: 'dbscan';
  readonly params: Readonly<Required<Omit<DBSCANParams, 'threads'>>>;
  readonly labels: Labels;
  readonly nClusters: number;
  /** 1 for core samples. */
  readonly isCore: Uint8Array;
  /** Indices of core samples, ascending (scikit-learn's `core_sample_indices_`). */
  readonly coreSampleIndices: Int32Array;
}

export class DBSCAN {
  readonly params: Readonly<Required<Omit<DBSCANParams, 'threads'>>> & { threads?: number };

  constructor(params: DBSCANParams = {}) {
    const p = params ?? {};
    const resolved = validateParams(DBSCAN_PARAMS, p as Record<string, unknown>, { passThrough: ['threads'] });
    this.params = { eps: resolved.eps as number, minSamples: resolved.minSamples as number, threads: checkThreads(p.threads) };
  }

  fit(X: Matrix): DBSCANResult {
    validateMatrix(X, 'X');
    const { eps, minSamples, threads } = this.params;
    const options: ComputeOptions = threads === undefined ? {} : { threads };
    const { offsets, indices } = radiusNeighbors(X, eps, options);
    const n = X.rows;
    const isCore = new Uint8Array(n);
    for (let i = 0; i < n; i++) if (offsets[i + 1] - offsets[i] >= minSamples) isCore[i] = 1;
    const labels = new Int32Array(n).fill(-1);
    const stack = new Int32Array(Math.max(1, indices.length));
    let nClusters = 0;
    for (let seed = 0; seed < n; seed++) {
      if (labels[seed] !== -1 || !isCore[seed]) continue;
      // Same traversal as scikit-learn's dbscan_inner: label on pop, expand only core rows.
      let top = 0;
      let i = seed;
      for (;;) {
        if (labels[i] === -1) {
          labels[i] = nClusters;
          if (isCore[i]) {
            for (let t = offsets[i]; t < offsets[i + 1]; t++) {
              const j = indices[t];
              if (labels[j] === -1) stack[top++] = j;
            }
          }
        }
        if (top === 0) break;
        i = stack[--top];
      }
      nClusters++;
    }
    const coreSampleIndices: number[] = [];
    for (let i = 0; i < n; i++) if (isCore[i]) coreSampleIndices.push(i);
    return {
      algorithm: 'dbscan',
      capabilities: DBSCAN_CAPABILITIES,
      params: { eps, minSamples },
      labels,
      nClusters,
      isCore,
      coreSampleIndices: Int32Array.from(coreSampleIndices),
    };
  }
}
