/**
 * The data the interactive page embeds: the report without its map, plus
 * the map's rows as compact columns. Strings that repeat (titles, companies,
 * facet values) go into one table per column and each row holds an index into
 * it; coordinates are quantised to integers 0…65535 on one common scale (keeps
 * the layout's aspect ratio). At 36k rows this is ~1–2 MB of JSON instead of
 * one object per point, which keeps the whole-corpus page under its 8 MB budget.
 * The clusterings' salary and trend tables are left out: the page draws neither
 * (report.json and report.md carry them), and at the whole corpus they were
 * 0.3 MB of JSON that every load parsed for nothing.
 */
import { InputError } from '../../core/errors.js';
import type { ClusteringReport, PipelineReport } from '../types.js';

/** Per map row (parallel to `report.map.ids`), what the hover tooltip and the colouring need. */
export interface MapRowData {
  /** Posting title per row. */
  readonly titles: readonly string[];
  /** Employer per row (normalised company key preferred). */
  readonly companies?: readonly string[];
  /** Facet id → value per row, e.g. `{ platform: [...], city: [...] }`; the first key is the default colouring. */
  readonly facets?: Readonly<Record<string, readonly string[]>>;
  /** Per clustering (parallel to `report.clusterings`), the row's cluster label; −1 is noise. */
  readonly labels: ReadonlyArray<ArrayLike<number>>;
}

/** A dictionary-encoded string column: `table[codes[i]]` is row i's value. */
export interface EncodedColumn {
  readonly table: string[];
  readonly codes: number[];
}

export interface PagePoints {
  readonly n: number;
  /** Quantised coordinates, integers in [0, 65535]. */
  readonly x: number[];
  readonly y: number[];
  readonly title: EncodedColumn;
  readonly company: EncodedColumn | null;
  readonly facets: ReadonlyArray<{ readonly facet: string; readonly column: EncodedColumn }>;
  /** Per clustering, the label of each row. */
  readonly labels: number[][];
}

/** A clustering as the page embeds it: without the salary and trend tables, which the page does not draw. */
export type PageClustering = Omit<ClusteringReport, 'salary' | 'trends' | 'trendInfo'>;

export interface PagePayload {
  readonly report: Omit<PipelineReport, 'map' | 'clusterings'> & {
    readonly map: { readonly rows: number } | null;
    readonly clusterings: readonly PageClustering[];
  };
  readonly points: PagePoints | null;
}

const QUANTISE = 65535;

/** Dictionary-encodes a column, most frequent value first (facet legends read in that order). */
export function encodeColumn(values: readonly string[]): EncodedColumn {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const table = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
  const index = new Map(table.map((v, i) => [v, i]));
  return { table, codes: values.map((v) => index.get(v)!) };
}

function quantise(x: readonly number[], y: readonly number[]): { x: number[]; y: number[] } {
  let minX = Infinity,
    maxX = -Infinity,
    minY = Infinity,
    maxY = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) throw new InputError(`report.map: coordinate of row ${i} is not finite`, i);
    minX = Math.min(minX, x[i]);
    maxX = Math.max(maxX, x[i]);
    minY = Math.min(minY, y[i]);
    maxY = Math.max(maxY, y[i]);
  }
  const span = Math.max(maxX - minX, maxY - minY) || 1;
  // Centre the shorter axis so the layout keeps its shape.
  const offX = (span - (maxX - minX)) / 2,
    offY = (span - (maxY - minY)) / 2;
  return {
    x: x.map((v) => Math.round(((v - minX + offX) / span) * QUANTISE)),
    y: y.map((v) => Math.round(((v - minY + offY) / span) * QUANTISE)),
  };
}

function checkLength(name: string, values: ArrayLike<unknown> | undefined, rows: number): void {
  if (values && values.length !== rows) {
    throw new InputError(`html rows: '${name}' has ${values.length} entries, report.map has ${rows} rows`);
  }
}

/** Builds the embedded payload; throws InputError naming the column whose length does not match the map. */
export function buildPagePayload(report: PipelineReport, rows?: MapRowData): PagePayload {
  const { map, clusterings, ...other } = report;
  const rest = { ...other, clusterings: clusterings.map(pageClustering) };
  if (!map || !rows) return { report: { ...rest, map: map ? { rows: map.rows } : null }, points: null };
  const n = map.ids.length;
  checkLength('report.map.x', map.x, n);
  checkLength('report.map.y', map.y, n);
  checkLength('titles', rows.titles, n);
  checkLength('companies', rows.companies, n);
  for (const [facet, values] of Object.entries(rows.facets ?? {})) checkLength(`facets.${facet}`, values, n);
  if (rows.labels.length !== report.clusterings.length) {
    throw new InputError(
      `html rows: 'labels' has ${rows.labels.length} labellings, the report has ${report.clusterings.length} clusterings`,
    );
  }
  rows.labels.forEach((labels, k) => checkLength(`labels[${k}]`, labels, n));
  const q = quantise(map.x, map.y);
  return {
    report: { ...rest, map: { rows: map.rows } },
    points: {
      n,
      x: q.x,
      y: q.y,
      title: encodeColumn(rows.titles),
      company: rows.companies ? encodeColumn(rows.companies) : null,
      facets: Object.entries(rows.facets ?? {}).map(([facet, values]) => ({ facet, column: encodeColumn(values) })),
      labels: rows.labels.map((l) => Array.from(l, (v) => v | 0)),
    },
  };
}

function pageClustering(clustering: ClusteringReport): PageClustering {
  const { salary: _salary, trends: _trends, trendInfo: _trendInfo, ...kept } = clustering;
  return kept;
}

/** JSON safe inside `<script type="application/json">`: no `</script>` can close it early. */
export function payloadToScriptJson(payload: PagePayload): string {
  return JSON.stringify(payload)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
