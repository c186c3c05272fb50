/**
 * Approximate HDBSCAN, step 2: a minimum spanning tree of the mutual-reachability
 * graph restricted to the kNN edges, with the parts that graph leaves
 * disconnected joined by their closest pairs.
 *
 * Kruskal over the kNN edges, weight mr(i, j) = max(core[i], core[j], d(i, j)),
 * in the total order (weight, lower row, higher row) — fast_hdbscan's lexsort —
 * so the forest never depends on the order edges were found in. Well-separated
 * groups (blobs, templated postings) are separate trees of that forest; they are
 * joined Borůvka-style: every part but the largest finds its lightest
 * mutual-reachability edge to rows outside it, searched among the outside rows
 * of the JOIN_CELLS cells nearest to it (one cell search per round, without the
 * proof, as the graph's, keeping the screen's distances: `lightestEdgePerPart` asks exact
 * distances only of the pairs that may be a part's lightest), and the lightest
 * of those edges (same total order) are added until one tree remains. Each part's
 * edge is the true lightest edge out of it whenever its true partner lies in
 * those cells (up to a near-tie the screen cannot order, as in the graph); the edges found are always real mutual-reachability distances, so
 * the tree above the clusters has the right shape and nearly the right heights.
 */
import {
  distancesToRows,
  type CellSearch,
  type ComputeOptions,
  type LoadedQueries,
  type Matrix,
  type Neighbors,
  type SpanningTree,
} from '../../core/index.js';
import { csr, identity, lightestEdgePerPart, sortedOrder, UnionFind, type Edges } from './edge-list.js';
import { joinByRepresentatives } from './join-by-representatives.js';
import type { Cells } from './partitioned-knn.js';

/** Cells searched for each part's lightest outgoing edge (2 and 4 gave the same labels at 10k blobs and 100k corpus-like). */
const JOIN_CELLS = 2;
/** Nearest outside rows examined per row of a part. */
const JOIN_NEIGHBOURS = 16;

/**
 * The kNN graph's edges, each pair once (a pair found from both ends has the same
 * distance: the exact distance is symmetric), with mutual-reachability weights, in
 * (from, to) order: bucketed by the lower row, each bucket sorted by the higher.
 */
function graphEdges(neighbors: Neighbors, core: Float64Array): Edges {
  const { n, k, indices, distances } = neighbors;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < k; q++) {
      const j = indices[i * k + q];
      if (j >= 0) offsets[Math.min(i, j) + 1]++;
    }
  }
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const higher = new Int32Array(offsets[n]),
    distance = new Float64Array(offsets[n]);
  const fill = offsets.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let q = 0; q < k; q++) {
      const j = indices[i * k + q];
      if (j < 0) continue;
      const t = fill[Math.min(i, j)]++;
      higher[t] = Math.max(i, j);
      distance[t] = distances[i * k + q];
    }
  }
  const from = new Int32Array(offsets[n]),
    to = new Int32Array(offsets[n]),
    weight = new Float64Array(offsets[n]);
  let m = 0;
  for (let a = 0; a < n; a++) {
    const start = m;
    for (let t = offsets[a]; t < offsets[a + 1]; t++) {
      // Insertion into this bucket's sorted run (buckets hold ≈ k entries); a pair seen twice is kept once.
      const b = higher[t];
      let p = m;
      while (p > start && to[p - 1] > b) p--;
      if (p > start && to[p - 1] === b) continue;
      for (let u = m; u > p; u--) {
        to[u] = to[u - 1];
        weight[u] = weight[u - 1];
      }
      to[p] = b;
      from[m] = a;
      weight[p] = Math.max(core[a], core[b], distance[t]);
      m++;
    }
  }
  return { from, to, weight, length: m };
}

/**
 * Minimum spanning tree (n − 1 edges, in the total order (weight, from, to)) of the
 * mutual-reachability graph on the kNN edges, parts joined as described above.
 */
