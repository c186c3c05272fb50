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
 * thread of the task pool while this thread clusters and validates. When those are
 * done, the worker stops after its current epoch and the epochs left run on every
 * thread (`finish`). An epoch does not depend on where or on how many threads it
 * runs, so the map is umapLayout's with the same neighbours at any thread count.
 */
import { defineTask, knn, mapTask, ParameterError, resolveThreads, umapLayout, type Matrix, type Neighbors } from '../core/index.js';
import { resumeUmapLayout, umapLayoutUntil } from '../core/umap.js';
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

/**
 * The layout from precomputed neighbours, on one thread (a task-pool worker, or the calling
 * thread at threads 1). It stops between two epochs once `stop[0]` is set (by
 * `StartedDocumentMap.finish`) and then returns its progress for the calling thread to finish.
 */
export const mapLayoutTask = defineTask({
  name: 'document-map-layout',
  prepare: (): null => null,
  run: (_state: null, item: { vectors: Matrix; neighbors: Neighbors | null; seed: number; stop: Int32Array | null }) =>
    umapLayoutUntil(
      item.vectors,
      { seed: item.seed, threads: 1, ...(item.neighbors ? { neighbors: item.neighbors } : {}) },
      () => item.stop !== null && Atomics.load(item.stop, 0) === 1,
    ),
});

/** A document map under way: how long the kNN took on the calling thread, and the way to its layout. */
export interface StartedDocumentMap {
  readonly knnSeconds: number;
  /** Settles when the worker has finished the layout or stopped it (`finish`); never rejects. */
  readonly settled: Promise<void>;
  /**
   * The layout: the worker stops after its current epoch and the epochs left run here on
   * `threads` threads (all of them are free by now); the same layout as one thread's.
   */
  finish(): Promise<Float32Array>;
}

/**
 * Computes the map's kNN now (on `threads` threads), then starts the layout on a
 * worker (or, at one thread, computes it now) — see the file header. `finish`
 * resolves to what `umapLayout(vectors, { seed })` returns.
 */
export function startDocumentMap(vectors: Matrix, options: { seed: number; threads?: number }): StartedDocumentMap {
  const threads = resolveThreads(options.threads);
  const t0 = performance.now();
  const neighbors = vectors.rows >= 2 ? knn(vectors, Math.min(MAP_NEIGHBORS - 1, vectors.rows - 1), { threads }) : null;
  const knnSeconds = (performance.now() - t0) / 1000;
  const stop = threads > 1 ? new Int32Array(new SharedArrayBuffer(4)) : null;
  const running = mapTask(mapLayoutTask, [{ vectors, neighbors, seed: options.seed, stop }], { context: null, threads, offload: true });
  return {
    knnSeconds,
    settled: running.then(
      () => undefined,
      () => undefined,
    ),
    async finish() {
      if (stop) Atomics.store(stop, 0, 1);
      const [{ layout, progress }] = await running;
      return progress ? resumeUmapLayout(vectors, { seed: options.seed, threads }, progress) : layout;
    },
  };
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
