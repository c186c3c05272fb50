/**
 * Document-map layout: UMAP (McInnes, Healy & Melville 2018) in two dimensions on
 * the compute core's exact cosine kNN graph.
 *
 *   const xy = umapLayout(X, { seed: 1 });   // Float32Array n × 2: x0, y0, x1, y1, …
 *
 * Steps, as in umap-learn (what differs, and why, is said where it happens):
 * 1. kNN: `knn(X, nNeighbors − 1)` (umap-learn counts the row itself as its first
 *    neighbour; the core does not).
 * 2. Fuzzy simplicial set: per row, ρ = distance to the nearest non-identical
 *    neighbour and σ such that Σ exp(−max(0, d − ρ)/σ) = log2(nNeighbors); edge
 *    weight exp(−max(0, d − ρ)/σ); symmetrised by fuzzy union w + wᵀ − w∘wᵀ.
 * 3. Initial layout: the first two principal components of the unit rows (or
 *    seeded uniform random), each axis scaled to [0, 10]. Spectral initialisation
 *    (umap-learn's default) needs the graph Laplacian's eigenvectors, costly at
 *    36k rows; PCA initialisation keeps the global arrangement that random
 *    initialisation loses (Kobak & Linderman, Nat. Biotechnol. 39, 2021).
 * 4. Stochastic gradient descent with negative sampling in WebAssembly
 *    (assembly/umap.ts), epoch-synchronous per fixed vertex partition, so that the
 *    layout is the same bit for bit for any thread count.
 */
import { check, InputError } from './errors.js';
import { knn, type Neighbors } from './kernels.js';
import { validateMatrix, type Matrix } from './matrix.js';
import { parallelFor, resolveThreads } from './pool.js';
import { Random } from './random.js';
import { wasmRuntime } from './wasm/runtime.js';

export interface UmapLayoutOptions {
  /** Neighbourhood size, the row itself counted as in umap-learn (default 15; clamped to the row count). */
  nNeighbors?: number;
  /** How tightly points may pack in the layout, in [0, 1] (default 0.1). */
  minDist?: number;
  /** Optimisation epochs (default 500 up to 10,000 rows, else 200, as umap-learn); 0 returns the initial layout. */
  nEpochs?: number;
  /** Initial layout: 'pca' (default) or 'random'. */
  init?: 'pca' | 'random';
  /** Seed of the initial layout's noise and of the negative sampling (default 0). */
  seed?: number;
  /**
   * kNN of X computed beforehand (e.g. by the pipeline), with k ≥ nNeighbors − 1;
   * only the first nNeighbors − 1 neighbours of each row are used.
   */
  neighbors?: Neighbors;
  /** Threads of the compute core (default: all cores). The layout does not depend on it. */
  threads?: number;
}

/** Optimisation constants of umap-learn: learning rate, repulsion strength, negatives per positive. */
const LEARNING_RATE = 1;
const REPULSION_STRENGTH = 1;
const NEGATIVE_SAMPLE_RATE = 5;
/** Curve spread (umap-learn's `spread`); minDist is measured against it. */
const SPREAD = 1;
/**
 * Vertex partitions of the SGD. Fixed (never derived from the thread count) so that
 * the layout is thread-independent; 32 keeps two to eight threads busy while most
 * reads of other vertices come from the epoch's snapshot (see assembly/umap.ts).
 */
const PARTITIONS = 32;

/**
 * 2-D UMAP layout of the rows of X (cosine): a Float32Array of n × 2 coordinates,
 * row i at [2i, 2i + 1]. Seeded; identical for any `threads`.
 */
export function umapLayout(X: Matrix, options: UmapLayoutOptions = {}): Float32Array {
  return umapLayoutUntil(X, options, () => false).layout;
}

/**
 * A layout stopped between two epochs: the epoch to run next and the optimisation's
 * state (coordinates and each edge's next sampling epochs). Epochs do not depend on
 * the thread count, so `resumeUmapLayout` on any thread finishes the same layout.
 */
