/**
 * Plain typed-array building blocks of the approximate spanning tree
 * (graph-mst.ts, join-by-representatives.ts): a union-find, edge lists in
 * fast_hdbscan's total order (weight, from, to), rows grouped by a key.
 */

export class UnionFind {
  readonly parent: Int32Array;
  readonly size: Int32Array;
  constructor(n: number) {
    this.parent = identity(n);
    this.size = new Int32Array(n).fill(1);
  }
  find(x: number): number {
    const p = this.parent;
    let r = x;
    while (p[r] !== r) r = p[r];
    while (p[x] !== r) {
      const next = p[x];
      p[x] = r;
      x = next;
    }
    return r;
  }
  /** Joins the sets of a and b; false when they were already one. */
  union(a: number, b: number): boolean {
    let ra = this.find(a),
      rb = this.find(b);
    if (ra === rb) return false;
    if (this.size[ra] < this.size[rb] || (this.size[ra] === this.size[rb] && rb < ra)) {
      const t = ra;
      ra = rb;
      rb = t;
    }
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    return true;
  }
  /** Every row's root. */
  roots(): Int32Array {
    const n = this.parent.length;
    const root = new Int32Array(n);
    for (let i = 0; i < n; i++) root[i] = this.find(i);
    return root;
  }
}

/** Edge list; from < to; weights ≥ 0 (mutual-reachability distances). */
export interface Edges {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
  length: number;
}

/**
 * The lightest mutual-reachability edge each part found in a neighbour search (`k`
 * neighbours per row, -1 = none): max(core[a], core[b], distance), ties broken by
 * (lower row, higher row) so the choice does not depend on the search's order. `partOf[a]`
 * is the part row a searched for, or a value ≥ `parts` for a row that searched nothing.
 * Entry p of the result is part p's edge; `from[p]` is -1 where the part found none.
 */
export function lightestEdgePerPart(
  neighbors: { indices: Int32Array; distances: ArrayLike<number> },
  k: number,
  core: Float64Array,
  partOf: Int32Array,
  parts: number,
  /**
   * When the distances are the screen's (each within `error` of the exact one): `exact`
   * gives exact distances of listed pairs, asked only for the pairs that may be lightest.
   */
  screen?: { error: number; exact: (a: Int32Array, b: Int32Array) => Float64Array },
): Edges {
  if (screen) return lightestScreenedEdgePerPart(neighbors, k, core, partOf, parts, screen);
  const weight = new Float64Array(parts).fill(Infinity);
  const from = new Int32Array(parts).fill(-1);
  const to = new Int32Array(parts).fill(-1);
  for (let a = 0; a < partOf.length; a++) {
    const p = partOf[a];
    if (p >= parts) continue;
    for (let t = 0; t < k; t++) {
      const b = neighbors.indices[a * k + t];
      if (b < 0) break;
      const w = Math.max(core[a], core[b], neighbors.distances[a * k + t]);
      const lo = Math.min(a, b),
        hi = Math.max(a, b);
      if (w < weight[p] || (w === weight[p] && (lo < from[p] || (lo === from[p] && hi < to[p])))) {
        weight[p] = w;
        from[p] = lo;
        to[p] = hi;
      }
    }
  }
  return { from, to, weight, length: parts };
}

/**
 * `lightestEdgePerPart` from the screen's distances, with the same result as from exact ones
 * and exact distances for only a few pairs. Why it is the same: a weight max(core[a], core[b], d)
 * moves by at most `error` when d does, so the exact lightest edge of a part weighs, by the
 * screen, at most the part's lightest screened weight + 2·error; every pair within that gets
 * its exact distance, and the exact total order picks among them (ties included).
 */
