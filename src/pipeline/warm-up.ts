/**
 * Readying the pipeline's worker threads before its input is at hand. Reading a
 * corpus (gunzip, JSON.parse) keeps the calling thread busy for a second or more;
 * at more than one thread the task pool's workers can start and build their
 * tokenizers meanwhile, work that the first stages would otherwise wait for.
 * `jd-cluster run` calls it before loading; results do not depend on it.
 */
import type { Tokenizer, TokenizerOptions } from '../tokenize/index.js';
import { warmTokenizeWorkers } from '../tokenize/tokenize-task.js';
import type { PipelineOptions } from './options.js';

/** Starts the workers the pipeline will use with these options (nothing at one thread); never rejects. */
export function warmUpPipeline(options: Pick<PipelineOptions, 'threads' | 'tokenizer'>): Promise<void> {
  // A tokenizer object warms its own workers from its recipe when the pipeline starts.
  const tokenizer = options.tokenizer as Tokenizer | TokenizerOptions | undefined;
  if (tokenizer !== undefined && typeof (tokenizer as Tokenizer).tokenizeAllAsync === 'function') return Promise.resolve();
  return warmTokenizeWorkers((tokenizer as TokenizerOptions | undefined) ?? {}, { threads: options.threads });
}
