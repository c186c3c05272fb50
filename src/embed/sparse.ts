/**
 * `SparseMatrix`: compressed sparse rows (CSR), the output of TF-IDF. Row `i`
 * holds `indices[indptr[i] .. indptr[i + 1])` (column ids, ascending) with the
 * matching `data` values. Same layout as scipy.sparse.csr_matrix.
 */
import { createMatrix, type Matrix } from '../core/index.js';

export interface SparseMatrix {
  readonly rows: number;
  readonly cols: number;
  /** rows + 1 offsets into `indices` / `data`. */
  readonly indptr: Int32Array;
  /** Column of each stored value, ascending within a row. */
  readonly indices: Int32Array;
  readonly data: Float32Array;
}

/** Dense copy (rows × cols); only sensible for small matrices, e.g. in tests. */
export function sparseToDense(m: SparseMatrix): Matrix {
  const out = createMatrix(m.rows, m.cols);
  for (let i = 0; i < m.rows; i++) {
    for (let p = m.indptr[i]; p < m.indptr[i + 1]; p++) out.data[i * m.cols + m.indices[p]] = m.data[p];
  }
  return out;
}

/** Row i as parallel (column, value) views, no copy. */
export function sparseRow(m: SparseMatrix, i: number): { indices: Int32Array; data: Float32Array } {
  const a = m.indptr[i];
  const b = m.indptr[i + 1];
  return { indices: m.indices.subarray(a, b), data: m.data.subarray(a, b) };
}

/** Y = A · B for CSR A (n × m) and dense B (m × k), as an n × k Matrix (float64 accumulation). */
export function sparseTimesDense(a: SparseMatrix, b: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.rows * k);
  for (let i = 0; i < a.rows; i++) {
    const o = i * k;
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const v = a.data[p];
      const bo = a.indices[p] * k;
      for (let j = 0; j < k; j++) out[o + j] += v * b[bo + j];
    }
  }
  return out;
}

/** Y = Aᵀ · B for CSR A (n × m) and dense B (n × k), as an m × k array (float64). */
export function sparseTransposeTimesDense(a: SparseMatrix, b: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.cols * k);
  for (let i = 0; i < a.rows; i++) {
    const bo = i * k;
    for (let p = a.indptr[i]; p < a.indptr[i + 1]; p++) {
      const v = a.data[p];
      const o = a.indices[p] * k;
      for (let j = 0; j < k; j++) out[o + j] += v * b[bo + j];
    }
  }
  return out;
}
