import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createMatrix,
  distancesToRows,
  InputError,
  knn,
  knnQuery,
  labelDistanceSums,
  labelSums,
  normalizeRows,
  mutualReachabilityMst,
  nearestCentroid,
  ParameterError,
  radiusNeighbors,
  Random,
  selectRows,
  withRowSet,
  type Matrix,
} from '../../src/core/index.js';
import {
  cosineDistance,
  knnQueryReference,
  knnReference,
  labelDistanceSumsReference,
  rowNorms,
  mutualReachabilityMstReference,
  nearestCentroidReference,
  radiusNeighborsReference,
} from '../../src/core/reference/kernels.js';
import { primMst } from '../../src/core/prim.js';
import { tuning } from '../../src/core/tuning.js';

function gaussian(n: number, d: number, seed: number): Matrix {
  const rng = new Random(seed);
  const X = createMatrix(n, d);
  for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
  return X;
}

/** Rows copied from a few originals, so that duplicates and exact ties abound. */
function withDuplicates(n: number, d: number, distinct: number, seed: number): Matrix {
  const base = gaussian(distinct, d, seed);
  const rng = new Random(seed + 1);
  const X = createMatrix(n, d);
  for (let i = 0; i < n; i++) {
    const src = i < distinct ? i : rng.int(distinct);
    X.data.set(base.data.subarray(src * d, (src + 1) * d), i * d);
  }
  return X;
}

function fixture(name: string): Matrix | undefined {
  const file = new URL(`../fixtures/${name}.f32`, import.meta.url);
  if (!existsSync(file)) return undefined;
  const meta = JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8'));
  const buf = readFileSync(file);
  return createMatrix(meta.n, meta.d, new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)));
}

function coreDistances(X: Matrix, k: number): Float64Array {
  const { distances } = knnReference(X, k);
  return Float64Array.from({ length: X.rows }, (_, i) => distances[i * k + k - 1]);
}

// Awkward shapes: n not a multiple of the blocks (64 × 256), d not a multiple of 4,
// n ≤ k + margin (every candidate kept), one column, duplicates.
const shapes: Array<[string, Matrix]> = [
  ['300 × 7', gaussian(300, 7, 1)],
  ['257 × 1', gaussian(257, 1, 2)],
  ['65 × 130', gaussian(65, 130, 3)],
  ['3 × 5', gaussian(3, 5, 4)],
  ['duplicates 400 × 9', withDuplicates(400, 9, 40, 5)],
];

describe('knn', () => {
  it('equals the reference when groups of identical rows outnumber the candidate lists (scanned once per group)', () => {
    // 25 distinct rows, each about 24 times, plus 100 rows of their own: most rows
    // have more than k + 8 copies, so their lists cannot prove the answer.
    const copies = withDuplicates(600, 16, 25, 31);
    const X = createMatrix(700, 16);
    X.data.set(copies.data);
    X.data.set(gaussian(100, 16, 32).data, 600 * 16);
    for (const k of [1, 5, 30]) {
      const want = knnReference(X, k);
      for (const threads of [1, 2]) {
        const got = knn(X, k, { threads });
        expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
        expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
      }
    }
  });

  for (const [name, X] of shapes) {
    for (const k of [...new Set([1, Math.min(5, X.rows - 1), X.rows - 1])]) {
      it(`equals the reference bit for bit: ${name}, k = ${k}`, () => {
        const want = knnReference(X, k);
        const got = knn(X, k, { threads: 2 });
        expect(got.n).toBe(X.rows);
        expect(got.k).toBe(k);
        expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
        expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
      });
    }
  }

  it('is identical on 1 and 2 threads, and puts duplicates at exactly 0', () => {
    const X = withDuplicates(700, 16, 100, 9);
    const one = knn(X, 15, { threads: 1 });
    const two = knn(X, 15, { threads: 2 });
    expect(Array.from(two.indices)).toEqual(Array.from(one.indices));
    expect(Array.from(two.distances)).toEqual(Array.from(one.distances));
    expect(one.distances[0]).toBe(0);
  });

  it('does not need normalised input', () => {
    const X = gaussian(200, 12, 11);
    for (let i = 0; i < X.data.length; i++) X.data[i] *= 1 + (i % 7);
    expect(Array.from(knn(X, 4).indices)).toEqual(Array.from(knnReference(X, 4).indices));
  });

  it('rejects k outside [1, n − 1], one row, NaN and zero rows by index', () => {
    const X = gaussian(10, 3, 1);
    expect(() => knn(X, 10)).toThrow(ParameterError);
    expect(() => knn(X, 0)).toThrow(/'k'/);
    expect(() => knn(gaussian(1, 3, 1), 1)).toThrow(/at least 2 rows/);
    const bad = gaussian(10, 3, 1);
    bad.data[7 * 3 + 1] = NaN;
    expect(() => knn(bad, 2)).toThrow(/row 7 contains NaN/);
    const zero = gaussian(10, 3, 1);
    zero.data.fill(0, 4 * 3, 5 * 3);
    expect(() => knn(zero, 2)).toThrow(InputError);
    expect(() => knn(X, 2, { threads: 0 })).toThrow(/'threads'/);
  });

  const real = fixture('jd-real-3k');
  it.skipIf(!real)('equals the reference on the real sentence vectors (348 duplicate rows)', () => {
    const want = knnReference(real!, 15);
    const got = knn(real!, 15, { threads: 2 });
    expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
    expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
  });
});

