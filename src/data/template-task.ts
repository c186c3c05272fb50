/**
 * `findTemplates` with its blocks compared on worker threads: a block (one employer,
 * one salary) is compared on its own (`joinTemplateBlock`), so the report is the same
 * for any thread count. At a million postings the comparisons take ≈ 37 s on one
 * thread, nearly half of it cleaning and shingling the descriptions of each block.
 */
import { defineTask, mapTask } from '../core/index.js';
import { ParameterError } from '../core/errors.js';
import type { JobPosting } from './job-posting.js';
import {
  assembleTemplates,
  joinTemplateBlock,
  resolveTemplateOptions,
  templateBlocks,
  type BlockTemplates,
  type FindTemplatesOptions,
  type ResolvedTemplateOptions,
  type TemplateReport,
} from './templates.js';

type BlockPostings = Pick<JobPosting, 'title' | 'description'>[];

export const templateBlockTask = defineTask({
  name: 'template-block',
  prepare: (options: ResolvedTemplateOptions) => options,
  run: (options: ResolvedTemplateOptions, block: BlockPostings): BlockTemplates => joinTemplateBlock(block, options),
});

/** `findTemplates` on `threads` threads (default: every core; 1 = the calling thread), with the same report. */
export async function findTemplatesAsync(
  jobs: readonly JobPosting[],
  options: FindTemplatesOptions = {},
  { threads }: { threads?: number } = {},
): Promise<TemplateReport> {
  if (!Array.isArray(jobs)) throw new ParameterError('jobs', jobs, 'an array of JobPosting');
  const o = resolveTemplateOptions(options);
  const found = templateBlocks(jobs, o);
  // Only what the comparison reads crosses to the workers.
  const items = found.blocks.map((block) => block.map((i) => ({ title: jobs[i].title, description: jobs[i].description })));
  const results = await mapTask(templateBlockTask, items, { context: o, threads });
  return assembleTemplates(jobs, found, results);
}