export interface UmapProgress {
  readonly epoch: number;
  /** The fuzzy graph the epochs sample (rebuilding it costs about as much as 15 epochs). */
  readonly graph: FuzzyGraph;
  readonly layout: Float32Array;
  readonly nextSample: Float64Array;
  readonly nextNegative: Float64Array;
}

/**
 * `umapLayout` that asks `shouldStop(epoch)` before every epoch and, when told to,
 * returns its progress instead of finishing (the pipeline's map hands its last epochs
 * from a worker to every thread once the other stages are done).
 */
export function umapLayoutUntil(
  X: Matrix,
  options: UmapLayoutOptions,
  shouldStop: (epoch: number) => boolean,
): { layout: Float32Array; progress: UmapProgress | null } {
  const plan = planLayout(X, options);
  if (plan.n === 0) return { layout: new Float32Array(0), progress: null };
  if (plan.n === 1) return { layout: new Float32Array(2), progress: null };
  const layout = plan.init === 'pca' ? pcaLayout(X, plan.seed) : randomLayout(plan.n, plan.seed);
  if (plan.nEpochs === 0) return { layout, progress: null };
  const progress = optimizeLayout(layout, plan.graph(), plan, null, shouldStop);
  return { layout, progress };
}

/** Finishes a layout `umapLayoutUntil` stopped, with the same X and options (threads apart; neighbours not needed). */
export function resumeUmapLayout(X: Matrix, options: UmapLayoutOptions, progress: UmapProgress): Float32Array {
  const plan = planLayout(X, options);
  if (!(progress.layout instanceof Float32Array) || progress.layout.length !== plan.n * 2 || progress.graph?.n !== plan.n)
    throw new InputError(`progress must be the UmapProgress of a layout of X's ${plan.n} rows.`);
  const layout = Float32Array.from(progress.layout);
  optimizeLayout(layout, progress.graph, plan, progress, () => false);
  return layout;
}

/** Checked options and the fuzzy graph (built on demand) of a layout of X. */
function planLayout(X: Matrix, options: UmapLayoutOptions) {
  validateMatrix(X, 'X');
  const n = X.rows;
  const nNeighbors = check.integer('nNeighbors', options.nNeighbors ?? 15, 2, 1000);
  const minDist = check.number('minDist', options.minDist ?? 0.1, 0, SPREAD);
  const nEpochs = check.integer('nEpochs', options.nEpochs ?? (n <= 10_000 ? 500 : 200), 0, 100_000);
  const init = check.oneOf('init', options.init ?? 'pca', ['pca', 'random'] as const);
  const seed = check.integer('seed', options.seed ?? 0, 0, 0xffffffff);
  const threads = resolveThreads(options.threads);
  const { a, b } = fitCurve(minDist, SPREAD);
  const graph = (): FuzzyGraph => {
    const k = Math.min(nNeighbors - 1, n - 1);
    const neighbors = options.neighbors ? checkNeighbors(options.neighbors, n, k) : knn(X, k, { threads });
    return fuzzyGraph(neighbors, k, Math.min(nNeighbors, n));
  };
  return { n, nEpochs, init, seed, threads, a, b, graph };
}

function checkNeighbors(neighbors: Neighbors, n: number, k: number): Neighbors {
  if (!neighbors || neighbors.n !== n || !(neighbors.indices instanceof Int32Array) || !(neighbors.distances instanceof Float64Array)) {
    throw new InputError(`neighbors must be the Neighbors of X's ${n} rows (as knn(X, k) returns).`);
  }
  if (neighbors.k < k) throw new InputError(`neighbors has k = ${neighbors.k}, nNeighbors needs at least ${k}.`);
  return neighbors;
}

/** Symmetric fuzzy graph as CSR by head vertex: both directions of every edge, tails ascending. */
export interface FuzzyGraph {
  n: number;
  offsets: Int32Array;
  tails: Int32Array;
  weights: Float64Array;
}

