/**
 * Approximate HDBSCAN, step 2b: joining the kNN graph's parts through
 * representatives, before the closest-pair join of graph-mst.ts.
 *
 * Why: on data with groups of near-copies (templated postings; the benchmark's
 * corpus-like set is ≈ 33 jittered copies of each of 3,000 real vectors) every
 * row's nearest neighbours are its own copies, the kNN graph falls into one part
 * per group, and the closest-pair join searched every row of every part against
 * the ≈ 2,700 rows of the two nearest cells, round after round: 9 of the 15 CPU
 * seconds at 100k.
 *
 * How: the *groups* are the parts of the kNN graph's forest (one per set of
 * near-copies there); each group's representative is its lowest row. Once, the
 * representatives' REPRESENTATIVE_NEIGHBOURS nearest other representatives are
 * found (exact all pairs among ≈ n/33 rows; cells above EXACT_REPRESENTATIVES_MAX).
 * Then Borůvka rounds: every group outside the largest part takes as partners the
 * first PARTNERS groups on its representative's list that lie outside its part,
 * and the closest-pair step runs restricted to them: every row of the group
 * searches its PAIR_NEIGHBOURS nearest rows among the partners' rows (the cell search
 * without the proof, as the graph's: the proof's rescans of near-copies cost 4–10 ms of a
 * 10k fit and changed no label on the 10k and 100k benchmark sets; and with the screen's
 * distances, exact ones only for the pairs that may be a part's lightest edge; whole groups
 * up to WHOLE_GROUP_MAX rows; of a larger group, its rows among the candidates of
 * the representative's cell). The lightest mutual-reachability edge found per part
 * (total order (weight, from, to)) is added: a real edge between rows of the two
 * parts, the lightest the search sees — never the representatives' own edge. Rounds
 * stop when no part finds an edge (or after MAX_ROUNDS); the closest-pair join of graph-mst.ts joins
 * whatever is left (on blobs the graph is usually whole and neither join runs).
 *
 * Deterministic for any thread count: the searches are kernel calls (`knn`, the cell search),
 * everything else runs in row order on the calling thread.
 */
import { knn, selectRows, type CellSearch, type ComputeOptions, type LoadedQueries, type Matrix } from '../../core/index.js';
import { csr, lightestEdgePerPart, type Edges, type UnionFind } from './edge-list.js';
import { buildCells, partitionedKnn, type Cells } from './partitioned-knn.js';

/** Nearest other representatives of each representative, found once (a group's partners are among them). */
const REPRESENTATIVE_NEIGHBOURS = 32;
/** Partner groups (nearest representatives outside the part) searched per group and round. */
const PARTNERS = 3;
/** Above this many groups the representatives' neighbours come from the cell search, not all pairs. */
const EXACT_REPRESENTATIVES_MAX = 20_000;
/** Nearest partner rows of each row of a group in the closest-pair step. */
const PAIR_NEIGHBOURS = 8;
/** Partner groups up to this size are searched whole, larger ones through the rows found. */
const WHOLE_GROUP_MAX = 256;
/**
 * Rounds at most. A round in which only a few parts find a partner (their groups'
 * lists lie inside their own part) would otherwise repeat once per join; the
 * closest-pair join, where every part finds an edge, finishes those in few rounds.
 */
const MAX_ROUNDS = 16;

export function joinByRepresentatives(
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
  // Groups: the forest's parts at entry, numbered in order of their lowest row.
  const entryRoot = uf.roots();
  const groupOfRoot = new Int32Array(n).fill(-1);
  const groupOf = new Int32Array(n);
  let nGroups = 0;
  for (let i = 0; i < n; i++) {
    const r = entryRoot[i];
    if (groupOfRoot[r] < 0) groupOfRoot[r] = nGroups++;
    groupOf[i] = groupOfRoot[r];
  }
  if (nGroups <= 1) return;
  const groups = csr(groupOf, nGroups);
  const representative = Int32Array.from({ length: nGroups }, (_, g) => groups.indices[groups.offsets[g]]);
  const cellCandidates = candidatesByCell(cells, n);
  const repKnn = representativesKnn(X, representative, options);

  for (let round = 0; round < MAX_ROUNDS; round++) {
    const root = uf.roots();
    const largest = largestPart(root, uf);
    // Groups that search this round: those outside the largest part.
    const searching: number[] = [];
    for (let g = 0; g < nGroups; g++) if (root[representative[g]] !== largest) searching.push(g);
    if (searching.length === 0) return;
    const partners = partnerRows(root, groups, groupOf, representative, repKnn, searching, cells, cellCandidates);
    const edges = lightestEdges(X, core, root, groups, searching, partners, search, queries);
    if (edges.length === 0) return;
    accept(edges);
  }
}

