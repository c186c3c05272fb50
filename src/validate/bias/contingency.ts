/**
 * The platform × cluster contingency table: postings counted by platform (rows)
 * and cluster label (columns; noise −1 is a column of its own, placed last).
 */
import { InputError, ParameterError, type Labels } from '../../core/index.js';
import { checkLabels } from '../labels.js';

export interface ContingencyTable {
  /** Row names: platforms, most postings first, ties by name. */
  readonly platforms: readonly string[];
  /** Column labels: clusters ascending, then −1 when any posting is noise. */
  readonly clusters: readonly number[];
  /** platforms.length × clusters.length counts, row-major. */
  readonly counts: Int32Array;
  readonly rowTotals: Int32Array;
  readonly columnTotals: Int32Array;
  readonly total: number;
}

/** Count postings per (platform, cluster). `platforms[i]` is the platform of the row labelled `labels[i]`. */
export function contingencyTable(platforms: ReadonlyArray<string>, labels: Labels): ContingencyTable {
  if (!Array.isArray(platforms)) throw new ParameterError('platforms', platforms, 'an array with the platform of every row');
  checkLabels(labels, platforms.length);
  const perPlatform = new Map<string, number>();
  for (let i = 0; i < platforms.length; i++) {
    const p = platforms[i];
    if (typeof p !== 'string' || p.length === 0)
      throw new InputError(`platforms[${i}] is ${JSON.stringify(p)}, expected a non-empty platform name.`, i);
    perPlatform.set(p, (perPlatform.get(p) ?? 0) + 1);
  }
  const rows = [...perPlatform.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([p]) => p);
  const present = new Set(labels);
  const clusters = [...present].filter((l) => l >= 0).sort((a, b) => a - b);
  if (present.has(-1)) clusters.push(-1);
  const rowIndex = new Map(rows.map((p, r) => [p, r]));
  const colIndex = new Map(clusters.map((l, c) => [l, c]));
  const C = clusters.length;
  const counts = new Int32Array(rows.length * C);
  const rowTotals = new Int32Array(rows.length);
  const columnTotals = new Int32Array(C);
  for (let i = 0; i < platforms.length; i++) {
    const r = rowIndex.get(platforms[i])!,
      c = colIndex.get(labels[i])!;
    counts[r * C + c]++;
    rowTotals[r]++;
    columnTotals[c]++;
  }
  return { platforms: rows, clusters, counts, rowTotals, columnTotals, total: platforms.length };
}
