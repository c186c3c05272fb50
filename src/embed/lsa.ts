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
import { check, createMatrix, InputError, resolveThreads, type Matrix } from '../core/index.js';
import { symmetricEigen } from './linalg.js';
import { LsaKernels, paddedWidth, withLsaKernels } from './lsa-kernels.js';
import type { SparseMatrix } from './sparse.js';

export interface LsaParams {
  /** Dimensions kept. Default 100. */
  components?: number;
  /** Power iterations. Default 4 (scikit-learn's 'auto' for TruncatedSVD-sized problems). */
  powerIterations?: number;
  /** Extra random directions for accuracy. Default 10. */
  oversamples?: number;
  seed?: number;
  /** Threads of the compute core's pool (default: all cores). Results do not depend on it. */
  threads?: number;
}

export type LsaSettings = Readonly<Required<Omit<LsaParams, 'threads'>>> & { readonly threads?: number };

function checkCsr(X: SparseMatrix, where: string): void {
  if (!X || !(X.indptr instanceof Int32Array) || !(X.indices instanceof Int32Array) || !(X.data instanceof Float32Array)) {
    throw new InputError(`${where} needs a SparseMatrix (CSR) such as TfidfModel.transform returns.`);
  }
  if (X.indptr.length !== X.rows + 1)
    throw new InputError(`${where}: indptr has ${X.indptr.length} entries for ${X.rows} rows (expected rows + 1).`);
}

export class Lsa {
  readonly params: LsaSettings;

  constructor(params: LsaParams = {}) {
    this.params = {
      components: params.components ?? 100,
      powerIterations: params.powerIterations ?? 4,
      oversamples: params.oversamples ?? 10,
      seed: params.seed ?? 0,
      threads: params.threads,
    };
  }

