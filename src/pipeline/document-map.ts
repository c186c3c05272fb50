/**
 * The document map of a run: a 2-D UMAP layout (src/core umapLayout, seeded and
 * identical for any thread count) of the vector rows, spread to every input
 * posting that has a row — a duplicate sits on its representative's point — so
 * the map shows all postings, not a sample.
 *
 * The layout starts from the core's exact kNN, which is O(n²): about 13 CPU-s
 * for the 31,555-row corpus, but minutes at 200k rows. So the map is on by
 * default up to `MAP_MAX_ROWS` rows and off above unless asked for
 * (`map: true`, `--map`); `map: false` / `--no-map` turns it off.
 *
 * At more than one thread the pipeline splits the map in two (`startDocumentMap`):
 * the kNN runs on every thread of the compute core, then the layout (fuzzy graph,
 * initial layout, SGD: about three quarters of the map's CPU) runs on one worker
 * thread of the task pool while this thread clusters and validates. The layout is
 * umapLayout's with the same neighbours, so the map is the same at any thread count.
 */
import { defineTask, knn, mapTask, ParameterError, resolveThreads, umapLayout, type Matrix, type Neighbors } from '../core/index.js';
import type { ReportMap } from '../report/index.js';

/** Largest row count the map is computed for by default (the exact kNN grows with n²). */
export const MAP_MAX_ROWS = 100_000;

/** Whether to lay out the map: the option when given, else on up to `MAP_MAX_ROWS` rows. */
export function wantsMap(option: boolean | undefined, rows: number): boolean {
  if (option !== undefined && typeof option !== 'boolean') throw new ParameterError('map', option, 'true or false');
  return option ?? rows <= MAP_MAX_ROWS;
}

/** umapLayout's default neighbourhood, the row itself counted: the kNN the layout needs has one fewer. */
const MAP_NEIGHBORS = 15;

/** The layout from precomputed neighbours, on one thread (a task-pool worker, or the calling thread at threads 1). */
export const mapLayoutTask = defineTask({
  name: 'document-map-layout',
  prepare: (): null => null,
  run: (_state: null, item: { vectors: Matrix; neighbors: Neighbors | null; seed: number }): Float32Array =>
    umapLayout(item.vectors, { seed: item.seed, threads: 1, ...(item.neighbors ? { neighbors: item.neighbors } : {}) }),
});

/** A document map under way: the layout's promise and how long the kNN took on the calling thread. */
export interface StartedDocumentMap {
  readonly layout: Promise<Float32Array>;
  readonly knnSeconds: number;
}

/**
 * Computes the map's kNN now (on `threads` threads), then starts the layout on a
 * worker (or, at one thread, computes it now) — see the file header. `layout`
 * resolves to what `umapLayout(vectors, { seed })` returns.
 */
export function startDocumentMap(vectors: Matrix, options: { seed: number; threads?: number }): StartedDocumentMap {
  const threads = resolveThreads(options.threads);
  const t0 = performance.now();
  const neighbors = vectors.rows >= 2 ? knn(vectors, Math.min(MAP_NEIGHBORS - 1, vectors.rows - 1), { threads }) : null;
  const knnSeconds = (performance.now() - t0) / 1000;
  const layout = mapTask(mapLayoutTask, [{ vectors, neighbors, seed: options.seed }], { context: null, threads, offload: true }).then(
    ([xy]) => xy,
  );
  return { layout, knnSeconds };
}

/** The report's map from a layout of the rows (see `documentMap`). */
export function mapOfLayout(xy: Float32Array, rows: number, rowOfPosting: Int32Array, ids: readonly string[]): ReportMap {
  const out = { ids: [] as string[], x: [] as number[], y: [] as number[], rows };
  rowOfPosting.forEach((row, p) => {
    if (row < 0) return;
    out.ids.push(ids[p]);
    out.x.push(round3(xy[2 * row]));
    out.y.push(round3(xy[2 * row + 1]));
  });
  return out;
}

/** Coordinates rounded to 3 decimals: ample for a page, a third of the JSON of full doubles. */
const round3 = (v: number): number => Math.round(v * 1000) / 1000;

/**
 * The map for report.json: one point per input posting with a row (input order),
 * `rows` = the number of distinct layout rows.
 */
export function documentMap(
  vectors: Matrix,
  rowOfPosting: Int32Array,
  ids: readonly string[],
  options: { seed: number; threads?: number },
): ReportMap {
  const xy = umapLayout(vectors, { seed: options.seed, ...(options.threads === undefined ? {} : { threads: options.threads }) });
  return mapOfLayout(xy, vectors.rows, rowOfPosting, ids);
}

/** Input posting index of every map point (the order of `documentMap`). */
export function postingsOfMap(rowOfPosting: Int32Array): number[] {
  const out: number[] = [];
  rowOfPosting.forEach((row, p) => row >= 0 && out.push(p));
  return out;
}
