/**
 * WebAssembly runtime of the compute core: one compiled module, one shared,
 * growable memory, and a JavaScript-side allocator over that memory.
 *
 * Usage (from any stage's kernel wrapper inside src/core or via src/core/index.ts):
 *
 *   import { wasmRuntime } from './wasm/runtime.js';
 *   const rt = wasmRuntime();
 *   const p = rt.alloc(n * 4);               // bytes, 64-byte aligned
 *   rt.f32(p, n).set(values);                // fresh view: valid even after growth
 *   const s = rt.kernels().dot(p, p, n);      // exports of the main-thread instance
 *   rt.free(p);
 *
 * Pointers are plain numbers (byte offsets into the memory). Views must be
 * taken *after* the last `alloc` that might have grown the memory: the
 * helpers `f32/f64/i32/u8` always build views over the current buffer.
 * The memory is shared (SharedArrayBuffer) so worker threads (see ../pool.ts)
 * instantiate the same module over the same bytes.
 *
 * Everything is synchronous: the module is small and embedded as base64, so
 * estimators keep a plain `fit(X)`.
 */
import { kernelsWasmBase64, type KernelExports } from './kernels.generated.js';

// The exports are typed from assembly/ itself: scripts/build-wasm.mjs turns
// AssemblyScript's raw bindings into `KernelExports`, so a renamed kernel or a
// changed parameter list is a compile error here, not a runtime `undefined`.
export type { KernelExports };

/** Names of the kernel functions (what `parallelFor` and `parallelRun` run). */
export type KernelFunctionName = {
  [K in keyof KernelExports]: KernelExports[K] extends (...args: never[]) => unknown ? K : never;
}[keyof KernelExports];

/** Maximum memory: 65 536 pages of 64 KiB = 4 GiB (wasm32 limit). */
export const MAX_PAGES = 65536;
const PAGE = 65536;
/** Must be ≥ the module's declared minimum (`--initialMemory 16` in scripts/build-wasm.mjs). */
const INITIAL_PAGES = 16;
const ALIGN = 64;

interface FreeBlock {
  ptr: number;
  size: number;
}

export class WasmRuntime {
  readonly module: WebAssembly.Module;
  readonly memory: WebAssembly.Memory;
  private readonly instance: WebAssembly.Instance;
  /** Start of the region the allocator hands out (after the module's static data). */
  readonly heapBase: number;
  /** End of the highest allocation ever made (bump pointer). */
  private top: number;
  /** Free blocks below `top`, sorted by address, coalesced. */
  private freeList: FreeBlock[] = [];
  private readonly sizes = new Map<number, number>();

