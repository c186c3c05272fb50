/**
 * The document map started early (`startDocumentMap`): the same layout as
 * `umapLayout` at any thread count, computed on a task-pool worker at threads > 1
 * (so that the calling thread is free meanwhile) and on the calling thread at 1.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createMatrix, Random, taskPool, terminateTaskPool, umapLayout } from '../../src/core/index.js';
import { startDocumentMap } from '../../src/pipeline/document-map.js';
import { resumeUmapLayout, umapLayoutUntil } from '../../src/core/umap.js';
import { InputError } from '../../src/core/errors.js';

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
    expect(Array.from(await started.finish())).toEqual(Array.from(expected));
  });

  it('lays out on a worker at threads 2, the same layout', async () => {
    await terminateTaskPool();
    const started = startDocumentMap(X, { seed: 7, threads: 2 });
    expect(taskPool().size).toBe(2);
    expect(started.knnSeconds).toBeGreaterThanOrEqual(0);
    await started.settled;
    expect(Array.from(await started.finish())).toEqual(Array.from(expected));
  });

  it('hands the epochs left to the calling thread when finished early, the same layout', async () => {
    const started = startDocumentMap(X, { seed: 7, threads: 2 });
    // Asked at once: the worker stops before its first epochs and this thread runs the rest.
    expect(Array.from(await started.finish())).toEqual(Array.from(expected));
  });
});

describe('umapLayoutUntil / resumeUmapLayout', () => {
  const X = unitRows(300, 12, 3);
  const expected = umapLayout(X, { seed: 7, threads: 1 });

  it.each([0, 37, 499, 500])('stopped before epoch %i and resumed on 2 threads: the same layout', (at) => {
    const { layout, progress } = umapLayoutUntil(X, { seed: 7, threads: 1 }, (epoch) => epoch === at);
    if (at === 500) {
      // 500 epochs at 300 rows: never asked before epoch 500, the layout is finished.
      expect(progress).toBeNull();
      expect(Array.from(layout)).toEqual(Array.from(expected));
      return;
    }
    expect(progress!.epoch).toBe(at);
    expect(Array.from(layout)).not.toEqual(Array.from(expected));
    expect(Array.from(resumeUmapLayout(X, { seed: 7, threads: 2 }, progress!))).toEqual(Array.from(expected));
  });

  it('refuses the progress of another layout', () => {
    const { progress } = umapLayoutUntil(X, { seed: 7, threads: 1 }, (epoch) => epoch === 3);
    expect(() => resumeUmapLayout(unitRows(200, 12, 3), { seed: 7 }, progress!)).toThrow(InputError);
  });
});