function lightestScreenedEdgePerPart(
  neighbors: { indices: Int32Array; distances: ArrayLike<number> },
  k: number,
  core: Float64Array,
  partOf: Int32Array,
  parts: number,
  screen: { error: number; exact: (a: Int32Array, b: Int32Array) => Float64Array },
): Edges {
  const { indices, distances } = neighbors;
  // Every listed pair's screened weight (∞ for rows that searched nothing, unfilled slots), each part's lightest.
  const weights = new Float64Array(partOf.length * k).fill(Infinity);
  const lightest = new Float64Array(parts).fill(Infinity);
  for (let a = 0; a < partOf.length; a++) {
    const p = partOf[a];
    if (p >= parts) continue;
    for (let t = 0; t < k; t++) {
      const b = indices[a * k + t];
      if (b < 0) break;
      const w = (weights[a * k + t] = Math.max(core[a], core[b], distances[a * k + t]));
      if (w < lightest[p]) lightest[p] = w;
    }
  }
  // 2·error and a rounding's worth more: the sum below is rounded.
  const reach = 2 * screen.error * (1 + 1e-9) + 1e-15;
  const kept: number[] = [];
  for (let e = 0; e < weights.length; e++) {
    if (weights[e] < Infinity && weights[e] <= lightest[partOf[Math.floor(e / k)]] + reach) kept.push(e);
  }
  const a = new Int32Array(kept.length),
    b = new Int32Array(kept.length);
  for (let t = 0; t < kept.length; t++) {
    a[t] = Math.floor(kept[t] / k);
    b[t] = indices[kept[t]];
  }
  const exact = screen.exact(a, b);
  // The exact choice over the kept pairs; the others, heavier, stay at ∞ and are never chosen.
  const exactDistances = new Float64Array(weights.length).fill(Infinity);
  for (let t = 0; t < kept.length; t++) exactDistances[kept[t]] = exact[t];
  return lightestEdgePerPart({ indices, distances: exactDistances }, k, core, partOf, parts);
}

const DIGIT_BITS = 11;
const BUCKETS = 1 << DIGIT_BITS;

/**
 * Edge indices in the order (weight, from, to), by a least-significant-digit radix
 * sort: 11-bit digits of `to`, then `from`, then the weight's IEEE bits (for
 * non-negative doubles their order as unsigned integers is their numeric order).
 * Each pass is stable, so ties on the weight keep the (from, to) order of the
 * earlier passes. Passes whose digit is the same for every edge are skipped (the
 * high digits of row numbers, the weights' exponent bits). `inPairOrder`: the edges
 * are already in (from, to) order, so only the weight's passes run (graph-mst.ts
 * builds the graph's edges that way: 4 of the sort's 10 passes saved).
 */
export function sortedOrder(edges: Edges, inPairOrder = false): Int32Array {
  const m = edges.length;
  let order = identity(m);
  if (m < 2) return order;
  // −0 made +0 (its sign bit would sort it last); little-endian: [lo, hi] words per weight.
  const keys = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const w = edges.weight[e];
    if (!(w >= 0)) throw new Error(`sortedOrder: edge weight ${w} is not a non-negative number`);
    keys[e] = w + 0;
  }
  const bits = new Uint32Array(keys.buffer);
  const lo = new Uint32Array(m),
    hi = new Uint32Array(m);
  for (let e = 0; e < m; e++) {
    lo[e] = bits[2 * e];
    hi[e] = bits[2 * e + 1];
  }
  let next = new Int32Array(m);
  const count = new Int32Array(BUCKETS);
  // Keys from least to most significant.
  const words: Uint32Array[] = [lo, hi];
  if (!inPairOrder) {
    words.unshift(new Uint32Array(edges.to.buffer, edges.to.byteOffset, m), new Uint32Array(edges.from.buffer, edges.from.byteOffset, m));
  }
  for (const word of words) {
    for (let shift = 0; shift < 32; shift += DIGIT_BITS) {
      if (radixPass(word, shift, order, next, count)) [order, next] = [next, order];
    }
  }
  return order;
}

/** One stable counting pass of `order` by the digit of `word` at `shift` into `next`; false when nothing moved. */
function radixPass(word: Uint32Array, shift: number, order: Int32Array, next: Int32Array, count: Int32Array): boolean {
  const m = order.length;
  const mask = BUCKETS - 1;
  count.fill(0);
  for (let e = 0; e < m; e++) count[(word[e] >>> shift) & mask]++;
  if (count[(word[0] >>> shift) & mask] === m) return false; // one digit for all
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = count[b];
    count[b] = sum;
    sum += c;
  }
  for (let t = 0; t < m; t++) {
    const e = order[t];
    next[count[(word[e] >>> shift) & mask]++] = e;
  }
  return true;
}

/**
 * 0, 1, …, n − 1. Why a loop: `Int32Array.from({ length }, fn)` and `Int32Array.from(typed,
 * fn)` go through V8's generic iteration, 30–160 ns per element against ≈ 1 ns here.
 */
export function identity(n: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/** Rows grouped by key (keys in [0, nKeys)), ascending within each group. */
export function csr(keys: Int32Array, nKeys: number): { offsets: Int32Array; indices: Int32Array } {
  const offsets = new Int32Array(nKeys + 1);
  for (const key of keys) offsets[key + 1]++;
  for (let c = 0; c < nKeys; c++) offsets[c + 1] += offsets[c];
  const fill = offsets.slice(0, nKeys);
  const indices = new Int32Array(keys.length);
  for (let i = 0; i < keys.length; i++) indices[fill[keys[i]]++] = i;
  return { offsets, indices };
}
