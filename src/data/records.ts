/**
 * Source records before mapping: one item per JSONL line or CSV row, carrying its
 * position so that every rejection can name where it came from.
 */
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';
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
export async function* jsonlRecords(
  text: AsyncIterable<string>,
  onBlankLine: () => void,
): AsyncGenerator<SourceRecord> {
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
      yield { line, rejection: { reason: 'not-an-object', message: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}` } };
      continue;
    }
    yield { line, record: value };
  }
}

function countNewlines(text: string | undefined): number {
  if (!text) return 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/**
 * CSV/TSV through csv-parse: the first row is the header, quoted fields may span
 * lines, empty lines are skipped by the parser and counted. Rows csv-parse cannot
 * read (wrong column count, unclosed quote) become rejections in row order.
 */
export async function* csvRecords(
  text: AsyncIterable<string>,
  delimiter: string,
  onBlankLine: () => void,
): AsyncGenerator<SourceRecord> {
  const skippedRows: { error: CsvError }[] = [];
  const parser = Readable.from(text).pipe(
    parseCsv({
      bom: true,
      columns: true,
      delimiter,
      info: true,
      raw: true,
      relax_quotes: false,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error) skippedRows.push({ error });
        return undefined;
      },
    }),
  );
  let row = 0;
  let emptyLinesSeen = 0;
  const drainSkipped = function* (): Generator<SourceRecord> {
    for (const { error } of skippedRows.splice(0)) {
      row++;
      const sourceLine = typeof error.lines === 'number' ? error.lines : undefined;
      yield {
        line: row,
        sourceLine,
        rejection: { reason: 'malformed-csv', message: `malformed CSV: ${error.message}` },
      };
    }
  };
  for await (const item of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number; empty_lines: number }; raw: string }>) {
    yield* drainSkipped();
    row++;
    for (; emptyLinesSeen < item.info.empty_lines; emptyLinesSeen++) onBlankLine();
    // info.lines is where the row ends; a quoted multi-line field moves the start up.
    const sourceLine = item.info.lines - countNewlines(item.raw.replace(/\r?\n$/, ''));
    yield { line: row, sourceLine, record: item.record };
  }
  yield* drainSkipped();
}

/** In-memory records: positions are array indices + 1. */
export function* arrayRecords(records: readonly unknown[]): Generator<SourceRecord> {
  for (let i = 0; i < records.length; i++) {
    const value = records[i];
    if (!isPlainObject(value)) {
      yield { line: i + 1, rejection: { reason: 'not-an-object', message: `expected an object, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}` } };
    } else {
      yield { line: i + 1, record: value };
    }
  }
}
