/**
 * Duplicate detection on worker threads: the per-posting work (normalised key,
 * shingles, MinHash sketch) runs in `threads` workers; exact grouping, LSH
 * banding, verification and union-find stay on the calling thread, where they
 * need every sketch at once. The report is identical to `findDuplicates`'.
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
  sketchScratch,
  sketchWidth,
  textsOf,
  writeSketch,
  type DuplicateReport,
  type FindDuplicatesOptions,
  type KeySource,
  type SketchOptions,
} from './duplicates.js';
import type { JobPosting } from './job-posting.js';
import { MinHasher } from './minhash.js';

interface SketchContext extends SketchOptions {
  readonly clean: boolean;
  readonly near: boolean;
  readonly minLength: number;
}

/**
 * Texts per task item. The workers return one packed block per item instead of a
 * typed array per posting: a million small arrays (each its own buffer) cost the
 * calling thread hundreds of megabytes and long garbage collections.
 */
const SKETCH_BLOCK = 512;

interface SketchBlock {
  readonly hashes: Float64Array;
  readonly lengths: Int32Array;
  /** `sketchWidth` entries per text; zeros for a text too short to compare. */
  readonly sketches: Int32Array;
}

export const duplicateSignatureTask = defineTask({
  name: 'duplicate-signature',
  prepare: (context: SketchContext) => ({
    context,
    hasher: new MinHasher(context.numHashes, context.seed),
    scratch: sketchScratch(context.numHashes),
  }),
  run(state, texts: string[], block: number): SketchBlock {
    const { context, hasher, scratch } = state;
    const width = sketchWidth(context);
    const out: SketchBlock = {
      hashes: new Float64Array(texts.length),
      lengths: new Int32Array(texts.length),
      sketches: new Int32Array(context.near ? texts.length * width : 0),
    };
    for (let k = 0; k < texts.length; k++) {
      const text = texts[k];
      if (typeof text !== 'string') throw new ParameterError(`text(jobs[${block * SKETCH_BLOCK + k}])`, text, 'a string');
      const key = duplicateKey(text, context.clean);
      out.hashes[k] = keyHash(key);
      out.lengths[k] = key.length;
      // Exact copies get a sketch too (only the first is used): the key is only known to
      // repeat once all keys are back on the calling thread. The key itself does not
      // travel back: the calling thread rebuilds the few it needs from the text.
      if (context.near && key.length > 0 && key.length >= context.minLength)
        writeSketch(key, hasher, context, out.sketches, k * width, scratch);
    }
    return out;
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
  const { clean, near, minLength, shingleSize, numHashes, seed, bands, rows, verify } = resolved;
  const items: string[][] = [];
  for (let start = 0; start < texts.length; start += SKETCH_BLOCK) items.push(texts.slice(start, start + SKETCH_BLOCK));
  const blocks = await mapTask(duplicateSignatureTask, items, {
    context: { clean, near, minLength, shingleSize, numHashes, seed, bands, rows, verify },
    threads,
  });
  items.length = 0;
  const hashes = new Float64Array(texts.length);
  const lengths = new Int32Array(texts.length);
  blocks.forEach((block, b) => {
    hashes.set(block.hashes, b * SKETCH_BLOCK);
    lengths.set(block.lengths, b * SKETCH_BLOCK);
  });
  const keys: KeySource = {
    length: texts.length,
    hash: (i) => hashes[i],
    keyLength: (i) => lengths[i],
    key: (i) => duplicateKey(texts[i], clean),
  };
  const exact = groupExact(keys, minLength);
  let nearResult = { candidatePairs: 0, nearPairs: 0 };
  if (near) {
    // Only representatives' sketches are read: packed into one array, the blocks let go.
    const width = sketchWidth(resolved);
    const sketches = new Int32Array(exact.representatives.length * width);
    exact.representatives.forEach((i, r) => {
      const block = blocks[Math.floor(i / SKETCH_BLOCK)];
      const at = (i % SKETCH_BLOCK) * width;
      sketches.set(block.sketches.subarray(at, at + width), r * width);
    });
    blocks.length = 0;
    nearResult = joinNearDuplicates(keys, exact.representatives, sketches, exact.sets, resolved);
  }
  return assembleReport(jobs, exact, nearResult, resolved);
}
