/**
 * loadJobs / streamJobs: JSONL or CSV (optionally gzipped, optionally GBK) or an
 * array of records in, validated JobPostings out. Nothing is dropped silently:
 * every rejected record is counted by reason and listed with its line/row.
 */
import { Readable } from 'node:stream';
import { JdClusterError, ParameterError, RecordError, check } from '../core/index.js';
import type { JobPosting } from './job-posting.js';
import { FieldResolver, isRejection, toJobPosting, type FieldMapping, type RejectReason } from './fields.js';
import { arrayRecords, csvRecords, jsonlRecords, type SourceRecord } from './records.js';
import { checkEncoding, decodedText, formatFromPath, sourceName, type JobFormat } from './source.js';

export type JobSource = string | Readable | readonly unknown[];

export interface LoadJobsOptions {
  /** 'auto' (default): from the file extension (through `.gz`), else sniffed from the first character. */
  readonly format?: JobFormat | 'auto';
  /** Text encoding of the bytes: 'utf8' (default), 'gbk', 'gb18030' … (anything iconv-lite knows). */
  readonly encoding?: string;
  /** CSV field delimiter; default ',' for csv and '\t' for tsv. */
  readonly delimiter?: string;
  /** Extra or overriding column names per field, e.g. `{ description: 'JD正文' }`. */
  readonly fields?: FieldMapping;
  /** Platform for records without one (e.g. a single-platform export). */
  readonly defaultPlatform?: string;
  /**
   * What to do with an invalid record (malformed line, no platform, no text, too short):
   * 'skip' (default) leaves it out and reports it in `skipped`; 'throw' raises a
   * RecordError naming the line. Real exports contain empty descriptions, so a
   * strict default would make most of them unloadable.
   */
  readonly onInvalid?: 'throw' | 'skip';
  /** Reject postings whose description has fewer characters (code points) than this. Default 0. */
  readonly minDescriptionLength?: number;
  /** Stop after this many kept postings (the rest of the file is not read). */
  readonly limit?: number;
  /** Name used in error messages and generated ids; default the file name, 'stream' or 'array'. */
  readonly sourceName?: string;
}

export interface SkippedRecord {
  /** 1-based line (JSONL), data row (CSV, header excluded) or array index + 1. */
  readonly line: number;
  /** CSV only: physical line where the row starts (the header is line 1). */
  readonly sourceLine?: number;
  readonly reason: RejectReason;
  readonly message: string;
  readonly id?: string;
}

export interface SkippedReport {
  readonly count: number;
  readonly byReason: Readonly<Partial<Record<RejectReason, number>>>;
  readonly records: readonly SkippedRecord[];
}

export interface LoadStats {
  /** Records read (kept + skipped); blank lines are not records. */
  readonly read: number;
  readonly kept: number;
  readonly skipped: number;
  readonly blankLines: number;
  /** Kept postings per platform, in order of first appearance. */
  readonly byPlatform: Readonly<Record<string, number>>;
  /** Kept postings whose id had already been seen (kept anyway; see findDuplicates for text duplicates). */
  readonly repeatedIds: number;
}

export interface LoadJobsResult {
  readonly jobs: JobPosting[];
  readonly skipped: SkippedReport;
  readonly stats: LoadStats;
}

interface ResolvedOptions {
  readonly format: JobFormat | 'auto';
  readonly encoding: string;
  readonly delimiter?: string;
  readonly resolver: FieldResolver;
  readonly defaultPlatform?: string;
  readonly onInvalid: 'throw' | 'skip';
  readonly minDescriptionLength: number;
  readonly limit: number;
  readonly sourceName: string;
}

function resolveOptions(source: JobSource, options: LoadJobsOptions): ResolvedOptions {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an options object');
  const isPath = typeof source === 'string';
  if (!isPath && !Array.isArray(source) && !(source instanceof Readable)) {
    throw new ParameterError('source', source, 'a file path, a Readable stream or an array of records');
  }
  const format = check.oneOf('format', options.format ?? 'auto', ['auto', 'jsonl', 'csv', 'tsv'] as const);
  if (options.delimiter !== undefined && (typeof options.delimiter !== 'string' || options.delimiter.length === 0)) {
    throw new ParameterError('delimiter', options.delimiter, 'a non-empty string');
  }
  if (options.defaultPlatform !== undefined && (typeof options.defaultPlatform !== 'string' || options.defaultPlatform.trim() === '')) {
    throw new ParameterError('defaultPlatform', options.defaultPlatform, 'a non-empty string');
  }
  return {
    format,
    encoding: checkEncoding(options.encoding ?? 'utf8'),
    delimiter: options.delimiter,
    resolver: new FieldResolver(options.fields),
    defaultPlatform: options.defaultPlatform?.trim(),
    onInvalid: check.oneOf('onInvalid', options.onInvalid ?? 'skip', ['throw', 'skip'] as const),
    minDescriptionLength: check.integer('minDescriptionLength', options.minDescriptionLength ?? 0, 0),
    limit: check.integer('limit', options.limit ?? Number.MAX_SAFE_INTEGER, 0),
    sourceName: options.sourceName ?? (isPath ? sourceName(source) : Array.isArray(source) ? 'array' : 'stream'),
  };
}

/**
 * The first non-blank character of a text stream, and the same stream replayed
 * from its start (chunks read while peeking are not lost).
 */
