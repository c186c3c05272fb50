/**
 * A matrix loaded once into WebAssembly memory (values + exact f64 norms) for a
 * sequence of calls against it: nearest centroid, distances to a few of its rows,
 * per-label column sums. K-Means makes a few dozen such calls per fit; loading X
 * once saves a 4·n·d-byte copy and an n·d norm pass per call.
 *
 *   withRowSet(X, { threads }, (set) => { set.nearestCentroid(C); … });
 *
 * The set lives only inside the callback (its memory is freed afterwards, even on
 * throw). X must not change while it is loaded. Rows are checked once, through
 * their norms: a norm is finite and > 0 exactly when the row is finite and not
 * zero (squares of f32 values cannot overflow f64), and a bad row is named by
 * validateMatrix.
 */
import { check, InputError } from './errors.js';
import { validateByNorms, validateMatrix, validateShape, type Labels, type Matrix } from './matrix.js';
import { parallelFor, resolveThreads } from './pool.js';
import { wasmRuntime } from './wasm/runtime.js';
import type { ComputeOptions } from './kernels.js';

export interface RowSet {
  readonly X: Matrix;
  /** Nearest row of C (cosine) for every row; ties go to the lower index. Distances exact as the reference. */
  nearestCentroid(C: Matrix): { labels: Labels; distances: Float64Array };
  /**
   * What bound-based k-means (Hamerly) needs for the rows it cannot skip: for the
   * rows listed (all rows when omitted; results by list position) the label of
   * `nearestCentroid`, an upper bound on the distance to it (`upper`) and a lower
   * bound on the distance to every other row of C (`lower`; ∞ when C has one row).
   * Screened in f32 with a rigorous error bound (assembly/targets.ts), so the
   * bounds are within about d·2⁻²⁴ of the exact distances; the labels are exact.
   */
  nearestBounds(C: Matrix, rows?: Int32Array): { labels: Labels; upper: Float64Array; lower: Float64Array };
  /**
   * rows.length × n distances: entry r·n + i = d(X_i, X_rows[r]), exact as the
   * reference; written into `out` when given (reused by callers in a loop: a fresh
   * large array per call costs more than the kernel).
   */
  distancesToRows(rows: ArrayLike<number>, out?: Float64Array): Float64Array;
  /** nLabels × d column sums of the rows per label (labels < 0 skipped), in row order in f64. */
  labelSums(labels: Labels, nLabels: number): Float64Array;
}

export interface RowSetOptions extends ComputeOptions {
  /**
   * Scale the loaded rows to unit length (as `normalizeRows`, in place in
   * WebAssembly memory): `set.X` is then that normalised copy, a view valid only
   * inside the callback. Saves K-Means a normalised copy of X in JavaScript.
   */
  normalize?: boolean;
}

