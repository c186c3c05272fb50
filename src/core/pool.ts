/**
 * Worker pool of the compute core: synchronous data-parallel loops over the
 * exports of the WebAssembly module, on `worker_threads` that share the
 * runtime's memory (see ./wasm/runtime.ts).
 *
 *   parallelFor(exportName, args, nTasks, threads?)
 *
 * runs `exports[exportName](...args, taskIndex, threadIndex)` once for every
 * taskIndex in [0, nTasks). Every participating thread (the main thread
 * included, as threadIndex 0; workers are 1 … threads − 1) claims task indices
 * with an atomic counter until none are left; the main thread then closes the
 * call to latecomers and blocks (Atomics.wait) until every worker that joined
 * has finished, so the call is synchronous and estimators keep a plain `fit(X)`.
 *
 * Contract for kernels run this way:
 * - arguments are numbers (pointers are byte offsets from `wasmRuntime().alloc`);
 *   two trailing i32 parameters receive taskIndex and threadIndex (a kernel may
 *   declare only the first, or neither: WebAssembly ignores extra arguments);
 * - a task writes only outputs that belong to it (e.g. rows of its block), so
 *   results are identical for any thread count and any claiming order;
 * - per-thread scratch space is addressed by threadIndex (< threads).
 *
 * Workers start lazily on first parallel use, are `unref()`ed (they never keep
 * the process alive) and stay for later calls. `threads` defaults to
 * `os.availableParallelism()`; `threads: 1` runs everything on the calling
 * thread without touching the pool.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { check } from './errors.js';
import { wasmRuntime, type KernelFunctionName, type WasmRuntime } from './wasm/runtime.js';

/** Largest thread count accepted by `threads` options. */
export const MAX_THREADS = 64;
const MAX_ARGS = 16;

// Control block layout (Int32 slots), then Float64 arguments from byte 64.
const GEN = 0,
  FN = 1,
  NARGS = 2,
  NTASKS = 3,
  NEXT = 4,
  JOINED = 5,
  MAXW = 6,
  ACK = 7,
  ERROR = 8,
  STOP = 9,
  READY = 10,
  MODE = 11;
/** How long the first parallel call waits for worker threads to start before running alone. */
const STARTUP_TIMEOUT_MS = 20_000;
const ARGS_BYTE_OFFSET = 64;
const SPIN = 20_000;
/**
 * JOINED holds the call's generation (low 16 bits of GEN) in its high half and the
 * number of workers that joined in its low half; CLOSED there means joining is over.
 * A worker joins only a call whose tag it sees (compare-and-swap), so one that wakes
 * after the main thread has finished (and closed) the call, or has moved on to the
 * next one, neither runs a task nor reads arguments that are no longer its call's.
 */
const CLOSED = 0xffff;

/** Default thread count: every core of the machine. */
export function defaultThreads(): number {
  return Math.max(1, Math.min(MAX_THREADS, availableParallelism()));
}

/** Validate a `threads` option (undefined → all cores). */
export function resolveThreads(threads: number | undefined): number {
  if (threads === undefined) return defaultThreads();
  return check.integer('threads', threads, 1, MAX_THREADS);
}

// The worker is plain CommonJS evaluated from a string, so it works the same
// from the TypeScript sources (vitest, tsx) and from the tsup bundles.
const WORKER_SOURCE = `
const { workerData } = typeof require === 'function'
  ? require('node:worker_threads')
  : process.getBuiltinModule('node:worker_threads');
const { module, memory, control, names, port, startGen } = workerData;
const [GEN, FN, NARGS, NTASKS, NEXT, JOINED, MAXW, ACK, ERROR, STOP, READY, MODE, CLOSED] = [${[GEN, FN, NARGS, NTASKS, NEXT, JOINED, MAXW, ACK, ERROR, STOP, READY, MODE, CLOSED].join(', ')}];
const ctrl = new Int32Array(control);
const argv = new Float64Array(control, ${ARGS_BYTE_OFFSET}, ${MAX_ARGS});
let fns, startupError;
try {
  const instance = new WebAssembly.Instance(module, { env: {
    memory,
    abort(_m, _f, line, col) { throw new Error('WebAssembly kernel aborted at line ' + line + ':' + col); },
    seed: () => 0,
  } });
  fns = names.map((n) => instance.exports[n]);
} catch (e) {
  startupError = String((e && e.stack) || e);
}
let seen = startGen;
Atomics.add(ctrl, READY, 1);
Atomics.notify(ctrl, READY);
for (;;) {
  let g = Atomics.load(ctrl, GEN);
  for (let s = 0; g === seen && s < ${SPIN}; s++) g = Atomics.load(ctrl, GEN);
  if (g === seen) { Atomics.wait(ctrl, GEN, seen); g = Atomics.load(ctrl, GEN); }
  if (g === seen) continue;
  seen = g;
  if (Atomics.load(ctrl, STOP)) break;
  // Join call g unless it is over (closed, or a later call has begun: then GEN has moved
  // on and the next turn of the loop joins that one). The tag check and the count are one CAS.
  let slot = -1;
  for (let v = Atomics.load(ctrl, JOINED); (v >>> 16) === (g & 0xffff) && (v & 0xffff) < CLOSED; v = Atomics.load(ctrl, JOINED)) {
    if (Atomics.compareExchange(ctrl, JOINED, v, v + 1) === v) { slot = v & 0xffff; break; }
  }
  if (slot < 0) continue;
  if (startupError !== undefined) {
    // Never leave the main thread waiting: acknowledge every job with the error.
    Atomics.store(ctrl, NEXT, ctrl[NTASKS]);
    Atomics.store(ctrl, ERROR, 1);
    port.postMessage(startupError);
  } else if (slot < Atomics.load(ctrl, MAXW)) {
    const f = fns[ctrl[FN]];
    const nArgs = ctrl[NARGS], nTasks = ctrl[NTASKS];
    const a = new Array(nArgs + 2);
    for (let i = 0; i < nArgs; i++) a[i] = argv[i];
    a[nArgs + 1] = slot + 1;
    try {
      if (ctrl[MODE] === 1) {
        a[nArgs] = 0;
        f.apply(null, a);
      } else {
        for (let t = Atomics.add(ctrl, NEXT, 1); t < nTasks; t = Atomics.add(ctrl, NEXT, 1)) {
          a[nArgs] = t;
          f.apply(null, a);
        }
      }
    } catch (e) {
      Atomics.store(ctrl, NEXT, nTasks);
      Atomics.store(ctrl, ERROR, 1);
      port.postMessage(String((e && e.stack) || e));
    }
  }
  Atomics.add(ctrl, ACK, 1);
  Atomics.notify(ctrl, ACK);
}
`;

