/**
 * Iteration order of a CPython `set` of small non-negative integers built by
 * adding `values` one by one.
 *
 * The reference's epsilon search walks `set(...)` of cluster ids and its result
 * can depend on which leaf is met first (a leaf already covered by an earlier
 * leaf's ancestor is skipped). CPython iterates a set in slot order, so we
 * replay its open addressing: slot = hash & mask (hash(i) = i), up to 9 linear
 * probes, then perturbed probing; the table grows ×4 when 3/5 full.
 */
const LINEAR_PROBES = 9;
const PERTURB_SHIFT = 5;
const MIN_SIZE = 8;

export function pythonSetOrder(values: ArrayLike<number>): number[] {
  let table: number[] = new Array(MIN_SIZE).fill(-1);
  let used = 0;
  const seen = new Set<number>();

  const findFree = (t: number[], value: number): number => {
    const mask = t.length - 1;
    let perturb = value;
    let i = value & mask;
    for (;;) {
      if (t[i] === -1) return i;
      if (i + LINEAR_PROBES <= mask) {
        for (let j = 1; j <= LINEAR_PROBES; j++) if (t[i + j] === -1) return i + j;
      }
      perturb = Math.floor(perturb / 2 ** PERTURB_SHIFT);
      i = (i * 5 + 1 + perturb) & mask;
    }
  };

  for (let v = 0; v < values.length; v++) {
    const value = values[v];
    if (seen.has(value)) continue;
    seen.add(value);
    table[findFree(table, value)] = value;
    used++;
    const mask = table.length - 1;
    if (used * 5 >= mask * 3) {
      const minUsed = used > 50000 ? used * 2 : used * 4;
      let size = MIN_SIZE;
      while (size <= minUsed) size *= 2;
      const next: number[] = new Array(size).fill(-1);
      for (const old of table) if (old !== -1) next[findFree(next, old)] = old;
      table = next;
    }
  }
  return table.filter((v) => v !== -1);
}
