/**
 * Worker pool for JavaScript stages (cleaning, tokenizing, MinHash signatures):
 * the twin of ./pool.ts, which runs WebAssembly kernels synchronously.
 *
 *   await mapTask(task, items, { context, threads })
 *
 * applies `task.run(state, item, index)` to every item and resolves with the
 * results in input order. `state = task.prepare(context)` is built once per
 * thread and context (a Tokenizer loads its jieba dictionary once, not once per
 * chunk). The context must survive structured cloning: functions, class
 * instances and native handles cannot cross threads.
 *
 * Determinism: items are cut into chunks by index alone; which worker takes a
 * chunk depends on scheduling, but a result depends only on its item, its index
 * and the context, so the output is identical for any thread count.
 *
 * Workers only know tasks by name: they load one entry module (src/task-worker.ts,
 * built to dist/task-worker.{js,cjs}) that registers every task of the library.
 * `threads: 1` runs the task on the calling thread and starts no worker. Workers
 * start lazily, are `unref()`ed while idle (they never keep the process alive)
 * and stay for later calls; if they cannot start, the work runs on the calling
 * thread after one warning, as in the WebAssembly pool.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, JdClusterError } from './errors.js';
import { resolveThreads } from './pool.js';

/** A named function that workers can run; see the file header. */
export interface TaskDefinition<Context, Item, Result, State = unknown> {
  /** Unique name under which the worker entry registers the task. */
  readonly name: string;
  /** Per-thread state built from the (structured-cloneable) context. */
  prepare(context: Context): State;
  /** Result for one item; `index` is the item's position in the whole input. */
  run(state: State, item: Item, index: number): Result;
}

/** Identity helper that infers a task's type parameters. */
export function defineTask<Context, Item, Result, State>(
  task: TaskDefinition<Context, Item, Result, State>,
): TaskDefinition<Context, Item, Result, State> {
  return task;
}

/** A task failed on one item; `index` is the item's position in the input. */
export class TaskError extends InputError {
  constructor(
    readonly task: string,
    index: number,
    readonly causeName: string,
    readonly causeMessage: string,
  ) {
    super(`Task '${task}' failed on item ${index}: ${causeName}: ${causeMessage}`, index);
  }
}

export interface MapTaskOptions<Context> {
  /** Handed to `task.prepare` on every thread. */
  readonly context: Context;
  /** Threads (1 = the calling thread, no worker). Default: every core. */
  readonly threads?: number;
  /** Items per chunk; default ≈ 8 chunks per thread, so a slow chunk does not leave a thread idle. */
  readonly chunkSize?: number;
  /**
   * Run on a worker even when there are fewer items than threads (one item included), so that
   * the calling thread stays free for other work while it awaits (the pipeline's document map
   * lays out beside the clustering). Ignored at `threads: 1`, which never starts a worker.
   */
  readonly offload?: boolean;
}

/** Messages between the pool and its workers (also used by ./task-worker-loop.ts). */
export interface TaskRequest {
  readonly id: number;
  readonly task: string;
  readonly contextKey: string;
  readonly context: unknown;
  readonly start: number;
  readonly items: readonly unknown[];
}
export type TaskReply =
  | { readonly id: number; readonly results: unknown[] }
  | { readonly id: number; readonly error: { index: number; name: string; message: string } };

// ——— the calling thread's own task states (threads: 1, and fallback) ———

const inlineStates = new Map<string, { key: string; state: unknown }>();

/** `task.prepare(context)`, cached per task for the last context seen (keyed by its JSON). */
export function preparedState<C, S>(task: TaskDefinition<C, unknown, unknown, S>, context: C, key: string): S {
  const cached = inlineStates.get(task.name);
  if (cached && cached.key === key) return cached.state as S;
  const state = task.prepare(context);
  inlineStates.set(task.name, { key, state });
  return state;
}

/**
 * Runs items [start, start + items.length) and names the failing index: the item's, or the
 * index an InputError of the task names (a task whose items are blocks of rows names the row).
 */