describe('knnQuery', () => {
  for (const [name, X] of shapes) {
    // Queries: new rows plus copies of training rows (distance 0, ties with duplicates).
    const Q = gaussian(70, X.cols, 11);
    for (let r = 0; r < 70; r += 3) Q.data.set(X.data.subarray((r % X.rows) * X.cols, ((r % X.rows) + 1) * X.cols), r * X.cols);
    for (const k of [...new Set([1, Math.min(10, X.rows), X.rows])]) {
      it(`equals the reference bit for bit: ${name}, 70 queries, k = ${k}`, () => {
        const want = knnQueryReference(Q, X, k);
        for (const threads of [1, 2]) {
          const got = knnQuery(Q, X, k, { threads });
          expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
          expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
        }
      });
    }
  }

  it('with exact: false keeps the screen’s best k, re-ranked by exact distance, for any thread count', () => {
    // Queries against near-tied rows (one centre, small spread): the screen cannot order them all.
    const rng = new Random(8);
    const X = createMatrix(400, 64);
    const centre = Array.from({ length: 64 }, () => rng.normal());
    for (let i = 0; i < X.data.length; i++) X.data[i] = centre[i % 64] + 0.05 * rng.normal();
    const Q = gaussian(300, 64, 9);
    for (let i = 0; i < Q.data.length; i++) Q.data[i] = centre[i % 64] + 0.05 * Q.data[i];
    const k = 5;
    const exact = knnQuery(Q, X, k);
    const [one, two] = [1, 2].map((threads) => knnQuery(Q, X, k, { threads, exact: false }));
    expect(two.indices).toEqual(one.indices);
    expect(two.distances).toEqual(one.distances);
    const qn = rowNorms(Q),
      xn = rowNorms(X);
    let same = 0;
    for (let r = 0; r < Q.rows; r++) {
      for (let q = 0; q < k; q++) {
        const t = r * k + q;
        if (one.indices[t] === exact.indices[t]) same++;
        expect(one.distances[t]).toBe(cosineDistance(Q, r, X, one.indices[t], qn[r], xn[one.indices[t]]));
        if (q > 0) expect(one.distances[t]).toBeGreaterThanOrEqual(one.distances[t - 1]);
        expect(Math.abs(one.distances[t] - exact.distances[t])).toBeLessThan(1e-4);
      }
    }
    // A few swaps (≈ 3 % here), not a different answer.
    expect(same / (Q.rows * k)).toBeGreaterThan(0.9);
    expect(same).toBeLessThan(Q.rows * k);
  });

  it('rejects bad k, widths and zero query rows', () => {
    const X = gaussian(10, 4, 1);
    expect(() => knnQuery(gaussian(3, 4, 2), X, 11)).toThrow(ParameterError);
    expect(() => knnQuery(gaussian(3, 5, 2), X, 2)).toThrow(/columns/);
    const Q = gaussian(3, 4, 2);
    Q.data.fill(0, 4, 8);
    expect(() => knnQuery(Q, X, 2)).toThrow(/Q row 1 is a zero vector/);
  });
});

