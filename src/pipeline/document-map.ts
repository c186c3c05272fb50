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
 */
import { ParameterError, umapLayout, type Matrix } from '../core/index.js';
import type { ReportMap } from '../report/index.js';

/** Largest row count the map is computed for by default (the exact kNN grows with n²). */
export const MAP_MAX_ROWS = 100_000;

/** Whether to lay out the map: the option when given, else on up to `MAP_MAX_ROWS` rows. */
export function wantsMap(option: boolean | undefined, rows: number): boolean {
  if (option !== undefined && typeof option !== 'boolean') throw new ParameterError('map', option, 'true or false');
  return option ?? rows <= MAP_MAX_ROWS;
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
  const out = { ids: [] as string[], x: [] as number[], y: [] as number[], rows: vectors.rows };
  rowOfPosting.forEach((row, p) => {
    if (row < 0) return;
    out.ids.push(ids[p]);
    out.x.push(round3(xy[2 * row]));
    out.y.push(round3(xy[2 * row + 1]));
  });
  return out;
}

/** Input posting index of every map point (the order of `documentMap`). */
export function postingsOfMap(rowOfPosting: Int32Array): number[] {
  const out: number[] = [];
  rowOfPosting.forEach((row, p) => row >= 0 && out.push(p));
  return out;
}