/** Binary-search steps and tolerance of σ (umap-learn's smooth_knn_dist). */
const SIGMA_STEPS = 64;
const SIGMA_TOLERANCE = 1e-5;
/** σ is at least this share of the row's mean neighbour distance, so that no row's weights collapse. */
const MIN_SIGMA_SCALE = 1e-3;

/**
 * Step 2: membership strengths of the first k neighbours of every row, then the
 * fuzzy union. `target` is the neighbourhood size whose log2 the memberships sum to.
 */
export function fuzzyGraph(neighbors: Neighbors, k: number, target: number): FuzzyGraph {
  const n = neighbors.n;
  const stride = neighbors.k;
  const goal = Math.log2(target);
  let meanAll = 0;
  for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) meanAll += neighbors.distances[i * stride + j];
  meanAll /= n * k;

  // Directed memberships, row i's k neighbours, in neighbour order.
  const member = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const o = i * stride;
    let rho = 0,
      mean = 0;
    for (let j = 0; j < k; j++) {
      const d = neighbors.distances[o + j];
      mean += d;
      if (rho === 0 && d > 0) rho = d;
    }
    mean /= k;
    let lo = 0,
      hi = Infinity,
      sigma = 1;
    for (let step = 0; step < SIGMA_STEPS; step++) {
      let sum = 0;
      for (let j = 0; j < k; j++) {
        const excess = neighbors.distances[o + j] - rho;
        sum += excess > 0 ? Math.exp(-excess / sigma) : 1;
      }
      if (Math.abs(sum - goal) < SIGMA_TOLERANCE) break;
      if (sum > goal) {
        hi = sigma;
        sigma = (lo + hi) / 2;
      } else {
        lo = sigma;
        sigma = hi === Infinity ? sigma * 2 : (lo + hi) / 2;
      }
    }
    sigma = Math.max(sigma, MIN_SIGMA_SCALE * (rho > 0 ? mean : meanAll));
    for (let j = 0; j < k; j++) {
      const excess = neighbors.distances[o + j] - rho;
      member[i * k + j] = excess <= 0 || sigma === 0 ? 1 : Math.exp(-excess / sigma);
    }
  }

  // Fuzzy union. An edge i → j whose reverse j → i exists is emitted from both sides;
  // one without a reverse is emitted in both directions from i.
  const reverse = (i: number, j: number): number => {
    for (let t = 0; t < k; t++) if (neighbors.indices[j * stride + t] === i) return member[j * k + t];
    return -1;
  };
  const heads: number[] = [],
    tails: number[] = [],
    weights: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < k; t++) {
      const j = neighbors.indices[i * stride + t];
      const w = member[i * k + t];
      const back = reverse(i, j);
      const union = back < 0 ? w : w + back - w * back;
      if (union <= 0) continue;
      heads.push(i);
      tails.push(j);
      weights.push(union);
      if (back < 0) {
        heads.push(j);
        tails.push(i);
        weights.push(union);
      }
    }
  }
  // Counting sort by head, then tails ascending within a head: a fixed edge order.
  const offsets = new Int32Array(n + 1);
  for (const h of heads) offsets[h + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const fill = offsets.slice(0, n);
  const order = new Int32Array(heads.length);
  for (let e = 0; e < heads.length; e++) order[fill[heads[e]]++] = e;
  const sortedTails = new Int32Array(heads.length),
    sortedWeights = new Float64Array(heads.length);
  for (let i = 0; i < n; i++) {
    const run = Array.from(order.subarray(offsets[i], offsets[i + 1])).sort((a, b) => tails[a] - tails[b]);
    run.forEach((e, r) => {
      sortedTails[offsets[i] + r] = tails[e];
      sortedWeights[offsets[i] + r] = weights[e];
    });
  }
  return { n, offsets, tails: sortedTails, weights: sortedWeights };
}

