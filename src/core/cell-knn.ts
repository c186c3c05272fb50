/**
 * k nearest neighbours searched within cells (assembly/cell-knn.ts): every row
 * looks for its k nearest *other* rows among its cell's candidate rows only.
 * X is loaded into WebAssembly memory once; tasks (≤ 64 query rows of one cell)
 * gather their rows, so overlapping cells cost no copies. Exact within the
 * candidates (same screening, re-ranking and rescan as `knn`), identical for any
 * thread count: each task writes only its own rows.
 *
 * `withCellSearch` keeps X loaded for several searches (approximate HDBSCAN makes
 * a dozen: the graph, then the joins' rounds); loading 100k × 128 rows costs
 * ≈ 0.3 s, more than a join round's searches. Where a short prefix of principal
 * coordinates holds nearly all the rows' energy (`usePrefix`), it is loaded too and
 * bounds every pair before the int16 screen does (docs/core.md); results do not
 * depend on it.
 */
import { check, InputError } from './errors.js';
import { selectRows, validateByNorms, validateMatrix, validateShape, type Matrix } from './matrix.js';
import { parallelFor, resolveThreads } from './pool.js';
import { blockSizes, loadDataset } from './wasm/dataset.js';
import { wasmRuntime, type WasmRuntime } from './wasm/runtime.js';
import type { ComputeOptions, Neighbors } from './kernels.js';
import { nearestLoadedRows, SCREENING_MARGIN } from './loaded-knn.js';
import { loadPrefix } from './prefix.js';
import { prefixBasis } from './principal-subspace.js';

/** Options of `withCellSearch`. */
export interface CellSearchOptions extends ComputeOptions {
  /**
   * Width of the prefix screen of the searches (16, 32, 48 or 64), or 0 for none; default:
   * chosen from the data (`usePrefix`). Only the speed depends on it, never a result.
   */
  prefixDims?: number;
}

/** Largest share of the energy a prefix may leave outside for the cell searches to use it. */
const PREFIX_TAIL_ENERGY = 0.05;

/**
 * Whether the cell searches screen pairs by a prefix first: when it is at most a quarter
 * of the row and leaves at most 5 % of the energy outside. Why: a pair then costs the
 * prefix's dims / dp of a full screen, and the bound's slack, t_q·t_c, is about the energy
 * left outside; neighbours within a cell differ by little more than that in similarity.
 * Measured (kNN within cells, two threads): corpus-like 100k, 98 % in 16 dimensions,
 * 0.93 → 0.72 s; real sentence vectors 10k, 98 % in 16, 66 → 54 ms; blobs 100k, 90 % in
 * 32, 1.24 → 2.28 s (slower: most pairs survive the bound); the corpus's 50-d LSA vectors
 * hold 68 % in 16 (docs/perf-log.md, 2026-12-07 session 17).
 */
export function usePrefix(basis: { dims: number; energy: number }, dp: number): boolean {
  return basis.dims * 4 <= dp && basis.energy >= 1 - PREFIX_TAIL_ENERGY;
}

/**
 * cellOf[i]: row i's cell (its queries are answered there); candidates of cell c:
 * candidates[candidateOffsets[c] .. candidateOffsets[c + 1]), ascending rows (a row
 * is never its own neighbour, whether or not it is among its cell's candidates). A row whose cell has ≤ k candidates gets
 * −1 / Infinity in the slots it cannot fill (the caller searches those elsewhere).
 */
export function knnWithinCells(
  X: Matrix,
  k: number,
  cellOf: Int32Array,
  candidateOffsets: Int32Array,
  candidates: Int32Array,
  options: ComputeOptions = {},
): Neighbors {
  return withCellSearch(X, options, (search) => search(k, cellOf, candidateOffsets, candidates));
}

/**
 * One `knnWithinCells` search against the loaded X (same arguments, same results).
 * exact = false (default true) skips the proof and rescan (as `knnQuery`'s `exact`):
 * each row's k best candidates by the int16 screen, re-ranked by exact distance.
 * exact = 'screen': the same k candidates with the screen's own distances, in the screen's
 * order, each within `LoadedQueries.screenError` of the exact one (the caller computes exact
 * distances for the few pairs that matter, `LoadedQueries.pairDistances`).
 */