interface PoolWorker {
  worker: Worker;
  port: MessagePort;
}

export class WorkerPool {
  private readonly control = new SharedArrayBuffer(ARGS_BYTE_OFFSET + MAX_ARGS * 8);
  private readonly ctrl = new Int32Array(this.control);
  private readonly argv = new Float64Array(this.control, ARGS_BYTE_OFFSET, MAX_ARGS);
  private readonly workers: PoolWorker[] = [];
  private readonly names: string[];
  private readonly fnIndex = new Map<string, number>();
  private busy = false;
  private terminated = false;
  /** Set when workers could not start: every call then runs on the calling thread. */
  private unavailable = false;

  constructor(private readonly runtime: WasmRuntime) {
    this.names = WebAssembly.Module.exports(runtime.module)
      .filter((e) => e.kind === 'function')
      .map((e) => e.name);
    this.names.forEach((n, i) => this.fnIndex.set(n, i));
  }

  /** Number of worker threads started so far. */
  get size(): number {
    return this.workers.length;
  }

  /** See the file header. */
  parallelFor(exportName: KernelFunctionName, args: readonly number[], nTasks: number, threads?: number): void {
    this.run(exportName, args, nTasks, threads, false);
  }

  /**
   * Call `exports[exportName](...args, 0, threadIndex)` exactly once on each of
   * `threads` distinct threads (fewer only if workers cannot start). For kernels
   * that coordinate their threads themselves (e.g. with atomics, as the MST does);
   * such a kernel must also finish correctly when it runs alone.
   */
  parallelRun(exportName: KernelFunctionName, args: readonly number[], threads?: number): void {
    this.run(exportName, args, resolveThreads(threads), threads, true);
  }

