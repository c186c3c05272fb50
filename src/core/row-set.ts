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
import { validateMatrix, type Labels, type Matrix } from './matrix.js';
import { parallelFor, resolveThreads } from './pool.js';
import { wasmRuntime } from './wasm/runtime.js';
import type { ComputeOptions } from './kernels.js';

export interface RowSet {
  readonly X: Matrix;
  /** Nearest row of C (cosine) for every row; ties go to the lower index. Distances exact as the reference. */
  nearestCentroid(C: Matrix): { labels: Labels; distances: Float64Array };
  /**
   * `nearestCentroid` for the rows listed (all rows when omitted), results by list
   * position, plus the second smallest distance of each (∞ when C has one row):
   * what bound-based k-means (Hamerly) needs for the rows it cannot skip.
   */
  nearestTwoCentroids(C: Matrix, rows?: Int32Array): { labels: Labels; distances: Float64Array; second: Float64Array };
  /** rows.length × n distances: entry r·n + i = d(X_i, X_rows[r]), exact as the reference. */
  distancesToRows(rows: ArrayLike<number>): Float64Array;
  /** nLabels × d column sums of the rows per label (labels < 0 skipped), in row order in f64. */
  labelSums(labels: Labels, nLabels: number): Float64Array;
}

/** Load X (validated once), run `body` with it, free it. */
export function withRowSet<T>(X: Matrix, options: ComputeOptions, body: (set: RowSet) => T): T {
  if (!X || !(X.data instanceof Float32Array) || X.data.length !== X.rows * X.cols) validateMatrix(X, 'X');
  const threads = resolveThreads(options.threads);
  const rt = wasmRuntime();
  const n = X.rows, d = X.cols;
  return rt.scoped((alloc) => {
    const x = alloc(Math.max(1, n * d) * 4), xNorms = alloc(Math.max(1, n) * 8);
    rt.f32(x, n * d).set(X.data);
    // Tasks of a few hundred rows (a multiple of the kernel's 4-row block).
    const rowsPerTask = Math.max(64, Math.ceil(n / (threads * 8) / 4) * 4);
    const rowTasks = Math.ceil(n / rowsPerTask);
    if (n > 0) parallelFor('rowNormsTask', [x, n, d, d, xNorms, rowsPerTask], rowTasks, threads);
    const norms = rt.f64(xNorms, n);
    for (let i = 0; i < n; i++) {
      if (!(norms[i] > 0 && norms[i] < Infinity)) {
        validateMatrix(X, 'X');
        throw new InputError(`X row ${i} has norm ${norms[i]}.`, i);
      }
    }
    const group = Number((rt.kernels() as unknown as Record<string, WebAssembly.Global>).TARGET_GROUP.value);

    /**
     * Exact distances to the targets Y (assembly/targets.ts): the nearest (and the
     * second smallest distance) per row of `list` (by position; all rows without
     * one), or all m × n.
     */
    const targets = (
      Y: Matrix,
      mode: 'nearest' | 'nearestTwo' | 'all',
      list?: Int32Array,
    ): { labels: Int32Array; distances: Float64Array; second: Float64Array } => {
      const m = Y.rows;
      const nearest = mode !== 'all';
      const rows = list ? list.length : n;
      const empty = new Float64Array(0);
      if (rows === 0 || m === 0) {
        return { labels: new Int32Array(nearest ? rows : 0), distances: new Float64Array(nearest ? rows : 0), second: mode === 'nearestTwo' ? new Float64Array(rows) : empty };
      }
      // Transposed f64 targets, zero-padded to whole groups; norms summed as the reference does.
      const groups = Math.ceil(m / group);
      const yt = new Float64Array(groups * d * group);
      const yNorms = new Float64Array(m);
      for (let r = 0; r < m; r++) {
        const g = Math.floor(r / group), s = r % group;
        let sq = 0;
        for (let c = 0; c < d; c++) {
          const v = Y.data[r * d + c];
          sq += v * v;
          yt[(g * d + c) * group + s] = v;
        }
        yNorms[r] = Math.sqrt(sq);
      }
      return rt.scoped((local) => {
        const ytP = local(yt.length * 8), yP = local(m * d * 4), yNormsP = local(m * 8);
        const outA = local(nearest ? rows * 4 : 4), outB = local((nearest ? rows : rows * m) * 8);
        const outC = local(mode === 'nearestTwo' ? rows * 8 : 8);
        const listP = list ? local(rows * 4) : 0;
        if (list) rt.i32(listP, rows).set(list);
        rt.f64(ytP, yt.length).set(yt);
        rt.f32(yP, m * d).set(Y.data.subarray(0, m * d));
        rt.f64(yNormsP, m).set(yNorms);
        const perTask = list ? Math.max(64, Math.ceil(rows / (threads * 8) / 4) * 4) : rowsPerTask;
        parallelFor(
          'targetDistancesTask',
          [x, xNorms, rows, d, ytP, yP, yNormsP, m, mode === 'nearest' ? 0 : mode === 'all' ? 1 : 2, outA, outB, perTask, listP, outC],
          Math.ceil(rows / perTask),
          threads,
        );
        if (!nearest) return { labels: new Int32Array(0), distances: rt.f64(outB, rows * m).slice(), second: empty };
        const second = mode === 'nearestTwo' ? rt.f64(outC, rows).slice() : empty;
        return { labels: rt.i32(outA, rows).slice(), distances: rt.f64(outB, rows).slice(), second };
      });
    };

    const set: RowSet = {
      X,
      nearestCentroid(C: Matrix) {
        validateMatrix(C, 'centroids');
        if (C.rows < 1) throw new InputError('nearestCentroid needs at least one centroid.');
        if (C.cols !== d) throw new InputError(`centroids have ${C.cols} columns, X has ${d}.`);
        const { labels, distances } = targets(C, 'nearest');
        return { labels, distances };
      },
      nearestTwoCentroids(C: Matrix, rows?: Int32Array) {
        validateMatrix(C, 'centroids');
        if (C.rows < 1) throw new InputError('nearestTwoCentroids needs at least one centroid.');
        if (C.cols !== d) throw new InputError(`centroids have ${C.cols} columns, X has ${d}.`);
        if (rows) {
          for (let r = 0; r < rows.length; r++) {
            if (!(rows[r] >= 0 && rows[r] < n)) throw new InputError(`rows[${r}] is ${rows[r]}, expected a row index of X in [0, ${n - 1}].`, r);
          }
        }
        return targets(C, 'nearestTwo', rows);
      },
      distancesToRows(rows: ArrayLike<number>) {
        const m = rows.length;
        const Y = new Float32Array(m * d);
        for (let r = 0; r < m; r++) {
          const j = rows[r];
          if (!Number.isInteger(j) || j < 0 || j >= n) throw new InputError(`rows[${r}] is ${j}, expected a row index of X in [0, ${n - 1}].`, r);
          Y.set(X.data.subarray(j * d, (j + 1) * d), r * d);
        }
        return targets({ rows: m, cols: d, data: Y }, 'all').distances;
      },
      labelSums(labels: Labels, nLabels: number) {
        check.integer('nLabels', nLabels, 0);
        if (!(labels instanceof Int32Array) || labels.length !== n) {
          throw new InputError(`labels must be an Int32Array of ${n} values (one per row of X).`);
        }
        for (let i = 0; i < n; i++) {
          if (labels[i] >= nLabels) throw new InputError(`labels[${i}] is ${labels[i]}, expected < nLabels = ${nLabels} (or < 0 to skip).`, i);
        }
        if (n === 0 || nLabels === 0 || d === 0) return new Float64Array(nLabels * d);
        return rt.scoped((local) => {
          const L = local(n * 4), out = local(nLabels * d * 8);
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