export function runChunk<S>(task: TaskDefinition<unknown, unknown, unknown, S>, state: S, items: readonly unknown[], start: number) {
  const results: unknown[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    try {
      results[i] = task.run(state, items[i], start + i);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      const itemIndex = error instanceof InputError && error.index !== undefined ? error.index : start + i;
      throw Object.assign(new Error(e.message), { itemIndex, causeName: e.name });
    }
  }
  return results;
}

function asTaskError(task: string, error: unknown): TaskError {
  const e = error as { itemIndex?: number; causeName?: string; message?: string };
  return new TaskError(task, e.itemIndex ?? -1, e.causeName ?? 'Error', e.message ?? String(error));
}

// ——— the pool ———

interface Chunk {
  call: Call;
  chunkIndex: number;
  start: number;
  items: readonly unknown[];
}

interface Call {
  task: string;
  context: unknown;
  contextKey: string;
  results: unknown[][];
  remaining: number;
  failed: boolean;
  /** Only workers 0 … threads − 1 take this call's chunks. */
  threads: number;
  /** Run aside (`offload`): long work, so nothing is sent ahead to the worker that runs it. */
  aside: boolean;
  resolve(results: unknown[]): void;
  reject(error: unknown): void;
}

interface PoolWorker {
  worker: Worker;
  /** Chunks sent and not yet answered, oldest first (a worker answers in the order it was sent). */
  inFlight: Chunk[];
  /** Low-priority work for this worker alone (see `warm`), taken when the shared queue is empty. */
  pinned: Chunk[];
  /** Context key each task was last prepared with on this worker: the context is sent only when it changes. */
  contexts: Map<string, string>;
}

let nextRequestId = 1;

/**
 * Chunks a worker holds at once: the one it runs and the next. With one, a worker that
 * finishes a chunk waits until the calling thread handles its reply and sends the next, and
 * the calling thread is often busy with work of its own meanwhile (building the template blocks while
 * the workers clean, a major garbage collection, interning a block's tokens). Two keep
 * the workers going through such stretches as long as a chunk lasts; more would leave a
 * worker holding chunks an idle one could take at the end of a call. In the pipeline's
 * stages from clean to tokenize, the workers' idle time fell from 0.72–0.84 to 0.52–0.63 s
 * each (docs/perf-log.md, 2026-12-06 session 15).
 */
const IN_FLIGHT = 2;

export class TaskPool {
  private readonly workers: PoolWorker[] = [];
  private readonly queue: Chunk[] = [];
  private unavailable = false;

  /** Number of worker threads started so far. */
  get size(): number {
    return this.workers.length;
  }

  /** See the file header. */
  async map<C, T, R, S>(task: TaskDefinition<C, T, R, S>, items: readonly T[], options: MapTaskOptions<C>): Promise<R[]> {
    if (!Array.isArray(items)) throw new InputError(`mapTask('${task.name}'): items must be an array.`);
    const requested = resolveThreads(options.threads);
    const threads = options.offload && requested > 1 ? requested : Math.min(requested, Math.max(1, items.length));
    const contextKey = JSON.stringify(options.context) ?? 'undefined';
    if (threads === 1 || this.unavailable || !this.ensureWorkers(threads)) return runInline(task, items, options.context, contextKey);
    const chunkSize = options.chunkSize ?? Math.max(1, Math.ceil(items.length / (threads * 8)));
    const nChunks = Math.ceil(items.length / chunkSize);
    return new Promise<R[]>((resolve, reject) => {
      const call: Call = {
        task: task.name,
        context: options.context,
        contextKey,
        results: new Array(nChunks),
        remaining: nChunks,
        failed: false,
        threads,
        aside: options.offload === true,
        resolve: (chunks) => resolve(chunks as R[]),
        reject,
      };
      for (let c = 0; c < nChunks; c++) {
        const start = c * chunkSize;
        this.queue.push({ call, chunkIndex: c, start, items: items.slice(start, start + chunkSize) });
      }
      this.dispatch(threads);
    });
  }

