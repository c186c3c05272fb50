/**
 * Latent semantic analysis: truncated SVD of the TF-IDF matrix by the
 * randomized range finder of Halko, Martinsson & Tropp (2011), as scikit-learn's
 * TruncatedSVD(algorithm='randomized') does: a seeded Gaussian test matrix with
 * `oversamples` extra columns, `powerIterations` rounds of re-orthonormalised
 * power iteration, then the exact SVD of the small projected matrix.
 *
 * Documents are embedded as U·Σ (= X·V, TruncatedSVD.transform), rows
 * L2-normalised so that cosine distance applies.
 */
import { check, createMatrix, InputError, Random, type Matrix } from '../core/index.js';
import { orthonormalizeColumns, symmetricEigen } from './linalg.js';
import { sparseTimesDense, sparseTransposeTimesDense, type SparseMatrix } from './sparse.js';

export interface LsaParams {
  /** Dimensions kept. Default 100. */
  components?: number;
  /** Power iterations. Default 4 (scikit-learn's 'auto' for TruncatedSVD-sized problems). */
  powerIterations?: number;
  /** Extra random directions for accuracy. Default 10. */
  oversamples?: number;
  seed?: number;
}

export class Lsa {
  readonly params: Readonly<Required<LsaParams>>;

  constructor(params: LsaParams = {}) {
    this.params = {
      components: params.components ?? 100,
      powerIterations: params.powerIterations ?? 4,
      oversamples: params.oversamples ?? 10,
      seed: params.seed ?? 0,
    };
  }

  fit(X: SparseMatrix): LsaModel {
    const { components: k, powerIterations, oversamples, seed } = this.params;
    check.integer('components', k, 1);
    check.integer('powerIterations', powerIterations, 0, 100);
    check.integer('oversamples', oversamples, 0, 10_000);
    check.integer('seed', seed, 0, 0xffffffff);
    if (!X || !(X.indptr instanceof Int32Array)) throw new InputError('LSA needs a SparseMatrix (CSR) such as TfidfModel.transform returns.');
    if (X.rows === 0) throw new InputError('LSA needs at least one document.');
    if (k > Math.min(X.rows, X.cols)) {
      throw new InputError(`LSA: components=${k} exceeds min(documents, terms) = min(${X.rows}, ${X.cols}); lower components.`);
    }
    const l = Math.min(k + oversamples, X.rows, X.cols);
    const rng = new Random(seed);
    // Range finder on X (n × m): Q = orth(X Ω), then power iterations.
    const omega = new Float64Array(X.cols * l);
    for (let i = 0; i < omega.length; i++) omega[i] = rng.normal();
    let q = sparseTimesDense(X, omega, l);
    // Intermediate bases only need to span the right subspace (one CholeskyQR
    // pass); the final Q must be orthonormal to working precision (two passes).
    orthonormalizeColumns(q, X.rows, l, powerIterations === 0 ? 2 : 1);
    for (let it = 0; it < powerIterations; it++) {
      const z = sparseTransposeTimesDense(X, q, l);
      orthonormalizeColumns(z, X.cols, l, 1);
      q = sparseTimesDense(X, z, l);
      orthonormalizeColumns(q, X.rows, l, it === powerIterations - 1 ? 2 : 1);
    }
    // B = Qᵀ X is l × m; we keep Bᵀ = Xᵀ Q (m × l). SVD of B via eig(B Bᵀ).
    const bt = sparseTransposeTimesDense(X, q, l);
    const bbt = new Float64Array(l * l);
    for (let r = 0; r < X.cols; r++) {
      const o = r * l;
      for (let a = 0; a < l; a++) {
        const va = bt[o + a];
        if (va === 0) continue;
        for (let b = a; b < l; b++) bbt[a * l + b] += va * bt[o + b];
      }
    }
    for (let a = 0; a < l; a++) for (let b = 0; b < a; b++) bbt[a * l + b] = bbt[b * l + a];
    const eig = symmetricEigen(bbt, l);
    const singularValues = new Float64Array(k);
    for (let c = 0; c < k; c++) singularValues[c] = Math.sqrt(Math.max(0, eig.values[c]));
    // V (m × k) = Bᵀ U_b Σ⁻¹; stored as components k × m like scikit-learn.
    const components = new Float64Array(k * X.cols);
    for (let c = 0; c < k; c++) {
      const s = singularValues[c];
      if (s === 0) continue;
      for (let r = 0; r < X.cols; r++) {
        let v = 0;
        for (let a = 0; a < l; a++) v += bt[r * l + a] * eig.vectors[a * l + c];
        components[c * X.cols + r] = v / s;
      }
    }
    // Deterministic signs: the largest-magnitude loading of each component is positive.
    for (let c = 0; c < k; c++) {
      let best = 0;
      for (let r = 0; r < X.cols; r++) if (Math.abs(components[c * X.cols + r]) > Math.abs(best)) best = components[c * X.cols + r];
      if (best < 0) for (let r = 0; r < X.cols; r++) components[c * X.cols + r] = -components[c * X.cols + r];
    }
    return new LsaModel(this.params, X.cols, components, singularValues);
  }
}

export class LsaModel {
  constructor(
    readonly params: Readonly<Required<LsaParams>>,
    /** Columns (terms) of the matrices this model projects. */
    readonly nFeatures: number,
    /** k × nFeatures right singular vectors (row-major), as TruncatedSVD.components_. */
    readonly components: Float64Array,
    /** Largest singular values, descending. */
    readonly singularValues: Float64Array,
  ) {}

  get nComponents(): number {
    return this.singularValues.length;
  }

  /**
   * Project rows of X onto the components (X·Vᵀ), L2-normalised unless
   * `normalize: false`. Rows with no known term stay zero.
   */
  transform(X: SparseMatrix, { normalize = true } = {}): Matrix {
    if (X.cols !== this.nFeatures) {
      throw new InputError(`LSA model expects ${this.nFeatures} columns, got a matrix with ${X.cols}.`);
    }
    const k = this.nComponents;
    const m = this.nFeatures;
    // Components transposed to m × k for a row-wise sparse product.
    const vt = new Float64Array(m * k);
    for (let c = 0; c < k; c++) for (let r = 0; r < m; r++) vt[r * k + c] = this.components[c * m + r];
    const y = sparseTimesDense(X, vt, k);
    const out = createMatrix(X.rows, k);
    for (let i = 0; i < X.rows; i++) {
      let sq = 0;
      for (let c = 0; c < k; c++) sq += y[i * k + c] * y[i * k + c];
      const scale = normalize ? (sq > 0 ? 1 / Math.sqrt(sq) : 0) : 1;
      for (let c = 0; c < k; c++) out.data[i * k + c] = y[i * k + c] * scale;
    }
    return out;
  }
}