/** Rows the principal directions are computed from (evenly spaced): plenty for two directions. */
const PCA_SAMPLE_ROWS = 8192;
const PCA_ITERATIONS = 200;
/** Initial layouts span [0, 10] on each axis, as umap-learn's. */
const INIT_RANGE = 10;
/** Noise that separates rows with the same initial position (identical rows), as umap-learn adds. */
const INIT_NOISE = 1e-4;

/**
 * Step 3: the rows' coordinates on the first two principal directions of the unit
 * rows (computed on an evenly spaced sample by power iteration on the 2 × d
 * subspace, from a fixed start), each axis scaled to [0, 10], plus seeded noise.
 */
export function pcaLayout(X: Matrix, seed: number): Float32Array {
  const { rows: n, cols: d } = X;
  const unit = (i: number, out: Float64Array): void => {
    let norm = 0;
    for (let t = 0; t < d; t++) norm += X.data[i * d + t] ** 2;
    const inv = 1 / Math.sqrt(norm);
    for (let t = 0; t < d; t++) out[t] = X.data[i * d + t] * inv;
  };
  const s = Math.min(n, PCA_SAMPLE_ROWS);
  const x = new Float64Array(d);
  const mean = new Float64Array(d);
  const cov = new Float64Array(d * d);
  for (let r = 0; r < s; r++) {
    unit(Math.floor((r * n) / s), x);
    for (let a = 0; a < d; a++) {
      mean[a] += x[a];
      for (let c = a; c < d; c++) cov[a * d + c] += x[a] * x[c];
    }
  }
  for (let a = 0; a < d; a++) mean[a] /= s;
  for (let a = 0; a < d; a++) {
    for (let c = a; c < d; c++) {
      cov[a * d + c] = cov[a * d + c] / s - mean[a] * mean[c];
      cov[c * d + a] = cov[a * d + c];
    }
  }
  const basis = leadingDirections(cov, d);
  const layout = new Float32Array(n * 2);
  const coords = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    unit(i, x);
    for (let c = 0; c < 2; c++) {
      let p = 0;
      for (let t = 0; t < d; t++) p += (x[t] - mean[t]) * basis[c * d + t];
      coords[i * 2 + c] = p;
    }
  }
  const random = new Random(seed);
  for (let c = 0; c < 2; c++) {
    let lo = Infinity,
      hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, coords[i * 2 + c]);
      hi = Math.max(hi, coords[i * 2 + c]);
    }
    // An axis with no spread (one distinct row, or d = 1) starts uniform instead.
    for (let i = 0; i < n; i++) {
      const v = hi > lo ? ((coords[i * 2 + c] - lo) / (hi - lo)) * INIT_RANGE : random.next() * INIT_RANGE;
      layout[i * 2 + c] = v;
    }
  }
  for (let i = 0; i < n * 2; i++) layout[i] += INIT_NOISE * random.normal();
  return layout;
}

/** The two leading eigenvectors of a symmetric d × d matrix, rows of a 2 × d array. */
function leadingDirections(m: Float64Array, d: number): Float64Array {
  const v = new Float64Array(2 * d);
  const random = new Random(0x5eed);
  for (let i = 0; i < v.length; i++) v[i] = random.normal();
  const w = new Float64Array(2 * d);
  for (let it = 0; it < PCA_ITERATIONS; it++) {
    w.fill(0);
    for (let c = 0; c < 2; c++) {
      for (let a = 0; a < d; a++) {
        let sum = 0;
        for (let t = 0; t < d; t++) sum += m[a * d + t] * v[c * d + t];
        w[c * d + a] = sum;
      }
    }
    // Gram–Schmidt keeps the second direction orthogonal to the first.
    let dot = 0,
      n0 = 0;
    for (let t = 0; t < d; t++) n0 += w[t] ** 2;
    const inv0 = n0 > 0 ? 1 / Math.sqrt(n0) : 0;
    for (let t = 0; t < d; t++) v[t] = w[t] * inv0;
    for (let t = 0; t < d; t++) dot += w[d + t] * v[t];
    let n1 = 0;
    for (let t = 0; t < d; t++) n1 += (w[d + t] - dot * v[t]) ** 2;
    const inv1 = n1 > 0 ? 1 / Math.sqrt(n1) : 0;
    for (let t = 0; t < d; t++) v[d + t] = (w[d + t] - dot * v[t]) * inv1;
  }
  return v;
}

