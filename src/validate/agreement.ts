/**
 * Agreement between two labellings of the same rows (e.g. clusters against
 * known archetypes, or two algorithms): adjusted Rand index and normalised
 * mutual information, scikit-learn semantics. Labels are compared as given:
 * −1 is one more label here, as in scikit-learn (drop noise rows first to
 * compare clustered rows only).
 */
import { InputError, ParameterError } from '../core/index.js';

type LabelArray = ArrayLike<number>;

interface Contingency {
  n: number;
  /** Non-zero cells: count and the sizes of its row (true label) and column (predicted label). */
  cells: { count: number; rowSum: number; colSum: number }[];
  rowSums: number[];
  colSums: number[];
}

function contingency(a: LabelArray, b: LabelArray): Contingency {
  for (const [name, v] of [
    ['labelsTrue', a],
    ['labelsPred', b],
  ] as const) {
    if (v == null || typeof v.length !== 'number') throw new ParameterError(name, v, 'an array of integer labels');
  }
  if (a.length !== b.length)
    throw new InputError(`labelsTrue has ${a.length} entries and labelsPred ${b.length}; they must label the same rows.`);
  const rows = new Map<number, number>(),
    cols = new Map<number, number>();
  const cells = new Map<string, { x: number; y: number; count: number }>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i],
      y = b[i];
    if (!Number.isInteger(x)) throw new InputError(`labelsTrue[${i}] is ${x}, expected an integer.`, i);
    if (!Number.isInteger(y)) throw new InputError(`labelsPred[${i}] is ${y}, expected an integer.`, i);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
    const key = `${x},${y}`;
    const cell = cells.get(key);
    if (cell) cell.count++;
    else cells.set(key, { x, y, count: 1 });
  }
  return {
    n: a.length,
    cells: [...cells.values()].map(({ x, y, count }) => ({ count, rowSum: rows.get(x)!, colSum: cols.get(y)! })),
    rowSums: [...rows.values()],
    colSums: [...cols.values()],
  };
}

/**
 * Adjusted Rand index: the Rand index corrected for chance, 1 for identical
 * partitions (up to renaming), about 0 for independent ones, can be negative.
 */
export function adjustedRandIndex(labelsTrue: LabelArray, labelsPred: LabelArray): number {
  const { n, cells, rowSums, colSums } = contingency(labelsTrue, labelsPred);
  // Pair counts (ordered pairs), as scikit-learn's pair_confusion_matrix.
  const sumSquares = cells.reduce((s, c) => s + c.count * c.count, 0);
  const tp = sumSquares - n;
  const fp = colSums.reduce((s, c) => s + c * c, 0) - sumSquares;
  const fn = rowSums.reduce((s, c) => s + c * c, 0) - sumSquares;
  const tn = n * n - fp - fn - sumSquares;
  if (fn === 0 && fp === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

function entropy(counts: number[], n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/**
 * Normalised mutual information with the arithmetic mean of the two entropies
 * as normaliser (scikit-learn's default): MI / ((H(true) + H(pred)) / 2).
 * 1 for identical partitions; 1 when both put everything in one group.
 */
export function normalizedMutualInformation(labelsTrue: LabelArray, labelsPred: LabelArray): number {
  const { n, cells, rowSums, colSums } = contingency(labelsTrue, labelsPred);
  if ((rowSums.length === 1 && colSums.length === 1) || n === 0) return 1;
  let mi = 0;
  for (const { count, rowSum, colSum } of cells) mi += (count / n) * Math.log((count * n) / (rowSum * colSum));
  mi = Math.max(mi, 0);
  if (mi === 0) return 0;
  const normaliser = (entropy(rowSums, n) + entropy(colSums, n)) / 2;
  return normaliser === 0 ? 0 : Math.min(mi / normaliser, 1);
}
