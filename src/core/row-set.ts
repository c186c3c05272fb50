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

    /** Exact distances to the targets Y (assembly/targets.ts): nearest per row, or all m × n. */
    const targets = (Y: Matrix, nearest: boolean): { labels: Int32Array; distances: Float64Array } => {
      const m = Y.rows;
      if (n === 0 || m === 0) return { labels: new Int32Array(nearest ? n : 0), distances: new Float64Array(nearest ? n : 0) };
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
        const outA = local(nearest ? n * 4 : 4), outB = local((nearest ? n : n * m) * 8);
        rt.f64(ytP, yt.length).set(yt);
        rt.f32(yP, m * d).set(Y.data.subarray(0, m * d));
        rt.f64(yNormsP, m).set(yNorms);
        parallelFor('targetDistancesTask', [x, xNorms, n, d, ytP, yP, yNormsP, m, nearest ? 0 : 1, outA, outB, rowsPerTask], rowTasks, threads);
        return nearest
          ? { labels: rt.i32(outA, n).slice(), distances: rt.f64(outB, n).slice() }
          : { labels: new Int32Array(0), distances: rt.f64(outB, n * m).slice() };
      });
    };

    const set: RowSet = {
      X,
      nearestCentroid(C: Matrix) {
        validateMatrix(C, 'centroids');
        if (C.rows < 1) throw new InputError('nearestCentroid needs at least one centroid.');
        if (C.cols !== d) throw new InputError(`centroids have ${C.cols} columns, X has ${d}.`);
        return targets(C, true);
      },
      distancesToRows(rows: ArrayLike<number>) {
        const m = rows.length;
        const Y = new Float32Array(m * d);
        for (let r = 0; r < m; r++) {
          const j = rows[r];
          if (!Number.isInteger(j) || j < 0 || j >= n) throw new InputError(`rows[${r}] is ${j}, expected a row index of X in [0, ${n - 1}].`, r);
          Y.set(X.data.subarray(j * d, (j + 1) * d), r * d);
        }
        return targets({ rows: m, cols: d, data: Y }, false).distances;
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
