import { describe, expect, it } from 'vitest';
import { analyzeFacetBias, simulateFacetRows } from '../../src/validate/index.js';
import { cellDesignEffects } from '../../src/validate/facets/company-robust.js';

describe('cellDesignEffects (employers as the sampling units)', () => {
  it('is 1 when every employer posts one ad, and the size-weighted batch size when each employer posts a block in one cluster', () => {
    // One table row, two clusters; 40 postings, 10 in cluster 0.
    const cellOfRow = Int32Array.from({ length: 40 }, (_, i) => (i < 10 ? 0 : 1));
    const single = cellDesignEffects(
      cellOfRow,
      Array.from({ length: 40 }, (_, i) => `e${i}`),
      [40],
      [10, 30],
      2,
    );
    // Σ_j (y_j − p n_j)² = 10 · 0.75² + 30 · 0.25² = 7.5 = p(1 − p) n; times J/(J − 1) = 40/39.
    expect(single[0]).toBeCloseTo(40 / 39, 12);
    // Blocks of 5 ads, each block in one cluster: 2 employers in cluster 0, 6 in cluster 1.
    const blocks = cellDesignEffects(
      cellOfRow,
      Array.from({ length: 40 }, (_, i) => `e${Math.floor(i / 5)}`),
      [40],
      [10, 30],
      2,
    );
    // Σ_j (y_j − p n_j)² = 2 · (5 − 1.25)² + 6 · 1.25² = 37.5 → deff = (8/7) · 37.5 / 7.5.
    expect(blocks[0]).toBeCloseTo((8 / 7) * 5, 12);
    expect(blocks[1]).toBeCloseTo((8 / 7) * 5, 12);
  });

  it('is floored at 1 (empty cells, employers that vary less than binomial) and keeps unknown employers apart', () => {
    const cellOfRow = Int32Array.from([0, 0, 1, 1, -1]);
    // Each employer posts one ad in each cluster: no between-employer variation at all.
    const even = cellDesignEffects(cellOfRow, ['a', 'b', 'a', 'b', 'a'], [4], [2, 2], 2);
    expect(Array.from(even)).toEqual([1, 1]);
    const empty = cellDesignEffects(Int32Array.from([1, 1, 1]), [null, null, null], [3], [0, 3], 2);
    expect(Array.from(empty)).toEqual([1, 1]);
    // Unknown employers (null) count one each, so three null postings in one cluster are not a block.
    const unknown = cellDesignEffects(Int32Array.from([0, 0, 0, 1, 1, 1]), [null, null, null, 'x', 'y', 'z'], [6], [3, 3], 2);
    expect(unknown[0]).toBeCloseTo(6 / 5, 12);
  });
});

describe('analyzeFacetBias with employer batches', () => {
  it("marks 'company' a cell whose excess over the floor is employers' blocks, which the once-per-cell test lets pass", () => {
    // Many single-ad employers lean mildly to the cell (×1.25, at the floor), and 10 employers add 30 ads each:
    // 1,106 postings against 768 expected, interval 1.36–1.53. Counted once per cell the 10 block employers are
    // 10 among ≈ 950 and the many-employer lean is significant; without its largest employer the cell still
    // clears the floor. Only the design effect (employers as the sampling units) tells the blocks apart.
    const rows = simulateFacetRows({
      rowShares: [0.3, 0.25, 0.2, 0.15, 0.1],
      columnShares: Array.from({ length: 20 }, (_, c) => 1 / (c + 1)),
      n: 30000,
      seed: 0,
      companies: 50000,
      biases: [{ row: 0, column: 3, multiplier: 1.25 }],
      bursts: Array.from({ length: 10 }, () => ({ row: 0, column: 3, count: 30 })),
    });
    const robust = analyzeFacetBias({ facet: 'platform', ...rows });
    const cell = robust.flags.find((f) => f.value === 'v0' && f.cluster === 3);
    expect(cell?.direction).toBe('over');
    expect(cell?.confounded).toBe('company');
    const plain = analyzeFacetBias({ facet: 'platform', ...rows }, { designEffect: false });
    expect(plain.flags.find((f) => f.value === 'v0' && f.cluster === 3)?.confounded).toBeNull();
  });
});