export function graphMst(
  X: Matrix,
  neighbors: Neighbors,
  core: Float64Array,
  cells: Cells,
  options: ComputeOptions,
  /** The cell search over X (loaded once for the graph and all joins), and its other queries. */
  search: CellSearch,
  queries: LoadedQueries,
  /** Called at the end of each step with its name (benchmarks/hdbscan-phases.ts times them). */
  clock: (step: string) => void = () => {},
): SpanningTree {
  const n = X.rows;
  const uf = new UnionFind(n);
  const tree: Edges = { from: new Int32Array(n - 1), to: new Int32Array(n - 1), weight: new Float64Array(n - 1), length: 0 };
  const accept = (edges: Edges, inPairOrder = false): void => {
    for (const e of sortedOrder(edges, inPairOrder)) {
      if (uf.union(edges.from[e], edges.to[e])) {
        tree.from[tree.length] = edges.from[e];
        tree.to[tree.length] = edges.to[e];
        tree.weight[tree.length] = edges.weight[e];
        tree.length++;
      }
    }
  };
  const edges = graphEdges(neighbors, core);
  clock('graph edges');
  accept(edges, true);
  clock('Kruskal on the graph (sort + union-find)');
  if (tree.length < n - 1) joinByRepresentatives(X, core, cells, uf, accept, options, search, queries);
  clock('join through representatives');
  if (tree.length < n - 1) joinParts(X, core, cells, uf, accept, options, search, queries);
  clock('join by closest pairs');
  // Final order for the single-linkage replay.
  const order = sortedOrder(tree);
  clock('final sort');
  const m = order.length;
  const sorted: SpanningTree = { from: new Int32Array(m), to: new Int32Array(m), weight: new Float64Array(m) };
  for (let t = 0; t < m; t++) {
    const e = order[t];
    sorted.from[t] = tree.from[e];
    sorted.to[t] = tree.to[e];
    sorted.weight[t] = tree.weight[e];
  }
  return sorted;
}

function joinParts(
  X: Matrix,
  core: Float64Array,
  cells: Cells,
  uf: UnionFind,
  accept: (edges: Edges) => void,
  options: ComputeOptions,
  search: CellSearch,
  queries: LoadedQueries,
): void {
  const n = X.rows;
  const nCells = cells.centroids.rows;
  const primary = new Int32Array(n);
  for (let i = 0; i < n; i++) primary[i] = cells.nearest[i * cells.overlap];
  // Cell-to-cell centroid distances (nCells² values: 8 MB at a million rows).
  const cellDistance = distancesToRows(cells.centroids, identity(nCells), options);
  const cellRows = csr(primary, nCells);
  for (;;) {
    const root = uf.roots();
    const parts = csr(root, n);
    let largest = -1;
    let nParts = 0;
    for (let r = 0; r < n; r++) {
      const size = parts.offsets[r + 1] - parts.offsets[r];
      if (size === 0) continue;
      nParts++;
      if (largest < 0 || size > parts.offsets[largest + 1] - parts.offsets[largest]) largest = r;
    }
    if (nParts <= 1) return;
    // One kernel call per round: every part but the largest is a "cell" whose
    // candidates are the outside rows of the cells nearest to it.
    const partOf = new Int32Array(n).fill(nParts - 1); // the largest part: a cell with no candidates
    const partRoots: number[] = [];
    const candOffsets: number[] = [0];
    const cand: number[] = [];
    for (let r = 0; r < n; r++) {
      const rows = parts.indices.subarray(parts.offsets[r], parts.offsets[r + 1]);
      if (rows.length === 0 || r === largest) continue;
      for (const i of rows) partOf[i] = partRoots.length;
      partRoots.push(r);
      // The part's cells, then the cells nearest to them that hold outside rows, until
      // JOIN_CELLS such cells and more than JOIN_NEIGHBOURS outside rows are found.
      const own = new Uint8Array(nCells);
      for (const i of rows) own[primary[i]] = 1;
      const near = new Float64Array(nCells).fill(Infinity);
      for (let c = 0; c < nCells; c++) {
        if (!own[c]) continue;
        for (let o = 0; o < nCells; o++) near[o] = Math.min(near[o], cellDistance[c * nCells + o]);
      }
      const ranked = identity(nCells).sort((a, b) => near[a] - near[b] || a - b);
      const outside: number[] = [];
      let taken = 0;
      for (const c of ranked) {
        if (taken >= JOIN_CELLS && outside.length > JOIN_NEIGHBOURS) break;
        const before = outside.length;
        for (let t = cellRows.offsets[c]; t < cellRows.offsets[c + 1]; t++) {
          const j = cellRows.indices[t];
          if (root[j] !== r) outside.push(j);
        }
        if (outside.length > before) taken++;
      }
      outside.sort((a, b) => a - b);
      for (const j of outside) cand.push(j);
      candOffsets.push(cand.length);
    }
    candOffsets.push(cand.length); // the largest part's empty cell
    const kq = JOIN_NEIGHBOURS;
    const nb = search(kq, partOf, Int32Array.from(candOffsets), Int32Array.from(cand), 'screen');
    const found = lightestEdgePerPart(nb, kq, core, partOf, partRoots.length, { error: queries.screenError, exact: queries.pairDistances });
    accept(found);
  }
}