  fit(X: SparseMatrix): LsaModel {
    const { components: k, powerIterations, oversamples, seed } = this.params;
    check.integer('components', k, 1);
    check.integer('powerIterations', powerIterations, 0, 100);
    check.integer('oversamples', oversamples, 0, 10_000);
    check.integer('seed', seed, 0, 0xffffffff);
    const threads = resolveThreads(this.params.threads);
    checkCsr(X, 'LSA');
    if (X.rows === 0) throw new InputError('LSA needs at least one document.');
    if (k > Math.min(X.rows, X.cols)) {
      throw new InputError(`LSA: components=${k} exceeds min(documents, terms) = min(${X.rows}, ${X.cols}); lower components.`);
    }
    const n = X.rows;
    const m = X.cols;
    const l = Math.min(k + oversamples, n, m);
    const ld = paddedWidth(l);
    const kd = paddedWidth(k);
    const { singularValues, components } = withLsaKernels(threads, (K, alloc) => {
      const x = K.csr(X);
      const xt = K.csr(X, true);
      const q = K.dense(n, l);
      const z = K.dense(m, l);
      const w = K.dense(ld, l);
      const partials = alloc(LsaKernels.gramScratchBytes(Math.max(n, m), ld));
      const vtOut = K.dense(m, k);
      // Gaussian test matrix Ω (m × l), drawn row by row from the seeded stream.
      K.gaussian(z, l, seed);
      // Range finder with power iterations: Q spans (X Xᵀ)^p X Ω. Between
      // products only the spanned subspace matters, so one CholeskyQR pass per
      // iteration on one side only (the one with fewer rows; the old code and
      // scikit-learn normalise both) when X is well conditioned: each
      // iteration then multiplies the condition of the basis by ≈ κ², which
      // one shifted CholeskyQR pass absorbs while κ² ≲ 1e6. κ is estimated
      // from the first pass on X Ω; above 1e3 (steep or rank-deficient
      // spectra) both sides are normalised, as before. In exact arithmetic all
      // variants give the same subspace. The final Q gets two passes
      // (orthonormal to working precision).
      const onRows = n <= m;
      K.csrTimes(x, z, q);
      const bothSides = K.choleskyQrPass(q, l, partials, w) > 1e3;
      for (let it = 0; it < powerIterations; it++) {
        K.csrTimes(xt, q, z);
        if (bothSides || !onRows) K.choleskyQrPass(z, l, partials, w);
        K.csrTimes(x, z, q);
        if ((bothSides || onRows) && it < powerIterations - 1) K.choleskyQrPass(q, l, partials, w);
      }
      K.choleskyQrPass(q, l, partials, w);
      K.choleskyQrPass(q, l, partials, w);
      // B = Qᵀ X (l × m), kept as Bᵀ = Xᵀ Q (m × l); SVD of B via eig(B Bᵀ).
      K.csrTimes(xt, q, z);
      const g = K.gram(z, partials);
      const bbtL = new Float64Array(l * l);
      for (let a = 0; a < l; a++) for (let b = 0; b < l; b++) bbtL[a * l + b] = g[a * ld + b];
      const eig = symmetricEigen(bbtL, l);
      const sv = new Float64Array(k);
      // Eigenvalues of B Bᵀ carry an absolute error of ~1e-16·σ₁², so singular
      // values below 1e-7·σ₁ are indistinguishable from 0: reported as 0, with
      // a zero component (Bᵀu/σ would be rounding noise, not a null-space
      // direction, and would leak into the embedding of rank-deficient input).
      const floor = 1e-7 * Math.sqrt(Math.max(0, eig.values[0]));
      for (let c = 0; c < k; c++) {
        const s = Math.sqrt(Math.max(0, eig.values[c]));
        sv[c] = s > floor ? s : 0;
      }
      // Vᵀ (m × k) = Bᵀ U_b Σ⁻¹ as one dense product.
      const coef = { rows: l, ld: kd, ptr: w.ptr }; // l × k, in w's space (kd ≤ ld)
      const cv = K.view(coef);
      cv.fill(0);
      for (let a = 0; a < l; a++) for (let c = 0; c < k; c++) cv[a * kd + c] = sv[c] === 0 ? 0 : eig.vectors[a * l + c] / sv[c];
      K.denseTimes(z, coef, l, vtOut);
      // Components k × m as scikit-learn stores them; deterministic signs: the
      // largest-magnitude loading of each component is positive (first such on ties).
      const vt = K.view(vtOut);
      const best = new Float64Array(k);
      for (let r = 0; r < m; r++) {
        for (let c = 0; c < k; c++) {
          const v = vt[r * kd + c];
          if (Math.abs(v) > Math.abs(best[c])) best[c] = v;
        }
      }
      const comps = new Float64Array(k * m);
      const sign = best.map((b) => (b < 0 ? -1 : 1));
      for (let r = 0; r < m; r++) for (let c = 0; c < k; c++) comps[c * m + r] = sign[c] * vt[r * kd + c];
      return { singularValues: sv, components: comps };
    });
    return new LsaModel(this.params, m, components, singularValues);
  }
}

export class LsaModel {
  constructor(
    readonly params: LsaSettings,
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
  transform(X: SparseMatrix, { normalize = true, threads }: { normalize?: boolean; threads?: number } = {}): Matrix {
    checkCsr(X, 'LsaModel.transform');
    if (X.cols !== this.nFeatures) {
      throw new InputError(`LSA model expects ${this.nFeatures} columns, got a matrix with ${X.cols}.`);
    }
    const k = this.nComponents;
    const m = this.nFeatures;
    const kd = paddedWidth(k);
    const y = withLsaKernels(resolveThreads(threads ?? this.params.threads), (K) => {
      const x = K.csr(X);
      // Components transposed to m × k for a row-wise sparse product.
      const vt = K.dense(m, k, true);
      const out = K.dense(X.rows, k);
      const v = K.view(vt);
      for (let c = 0; c < k; c++) for (let r = 0; r < m; r++) v[r * kd + c] = this.components[c * m + r];
      K.csrTimes(x, vt, out);
      return K.view(out).slice();
    });
    const out = createMatrix(X.rows, k);
    for (let i = 0; i < X.rows; i++) {
      let sq = 0;
      for (let c = 0; c < k; c++) sq += y[i * kd + c] * y[i * kd + c];
      const scale = normalize ? (sq > 0 ? 1 / Math.sqrt(sq) : 0) : 1;
      for (let c = 0; c < k; c++) out.data[i * k + c] = y[i * kd + c] * scale;
    }
    return out;
  }
}