  /**
   * Build `task`'s state for `context` on `threads` workers (starting them if needed)
   * without running any item, so that a later `map` finds them ready. The work has
   * low priority: a worker does it once the shared queue is empty, e.g. while the
   * calling thread merges the results of an earlier stage. Resolves when every worker
   * is prepared; never rejects (a failing preparation fails the later `map` instead).
   */
  async warm<C, S>(task: TaskDefinition<C, never, unknown, S>, context: C, { threads }: { threads?: number } = {}): Promise<void> {
    const n = resolveThreads(threads);
    if (n === 1 || this.unavailable || !this.ensureWorkers(n)) return;
    const contextKey = JSON.stringify(context) ?? 'undefined';
    const targets = this.workers.slice(0, n).filter((w) => w.contexts.get(task.name) !== contextKey);
    await Promise.all(
      targets.map(
        (worker) =>
          new Promise<void>((resolve) => {
            const call: Call = {
              task: task.name,
              context,
              contextKey,
              results: [],
              remaining: 1,
              failed: false,
              threads: n,
              aside: false,
              resolve: () => resolve(),
              reject: () => resolve(),
            };
            worker.pinned.push({ call, chunkIndex: 0, start: 0, items: [] });
            if (worker.inFlight.length === 0) this.send(worker, worker.pinned.shift()!);
          }),
      ),
    );
  }

  /** Stop every worker; later calls start new ones. */
  async terminate(): Promise<void> {
    const workers = this.workers.splice(0);
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }

  private dispatch(limit = this.workers.length): void {
    // Round by round, so that each worker gets its first chunk before any gets a second.
    for (let depth = 1; depth <= IN_FLIGHT; depth++) {
      for (let w = 0; w < this.workers.length && w < limit && this.queue.length > 0; w++) {
        const worker = this.workers[w];
        if (worker.inFlight.length >= depth || !this.takesMore(worker)) continue;
        const chunk = this.nextChunk(worker, false);
        if (!chunk) return;
        this.send(worker, chunk);
      }
    }
  }

  /**
   * Whether a chunk may be sent to this worker now: it is idle, or every chunk it holds is of
   * ordinary length. A chunk run aside (the document map's layout) takes seconds; another call's
   * chunk sent behind it would wait that long while other workers could have taken it.
   */
  private takesMore(worker: PoolWorker): boolean {
    return worker.inFlight.every((chunk) => !chunk.call.aside);
  }

  /** The next shared chunk this worker may take, else (`pinned`) its own low-priority work. */
  private nextChunk(worker: PoolWorker, pinned: boolean): Chunk | undefined {
    const position = this.workers.indexOf(worker);
    for (let q = 0; q < this.queue.length;) {
      const chunk = this.queue[q];
      // Chunks of a call that already failed are dropped, not computed.
      if (chunk.call.failed) this.queue.splice(q, 1);
      else if (position < chunk.call.threads) return this.queue.splice(q, 1)[0];
      else q++;
    }
    return pinned ? worker.pinned.shift() : undefined;
  }

  private send(worker: PoolWorker, chunk: Chunk): void {
    const { call } = chunk;
    const known = worker.contexts.get(call.task) === call.contextKey;
    worker.contexts.set(call.task, call.contextKey);
    worker.inFlight.push(chunk);
    // A busy worker keeps the process alive until its replies arrive; an idle one does not.
    worker.worker.ref();
    const request: TaskRequest = {
      id: nextRequestId++,
      task: call.task,
      contextKey: call.contextKey,
      context: known ? undefined : call.context,
      start: chunk.start,
      items: chunk.items,
    };
    worker.worker.postMessage(request);
  }

  private onReply(worker: PoolWorker, reply: TaskReply): void {
    const chunk = worker.inFlight.shift();
    if (worker.inFlight.length === 0) worker.worker.unref();
    if (chunk) {
      const { call } = chunk;
      if ('error' in reply) {
        if (!call.failed) {
          call.failed = true;
          call.reject(new TaskError(call.task, reply.error.index, reply.error.name, reply.error.message));
        }
      } else if (!call.failed) {
        call.results[chunk.chunkIndex] = reply.results;
        if (--call.remaining === 0) call.resolve(call.results.flat());
      }
    }
    // Keep IN_FLIGHT chunks queued at the worker; its own low-priority work only once it is idle.
    while (worker.inFlight.length < IN_FLIGHT && this.takesMore(worker)) {
      const next = this.nextChunk(worker, worker.inFlight.length === 0);
      if (!next) break;
      this.send(worker, next);
    }
  }

