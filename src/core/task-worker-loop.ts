/**
 * The worker side of ./task-pool.ts: answers each request with the results of
 * one chunk, or with the first failing item's index and error.
 */
import { parentPort } from 'node:worker_threads';
import { runChunk, type TaskDefinition, type TaskReply, type TaskRequest } from './task-pool.js';

/** Serve `tasks` (by name) on this worker thread's parent port. */
export function serveTasks(tasks: readonly TaskDefinition<never, never, unknown, unknown>[]): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run in a worker thread');
  const byName = new Map<string, TaskDefinition<unknown, unknown, unknown, unknown>>();
  for (const task of tasks) byName.set(task.name, task as unknown as TaskDefinition<unknown, unknown, unknown, unknown>);
  // One state per task, for the last context: the pool sends a context only when it changes.
  const states = new Map<string, { key: string; state: unknown }>();
  port.on('message', (request: TaskRequest) => {
    let reply: TaskReply;
    try {
      const task = byName.get(request.task);
      if (!task) throw Object.assign(new Error(`no task named '${request.task}' in the worker entry`), { itemIndex: request.start });
      let entry = states.get(task.name);
      if (!entry || entry.key !== request.contextKey) {
        if (request.context === undefined && request.contextKey !== 'undefined') {
          throw Object.assign(new Error('context missing'), { itemIndex: request.start });
        }
        try {
          entry = { key: request.contextKey, state: task.prepare(request.context) };
        } catch (error) {
          throw Object.assign(error instanceof Error ? error : new Error(String(error)), { itemIndex: request.start });
        }
        states.set(task.name, entry);
      }
      reply = { id: request.id, results: runChunk(task, entry.state, request.items, request.start) };
    } catch (error) {
      const e = error as { itemIndex?: number; causeName?: string; name?: string; message?: string };
      reply = {
        id: request.id,
        error: { index: e.itemIndex ?? request.start, name: e.causeName ?? e.name ?? 'Error', message: e.message ?? String(error) },
      };
    }
    port.postMessage(reply);
  });
}