  private run(exportName: KernelFunctionName, args: readonly number[], nTasks: number, threads: number | undefined, once: boolean): void {
    const fnIdx = this.fnIndex.get(exportName);
    if (fnIdx === undefined) throw new Error(`parallelFor: the WebAssembly module has no function export '${exportName}'`);
    if (args.length > MAX_ARGS) throw new Error(`parallelFor: at most ${MAX_ARGS} arguments, got ${args.length}`);
    if (!Number.isInteger(nTasks) || nTasks < 0) throw new RangeError(`parallelFor: invalid task count ${nTasks}`);
    let nThreads = Math.min(resolveThreads(threads), Math.max(1, nTasks));
    if (nThreads > 1 && !this.ensureWorkers(nThreads - 1)) nThreads = 1;
    // Every task kernel takes numbers; the two trailing task/thread indices are
    // ignored by kernels that declare fewer parameters (WebAssembly drops extras).
    const f = this.runtime.kernels()[exportName] as (...args: number[]) => unknown;
    const a = [...args, 0, 0];
    if (nThreads === 1) {
      if (once) f(...a);
      else {
        for (let t = 0; t < nTasks; t++) {
          a[args.length] = t;
          f(...a);
        }
      }
      return;
    }
    if (this.busy) throw new Error('parallelFor: nested parallel calls are not supported');
    if (this.terminated) throw new Error('parallelFor: this pool was terminated');
    this.busy = true;
    try {
      const ctrl = this.ctrl;
      ctrl[FN] = fnIdx;
      ctrl[NARGS] = args.length;
      ctrl[NTASKS] = nTasks;
      ctrl[MODE] = once ? 1 : 0;
      for (let i = 0; i < args.length; i++) this.argv[i] = args[i];
      const generation = (Atomics.load(ctrl, GEN) + 1) | 0;
      Atomics.store(ctrl, NEXT, 0);
      Atomics.store(ctrl, JOINED, (generation & 0xffff) << 16);
      Atomics.store(ctrl, MAXW, nThreads - 1);
      Atomics.store(ctrl, ACK, 0);
      Atomics.store(ctrl, ERROR, 0);
      Atomics.store(ctrl, GEN, generation);
      Atomics.notify(ctrl, GEN);

      let mainError: unknown;
      try {
        if (once) f(...a);
        else {
          for (let t = Atomics.add(ctrl, NEXT, 1); t < nTasks; t = Atomics.add(ctrl, NEXT, 1)) {
            a[args.length] = t;
            f(...a);
          }
        }
      } catch (e) {
        mainError = e;
        Atomics.store(ctrl, NEXT, nTasks);
      }
      // Every task is claimed: close the call and wait for the workers that joined it
      // (each acknowledges once done), not for those still waking up. A worker woken
      // from its sleep takes up to a millisecond on a virtual machine, longer than
      // many calls last; it then finds the call closed and goes back to waiting.
      // (approximate HDBSCAN at 10k: 6 of 25 calls a fit waited ~0.8 ms each for
      // such a worker; docs/perf-log.md, 2026-12-07 session 18.)
      const expected = Atomics.exchange(ctrl, JOINED, ((generation & 0xffff) << 16) | CLOSED) & 0xffff;
      let acked = Atomics.load(ctrl, ACK);
      for (let s = 0; acked < expected && s < SPIN; s++) acked = Atomics.load(ctrl, ACK);
      while (acked < expected) {
        Atomics.wait(ctrl, ACK, acked);
        acked = Atomics.load(ctrl, ACK);
      }
      if (mainError !== undefined) throw mainError;
      if (Atomics.load(ctrl, ERROR)) {
        const messages: string[] = [];
        for (const w of this.workers) {
          for (let m = receiveMessageOnPort(w.port); m; m = receiveMessageOnPort(w.port)) messages.push(String(m.message));
        }
        throw new Error(`parallelFor('${exportName}') failed in a worker thread: ${messages.join('\n') || 'unknown error'}`);
      }
    } finally {
      this.busy = false;
    }
  }

  /** Stop all workers for good; a stopped pool refuses further parallel work. */
  terminate(): void {
    this.terminated = true;
    Atomics.store(this.ctrl, MAXW, 0);
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.add(this.ctrl, GEN, 1);
    Atomics.notify(this.ctrl, GEN);
    for (const w of this.workers) {
      w.port.close();
      void w.worker.terminate();
    }
    this.workers.length = 0;
  }

  /** Start workers until there are `count`; false when they cannot run here. */
  private ensureWorkers(count: number): boolean {
    if (this.unavailable) return false;
    if (this.workers.length >= count) return true;
    while (this.workers.length < count) {
      const { port1, port2 } = new MessageChannel();
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          module: this.runtime.module,
          memory: this.runtime.memory,
          control: this.control,
          names: this.names,
          port: port2,
          startGen: Atomics.load(this.ctrl, GEN),
        },
        transferList: [port2],
        // The worker is self-contained CommonJS and needs no node flags; inheriting
        // process.execArgv would fail on per-process flags (--max-old-space-size …:
        // ERR_WORKER_INVALID_EXEC_ARGV) and on flags that make eval'd code an ES module.
        execArgv: [],
      });
      worker.unref();
      port1.unref();
      this.workers.push({ worker, port: port1 });
    }
    // Wait until every worker is in its loop, so that a worker that cannot start
    // (no threads, a failing WebAssembly instantiation …) never hangs a job.
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    let ready = Atomics.load(this.ctrl, READY);
    while (ready < this.workers.length && Date.now() < deadline) {
      Atomics.wait(this.ctrl, READY, ready, 50);
      ready = Atomics.load(this.ctrl, READY);
    }
    if (ready < this.workers.length) {
      this.unavailable = true;
      for (const w of this.workers) void w.worker.terminate();
      this.workers.length = 0;
      process.emitWarning('jd-cluster: worker threads did not start; computing on one thread.');
      return false;
    }
    return true;
  }
}

let sharedPool: WorkerPool | undefined;

/** The process-wide pool over `wasmRuntime()`. */
export function workerPool(): WorkerPool {
  sharedPool ??= new WorkerPool(wasmRuntime());
  return sharedPool;
}

/** Stop the process-wide pool's workers; the next parallel call starts a new pool. */
export function terminateWorkerPool(): void {
  sharedPool?.terminate();
  sharedPool = undefined;
}

/** Shorthand for `workerPool().parallelRun(...)`. */
export function parallelRun(exportName: KernelFunctionName, args: readonly number[], threads?: number): void {
  workerPool().parallelRun(exportName, args, threads);
}

/** Shorthand for `workerPool().parallelFor(...)`. */
export function parallelFor(exportName: KernelFunctionName, args: readonly number[], nTasks: number, threads?: number): void {
  workerPool().parallelFor(exportName, args, nTasks, threads);
}
