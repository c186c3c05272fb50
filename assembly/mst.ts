// Minimum spanning tree of the mutual-reachability graph by Prim's algorithm,
// step for step the same as the TypeScript reference (src/core/reference):
// start at row 0; each step adds the row with the smallest key (lowest index
// among equal keys) and records (bestFrom, row, key); a key improves only when
// strictly smaller. HDBSCAN's reference results depend on that exact sequence.
//
// Speed comes from never computing what cannot matter: for the row just added
// (cur) and a row j still outside, mr(cur, j) = max(core[cur], core[j], d) can
// only improve key[j] when max(core[cur], core[j]) < key[j] and the f32 SIMD
// lower bound of d is below key[j]; only then is d recomputed exactly (f64).
// Rows outside the tree are kept compacted (swap-remove) so each step streams
// one contiguous block of memory.
//
// Most dot products are skipped altogether with a triangle-inequality bound on
// the chord distance ‖x̂ − ŷ‖ = √(2d) of unit vectors: a row j remembers a lower
// bound of its chord distance to the row added when its dot product was last
// computed; every later step moves the current row by at most the chord length
// of that step, so the bound minus the path walked since stays a lower bound.
// (Clustered data: Prim walks in small steps, far rows stay untouched for long.)
import { dsDp, dsN, dsXn, exactDistance, screeningTolerance } from './similarity';

/** Bytes of scratch primMst needs for n rows of stride dp. */
export function primScratchBytes(n: i32, dp: i32): f64 {
  return <f64>n * (<f64>dp * 4 + 8 + 8 + 8 + 4 + 4) + 64;
}

/**
 * Prim over dataset ds with core distances core (f64 × n). Writes n − 1 edges to
 * from/to (i32) and weight (f64) in the order they are added.
 */
export function primMst(ds: usize, core: usize, from: usize, to: usize, weight: usize, scratch: usize): void {
  const n = dsN(ds), dp = dsDp(ds);
  if (n < 2) return;
  const rowBytes = <usize>dp << 2;
  const xn = dsXn(ds);
  // Scratch: compacted rows, key, core, bestFrom, original index per slot.
  const rows = scratch;
  const key = rows + <usize>n * rowBytes;
  const coreS = key + (<usize>n << 3);
  const fromS = coreS + (<usize>n << 3);
  const idx = fromS + (<usize>n << 2);
  const lo = idx + (<usize>n << 2);
  let m = n - 1; // slots 0 … m − 1 hold rows 1 … n − 1
  memory.copy(rows, xn + rowBytes, <usize>m * rowBytes);
  for (let s = 0; s < m; s++) {
    store<f64>(key + (<usize>s << 3), Infinity);
    store<f64>(coreS + (<usize>s << 3), load<f64>(core + (<usize>(s + 1) << 3)));
    store<i32>(fromS + (<usize>s << 2), -1);
    store<i32>(idx + (<usize>s << 2), s + 1);
    store<f64>(lo + (<usize>s << 3), -Infinity);
  }
  const tau = screeningTolerance(dp);
  let cur = 0;
  let curRow = xn; // row 0 of the normalised copy
  let path: f64 = 0; // chord length walked by the current row so far (upper bound)
  for (let e = 0; e < n - 1; e++) {
    const coreCur = load<f64>(core + (<usize>cur << 3));
    const slack = 1e-12 * path + 1e-12;
    let next = -1, nextSlot = -1;
    let nextW: f64 = Infinity;
    let s = 0;
    for (; s + 4 <= m; s += 4) {
      const k0 = load<f64>(key + (<usize>s << 3)), k1 = load<f64>(key + (<usize>(s + 1) << 3));
      const k2 = load<f64>(key + (<usize>(s + 2) << 3)), k3 = load<f64>(key + (<usize>(s + 3) << 3));
      const c0 = max(coreCur, load<f64>(coreS + (<usize>s << 3)));
      const c1 = max(coreCur, load<f64>(coreS + (<usize>(s + 1) << 3)));
      const c2 = max(coreCur, load<f64>(coreS + (<usize>(s + 2) << 3)));
      const c3 = max(coreCur, load<f64>(coreS + (<usize>(s + 3) << 3)));
      if (
        (c0 < k0 && chordBound(lo, s, path, slack) < k0) || (c1 < k1 && chordBound(lo, s + 1, path, slack) < k1) ||
        (c2 < k2 && chordBound(lo, s + 2, path, slack) < k2) || (c3 < k3 && chordBound(lo, s + 3, path, slack) < k3)
      ) {
        const r0 = rows + <usize>s * rowBytes;
        const r1 = r0 + rowBytes, r2 = r1 + rowBytes, r3 = r2 + rowBytes;
        let a0 = f32x4.splat(0), a1 = f32x4.splat(0), a2 = f32x4.splat(0), a3 = f32x4.splat(0);
        for (let t: usize = 0; t < rowBytes; t += 16) {
          const x = v128.load(curRow + t);
          a0 = f32x4.add(a0, f32x4.mul(x, v128.load(r0 + t)));
          a1 = f32x4.add(a1, f32x4.mul(x, v128.load(r1 + t)));
          a2 = f32x4.add(a2, f32x4.mul(x, v128.load(r2 + t)));
          a3 = f32x4.add(a3, f32x4.mul(x, v128.load(r3 + t)));
        }
        const sums = reduce4(a0, a1, a2, a3);
        remember(lo, s, <f64>f32x4.extract_lane(sums, 0), tau, path);
        remember(lo, s + 1, <f64>f32x4.extract_lane(sums, 1), tau, path);
        remember(lo, s + 2, <f64>f32x4.extract_lane(sums, 2), tau, path);
        remember(lo, s + 3, <f64>f32x4.extract_lane(sums, 3), tau, path);
        if (c0 < k0) relax(ds, cur, s, <f64>f32x4.extract_lane(sums, 0), c0, k0, tau, key, fromS, idx);
        if (c1 < k1) relax(ds, cur, s + 1, <f64>f32x4.extract_lane(sums, 1), c1, k1, tau, key, fromS, idx);
        if (c2 < k2) relax(ds, cur, s + 2, <f64>f32x4.extract_lane(sums, 2), c2, k2, tau, key, fromS, idx);
        if (c3 < k3) relax(ds, cur, s + 3, <f64>f32x4.extract_lane(sums, 3), c3, k3, tau, key, fromS, idx);
      }
      for (let u = s; u < s + 4; u++) {
        const kv = load<f64>(key + (<usize>u << 3));
        const j = load<i32>(idx + (<usize>u << 2));
        if (kv < nextW || (kv == nextW && j < next)) { nextW = kv; next = j; nextSlot = u; }
      }
    }
    for (; s < m; s++) {
      const kv0 = load<f64>(key + (<usize>s << 3));
      const c = max(coreCur, load<f64>(coreS + (<usize>s << 3)));
      if (c < kv0 && chordBound(lo, s, path, slack) < kv0) {
        const acc = <f64>dotRowLocal(curRow, rows + <usize>s * rowBytes, rowBytes);
        remember(lo, s, acc, tau, path);
        relax(ds, cur, s, acc, c, kv0, tau, key, fromS, idx);
      }
      const kv = load<f64>(key + (<usize>s << 3));
      const j = load<i32>(idx + (<usize>s << 2));
      if (kv < nextW || (kv == nextW && j < next)) { nextW = kv; next = j; nextSlot = s; }
    }
    store<i32>(from + (<usize>e << 2), load<i32>(fromS + (<usize>nextSlot << 2)));
    store<i32>(to + (<usize>e << 2), next);
    store<f64>(weight + (<usize>e << 3), nextW);
    // Swap-remove the chosen slot; its row is read from the dataset from now on.
    m--;
    if (nextSlot != m) {
      memory.copy(rows + <usize>nextSlot * rowBytes, rows + <usize>m * rowBytes, rowBytes);
      store<f64>(key + (<usize>nextSlot << 3), load<f64>(key + (<usize>m << 3)));
      store<f64>(coreS + (<usize>nextSlot << 3), load<f64>(coreS + (<usize>m << 3)));
      store<i32>(fromS + (<usize>nextSlot << 2), load<i32>(fromS + (<usize>m << 2)));
      store<i32>(idx + (<usize>nextSlot << 2), load<i32>(idx + (<usize>m << 2)));
      store<f64>(lo + (<usize>nextSlot << 3), load<f64>(lo + (<usize>m << 3)));
    }
    const nextRow = xn + <usize>next * rowBytes;
    // Upper bound of the chord from the current row to the next one.
    const sim = <f64>dotRowLocal(curRow, nextRow, rowBytes);
    path += Math.sqrt(2 * max(0, 1 - sim + tau)) * (1 + 1e-12) + 1e-12;
    cur = next;
    curRow = nextRow;
  }
}