async function peekFirstCharacter(text: AsyncIterable<string>): Promise<[string | undefined, AsyncIterable<string>]> {
  const iterator = text[Symbol.asyncIterator]();
  const head: string[] = [];
  let first: string | undefined;
  while (first === undefined) {
    const step = await iterator.next();
    if (step.done) break;
    head.push(step.value);
    const trimmed = step.value.trimStart();
    if (trimmed !== '') first = trimmed[0];
  }
  const replay = async function* (): AsyncGenerator<string> {
    try {
      yield* head;
      for (let step = await iterator.next(); !step.done; step = await iterator.next()) yield step.value;
    } finally {
      await iterator.return?.(); // propagate an early stop down to the file stream
    }
  };
  return [first, replay()];
}

/** Records of any source, each with its position. */
async function* sourceRecords(source: JobSource, options: ResolvedOptions, onBlankLine: () => void): AsyncGenerator<SourceRecord> {
  if (Array.isArray(source)) {
    yield* arrayRecords(source);
    return;
  }
  const byteSource = source as string | Readable;
  let format: JobFormat | 'auto' | undefined =
    options.format === 'auto' && typeof byteSource === 'string' ? formatFromPath(byteSource) : options.format;
  let text: AsyncIterable<string> = decodedText(byteSource, options.encoding);
  if (format === 'auto' || format === undefined || format === 'jsonl') {
    // JSON Lines starts with '{', a JSON array with '['; anything else is read as CSV.
    const [first, replay] = await peekFirstCharacter(text);
    if (format !== 'jsonl') format = first === undefined || first === '{' || first === '[' ? 'jsonl' : 'csv';
    text = replay;
    if (format === 'jsonl' && first === '[') {
      // A whole-file JSON array (e.g. a `.json` export) cannot be streamed line by
      // line; it is parsed at once and its elements are numbered like an array source.
      yield* jsonArrayRecords(text);
      return;
    }
  }
  if (format === 'jsonl') yield* jsonlRecords(text, onBlankLine);
  else yield* csvRecords(text, options.delimiter ?? (format === 'tsv' ? '\t' : ','), onBlankLine);
}

async function* jsonArrayRecords(text: AsyncIterable<string>): AsyncGenerator<SourceRecord> {
  const parts: string[] = [];
  for await (const chunk of text) parts.push(chunk);
  let value: unknown;
  try {
    value = JSON.parse(parts.join(''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    yield { line: 1, rejection: { reason: 'malformed-json', message: `malformed JSON array: ${detail}` } };
    return;
  }
  yield* arrayRecords(value as unknown[]);
}

/**
 * An async iterable of JobPostings that keeps a live report of what it has read
 * and skipped; `skipped` and `stats` are complete once the iteration has ended.
 */
export class JobStream implements AsyncIterable<JobPosting> {
  private readonly options: ResolvedOptions;
  private started = false;
  private readonly skippedRecords: SkippedRecord[] = [];
  private readonly byReason: Partial<Record<RejectReason, number>> = {};
  private readonly byPlatform: Record<string, number> = {};
  private readonly seenIds = new Set<string>();
  private counts = { read: 0, kept: 0, blankLines: 0, repeatedIds: 0 };

  constructor(
    private readonly source: JobSource,
    options: LoadJobsOptions = {},
  ) {
    this.options = resolveOptions(source, options);
  }

  get skipped(): SkippedReport {
    return { count: this.skippedRecords.length, byReason: { ...this.byReason }, records: this.skippedRecords.slice() };
  }

  /** Records skipped so far: cheap to read during the iteration (`skipped` and `stats` copy their tables). */
  get skippedCount(): number {
    return this.skippedRecords.length;
  }

  get stats(): LoadStats {
    return { ...this.counts, skipped: this.skippedRecords.length, byPlatform: { ...this.byPlatform } };
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<JobPosting> {
    if (this.started) throw new JdClusterError('a JobStream can be iterated only once; call streamJobs again');
    this.started = true;
    const { options } = this;
    if (this.counts.kept >= options.limit) return;
    const context = {
      resolver: options.resolver,
      defaultPlatform: options.defaultPlatform,
      minDescriptionLength: options.minDescriptionLength,
      sourceName: options.sourceName,
    };
    for await (const item of sourceRecords(this.source, options, () => this.counts.blankLines++)) {
      this.counts.read++;
      const result = item.record ? toJobPosting(item.record, item.line, context) : item.rejection!;
      if (isRejection(result)) {
        if (options.onInvalid === 'throw') {
          const where = item.sourceLine !== undefined ? ` (file line ${item.sourceLine})` : '';
          throw new RecordError(`${result.reason}: ${result.message}${where}`, item.line, options.sourceName);
        }
        this.byReason[result.reason] = (this.byReason[result.reason] ?? 0) + 1;
        this.skippedRecords.push({
          line: item.line,
          ...(item.sourceLine !== undefined ? { sourceLine: item.sourceLine } : {}),
          reason: result.reason,
          message: result.message,
          ...(result.id !== undefined ? { id: result.id } : {}),
        });
        continue;
      }
      this.counts.kept++;
      this.byPlatform[result.platform] = (this.byPlatform[result.platform] ?? 0) + 1;
      if (this.seenIds.has(result.id)) this.counts.repeatedIds++;
      else this.seenIds.add(result.id);
      yield result;
      if (this.counts.kept >= options.limit) return;
    }
  }
}

/** Streams postings one by one (constant memory apart from the skip report); see JobStream. */
export function streamJobs(source: JobSource, options: LoadJobsOptions = {}): JobStream {
  return new JobStream(source, options);
}

/** Loads all postings of a source into memory, with the skip report and counts. */
export async function loadJobs(source: JobSource, options: LoadJobsOptions = {}): Promise<LoadJobsResult> {
  const stream = streamJobs(source, options);
  const jobs: JobPosting[] = [];
  for await (const job of stream) jobs.push(job);
  return { jobs, skipped: stream.skipped, stats: stream.stats };
}