describe('nearestCentroid', () => {
  it('equals the reference, ties to the lower centroid', () => {
    const X = withDuplicates(500, 10, 60, 3);
    // Centroids 4 and 9 are the same vector: rows nearest to it must get 4.
    const C = gaussian(12, 10, 8);
    C.data.set(C.data.subarray(4 * 10, 5 * 10), 9 * 10);
    C.data.set(X.data.subarray(0, 10), 2 * 10);
    for (const threads of [1, 2]) {
      const got = nearestCentroid(X, C, { threads });
      const want = nearestCentroidReference(X, C);
      expect(Array.from(got.labels)).toEqual(Array.from(want.labels));
      expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
    }
    expect(nearestCentroid(X, C).distances[0]).toBe(0);
    expect(Array.from(nearestCentroid(X, C).labels)).not.toContain(9);
  });

  for (const [name, X] of shapes) {
    for (const m of [1, 7, 8, 9, 17]) {
      it(`equals the reference bit for bit: ${name}, ${m} centroids (some duplicated rows of X)`, () => {
        const C = gaussian(m, X.cols, 40 + m);
        // Centroids that are rows of X (distance exactly 0) and a repeated centroid (ties).
        C.data.set(X.data.subarray(0, X.cols), 0);
        if (m > 2) C.data.set(X.data.subarray((X.rows - 1) * X.cols, X.rows * X.cols), (m - 1) * X.cols);
        if (m > 5) C.data.set(C.data.subarray(1 * X.cols, 2 * X.cols), 5 * X.cols);
        const want = nearestCentroidReference(X, C);
        for (const threads of [1, 2]) {
          const got = nearestCentroid(X, C, { threads });
          expect(Array.from(got.labels)).toEqual(Array.from(want.labels));
          expect(Array.from(got.distances)).toEqual(Array.from(want.distances));
        }
      });
    }
  }

  it('rejects mismatched widths and zero centroids', () => {
    expect(() => nearestCentroid(gaussian(5, 3, 1), gaussian(2, 4, 1))).toThrow(/columns/);
    const C = gaussian(3, 3, 2);
    C.data.fill(0, 3, 6);
    expect(() => nearestCentroid(gaussian(5, 3, 1), C)).toThrow(/centroids row 1 is a zero vector/);
  });
});

describe('distancesToRows', () => {
  for (const [name, X] of shapes) {
    it(`equals the reference bit for bit: ${name}`, () => {
      const n = X.rows;
      const rows = [0, n - 1, Math.floor(n / 2), 0, Math.min(2, n - 1), n - 1, 1 % n, Math.floor(n / 3), n - 2 < 0 ? 0 : n - 2];
      const norms = rowNorms(X);
      for (const m of [1, 4, rows.length]) {
        const target = rows.slice(0, m);
        for (const threads of [1, 2]) {
          const got = distancesToRows(X, Int32Array.from(target), { threads });
          expect(got.length).toBe(m * n);
          const want = new Float64Array(m * n);
          target.forEach((j, r) => {
            for (let i = 0; i < n; i++) want[r * n + i] = cosineDistance(X, i, X, j, norms[i], norms[j]);
          });
          expect(Array.from(got)).toEqual(Array.from(want));
        }
      }
    });
  }

  it('rejects row indices outside X', () => {
    const X = gaussian(5, 3, 1);
    expect(() => distancesToRows(X, [0, 5])).toThrow(/rows\[1\] is 5/);
    expect(() => distancesToRows(X, [1.5])).toThrow(InputError);
  });
});