/**
 * Lower bound of d(current row, slot s) from its remembered chord bound:
 * (chord − path walked since)² / 2, or −∞ when nothing is known.
 */
@inline function chordBound(lo: usize, s: i32, path: f64, slack: f64): f64 {
  const c = load<f64>(lo + (<usize>s << 3)) - path - slack;
  return c > 0 ? 0.5 * c * c : -Infinity;
}

/** Store a lower bound of the chord to the current row, offset by the path walked so far. */
@inline function remember(lo: usize, s: i32, sim: f64, tau: f64, path: f64): void {
  const d = 1 - sim - tau;
  store<f64>(lo + (<usize>s << 3), d > 0 ? Math.sqrt(2 * d) * (1 - 1e-12) + path : -Infinity);
}

/** Update slot s from the row just added, when the exact value can beat its key. */
@inline function relax(
  ds: usize, cur: i32, s: i32, sim: f64, coreMax: f64, k: f64, tau: f64, key: usize, fromS: usize, idx: usize,
): void {
  if (max(coreMax, 1 - sim - tau) >= k) return;
  const j = load<i32>(idx + (<usize>s << 2));
  const mr = max(coreMax, exactDistance(ds, cur, ds, j));
  if (mr < k) {
    store<f64>(key + (<usize>s << 3), mr);
    store<i32>(fromS + (<usize>s << 2), cur);
  }
}

@inline function reduce4(a0: v128, a1: v128, a2: v128, a3: v128): v128 {
  const s01 = f32x4.add(f32x4.shuffle(a0, a1, 0, 4, 1, 5), f32x4.shuffle(a0, a1, 2, 6, 3, 7));
  const s23 = f32x4.add(f32x4.shuffle(a2, a3, 0, 4, 1, 5), f32x4.shuffle(a2, a3, 2, 6, 3, 7));
  return f32x4.add(f32x4.shuffle(s01, s23, 0, 1, 4, 5), f32x4.shuffle(s01, s23, 2, 3, 6, 7));
}

@inline function dotRowLocal(a: usize, b: usize, bytes: usize): f32 {
  let acc = f32x4.splat(0);
  for (let t: usize = 0; t < bytes; t += 16) acc = f32x4.add(acc, f32x4.mul(v128.load(a + t), v128.load(b + t)));
  const z = f32x4.splat(0);
  return f32x4.extract_lane(reduce4(acc, z, z, z), 0);
}