/** umap-learn's random initialisation: uniform on [0, 10]² (seeded). */
export function randomLayout(n: number, seed: number): Float32Array {
  const random = new Random(seed);
  const layout = new Float32Array(n * 2);
  for (let i = 0; i < layout.length; i++) layout[i] = random.next() * INIT_RANGE;
  return layout;
}

/**
 * a and b of the layout's similarity curve 1 / (1 + a·x^(2b)), least-squares fitted
 * (Levenberg–Marquardt) to 1 for x < minDist and exp(−(x − minDist)/spread) beyond,
 * on 300 points of [0, 3·spread], as umap-learn's find_ab_params does with scipy.
 */
export function fitCurve(minDist: number, spread: number): { a: number; b: number } {
  const xs = Array.from({ length: 300 }, (_, i) => (i * 3 * spread) / 299);
  const ys = xs.map((x) => (x < minDist ? 1 : Math.exp(-(x - minDist) / spread)));
  const loss = (a: number, b: number): number => xs.reduce((s, x, i) => s + (1 / (1 + a * x ** (2 * b)) - ys[i]) ** 2, 0);
  let a = 1,
    b = 1,
    lambda = 1e-3,
    current = loss(a, b);
  for (let it = 0; it < 500; it++) {
    // Normal equations JᵀJ·δ = −Jᵀr of the 2-parameter problem.
    let jaa = 0,
      jab = 0,
      jbb = 0,
      ga = 0,
      gb = 0;
    xs.forEach((x, i) => {
      const p = x > 0 ? x ** (2 * b) : 0;
      const f = 1 / (1 + a * p);
      const r = f - ys[i];
      const da = -p * f * f;
      const db = x > 0 ? -a * p * 2 * Math.log(x) * f * f : 0;
      jaa += da * da;
      jab += da * db;
      jbb += db * db;
      ga += da * r;
      gb += db * r;
    });
    const maa = jaa * (1 + lambda),
      mbb = jbb * (1 + lambda);
    const det = maa * mbb - jab * jab;
    const stepA = (-ga * mbb + gb * jab) / det,
      stepB = (-gb * maa + ga * jab) / det;
    const next = loss(a + stepA, b + stepB);
    if (Number.isFinite(next) && next < current) {
      const done = current - next < 1e-15 * Math.max(1, current);
      a += stepA;
      b += stepB;
      current = next;
      lambda /= 10;
      if (done) break;
    } else {
      lambda *= 10;
      if (lambda > 1e12) break;
    }
  }
  return { a, b };
}

interface OptimizeOptions {
  a: number;
  b: number;
  nEpochs: number;
  seed: number;
  threads: number;
}

/**
 * Step 4, in place on `layout`. Edges lighter than max/nEpochs would never be
 * sampled and are dropped (as umap-learn does); an edge of weight w is sampled
 * every max/w epochs.
 */
