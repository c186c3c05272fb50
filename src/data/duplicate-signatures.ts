/**
 * Duplicate detection on worker threads: the per-posting work (normalised key,
 * shingles, MinHash signature) runs in `threads` workers; exact grouping, LSH
 * banding, verification and union-find stay on the calling thread, where they
 * need every signature at once. The report is identical to `findDuplicates`'.
 */
import { ParameterError } from '../core/errors.js';
import { defineTask, mapTask } from '../core/index.js';
import {
  assembleReport,
  duplicateKey,
  groupExact,
  joinNearDuplicates,
  resolve,
  signaturesOf,
  textsOf,
  type DuplicateReport,
  type FindDuplicatesOptions,
} from './duplicates.js';
import type { JobPosting } from './job-posting.js';

interface SignatureContext {
  readonly clean: boolean;
  readonly near: boolean;
  readonly minLength: number;
  readonly shingleSize: number;
  readonly numHashes: number;
  readonly seed: number;
}

export const duplicateSignatureTask = defineTask({
  name: 'duplicate-signature',
  prepare: (context: SignatureContext) => context,
  run(context: SignatureContext, text: string, index: number): { key: string; signature: Int32Array | null } {
    if (typeof text !== 'string') throw new ParameterError(`text(jobs[${index}])`, text, 'a string');
    const key = duplicateKey(text, context.clean);
    // Exact copies get a signature too (only the first is used): the key is only
    // known to repeat once all keys are back on the calling thread.
    const comparable = context.near && key.length > 0 && key.length >= context.minLength;
    return { key, signature: comparable ? signaturesOf([key], context)[0] : null };
  },
});

/**
 * `findDuplicates` with the per-posting work on `threads` worker threads (default:
 * every core; 1 = the calling thread). Same options, same report.
 */
export async function findDuplicatesAsync(
  jobs: readonly JobPosting[],
  options: FindDuplicatesOptions & { threads?: number } = {},
): Promise<DuplicateReport> {
  if (!Array.isArray(jobs)) throw new ParameterError('jobs', jobs, 'an array of JobPosting');
  const { threads, ...rest } = options;
  const resolved = resolve(rest);
  // `text` is the caller's function: it runs here, not in a worker.
  const texts = textsOf(jobs, resolved);
  const { clean, near, minLength, shingleSize, numHashes, seed } = resolved;
  const computed = await mapTask(duplicateSignatureTask, texts, {
    context: { clean, near, minLength, shingleSize, numHashes, seed },
    threads,
  });
  const keys = computed.map((c) => c.key);
  const exact = groupExact(keys, minLength);
  const nearResult = near
    ? joinNearDuplicates(
        keys,
        exact.representatives,
        exact.representatives.map((r) => computed[r].signature!),
        exact.sets,
        resolved,
      )
    : { candidatePairs: 0, nearPairs: 0 };
  return assembleReport(jobs, keys, exact, nearResult, resolved);
}
