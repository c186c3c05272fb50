/**
 * The facet × cluster table behind every bias test: postings counted by facet
 * value (rows) and cluster (columns). Noise (−1) and postings whose facet value
 * is unknown (null) are not kinds of job / not values, so neither is a row or
 * a column; the caller reads how many were left out from `noise` and `missing`.
 */
import { InputError, ParameterError, type Labels } from '../../core/index.js';
import { checkLabels } from '../labels.js';

export interface FacetTable {
  /** Row names: facet values, most postings first, ties by name. */
  readonly values: readonly string[];
  /** Column labels: clusters ascending (noise never). */
  readonly clusters: readonly number[];
  /** values.length × clusters.length counts, row-major. */
  readonly counts: Int32Array;
  readonly rowTotals: Int32Array;
  readonly columnTotals: Int32Array;
  /** Postings in the table. */
  readonly total: number;
  /** For each input row, its cell index into `counts`, or −1 when left out (noise or unknown value). */
  readonly cellOfRow: Int32Array;
  /** Rows left out because they are noise. */
  readonly noise: number;
  /** Rows left out because their facet value is null (noise rows are counted under `noise` only). */
  readonly missing: number;
}

/** Count postings per (value, cluster). `values[i]` is the facet value of the row labelled `labels[i]`. */
export function facetTable(values: ReadonlyArray<string | null>, labels: Labels, name = 'values'): FacetTable {
  if (!Array.isArray(values)) throw new ParameterError(name, values, 'an array with the facet value (or null) of every row');
  checkLabels(labels, values.length);
  const perValue = new Map<string, number>();
  let noise = 0,
    missing = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && (typeof v !== 'string' || v.length === 0))
      throw new InputError(`${name}[${i}] is ${JSON.stringify(v)}, expected a non-empty string or null.`, i);
    if (labels[i] < 0) noise++;
    else if (v === null) missing++;
    else perValue.set(v, (perValue.get(v) ?? 0) + 1);
  }
  const rows = [...perValue.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([v]) => v);
  const clusterSet = new Set<number>();
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0 && values[i] !== null) clusterSet.add(labels[i]);
  const clusters = [...clusterSet].sort((a, b) => a - b);
  const rowIndex = new Map(rows.map((v, r) => [v, r]));
  const colIndex = new Map(clusters.map((l, c) => [l, c]));
  const C = clusters.length;
  const counts = new Int32Array(rows.length * C);
  const rowTotals = new Int32Array(rows.length);
  const columnTotals = new Int32Array(C);
  const cellOfRow = new Int32Array(values.length).fill(-1);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (labels[i] < 0 || v === null) continue;
    const r = rowIndex.get(v)!,
      c = colIndex.get(labels[i])!;
    const cell = r * C + c;
    counts[cell]++;
    rowTotals[r]++;
    columnTotals[c]++;
    cellOfRow[i] = cell;
    total++;
  }
  return { values: rows, clusters, counts, rowTotals, columnTotals, total, cellOfRow, noise, missing };
}