function optimizeLayout(
  layout: Float32Array,
  graph: FuzzyGraph,
  { a, b, nEpochs, seed, threads }: OptimizeOptions,
  resume: UmapProgress | null,
  shouldStop: (epoch: number) => boolean,
): UmapProgress | null {
  const { n, offsets, tails, weights } = graph;
  let maxWeight = 0;
  for (const w of weights) maxWeight = Math.max(maxWeight, w);
  const keep = (w: number) => w >= maxWeight / nEpochs;
  const keptOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    let c = 0;
    for (let e = offsets[i]; e < offsets[i + 1]; e++) if (keep(weights[e])) c++;
    keptOffsets[i + 1] = keptOffsets[i] + c;
  }
  const m = keptOffsets[n];
  const keptTails = new Int32Array(m),
    period = new Float64Array(m);
  // Work per vertex ≈ its samples per epoch, for balanced partitions.
  const work = new Float64Array(n);
  for (let i = 0, o = 0; i < n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (!keep(weights[e])) continue;
      keptTails[o] = tails[e];
      period[o++] = maxWeight / weights[e];
      work[i] += weights[e] / maxWeight;
    }
  }
  const partitions = partitionByWork(work, PARTITIONS);

  const rt = wasmRuntime();
  return rt.scoped((alloc): UmapProgress | null => {
    const pOffsets = alloc((n + 1) * 4),
      pTails = alloc(Math.max(1, m) * 4),
      pPeriod = alloc(Math.max(1, m) * 8),
      pNext = alloc(Math.max(1, m) * 8),
      pNextNegative = alloc(Math.max(1, m) * 8),
      pLive = alloc(n * 8),
      pSnapshot = alloc(n * 8),
      pParts = alloc(partitions.length * 4),
      params = alloc(rt.kernels().umapParamBytes());
    rt.i32(pOffsets, n + 1).set(keptOffsets);
    rt.i32(pTails, m).set(keptTails);
    rt.f64(pPeriod, m).set(period);
    if (resume) {
      if (resume.nextSample.length !== m || resume.nextNegative.length !== m || !(resume.epoch >= 0 && resume.epoch <= nEpochs))
        throw new InputError('progress does not belong to a layout of this graph and these options.');
      rt.f64(pNext, m).set(resume.nextSample);
      rt.f64(pNextNegative, m).set(resume.nextNegative);
    } else {
      rt.f64(pNext, m).set(period);
      const negativePeriod = rt.f64(pNextNegative, m);
      for (let e = 0; e < m; e++) negativePeriod[e] = period[e] / NEGATIVE_SAMPLE_RATE;
    }
    rt.f32(pLive, n * 2).set(layout);
    rt.i32(pParts, partitions.length).set(partitions);
    rt.i32(params, 9).set([pOffsets, pTails, pPeriod, pNext, pNextNegative, pLive, pSnapshot, pParts, n]);
    rt.f32(params + 36, 3).set([a, b, REPULSION_STRENGTH]);
    rt.i32(params + 48, 1)[0] = NEGATIVE_SAMPLE_RATE;
    new Uint32Array(rt.memory.buffer, params + 52, 1)[0] = seed;
    for (let epoch = resume ? resume.epoch : 0; epoch < nEpochs; epoch++) {
      if (shouldStop(epoch)) {
        layout.set(rt.f32(pLive, n * 2));
        return { epoch, graph, layout, nextSample: rt.f64(pNext, m).slice(), nextNegative: rt.f64(pNextNegative, m).slice() };
      }
      rt.f32(pSnapshot, n * 2).set(rt.f32(pLive, n * 2));
      const alpha = LEARNING_RATE * (1 - epoch / nEpochs);
      parallelFor('umapEpochTask', [params, epoch, alpha], PARTITIONS, threads);
    }
    layout.set(rt.f32(pLive, n * 2));
    return null;
  });
}

/** Boundaries of `parts` runs of contiguous vertices with about equal work: parts + 1 vertex indices. */
function partitionByWork(work: Float64Array, parts: number): Int32Array {
  const n = work.length;
  let total = 0;
  for (const w of work) total += w;
  const bounds = new Int32Array(parts + 1);
  bounds[parts] = n;
  let acc = 0,
    p = 1;
  for (let i = 0; i < n && p < parts; i++) {
    acc += work[i];
    while (p < parts && acc >= (total * p) / parts) bounds[p++] = i + 1;
  }
  for (; p < parts; p++) bounds[p] = n;
  return bounds;
}