export type CellSearch = (
  k: number,
  cellOf: Int32Array,
  candidateOffsets: Int32Array,
  candidates: Int32Array,
  exact?: boolean | 'screen',
) => Neighbors;

/**
 * Queries against the X a cell search keeps loaded (`knnQuery` without loading X again:
 * loading 50k × 128 rows costs ≈ 50 ms of CPU). `exact` as `knnQuery`'s.
 */
export interface LoadedQueries {
  /** For every row of X, its k nearest rows of C (as `knnQuery(X, C, k)`). */
  nearestOf(C: Matrix, k: number, exact?: boolean): Neighbors;
  /** For each listed row of X, its k nearest rows of X, itself included (as `knnQuery(selectRows(X, rows), X, k)`). */
  nearestTo(rows: Int32Array, k: number, exact?: boolean): Neighbors;
  /**
   * One round of NN-descent's local join on a kNN graph of X (assembly/refine-knn.ts): each
   * row's k nearest other rows among its neighbours, the first `reverseCap` rows that list it
   * (ascending), and all their neighbours, by exact distance (ties by lower row). Never worse
   * than the input for any row; identical for any thread count. `neighbors` as `knn` returns
   * them: each row's list ascending by (distance, row), unfilled slots (−1) last.
   */
  refine(neighbors: Neighbors, reverseCap: number): Neighbors;
  /** Exact distances of the pairs of rows (a[t], b[t]), bit for bit as every search's. */
  pairDistances(a: Int32Array, b: Int32Array): Float64Array;
  /** Bound on |screen distance − exact distance| for any two rows of X (searches with exact = 'screen'). */
  readonly screenError: number;
}

/** Pairs per task of `pairDistances`. */
const PAIRS_PER_TASK = 4096;

/** Rows per task of `refine` (a task's rows share nothing, so this only sets the grain). */
const REFINE_ROWS_PER_TASK = 64;