describe('RowSet: nearestBounds, normalize', () => {
  /** Centroids with exact ties, near-ties (one ulp apart) and rows of X. */
  function awkwardCentroids(X: Matrix, m: number): Matrix {
    const d = X.cols;
    const C = gaussian(m, d, 70 + m);
    C.data.set(X.data.subarray(0, d), 0);
    if (m > 2) C.data.set(C.data.subarray(0, d), 2 * d); // an exact tie with centroid 0
    if (m > 4) {
      C.data.set(X.data.subarray(d, 2 * d), 3 * d);
      C.data.set(X.data.subarray(d, 2 * d), 4 * d);
      const v = new Float32Array([C.data[4 * d]]);
      new Uint32Array(v.buffer)[0] += 1; // the next f32: a near-tie the f32 screen cannot settle
      C.data[4 * d] = v[0];
    }
    return C;
  }

  for (const [name, X] of shapes) {
    for (const m of [1, 7, 8, 9, 20]) {
      it(`labels equal the reference and the bounds hold: ${name}, ${m} centroids`, () => {
        const C = awkwardCentroids(X, m);
        const want = nearestCentroidReference(X, C);
        const nx = rowNorms(X),
          nc = rowNorms(C);
        const list = Int32Array.from({ length: Math.ceil(X.rows / 3) }, (_, r) => (r * 7) % X.rows);
        for (const threads of [1, 2]) {
          withRowSet(X, { threads }, (set) => {
            for (const rows of [undefined, list]) {
              const got = set.nearestBounds(C, rows);
              const n = rows ? rows.length : X.rows;
              expect(got.labels.length).toBe(n);
              for (let r = 0; r < n; r++) {
                const i = rows ? rows[r] : r;
                expect(got.labels[r]).toBe(want.labels[i]);
                // Upper bound on the distance to the label, within the f32 screen's ε.
                expect(got.upper[r]).toBeGreaterThanOrEqual(want.distances[i]);
                expect(got.upper[r] - want.distances[i]).toBeLessThan(2e-5);
                let others = Infinity;
                for (let c = 0; c < m; c++) {
                  const dist = cosineDistance(X, i, C, c, nx[i], nc[c]);
                  if (c !== want.labels[i] && dist < others) others = dist;
                }
                expect(got.lower[r]).toBeLessThanOrEqual(others);
                if (others < Infinity) expect(others - got.lower[r]).toBeLessThan(2e-5);
                else expect(got.lower[r]).toBe(Infinity);
              }
            }
          });
        }
      });
    }
  }

  it('with normalize, works on the unit rows exactly as normalizeRows gives them', () => {
    const X = withDuplicates(300, 9, 40, 12);
    for (let i = 0; i < X.data.length; i++) X.data[i] *= 1 + (i % 7); // rows far from unit length
    const Xn = normalizeRows(X);
    const C = gaussian(5, 9, 13);
    const rows = [3, 0, 299];
    for (const threads of [1, 2]) {
      withRowSet(X, { threads, normalize: true }, (set) => {
        expect(Array.from(set.X.data)).toEqual(Array.from(Xn.data));
        expect(Array.from(set.distancesToRows(rows))).toEqual(Array.from(distancesToRows(Xn, rows)));
        expect(Array.from(set.nearestCentroid(C).distances)).toEqual(Array.from(nearestCentroid(Xn, C).distances));
        expect(Array.from(set.labelSums(set.nearestCentroid(C).labels, 5))).toEqual(
          Array.from(labelSums(Xn, nearestCentroid(Xn, C).labels, 5)),
        );
      });
    }
  });

  it('rejects a row index outside X and a zero centroid', () => {
    const X = gaussian(10, 4, 1);
    withRowSet(X, {}, (set) => {
      expect(() => set.nearestBounds(gaussian(3, 4, 2), Int32Array.from([0, 10]))).toThrow(/rows\[1\] is 10/);
      expect(() => set.nearestBounds(createMatrix(2, 4, new Float32Array([1, 0, 0, 0, 0, 0, 0, 0])))).toThrow(
        /centroids row 1 is a zero vector/,
      );
    });
  });
});