  constructor(wasm: Uint8Array) {
    // The bytes sit on an ordinary ArrayBuffer; the cast satisfies the DOM lib's BufferSource too (the page's type check).
    this.module = new WebAssembly.Module(wasm as Uint8Array<ArrayBuffer>);
    this.memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: MAX_PAGES, shared: true });
    this.instance = instantiate(this.module, this.memory);
    const base = Number(this.kernels().HEAP_BASE.value);
    this.heapBase = alignUp(Math.max(base, 1024), ALIGN);
    this.top = this.heapBase;
  }

  /** Exports of the main-thread instance. */
  kernels(): KernelExports {
    return this.instance.exports as unknown as KernelExports;
  }

  /** Allocate `bytes` (64-byte aligned, contents unspecified). Grows the memory when needed. */
  alloc(bytes: number): number {
    if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`alloc: invalid size ${bytes}`);
    const size = alignUp(Math.max(bytes, 1), ALIGN);
    // First fit among freed blocks.
    for (let b = 0; b < this.freeList.length; b++) {
      const block = this.freeList[b];
      if (block.size >= size) {
        const ptr = block.ptr;
        if (block.size === size) this.freeList.splice(b, 1);
        else {
          block.ptr += size;
          block.size -= size;
        }
        this.sizes.set(ptr, size);
        return ptr;
      }
    }
    // Extend the top, merging a free block that ends at the top.
    let ptr = this.top;
    const last = this.freeList[this.freeList.length - 1];
    if (last && last.ptr + last.size === this.top) {
      ptr = last.ptr;
      this.freeList.pop();
    }
    const end = ptr + size;
    this.ensure(end);
    this.top = end;
    this.sizes.set(ptr, size);
    return ptr;
  }

  /** Release a block returned by `alloc`. Freeing 0 is a no-op. */
  free(ptr: number): void {
    if (ptr === 0) return;
    const size = this.sizes.get(ptr);
    if (size === undefined) throw new Error(`free: ${ptr} is not an allocated block`);
    this.sizes.delete(ptr);
    if (ptr + size === this.top) {
      this.top = ptr;
      // Fold free blocks that now touch the top.
      let last = this.freeList[this.freeList.length - 1];
      while (last && last.ptr + last.size === this.top) {
        this.top = last.ptr;
        this.freeList.pop();
        last = this.freeList[this.freeList.length - 1];
      }
      return;
    }
    // Insert sorted and coalesce with neighbours.
    const list = this.freeList;
    let lo = 0,
      hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid].ptr < ptr) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, { ptr, size });
    if (lo + 1 < list.length && ptr + size === list[lo + 1].ptr) {
      list[lo].size += list[lo + 1].size;
      list.splice(lo + 1, 1);
    }
    if (lo > 0 && list[lo - 1].ptr + list[lo - 1].size === ptr) {
      list[lo - 1].size += list[lo].size;
      list.splice(lo, 1);
    }
  }

  /**
   * Run `body` with temporary allocations that are all freed afterwards, even
   * when it throws: `rt.scoped((alloc) => { const p = alloc(n); … })`.
   */
  scoped<T>(body: (alloc: (bytes: number) => number) => T): T {
    const taken: number[] = [];
    try {
      return body((bytes) => {
        const p = this.alloc(bytes);
        taken.push(p);
        return p;
      });
    } finally {
      for (let i = taken.length - 1; i >= 0; i--) this.free(taken[i]);
    }
  }

  /** Bytes currently handed out (for tests and memory reports). */
  get allocatedBytes(): number {
    let s = 0;
    for (const v of this.sizes.values()) s += v;
    return s;
  }

  /** Current size of the memory in bytes. */
  get memoryBytes(): number {
    return this.memory.buffer.byteLength;
  }

  f32(ptr: number, length: number): Float32Array {
    return new Float32Array(this.memory.buffer, ptr, length);
  }
  f64(ptr: number, length: number): Float64Array {
    return new Float64Array(this.memory.buffer, ptr, length);
  }
  i32(ptr: number, length: number): Int32Array {
    return new Int32Array(this.memory.buffer, ptr, length);
  }
  u8(ptr: number, length: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr, length);
  }

  private ensure(end: number): void {
    if (end > MAX_PAGES * PAGE) {
      throw new RangeError(`WebAssembly memory limit (4 GiB) exceeded: ${end} bytes requested`);
    }
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    // Grow geometrically to keep the number of grow calls small.
    const want = Math.min(MAX_PAGES, Math.max(Math.ceil(end / PAGE), Math.ceil((have / PAGE) * 1.25)));
    this.memory.grow(want - have / PAGE);
  }
}

function alignUp(x: number, a: number): number {
  return Math.ceil(x / a) * a;
}

/** Imports every instance gets: the memory, and `abort` for AssemblyScript assertions. */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): WebAssembly.Instance {
  return new WebAssembly.Instance(module, {
    env: {
      memory,
      abort(_msg: number, _file: number, line: number, column: number): never {
        throw new Error(`WebAssembly kernel aborted at line ${line}:${column}`);
      },
      seed: () => 0,
    },
  });
}

let shared: WasmRuntime | undefined;

/** The process-wide runtime (created on first use). */
export function wasmRuntime(): WasmRuntime {
  shared ??= new WasmRuntime(decodeBase64(kernelsWasmBase64));
  return shared;
}

function decodeBase64(b64: string): Uint8Array {
  return new Uint8Array(Buffer.from(b64, 'base64'));
}