/** Loads X once, runs `body` with a search function over it, frees it (also on throw). */
export function withCellSearch<T>(X: Matrix, options: CellSearchOptions, body: (search: CellSearch, queries: LoadedQueries) => T): T {
  // The values are checked once loaded, through their norms.
  validateShape(X, 'X');
  if (options.prefixDims !== undefined && ![0, 16, 32, 48, 64].includes(options.prefixDims))
    throw new InputError(`prefixDims must be 0, 16, 32, 48 or 64, got ${options.prefixDims}.`);
  const threads = resolveThreads(options.threads);
  const n = X.rows;
  const rt = wasmRuntime();
  const kernels = rt.kernels();
  const { queries: block, candidates: candidateBlock } = blockSizes(rt);
  return rt.scoped((alloc) => {
    const ds = loadDataset(rt, alloc, X, threads);
    validateByNorms(X, rt.f64(ds.norms, n));
    // The prefix screens a task's candidates from its second tile on: nothing to do below two
    // tiles, nor in rows too short for a 16-coordinate prefix to be a quarter of (usePrefix).
    let pf = 0,
      pw = 0;
    if (options.prefixDims !== 0 && n > candidateBlock && (options.prefixDims !== undefined || ds.dp >= 64)) {
      // Only prefixes of at most a quarter of the row are of use (usePrefix): no wider directions computed.
      const maxDims = Math.max(16, Math.floor(ds.dp / 64) * 16);
      const basis = prefixBasis(X, ds.dp, { dims: options.prefixDims, tailEnergy: PREFIX_TAIL_ENERGY, maxDims });
      if (options.prefixDims !== undefined || usePrefix(basis, ds.dp)) {
        pf = loadPrefix(rt, alloc, X, ds, threads, basis).desc;
        pw = basis.dims;
      }
    }
    const membersP = alloc(n * 4);
    const search: CellSearch = (k, cellOf, candidateOffsets, candidates, exact = true) => {
      check.integer('k', k, 1, Math.max(1, n - 1));
      const nCells = candidateOffsets.length - 1;
      if (cellOf.length !== n) throw new InputError(`cellOf has ${cellOf.length} entries, X has ${n} rows.`);
      for (let t = 0; t < candidates.length; t++) {
        if (!(candidates[t] >= 0 && candidates[t] < n)) throw new InputError(`candidates[${t}] = ${candidates[t]} is not a row of X.`);
      }
      // Query rows grouped by cell (ascending), cut into tasks of ≤ block rows.
      const start = new Int32Array(nCells + 1);
      for (let i = 0; i < n; i++) {
        const c = cellOf[i];
        if (!(c >= 0 && c < nCells)) throw new InputError(`cellOf[${i}] = ${c} is not a cell.`);
        start[c + 1]++;
      }
      for (let c = 0; c < nCells; c++) start[c + 1] += start[c];
      const members = new Int32Array(n);
      const fill = start.slice(0, nCells);
      for (let i = 0; i < n; i++) members[fill[cellOf[i]]++] = i;
      const table: number[] = [];
      let kkMax = 1;
      // Without the proof the screen's own top k is the answer: no margin to re-rank.
      const margin = exact === true ? SCREENING_MARGIN : 0;
      for (let c = 0; c < nCells; c++) {
        const nc = candidateOffsets[c + 1] - candidateOffsets[c];
        if (nc - 1 < k || start[c + 1] === start[c]) continue;
        for (let q = start[c]; q < start[c + 1]; q += block) table.push(c, q, Math.min(block, start[c + 1] - q));
        kkMax = Math.max(kkMax, Math.min(nc - 1, k + margin));
      }
      const indices = new Int32Array(n * k).fill(-1);
      const distances = new Float64Array(n * k).fill(Infinity);
      if (table.length === 0) return { n, k, indices, distances };
      // One kk for all cells keeps the scratch layout fixed; cells with fewer candidates
      // than kk + 1 simply never fill their lists (and need no proof: nothing is left out).
      const kk = Math.min(k + margin, kkMax);
      return rt.scoped((local) => {
        const tasks = table.length / 3;
        const tableP = local(table.length * 4),
          offsetsP = local((nCells + 1) * 4),
          candP = local(Math.max(1, candidates.length) * 4);
        const outIdx = local(n * k * 4),
          outDist = local(n * k * 8);
        const scratchBytes = kernels.cellKnnScratchBytes(k, kk, Math.ceil(X.cols / 8) * 8, pw);
        const scratch = local(scratchBytes * threads);
        rt.i32(tableP, table.length).set(table);
        rt.i32(membersP, n).set(members);
        rt.i32(offsetsP, nCells + 1).set(candidateOffsets);
        rt.i32(candP, candidates.length).set(candidates);
        rt.i32(outIdx, n * k).set(indices);
        rt.f64(outDist, n * k).set(distances);
        parallelFor(
          'cellKnnTask',
          [
            ds.desc,
            pf,
            k,
            kk,
            exact === true ? 1 : exact === 'screen' ? 2 : 0,
            tableP,
            membersP,
            offsetsP,
            candP,
            outIdx,
            outDist,
            scratch,
            scratchBytes,
          ],
          tasks,
          threads,
        );
        return { n, k, indices: rt.i32(outIdx, n * k).slice(), distances: rt.f64(outDist, n * k).slice() };
      });
    };
    const queries: LoadedQueries = {
      nearestOf: (C, k, exact = true) => {
        validateMatrix(C, 'C');
        if (C.cols !== X.cols) throw new InputError(`C has ${C.cols} columns, X has ${X.cols}.`);
        check.integer('k', k, 1, C.rows);
        return rt.scoped((local) => {
          const c = loadDataset(rt, local, C, threads);
          return { n, k, ...nearestLoadedRows(rt, ds, c, k, false, threads, exact) };
        });
      },
      nearestTo: (rows, k, exact = true) => {
        check.integer('k', k, 1, n);
        for (let t = 0; t < rows.length; t++) {
          if (!(rows[t] >= 0 && rows[t] < n)) throw new InputError(`rows[${t}] = ${rows[t]} is not a row of X.`);
        }
        return rt.scoped((local) => {
          const q = loadDataset(rt, local, selectRows(X, rows), threads);
          return { n: rows.length, k, ...nearestLoadedRows(rt, q, ds, k, false, threads, exact) };
        });
      },
      pairDistances: (a, b) => {
        if (a.length !== b.length) throw new InputError(`pairDistances: ${a.length} and ${b.length} rows.`);
        for (const rows of [a, b]) {
          for (let t = 0; t < rows.length; t++) {
            if (!(rows[t] >= 0 && rows[t] < n)) throw new InputError(`pairDistances: ${rows[t]} is not a row of X.`);
          }
        }
        const count = a.length;
        if (count === 0) return new Float64Array(0);
        return rt.scoped((local) => {
          const aP = local(count * 4),
            bP = local(count * 4),
            out = local(count * 8);
          rt.i32(aP, count).set(a);
          rt.i32(bP, count).set(b);
          parallelFor('pairDistancesTask', [ds.desc, aP, bP, out, count, PAIRS_PER_TASK], Math.ceil(count / PAIRS_PER_TASK), threads);
          return rt.f64(out, count).slice();
        });
      },
      screenError: kernels.screeningMargin(kernels.dsErrMax16(ds.desc), kernels.dsErrMax16(ds.desc), kernels.screeningTolerance(ds.dp)),
      refine: (neighbors, reverseCap) => {
        if (neighbors.n !== n) throw new InputError(`neighbors has ${neighbors.n} rows, X has ${n}.`);
        return refineLoaded(rt, ds.desc, neighbors, reverseCap, threads);
      },
    };
    return body(search, queries);
  });
}

