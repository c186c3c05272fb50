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
  keyHash,
  resolve,
  sketchesOf,
  textsOf,
  type DuplicateReport,
  type FindDuplicatesOptions,
  type KeySource,
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
  run(context: SignatureContext, text: string, index: number): { hash: number; length: number; sketch: Int32Array | null } {
    if (typeof text !== 'string') throw new ParameterError(`text(jobs[${index}])`, text, 'a string');
    const key = duplicateKey(text, context.clean);
    // Exact copies get a sketch too (only the first is used): the key is only
    // known to repeat once all keys are back on the calling thread. The key itself
    // does not travel back: the calling thread rebuilds the few it needs from the text.
    const comparable = context.near && key.length > 0 && key.length >= context.minLength;
    return { hash: keyHash(key), length: key.length, sketch: comparable ? sketchesOf([key], context)[0] : null };
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
  const hashes = Float64Array.from(computed, (c) => c.hash);
  const lengths = Int32Array.from(computed, (c) => c.length);
  const keys: KeySource = {
    length: texts.length,
    hash: (i) => hashes[i],
    keyLength: (i) => lengths[i],
    key: (i) => duplicateKey(texts[i], clean),
  };
  const exact = groupExact(keys, minLength);
  // Only representatives' sketches are read: let the others go before banding.
  const representativeSketches = exact.representatives.map((r) => computed[r].sketch!);
  computed.length = 0;
  const nearResult = near
    ? joinNearDuplicates(keys, exact.representatives, representativeSketches, exact.sets, resolved)
    : { candidatePairs: 0, nearPairs: 0 };
  return assembleReport(jobs, exact, nearResult, resolved);
}
