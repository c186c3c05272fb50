import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wasmRuntime } from '../../src/core/wasm/runtime.js';
import { KERNEL_EXPORT_NAMES } from '../../src/core/wasm/kernels.generated.js';
import { parallelFor, workerPool } from '../../src/core/pool.js';
import { ParameterError, Random } from '../../src/core/index.js';
import { rowNorms } from '../../src/core/reference/kernels.js';
import { createMatrix } from '../../src/core/matrix.js';

describe('wasm runtime', () => {
  it('types exactly the exports of the compiled module (KernelExports from the raw bindings)', () => {
    // `__setArgumentsLength` is AssemblyScript's helper for optional parameters, not part of the bindings.
    const compiled = WebAssembly.Module.exports(wasmRuntime().module)
      .map((e) => e.name)
      .filter((name) => !name.startsWith('__'));
    expect([...KERNEL_EXPORT_NAMES].sort()).toEqual(compiled.sort());
    const kernels = wasmRuntime().kernels();
    expect(kernels.dot(0, 0, 0)).toBe(0);
    expect(Number(kernels.HEAP_BASE.value)).toBeGreaterThan(0);
  });

  it('allocates aligned blocks, reuses freed space and coalesces', () => {
    const rt = wasmRuntime();
    const before = rt.allocatedBytes;
    const a = rt.alloc(100),
      b = rt.alloc(1000),
      c = rt.alloc(10);
    expect(a % 64).toBe(0);
    expect(b % 64).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 100);
    expect(c).toBeGreaterThanOrEqual(b + 1000);
    rt.free(a);
    rt.free(b);
    // a and b coalesced: a block of 1100 bytes fits where they were.
    const d = rt.alloc(1100);
    expect(d).toBe(a);
    rt.free(d);
    rt.free(c);
    expect(rt.allocatedBytes).toBe(before);
    expect(() => rt.free(12345)).toThrow(/not an allocated block/);
  });

  it('grows the memory and keeps old contents; fresh views see them', () => {
    const rt = wasmRuntime();
    const p = rt.alloc(16);
    rt.f64(p, 2).set([1.5, -2.5]);
    const size = rt.memoryBytes;
    const big = rt.alloc(size * 2);
    expect(rt.memoryBytes).toBeGreaterThan(size);
    expect(Array.from(rt.f64(p, 2))).toEqual([1.5, -2.5]);
    rt.free(big);
    rt.free(p);
  });

  it('frees scoped allocations even when the body throws', () => {
    const rt = wasmRuntime();
    const before = rt.allocatedBytes;
    expect(() =>
      rt.scoped((alloc) => {
        alloc(64);
        alloc(128);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(rt.allocatedBytes).toBe(before);
  });

  it('calls kernels synchronously on the main thread', () => {
    const rt = wasmRuntime();
    rt.scoped((alloc) => {
      const p = alloc(7 * 4);
      rt.f32(p, 7).set([1, 2, 3, 4, 5, 6, 7]);
      expect(rt.kernels().dot(p, p, 7)).toBe(140);
    });
  });
});

describe('worker pool', () => {
  function norms(threads: number, n: number, d: number, seed: number) {
    const rt = wasmRuntime();
    const rng = new Random(seed);
    const X = createMatrix(n, d);
    for (let i = 0; i < X.data.length; i++) X.data[i] = rng.normal();
    return rt.scoped((alloc) => {
      const x = alloc(n * d * 4),
        out = alloc(n * 8);
      rt.f32(x, n * d).set(X.data);
      const rowsPerTask = 7;
      parallelFor('rowNormsTask', [x, n, d, d, out, rowsPerTask], Math.ceil(n / rowsPerTask), threads);
      return { got: rt.f64(out, n).slice(), want: rowNorms(X) };
    });
  }

  it('runs every task exactly once, on 1 and 2 threads, with identical results', () => {
    const one = norms(1, 1001, 13, 1);
    const two = norms(2, 1001, 13, 1);
    expect(Array.from(one.got)).toEqual(Array.from(one.want));
    expect(Array.from(two.got)).toEqual(Array.from(one.got));
    expect(workerPool().size).toBeGreaterThanOrEqual(1);
  });

  it('survives many consecutive small jobs', () => {
    for (let r = 0; r < 200; r++) {
      const { got, want } = norms(2, 20 + (r % 5), 3, r);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
  });

  it('stays exact when workers wake after a call is over (pauses longer than their spin)', () => {
    // A sleeping worker takes longer to wake than these calls last: the main thread runs
    // every task, closes the call, and the worker must then skip it and join the next one.
    const pause = (ms: number) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
    };
    for (let r = 0; r < 120; r++) {
      pause(r % 3 === 0 ? 0.5 : 0.05);
      const threads = r % 2 === 0 ? 2 : 3;
      const { got, want } = norms(threads, 30 + (r % 7) * 40, 5, r);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
    // A larger call, where the workers join: the main thread must wait for every task they claimed.
    const big = norms(3, 20_000, 16, 5);
    expect(Array.from(big.got)).toEqual(Array.from(big.want));
  });

  it('rejects unknown kernels and bad thread counts', () => {
    // The name is also a compile error (KernelFunctionName); the runtime check guards plain JavaScript callers.
    // @ts-expect-error -- not an export of assembly/
    expect(() => parallelFor('noSuchKernel', [], 1)).toThrow(/no function export 'noSuchKernel'/);
    expect(() => parallelFor('rowNormsTask', [0, 0, 1, 1, 0, 1], 1, 0)).toThrow(ParameterError);
  });

  it('reports a trap inside a worker as an error on the calling thread', () => {
    // Rows just below 4 GiB, far beyond the memory's current size: every task traps.
    const beyond = 2 ** 32 - 256;
    expect(() => parallelFor('rowNormsTask', [beyond, 64, 1, 1, beyond, 1], 64, 2)).toThrow(/out of bounds/);
    // The pool is still usable afterwards.
    const { got, want } = norms(2, 50, 4, 9);
    expect(Array.from(got)).toEqual(Array.from(want));
  });

  it('starts workers when node runs with flags workers reject (--max-old-space-size)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'jd-pool-'));
    try {
      const script = join(dir, 'flags.ts');
      const pool = fileURLToPath(new URL('../../src/core/pool.ts', import.meta.url));
      writeFileSync(
        script,
        [
          `import { parallelFor, workerPool } from ${JSON.stringify(pool)};`,
          `parallelFor('rowNormsTask', [0, 0, 1, 1, 0, 1], 4, 2);`,
          `console.log('workers=' + workerPool().size);`,
        ].join('\n'),
      );
      const out = execFileSync(process.execPath, ['--max-old-space-size=256', '--stack-size=2000', '--import', 'tsx', script], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(out.trim()).toBe('workers=1');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
