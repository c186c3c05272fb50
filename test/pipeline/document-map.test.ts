/**
 * The document map started early (`startDocumentMap`): the same layout as
 * `umapLayout` at any thread count, computed on a task-pool worker at threads > 1
 * (so that the calling thread is free meanwhile) and on the calling thread at 1.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMatrix, Random, taskPool, terminateTaskPool, umapLayout } from '../../src/core/index.js';
import { startDocumentMap } from '../../src/pipeline/document-map.js';

afterAll(() => terminateTaskPool());

function unitRows(n: number, d: number, seed: number) {
  const random = new Random(seed);
  const m = createMatrix(n, d);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < d; j++) {
      // Three directions plus noise, so that the kNN graph has structure.
      const v = (j % 3 === i % 3 ? 1 : 0) + 0.3 * random.normal();
      m.data[i * d + j] = v;
      norm += v * v;
    }
    for (let j = 0; j < d; j++) m.data[i * d + j] /= Math.sqrt(norm);
  }
  return m;
}

describe('startDocumentMap', () => {
  const X = unitRows(300, 12, 3);
  const expected = umapLayout(X, { seed: 7, threads: 1 });

  it('lays out on the calling thread at threads 1, with no worker', async () => {
    await terminateTaskPool();
    const started = startDocumentMap(X, { seed: 7, threads: 1 });
    expect(taskPool().size).toBe(0);
    expect(Array.from(await started.layout)).toEqual(Array.from(expected));
  });

  it('lays out on a worker at threads 2, the same layout', async () => {
    await terminateTaskPool();
    const started = startDocumentMap(X, { seed: 7, threads: 2 });
    expect(taskPool().size).toBe(2);
    expect(started.knnSeconds).toBeGreaterThanOrEqual(0);
    expect(Array.from(await started.layout)).toEqual(Array.from(expected));
  });
});