  private onCrash(worker: PoolWorker, error: unknown): void {
    const index = this.workers.indexOf(worker);
    if (index >= 0) this.workers.splice(index, 1);
    for (const pinned of worker.pinned.splice(0)) pinned.call.reject(error);
    for (const chunk of worker.inFlight.splice(0)) {
      if (chunk.call.failed) continue;
      chunk.call.failed = true;
      chunk.call.reject(
        new JdClusterError(
          `A worker thread of task '${chunk.call.task}' stopped: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    // Other calls keep their queued chunks; a new worker takes them.
    if (this.queue.length > 0 && this.ensureWorkers(Math.max(1, this.workers.length + 1))) this.dispatch();
  }

  /** Start workers until there are `count`; false when they cannot run here. */
  private ensureWorkers(count: number): boolean {
    if (this.workers.length >= count) return true;
    const boot = workerBoot();
    if (!boot) {
      this.unavailable = true;
      process.emitWarning('jd-cluster: the task worker entry was not found; JavaScript stages run on one thread.');
      return false;
    }
    while (this.workers.length < count) {
      const worker = new Worker(BOOT_SOURCE, {
        eval: true,
        workerData: boot,
        // Per-process flags (--max-old-space-size …) are refused in workers: ERR_WORKER_INVALID_EXEC_ARGV.
        execArgv: [],
      });
      worker.unref();
      const entry: PoolWorker = { worker, inFlight: [], pinned: [], contexts: new Map() };
      worker.on('message', (reply: TaskReply) => this.onReply(entry, reply));
      worker.on('error', (error) => this.onCrash(entry, error));
      worker.on('exit', (code) => {
        if (this.workers.includes(entry)) this.onCrash(entry, new Error(`exit code ${code}`));
      });
      this.workers.push(entry);
    }
    return true;
  }
}

async function runInline<C, T, R, S>(task: TaskDefinition<C, T, R, S>, items: readonly T[], context: C, key: string): Promise<R[]> {
  const state = preparedState(task, context, key);
  try {
    return runChunk(task as TaskDefinition<unknown, unknown, unknown, S>, state, items, 0) as R[];
  } catch (error) {
    throw asTaskError(task.name, error);
  }
}

// The bootstrap is CommonJS evaluated from a string, so that one code path loads
// the built entry (dist) and the TypeScript sources (vitest, tsx: through tsx's loader).
const BOOT_SOURCE = `
const { workerData } = require('node:worker_threads');
const ready = workerData.loader ? import(workerData.loader).then((m) => m.register()) : Promise.resolve();
ready.then(() => import(workerData.entry)).catch((e) => { setImmediate(() => { throw e; }); });
`;

interface WorkerBoot {
  entry: string;
  loader?: string;
}

/** Where the worker entry is: next to the bundle in dist, or src/task-worker.ts under tsx/vitest. */
function workerBoot(): WorkerBoot | null {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) {
    const entry = path.resolve(path.dirname(here), '../task-worker.ts');
    let loader: string;
    try {
      const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
      loader = path.join(path.dirname(tsxPackage), 'dist/esm/api/index.mjs');
    } catch {
      return null;
    }
    if (!existsSync(entry) || !existsSync(loader)) return null;
    return { entry: pathToFileURL(entry).href, loader: pathToFileURL(loader).href };
  }
  const entry = path.join(path.dirname(here), here.endsWith('.cjs') ? 'task-worker.cjs' : 'task-worker.js');
  return existsSync(entry) ? { entry: pathToFileURL(entry).href } : null;
}

let sharedPool: TaskPool | undefined;

/** The process-wide task pool. */
export function taskPool(): TaskPool {
  sharedPool ??= new TaskPool();
  return sharedPool;
}

/** Shorthand for `taskPool().map(...)`. */
export function mapTask<C, T, R, S>(task: TaskDefinition<C, T, R, S>, items: readonly T[], options: MapTaskOptions<C>): Promise<R[]> {
  return taskPool().map(task, items, options);
}

/** Stop the process-wide task pool's workers. */
export async function terminateTaskPool(): Promise<void> {
  const pool = sharedPool;
  sharedPool = undefined;
  await pool?.terminate();
}
