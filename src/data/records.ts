/**
 * Source records before mapping: one item per JSONL line or CSV row, carrying its
 * position so that every rejection can name where it came from.
 */
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import type { RawValue } from './job-posting.js';
import type { Rejection } from './fields.js';
import { numberedLines } from './source.js';

export interface SourceRecord {
  /** 1-based line (JSONL), data row (CSV, header excluded) or array index + 1. */
  readonly line: number;
  /** CSV only: the physical line of the file where the row starts (header = line 1). */
  readonly sourceLine?: number;
  readonly record?: Record<string, RawValue>;
  readonly rejection?: Rejection;
}

function isPlainObject(value: unknown): value is Record<string, RawValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** JSON Lines: blank lines are not records (they are counted by the caller). */
export async function* jsonlRecords(text: AsyncIterable<string>, onBlankLine: () => void): AsyncGenerator<SourceRecord> {
  for await (const [line, content] of numberedLines(text)) {
    if (content.trim() === '') {
      onBlankLine();
      continue;
    }
    let value: unknown;
    try {
      value = JSON.parse(content);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      yield { line, rejection: { reason: 'malformed-json', message: `malformed JSON: ${detail}` } };
      continue;
    }
    if (!isPlainObject(value)) {
      yield {
        line,
        rejection: { reason: 'not-an-object', message: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}` },
      };
      continue;
    }
    yield { line, record: value };
  }
}

/**
 * CRLF → LF before csv-parse: its line counter counts both characters of a CRLF
 * inside quoted fields, which would shift every reported line after a multi-line
 * field. Multi-line fields then hold '\n' line breaks whatever the file used.
 */
async function* withUnixLineEndings(text: AsyncIterable<string>): AsyncGenerator<string> {
  let heldCR = false;
  for await (const chunk of text) {
    let data: string = heldCR ? '\r' + chunk : chunk;
    heldCR = data.endsWith('\r');
    if (heldCR) data = data.slice(0, -1);
    yield data.replace(/\r\n/g, '\n');
  }
  if (heldCR) yield '\r';
}

/** Line breaks inside a record's raw text, ignoring those around it. */
function innerLineBreaks(raw: unknown): number {
  if (typeof raw !== 'string') return 0;
  const text = raw.replace(/^\n+|\n+$/g, '');
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

interface CsvSkip {
  /** Rows csv-parse had emitted before this one. */
  readonly recordsBefore: number;
  readonly sourceLine?: number;
  readonly message: string;
}

/**
 * CSV/TSV through csv-parse: the first row is the header, quoted fields may span
 * lines, empty lines are skipped by the parser and counted. Rows csv-parse cannot
 * read (wrong column count, unclosed quote) become rejections at their place in
 * row order; the parser reports them ahead of the rows it has buffered, so they
 * are queued and merged by their position.
 */
export async function* csvRecords(text: AsyncIterable<string>, delimiter: string, onBlankLine: () => void): AsyncGenerator<SourceRecord> {
  const skips: CsvSkip[] = [];
  // pipeline (not pipe): stopping early destroys the source too, which closes the file.
  const parser = (pipeline as (...streams: unknown[]) => Readable)(
    Readable.from(withUnixLineEndings(text)),
    parseCsv({
      bom: true,
      columns: true,
      delimiter,
      info: true,
      raw: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error?: CsvError, raw?: string) => {
        if (!error) return undefined;
        const end = typeof error.lines === 'number' ? error.lines : undefined;
        skips.push({
          recordsBefore: typeof error.records === 'number' ? error.records : 0,
          sourceLine: end === undefined ? undefined : end - innerLineBreaks(raw ?? error.raw),
          message: `malformed CSV: ${error.message}`,
        });
        return undefined;
      },
    }),
    () => {
      // Errors surface through the async iteration below.
    },
  );
  let skipped = 0;
  let emptyLinesSeen = 0;
  function* skipsBefore(records: number): Generator<SourceRecord> {
    while (skips.length > 0 && skips[0].recordsBefore < records) {
      const skip = skips.shift()!;
      skipped++;
      yield {
        line: skip.recordsBefore + skipped,
        ...(skip.sourceLine !== undefined ? { sourceLine: skip.sourceLine } : {}),
        rejection: { reason: 'malformed-csv', message: skip.message },
      };
    }
  }
  type Item = { record: Record<string, string>; info: { lines: number; records: number; empty_lines: number }; raw: string };
  for await (const item of parser as AsyncIterable<Item>) {
    yield* skipsBefore(item.info.records);
    for (; emptyLinesSeen < item.info.empty_lines; emptyLinesSeen++) onBlankLine();
    // info.lines is where the row ends; a quoted multi-line field moves the start up.
    yield { line: item.info.records + skipped, sourceLine: item.info.lines - innerLineBreaks(item.raw), record: item.record };
  }
  yield* skipsBefore(Number.POSITIVE_INFINITY);
}
/** In-memory records: positions are array indices + 1. */
export function* arrayRecords(records: readonly unknown[]): Generator<SourceRecord> {
  for (let i = 0; i < records.length; i++) {
    const value = records[i];
    if (!isPlainObject(value)) {
      yield {
        line: i + 1,
        rejection: {
          reason: 'not-an-object',
          message: `expected an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`,
        },
      };
    } else {
      yield { line: i + 1, record: value };
    }
  }
}
