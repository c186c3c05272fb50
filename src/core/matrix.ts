/**
 * `Matrix`: the one numeric type that flows from embed to cluster to validate.
 * Float32Array, row-major, `rows × cols`. Rows are L2-normalised wherever cosine
 * distance is used, so that cosine distance = 1 − dot product.
 */
import { InputError, ParameterError } from './errors.js';
import { parallelFor, resolveThreads } from './pool.js';
import { wasmRuntime } from './wasm/runtime.js';

export interface Matrix {
  readonly rows: number;
  readonly cols: number;
  /** Row-major values; length = rows × cols. */
  readonly data: Float32Array;
}

/** Cluster labels, one per row; −1 means noise. */
export type Labels = Int32Array;

/** A matrix over existing values (no copy) or a new zero matrix. */
export function createMatrix(rows: number, cols: number, data?: Float32Array): Matrix {
  if (!Number.isInteger(rows) || rows < 0) throw new ParameterError('rows', rows, 'a non-negative integer');
  if (!Number.isInteger(cols) || cols < 1) throw new ParameterError('cols', cols, 'a positive integer');
  if (data && data.length !== rows * cols) {
    throw new InputError(`Matrix data has ${data.length} values, expected rows × cols = ${rows} × ${cols} = ${rows * cols}.`);
  }
  return { rows, cols, data: data ?? new Float32Array(rows * cols) };
}

/** Copy a `number[][]` (all rows the same length) into a Matrix. */
export function fromArrays(values: ArrayLike<ArrayLike<number>>): Matrix {
  const rows = values.length;
  if (rows === 0) throw new InputError('Cannot build a matrix from zero rows.');
  const cols = values[0].length;
  const m = createMatrix(rows, cols);
  for (let i = 0; i < rows; i++) {
    const r = values[i];
    if (r.length !== cols) throw new InputError(`Row ${i} has ${r.length} values, expected ${cols}.`, i);
    for (let j = 0; j < cols; j++) m.data[i * cols + j] = r[j];
  }
  return m;
}

export function toArrays(m: Matrix): number[][] {
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}

/** View of row `i` (no copy). */
export function row(m: Matrix, i: number): Float32Array {
  return m.data.subarray(i * m.cols, (i + 1) * m.cols);
}

/** Rows selected by index, copied into a new Matrix. */
export function selectRows(m: Matrix, indices: ArrayLike<number>): Matrix {
  const out = createMatrix(indices.length, m.cols);
  for (let r = 0; r < indices.length; r++) out.data.set(row(m, indices[r]), r * m.cols);
  return out;
}

/**
 * Throw an `InputError` naming the first row that holds NaN/Infinity, or a zero
 * row (which has no direction, so no cosine distance) unless `allowZeroRows`.
 */
export function validateMatrix(m: Matrix, what = 'X', { allowZeroRows = false } = {}): void {
  validateShape(m, what);
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    let sq = 0;
    for (let j = i * cols, end = j + cols; j < end; j++) sq += data[j] * data[j];
    // A NaN or ±Infinity makes the f64 sum non-finite (an f32's square cannot overflow an f64),
    // so only a bad row is searched value by value.
    if (!Number.isFinite(sq)) {
      for (let j = i * cols, end = j + cols; j < end; j++) {
        const v = data[j];
        if (!Number.isFinite(v)) throw new InputError(`${what} row ${i} contains ${v} at column ${j - i * cols}.`, i);
      }
    }
    if (sq === 0 && !allowZeroRows) {
      throw new InputError(`${what} row ${i} is a zero vector: cosine distance is undefined for it.`, i);
    }
  }
}

/** Throw an `InputError` unless m is a Matrix whose data holds rows × cols values. */
export function validateShape(m: Matrix, what = 'X'): void {
  if (!m || !(m.data instanceof Float32Array)) {
    throw new InputError(`${what} must be a Matrix { rows, cols, data: Float32Array }.`);
  }
  if (m.data.length !== m.rows * m.cols) {
    throw new InputError(`${what} has ${m.data.length} values, expected ${m.rows} × ${m.cols}.`);
  }
}

/**
 * `validateMatrix` for rows already loaded with their f64 norms (summed from the f32 values):
 * a norm is finite and > 0 exactly when its row is finite and not zero (an f32's square cannot
 * overflow an f64), so the values are searched one by one only when a norm is bad, for the
 * error that names the row.
 */
export function validateByNorms(m: Matrix, norms: ArrayLike<number>, what = 'X'): void {
  for (let i = 0; i < norms.length; i++) {
    if (!(norms[i] > 0 && norms[i] < Infinity)) {
      validateMatrix(m, what);
      throw new InputError(`${what} row ${i} has norm ${norms[i]}.`, i);
    }
  }
}

/** From this many values, normalizeRows runs in WebAssembly (same result, several times faster). */
const WASM_NORMALIZE_MIN_VALUES = 1 << 16;

/**
 * L2-normalise every row (in place when `inPlace`, otherwise on a copy). Zero rows
 * stay zero. Each value becomes f32(x · (1/‖row‖)), with the norm summed in f64 in
 * column order, whichever path computes it. `threads` (default all cores) only
 * changes the speed of the WebAssembly path.
 */
export function normalizeRows(m: Matrix, { inPlace = false, threads }: { inPlace?: boolean; threads?: number } = {}): Matrix {
  const out = inPlace ? m : createMatrix(m.rows, m.cols, m.data.slice());
  const { rows, cols, data } = out;
  if (rows * cols >= WASM_NORMALIZE_MIN_VALUES && data.length === rows * cols) {
    const rt = wasmRuntime();
    rt.scoped((alloc) => {
      const x = alloc(data.length * 4),
        norms = alloc(rows * 8);
      rt.f32(x, data.length).set(data);
      const nThreads = resolveThreads(threads);
      const rowsPerTask = Math.max(64, Math.ceil(rows / (nThreads * 4)));
      const tasks = Math.ceil(rows / rowsPerTask);
      parallelFor('rowNormsTask', [x, rows, cols, cols, norms, rowsPerTask], tasks, nThreads);
      parallelFor('scaleRowsTask', [x, x, norms, rows, cols, rowsPerTask], tasks, nThreads);
      data.set(rt.f32(x, data.length));
    });
    return out;
  }
  for (let i = 0; i < rows; i++) {
    let sq = 0;
    const o = i * cols;
    for (let j = 0; j < cols; j++) sq += data[o + j] * data[o + j];
    if (sq === 0) continue;
    const inv = 1 / Math.sqrt(sq);
    for (let j = 0; j < cols; j++) data[o + j] *= inv;
  }
  return out;
}

/** True when every row has unit L2 norm within `tolerance`. */
export function isNormalized(m: Matrix, tolerance = 1e-3): boolean {
  const { rows, cols, data } = m;
  for (let i = 0; i < rows; i++) {
    let sq = 0;
    for (let j = i * cols, end = j + cols; j < end; j++) sq += data[j] * data[j];
    if (Math.abs(Math.sqrt(sq) - 1) > tolerance) return false;
  }
  return true;
}