/** Load X (validated once), run `body` with it, free it. */
export function withRowSet<T>(X: Matrix, options: RowSetOptions, body: (set: RowSet) => T): T {
  validateShape(X, 'X');
  const threads = resolveThreads(options.threads);
  const rt = wasmRuntime();
  const n = X.rows,
    d = X.cols;
  return rt.scoped((alloc) => {
    const x = alloc(Math.max(1, n * d) * 4),
      xNorms = alloc(Math.max(1, n) * 8);
    rt.f32(x, n * d).set(X.data);
    // Tasks of a few hundred rows (a multiple of the kernel's 4-row block).
    const rowsPerTask = Math.max(64, Math.ceil(n / (threads * 8) / 4) * 4);
    const rowTasks = Math.ceil(n / rowsPerTask);
    if (n > 0) parallelFor('rowNormsTask', [x, n, d, d, xNorms, rowsPerTask], rowTasks, threads);
    validateByNorms(X, rt.f64(xNorms, n));
    let loaded = X;
    if (options.normalize && n > 0) {
      parallelFor('scaleRowsTask', [x, x, xNorms, n, d, rowsPerTask], rowTasks, threads);
      parallelFor('rowNormsTask', [x, n, d, d, xNorms, rowsPerTask], rowTasks, threads);
      loaded = { rows: n, cols: d, data: rt.f32(x, n * d) };
    }
    const group = Number(rt.kernels().TARGET_GROUP.value);

    /** Norms of the targets, summed in f64 as the reference does. */
    const normsOf = (Y: Matrix): Float64Array => {
      const norms = new Float64Array(Y.rows);
      for (let r = 0; r < Y.rows; r++) {
        let sq = 0;
        for (let c = 0; c < d; c++) sq += Y.data[r * d + c] * Y.data[r * d + c];
        norms[r] = Math.sqrt(sq);
      }
      return norms;
    };

    /** Y transposed in groups of `size` rows, zero-padded: out[(g·d + c)·size + s] = Y[g·size + s][c]. */
    const transposed = <T extends Float32Array | Float64Array>(Y: Matrix, size: number, out: T): T => {
      for (let r = 0; r < Y.rows; r++) {
        const g = Math.floor(r / size),
          s = r % size;
        for (let c = 0; c < d; c++) out[(g * d + c) * size + s] = Y.data[r * d + c];
      }
      return out;
    };

    /** Exact distances to the targets Y (assembly/targets.ts): the nearest per row, or all m × n. */
    const targets = (Y: Matrix, mode: 'nearest' | 'all', out?: Float64Array): { labels: Int32Array; distances: Float64Array } => {
      const m = Y.rows;
      const nearest = mode === 'nearest';
      if (n === 0 || m === 0) return { labels: new Int32Array(nearest ? n : 0), distances: new Float64Array(nearest ? n : 0) };
      const yt = transposed(Y, group, new Float64Array(Math.ceil(m / group) * d * group));
      return rt.scoped((local) => {
        const ytP = local(yt.length * 8),
          yP = local(m * d * 4),
          yNormsP = local(m * 8);
        const outA = local(nearest ? n * 4 : 4),
          outB = local((nearest ? n : n * m) * 8);
        rt.f64(ytP, yt.length).set(yt);
        rt.f32(yP, m * d).set(Y.data.subarray(0, m * d));
        rt.f64(yNormsP, m).set(normsOf(Y));
        parallelFor(
          'targetDistancesTask',
          [x, xNorms, n, d, ytP, yP, yNormsP, m, nearest ? 0 : 1, outA, outB, rowsPerTask],
          rowTasks,
          threads,
        );
        if (!nearest) {
          const all = rt.f64(outB, n * m);
          if (!out) return { labels: new Int32Array(0), distances: all.slice() };
          out.set(all);
          return { labels: new Int32Array(0), distances: out };
        }
        return { labels: rt.i32(outA, n).slice(), distances: rt.f64(outB, n).slice() };
      });
    };

    const checkCentroids = (C: Matrix, name: string) => {
      validateMatrix(C, 'centroids');
      if (C.rows < 1) throw new InputError(`${name} needs at least one centroid.`);
      if (C.cols !== d) throw new InputError(`centroids have ${C.cols} columns, X has ${d}.`);
    };

    const set: RowSet = {
      X: loaded,
      nearestCentroid(C: Matrix) {
        checkCentroids(C, 'nearestCentroid');
        return targets(C, 'nearest');
      },
      nearestBounds(C: Matrix, list?: Int32Array) {
        checkCentroids(C, 'nearestBounds');
        if (list) {
          for (let r = 0; r < list.length; r++) {
            if (!(list[r] >= 0 && list[r] < n))
              throw new InputError(`rows[${r}] is ${list[r]}, expected a row index of X in [0, ${n - 1}].`, r);
          }
        }
        const rows = list ? list.length : n,
          m = C.rows;
        if (rows === 0) return { labels: new Int32Array(0), upper: new Float64Array(0), lower: new Float64Array(0) };
        const yt = transposed(C, group, new Float32Array(Math.ceil(m / group) * d * group));
        return rt.scoped((local) => {
          const ytP = local(yt.length * 4),
            yP = local(m * d * 4),
            yNormsP = local(m * 8);
          const labels = local(rows * 4),
            upper = local(rows * 8),
            lower = local(rows * 8);
          const listP = list ? local(rows * 4) : 0;
          const scratch = local(threads * (128 + 32 * m));
          if (list) rt.i32(listP, rows).set(list);
          rt.f32(ytP, yt.length).set(yt);
          rt.f32(yP, m * d).set(C.data.subarray(0, m * d));
          rt.f64(yNormsP, m).set(normsOf(C));
          const perTask = list ? Math.max(64, Math.ceil(rows / (threads * 8) / 4) * 4) : rowsPerTask;
          parallelFor(
            'nearestBoundsTask',
            [x, xNorms, rows, d, ytP, yP, yNormsP, m, labels, upper, lower, perTask, listP, scratch],
            Math.ceil(rows / perTask),
            threads,
          );
          return { labels: rt.i32(labels, rows).slice(), upper: rt.f64(upper, rows).slice(), lower: rt.f64(lower, rows).slice() };
        });
      },
      distancesToRows(rows: ArrayLike<number>, out?: Float64Array) {
        const m = rows.length;
        if (out && out.length !== m * n) throw new InputError(`out has ${out.length} values, expected rows.length × n = ${m * n}.`);
        const Y = new Float32Array(m * d);
        for (let r = 0; r < m; r++) {
          const j = rows[r];
          if (!Number.isInteger(j) || j < 0 || j >= n)
            throw new InputError(`rows[${r}] is ${j}, expected a row index of X in [0, ${n - 1}].`, r);
          Y.set(loaded.data.subarray(j * d, (j + 1) * d), r * d);
        }
        return targets({ rows: m, cols: d, data: Y }, 'all', out).distances;
      },
      labelSums(labels: Labels, nLabels: number) {
        check.integer('nLabels', nLabels, 0);
        if (!(labels instanceof Int32Array) || labels.length !== n) {
          throw new InputError(`labels must be an Int32Array of ${n} values (one per row of X).`);
        }
        for (let i = 0; i < n; i++) {
          if (labels[i] >= nLabels)
            throw new InputError(`labels[${i}] is ${labels[i]}, expected < nLabels = ${nLabels} (or < 0 to skip).`, i);
        }
        if (n === 0 || nLabels === 0 || d === 0) return new Float64Array(nLabels * d);
        return rt.scoped((local) => {
          const L = local(n * 4),
            out = local(nLabels * d * 8);
          rt.i32(L, n).set(labels);
          // Tasks own column ranges (an even count each), so every sum keeps row order.
          const colsPerTask = Math.max(2, Math.ceil(d / (threads * 2) / 2) * 2);
          parallelFor('labelSumsTask', [x, n, d, L, nLabels, out, colsPerTask], Math.ceil(d / colsPerTask), threads);
          return rt.f64(out, nLabels * d).slice();
        });
      },
    };
    return body(set);
  });
}