/** Candidate rows of each cell, as the graph's kNN searched them (rows with c among their nearest cells), ascending. */
function candidatesByCell(cells: Cells, n: number): { offsets: Int32Array; indices: Int32Array } {
  const nCells = cells.centroids.rows;
  const { nearest, overlap } = cells;
  const offsets = new Int32Array(nCells + 1);
  for (let t = 0; t < n * overlap; t++) offsets[nearest[t] + 1]++;
  for (let c = 0; c < nCells; c++) offsets[c + 1] += offsets[c];
  const indices = new Int32Array(n * overlap);
  const fill = offsets.slice(0, nCells);
  for (let i = 0; i < n; i++) for (let o = 0; o < overlap; o++) indices[fill[nearest[i * overlap + o]]++] = i;
  return { offsets, indices };
}

function largestPart(root: Int32Array, uf: UnionFind): number {
  let largest = -1;
  for (let i = 0; i < root.length; i++) {
    const r = root[i];
    if (r !== i) continue;
    if (largest < 0 || uf.size[r] > uf.size[largest]) largest = r;
  }
  return largest;
}

/** The representatives' nearest other representatives (group ids, nGroups × k), exact up to 20,000 groups. */
function representativesKnn(X: Matrix, representative: Int32Array, options: ComputeOptions): { k: number; groups: Int32Array } {
  const R = selectRows(X, representative);
  const k = Math.min(REPRESENTATIVE_NEIGHBOURS, R.rows - 1);
  const nb =
    R.rows <= EXACT_REPRESENTATIVES_MAX
      ? knn(R, k, options)
      : partitionedKnn(R, k, buildCells(R, { ...options, cellSize: 1000, overlap: 3, seed: 1 }), options);
  return { k, groups: nb.indices };
}

/**
 * Candidate rows of each searching group for the closest-pair step: the rows of its
 * first PARTNERS rep-neighbour groups outside its part (whole groups up to
 * WHOLE_GROUP_MAX rows; of a larger group, its rows among the candidates of the
 * representative's cell), ascending. Empty when no rep-neighbour lies outside.
 */
function partnerRows(
  root: Int32Array,
  groups: { offsets: Int32Array; indices: Int32Array },
  groupOf: Int32Array,
  representative: Int32Array,
  repKnn: { k: number; groups: Int32Array },
  searching: number[],
  cells: Cells,
  cellCandidates: { offsets: Int32Array; indices: Int32Array },
): Int32Array[] {
  const k = repKnn.k;
  return searching.map((g) => {
    const rows: number[] = [];
    const own = root[representative[g]];
    let partners = 0;
    for (let t = 0; t < k && partners < PARTNERS; t++) {
      const h = repKnn.groups[g * k + t];
      if (h < 0) break;
      if (root[representative[h]] === own) continue;
      partners++;
      const size = groups.offsets[h + 1] - groups.offsets[h];
      if (size <= WHOLE_GROUP_MAX) {
        for (let u = groups.offsets[h]; u < groups.offsets[h + 1]; u++) rows.push(groups.indices[u]);
      } else {
        const cell = cells.nearest[representative[g] * cells.overlap];
        for (let u = cellCandidates.offsets[cell]; u < cellCandidates.offsets[cell + 1]; u++) {
          const j = cellCandidates.indices[u];
          if (groupOf[j] === h) rows.push(j);
        }
      }
    }
    return Int32Array.from(rows).sort();
  });
}

/**
 * The closest-pair step: every row of a searching group against its group's
 * partner rows; for each part, the lightest mutual-reachability edge found, in
 * the order (weight, from, to). A group with PAIR_NEIGHBOURS or fewer partner rows
 * finds nothing (the kernel needs k + 1 candidates); later rounds or the
 * closest-pair join cover its part.
 */
function lightestEdges(
  X: Matrix,
  core: Float64Array,
  root: Int32Array,
  groups: { offsets: Int32Array; indices: Int32Array },
  searching: number[],
  partners: Int32Array[],
  search: CellSearch,
  queries: LoadedQueries,
): Edges {
  const n = X.rows;
  const k = PAIR_NEIGHBOURS;
  const slots = searching.length;
  const offsets = new Int32Array(slots + 2);
  for (let s = 0; s < slots; s++) offsets[s + 1] = offsets[s] + partners[s].length;
  offsets[slots + 1] = offsets[slots];
  const candidates = new Int32Array(offsets[slots]);
  partners.forEach((rows, s) => candidates.set(rows, offsets[s]));
  const slotOf = new Int32Array(n).fill(slots);
  searching.forEach((g, s) => {
    for (let u = groups.offsets[g]; u < groups.offsets[g + 1]; u++) slotOf[groups.indices[u]] = s;
  });
  const nb = search(k, slotOf, offsets, candidates, 'screen');
  // Lightest edge per part, indexed by the part's root (rows of no searching group: n, skipped).
  const partOf = new Int32Array(n);
  for (let a = 0; a < n; a++) partOf[a] = slotOf[a] === slots ? n : root[a];
  const best = lightestEdgePerPart(nb, k, core, partOf, n, { error: queries.screenError, exact: queries.pairDistances });
  const kept: number[] = [];
  for (let p = 0; p < n; p++) if (best.from[p] >= 0) kept.push(p);
  return {
    from: Int32Array.from(kept, (p) => best.from[p]),
    to: Int32Array.from(kept, (p) => best.to[p]),
    weight: Float64Array.from(kept, (p) => best.weight[p]),
    length: kept.length,
  };
}
