/**
 * numpy's default `argsort` (kind='quicksort') for float64 keys, replayed step
 * by step: an introsort — median-of-3 quicksort, insertion sort below 17
 * elements, heapsort past a depth limit — as in numpy's `npysort/quicksort`
 * (the portable path, without the AVX-512 dispatch of numpy ≥ 1.25).
 *
 * It is not stable, and the reference HDBSCAN sorts its MST edges with it: the
 * order it leaves tied weights in decides how a tied multi-way merge is
 * binarised, which in turn decides which points fall out of which cluster. To
 * reproduce the reference's labels on data with ties we sort the same way.
 */
const SMALL_QUICKSORT = 15;

export function numpyArgsort(v: ArrayLike<number>): Int32Array {
  const n = v.length;
  const tosort = new Int32Array(n);
  for (let i = 0; i < n; i++) tosort[i] = i;
  if (n < 2) return tosort;
  const less = (a: number, b: number) => a < b;
  const swap = (i: number, j: number) => {
    const t = tosort[i];
    tosort[i] = tosort[j];
    tosort[j] = t;
  };
  const stack: number[] = [];
  const depthStack: number[] = [];
  let pl = 0;
  let pr = n - 1;
  let cdepth = msb(n) * 2;
  for (;;) {
    if (cdepth < 0) {
      heapArgsort(v, tosort, pl, pr - pl + 1);
    } else {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(v[tosort[pm]], v[tosort[pl]])) swap(pm, pl);
        if (less(v[tosort[pr]], v[tosort[pm]])) swap(pr, pm);
        if (less(v[tosort[pm]], v[tosort[pl]])) swap(pm, pl);
        const vp = v[tosort[pm]];
        let pi = pl;
        let pj = pr - 1;
        swap(pm, pj);
        for (;;) {
          do ++pi;
          while (less(v[tosort[pi]], vp));
          do --pj;
          while (less(vp, v[tosort[pj]]));
          if (pi >= pj) break;
          swap(pi, pj);
        }
        const pk = pr - 1;
        swap(pi, pk);
        // Recurse into the smaller part, stack the larger.
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depthStack.push(--cdepth);
      }
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const vi = tosort[pi];
        const vp = v[vi];
        let pj = pi;
        let pk = pi - 1;
        while (pj > pl && less(vp, v[tosort[pk]])) tosort[pj--] = tosort[pk--];
        tosort[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depthStack.pop()!;
  }
  return tosort;
}

/** Index of the most significant set bit (numpy's npy_get_msb). */
function msb(n: number): number {
  let depth = 0;
  while ((n >>= 1) > 0) depth++;
  return depth;
}

/** numpy's aheapsort on tosort[start .. start + n), 1-based heap indexing. */
export function heapArgsort(v: ArrayLike<number>, tosort: Int32Array, start: number, n: number): void {
  const a = (i: number) => tosort[start + i - 1];
  const set = (i: number, x: number) => (tosort[start + i - 1] = x);
  // Sift `tmp` down from position i of a heap of `size` entries (as numpy's loops do).
  const siftDown = (tmp: number, i: number, size: number): void => {
    for (let j = i << 1; j <= size;) {
      if (j < size && v[a(j)] < v[a(j + 1)]) j += 1;
      if (v[tmp] < v[a(j)]) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  };
  for (let l = n >> 1; l > 0; --l) siftDown(a(l), l, n);
  for (; n > 1;) {
    const tmp = a(n);
    set(n, a(1));
    n -= 1;
    siftDown(tmp, 1, n);
  }
}