/** `LoadedQueries.refine` against the dataset loaded at `desc`. */
function refineLoaded(rt: WasmRuntime, desc: number, neighbors: Neighbors, reverseCap: number, threads: number): Neighbors {
  const { n, k, indices, distances } = neighbors;
  check.integer('reverseCap', reverseCap, 0, n);
  if (indices.length !== n * k || distances.length !== n * k)
    throw new InputError(`neighbors: expected ${n * k} entries, got ${indices.length}.`);
  // Reverse neighbours: the rows that list row j, ascending (rows are visited in order).
  const revOff = new Int32Array(n + 1);
  for (let t = 0; t < n * k; t++) {
    const j = indices[t];
    if (j >= n) throw new InputError(`neighbors.indices[${t}] = ${j} is not a row of X.`);
    if (j >= 0) revOff[j + 1]++;
  }
  for (let i = 0; i < n; i++) revOff[i + 1] += revOff[i];
  const revList = new Int32Array(Math.max(1, revOff[n]));
  const fill = revOff.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < k; q++) {
      const j = indices[i * k + q];
      if (j >= 0) revList[fill[j]++] = i;
    }
  }
  const kernels = rt.kernels();
  return rt.scoped((local) => {
    const inIdx = local(n * k * 4),
      inDist = local(n * k * 8),
      outIdx = local(n * k * 4),
      outDist = local(n * k * 8),
      offP = local((n + 1) * 4),
      listP = local(revList.length * 4);
    rt.i32(inIdx, n * k).set(indices);
    rt.f64(inDist, n * k).set(distances);
    rt.i32(offP, n + 1).set(revOff);
    rt.i32(listP, revList.length).set(revList);
    const scratchBytes = Math.ceil(kernels.refineKnnScratchBytes(n, k, reverseCap) / 16) * 16;
    const scratch = local(scratchBytes * threads);
    for (let t = 0; t < threads; t++) rt.i32(scratch + t * scratchBytes, n).fill(-1);
    parallelFor(
      'refineKnnTask',
      [desc, n, k, inIdx, inDist, offP, listP, reverseCap, outIdx, outDist, REFINE_ROWS_PER_TASK, scratch, scratchBytes],
      Math.ceil(n / REFINE_ROWS_PER_TASK),
      threads,
    );
    return { n, k, indices: rt.i32(outIdx, n * k).slice(), distances: rt.f64(outDist, n * k).slice() };
  });
}
