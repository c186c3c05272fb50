/** Small dense linear algebra for the randomized SVD (float64, row-major). */

/**
 * Upper Cholesky factor R of the k × k symmetric positive semi-definite `g`
 * (Rᵀ R = G + shift·I, row-major k × k, lower triangle zero). The small
 * diagonal shift (1e-13 · trace) keeps rank-deficient Gram matrices (e.g. of
 * a zero column) finite, as in shifted CholeskyQR.
 */
export function choleskyUpper(g: Float64Array, k: number): Float64Array {
  const r = new Float64Array(k * k);
  let trace = 0;
  for (let i = 0; i < k; i++) trace += g[i * k + i];
  const shift = 1e-13 * Math.max(trace, 1e-300);
  for (let i = 0; i < k; i++) {
    let d = g[i * k + i] + shift;
    for (let p = 0; p < i; p++) d -= r[p * k + i] * r[p * k + i];
    const rii = Math.sqrt(Math.max(d, shift));
    r[i * k + i] = rii;
    for (let j = i + 1; j < k; j++) {
      let v = g[i * k + j];
      for (let p = 0; p < i; p++) v -= r[p * k + i] * r[p * k + j];
      r[i * k + j] = v / rii;
    }
  }
  return r;
}

/** Inverse of the k × k upper triangular `r` (non-zero diagonal), upper triangular too. */
export function invertUpper(r: Float64Array, k: number): Float64Array {
  const x = new Float64Array(k * k);
  for (let j = 0; j < k; j++) {
    x[j * k + j] = 1 / r[j * k + j];
    for (let i = j - 1; i >= 0; i--) {
      let v = 0;
      for (let p = i + 1; p <= j; p++) v += r[i * k + p] * x[p * k + j];
      x[i * k + j] = -v / r[i * k + i];
    }
  }
  return x;
}

/**
 * Orthonormalise the columns of the n × k matrix `a` in place by CholeskyQR2:
 * Gram matrix AᵀA, its Cholesky factor R, A ← A R⁻¹, done twice (the second
 * pass repairs the accuracy lost to the squared condition number). Plain
 * TypeScript twin of the WebAssembly path in lsa-kernels.ts, used by tests.
 */
export function orthonormalizeColumns(a: Float64Array, n: number, k: number, passes = 2): void {
  for (let pass = 0; pass < passes; pass++) {
    const g = new Float64Array(k * k);
    for (let r = 0; r < n; r++) {
      const o = r * k;
      for (let i = 0; i < k; i++) {
        const v = a[o + i];
        if (v === 0) continue;
        for (let j = i; j < k; j++) g[i * k + j] += v * a[o + j];
      }
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) g[i * k + j] = g[j * k + i];
    const rf = choleskyUpper(g, k);
    // Each row x of A becomes the solution y of y R = x (forward substitution).
    for (let r = 0; r < n; r++) {
      const o = r * k;
      for (let j = 0; j < k; j++) {
        let v = a[o + j];
        for (let p = 0; p < j; p++) v -= a[o + p] * rf[p * k + j];
        a[o + j] = v / rf[j * k + j];
      }
    }
  }
}

/**
 * Eigen-decomposition of the symmetric k × k matrix `s` by cyclic Jacobi
 * rotations: returns eigenvalues (descending) and eigenvectors as the columns
 * of a k × k row-major matrix.
 */
export function symmetricEigen(s: Float64Array, k: number): { values: Float64Array; vectors: Float64Array } {
  const a = s.slice();
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) v[i * k + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < k; i++) {
      diag += a[i * k + i] * a[i * k + i];
      for (let j = i + 1; j < k; j++) off += a[i * k + j] * a[i * k + j];
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < k; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * k + q] - a[p * k + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const sn = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p];
          const arq = a[r * k + q];
          a[r * k + p] = c * arp - sn * arq;
          a[r * k + q] = sn * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r];
          const aqr = a[q * k + r];
          a[p * k + r] = c * apr - sn * aqr;
          a[q * k + r] = sn * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p];
          const vrq = v[r * k + q];
          v[r * k + p] = c * vrp - sn * vrq;
          v[r * k + q] = sn * vrp + c * vrq;
        }
      }
    }
  }
  const order = Array.from({ length: k }, (_, i) => i).sort((x, y) => a[y * k + y] - a[x * k + x] || x - y);
  const values = new Float64Array(k);
  const vectors = new Float64Array(k * k);
  order.forEach((src, dst) => {
    values[dst] = a[src * k + src];
    for (let r = 0; r < k; r++) vectors[r * k + dst] = v[r * k + src];
  });
  return { values, vectors };
}