describe('labelSums', () => {
  for (const [name, X] of shapes) {
    it(`equals a plain row-order f64 loop bit for bit: ${name}`, () => {
      const nLabels = 5;
      const rng = new Random(7);
      const labels = Int32Array.from({ length: X.rows }, () => rng.int(nLabels + 1) - 1);
      const want = new Float64Array(nLabels * X.cols);
      for (let i = 0; i < X.rows; i++) {
        if (labels[i] < 0) continue;
        for (let c = 0; c < X.cols; c++) want[labels[i] * X.cols + c] += X.data[i * X.cols + c];
      }
      for (const threads of [1, 2]) expect(Array.from(labelSums(X, labels, nLabels, { threads }))).toEqual(Array.from(want));
    });
  }

  it('rejects labels out of range', () => {
    expect(() => labelSums(gaussian(4, 3, 1), Int32Array.from([0, 1, 3, 0]), 3)).toThrow(/labels\[2\] is 3/);
  });
});

describe('normalizeRows (WebAssembly path for large matrices)', () => {
  it('equals f32(x · (1/‖x‖)) with the f64 column-order norm, zero rows kept', () => {
    const X = gaussian(601, 131, 3);
    X.data.fill(0, 5 * 131, 6 * 131);
    const got = normalizeRows(X);
    const norms = rowNorms(X);
    const want = new Float32Array(X.data.length);
    for (let i = 0; i < X.rows; i++) {
      const inv = norms[i] === 0 ? 0 : 1 / norms[i];
      for (let c = 0; c < X.cols; c++) want[i * X.cols + c] = X.data[i * X.cols + c] * inv;
    }
    expect(got.data).not.toBe(X.data);
    expect(Array.from(got.data)).toEqual(Array.from(want));
    normalizeRows(X, { inPlace: true });
    expect(Array.from(X.data)).toEqual(Array.from(want));
  });
});

describe('radiusNeighbors', () => {
  for (const [name, X] of shapes) {
    for (const eps of [0, 0.2, 1.2]) {
      it(`equals the reference: ${name}, eps = ${eps}`, () => {
        const want = radiusNeighborsReference(X, eps);
        for (const threads of [1, 2]) {
          const got = radiusNeighbors(X, eps, { threads });
          expect(Array.from(got.offsets)).toEqual(Array.from(want.offsets));
          expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
        }
      });
    }
  }

  it('handles lists longer than the first-pass buffers (eps = 2: everyone)', () => {
    const X = gaussian(150, 4, 6);
    const got = radiusNeighbors(X, 2);
    expect(got.indices.length).toBe(150 * 150);
    expect(Array.from(got.indices.subarray(0, 150))).toEqual(Array.from({ length: 150 }, (_, j) => j));
  });

  it('rejects eps outside [0, 2]', () => {
    expect(() => radiusNeighbors(gaussian(5, 3, 1), -0.1)).toThrow(/'eps'/);
    expect(() => radiusNeighbors(gaussian(5, 3, 1), NaN)).toThrow(ParameterError);
  });

  it('gives the same lists when the first pass overflows (second pass for long lists)', () => {
    const X = withDuplicates(700, 9, 30, 12);
    const want = radiusNeighborsReference(X, 0.6);
    const saved = tuning.radiusFirstPassBytes;
    tuning.radiusFirstPassBytes = 0; // 64 per row: most lists here are longer
    try {
      for (const threads of [1, 2]) {
        const got = radiusNeighbors(X, 0.6, { threads });
        expect(Array.from(got.offsets)).toEqual(Array.from(want.offsets));
        expect(Array.from(got.indices)).toEqual(Array.from(want.indices));
      }
    } finally {
      tuning.radiusFirstPassBytes = saved;
    }
    expect(want.offsets[X.rows] / X.rows).toBeGreaterThan(64);
  });
});

describe('labelDistanceSums', () => {
  for (const [name, X] of shapes) {
    it(`agrees with the pairwise reference to 1e-12: ${name}`, () => {
      const rng = new Random(X.rows);
      const labels = Int32Array.from({ length: X.rows }, () => rng.int(5) - 1);
      const want = labelDistanceSumsReference(X, labels, 4);
      const one = labelDistanceSums(X, labels, 4, { threads: 1 });
      const two = labelDistanceSums(X, labels, 4, { threads: 2 });
      expect(Array.from(two)).toEqual(Array.from(one));
      for (let i = 0; i < want.length; i++) expect(Math.abs(one[i] - want[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, want[i]));
    });
  }

  it('rejects labels out of range, naming the row', () => {
    const labels = new Int32Array([0, 1, 3]);
    expect(() => labelDistanceSums(gaussian(3, 2, 1), labels, 3)).toThrow(/labels\[2\] is 3/);
    expect(() => labelDistanceSums(gaussian(3, 2, 1), new Int32Array(2), 3)).toThrow(/Int32Array of 3/);
  });
});

/** Same Prim sequence: the same edges in the same order with the same weights. */
function expectSameTree(
  got: { from: Int32Array; to: Int32Array; weight: Float64Array },
  want: { from: ArrayLike<number>; to: ArrayLike<number>; weight: ArrayLike<number> },
): void {
  expect(Array.from(got.to)).toEqual(Array.from(want.to));
  expect(Array.from(got.from)).toEqual(Array.from(want.from));
  expect(Array.from(got.weight)).toEqual(Array.from(want.weight));
}

describe('mutualReachabilityMst', () => {
  for (const [name, X] of shapes) {
    it(`reproduces the reference Prim sequence bit for bit: ${name}`, () => {
      const core = coreDistances(X, Math.min(5, X.rows - 1));
      const want = mutualReachabilityMstReference(X, core);
      const got = mutualReachabilityMst(X, core);
      expectSameTree(got, want);
    });
  }

  const real = fixture('jd-real-3k');
  it.skipIf(!real)('reproduces the reference on the real sentence vectors (ties at core distances)', () => {
    const core = coreDistances(real!, 5);
    const want = mutualReachabilityMstReference(real!, core);
    const got = mutualReachabilityMst(real!, core);
    expectSameTree(got, want);
  });

  it('gives the same tree for any thread count and partitioning of the rows', () => {
    const X = withDuplicates(900, 20, 300, 12);
    const core = coreDistances(X, 4);
    const want = mutualReachabilityMstReference(X, core);
    for (const [threads, parts] of [
      [1, 1],
      [1, 3],
      [2, 2],
      [2, 8],
      [2, 31],
      // Each thread takes its own partitions first (k ≡ thread mod threads): more threads
      // than partitions, and a count that does not divide them.
      [3, 2],
      [3, 7],
    ]) {
      const got = primMst(X, core, threads, parts);
      expectSameTree(got, want);
    }
  });

  it.skipIf(!real)('gives the same tree for any screening prefix width (real vectors, 2 threads, 8 partitions)', () => {
    const X = selectRows(
      real!,
      Int32Array.from({ length: 1500 }, (_, i) => i * 2),
    );
    const core = coreDistances(X, 5);
    const want = mutualReachabilityMstReference(X, core);
    for (const dims of [16, 32, 48, 64]) {
      const got = primMst(X, core, 2, 8, dims);
      expectSameTree(got, want);
    }
  });

  it('is exact when whole groups of rows are copies of each other (saturated keys, repeated distances)', () => {
    // 60 distinct rows, each repeated 10 times, in 64 dimensions: most keys fall to
    // their core distance and most relaxations meet a copy of the row that set the key.
    const X = withDuplicates(600, 64, 60, 21);
    for (const minSamples of [1, 3, 12]) {
      const core = coreDistances(X, minSamples);
      const want = mutualReachabilityMstReference(X, core);
      for (const [threads, parts] of [
        [1, 1],
        [2, 5],
      ]) {
        const got = primMst(X, core, threads, parts);
        expectSameTree(got, want);
      }
    }
  });

  it('handles one row and rejects bad core distances', () => {
    expect(mutualReachabilityMst(gaussian(1, 3, 1), [0]).to.length).toBe(0);
    expect(() => mutualReachabilityMst(gaussian(3, 3, 1), [0, 1])).toThrow(/2 values, X has 3 rows/);
    expect(() => mutualReachabilityMst(gaussian(3, 3, 1), [0, NaN, 1])).toThrow(/coreDistances\[1\]/);
  });
});
