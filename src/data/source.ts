/**
 * Opening a source as a stream of decoded text: files or streams, gzip detected by
 * its magic bytes (so `.gz` works whatever the file is called), any encoding
 * iconv-lite knows (GBK, GB18030 …), UTF-8 BOM removed.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { createGunzip } from 'node:zlib';
import iconv from 'iconv-lite';
import { InputError, JdClusterError, ParameterError } from '../core/index.js';

export type JobFormat = 'jsonl' | 'csv' | 'tsv';

/** Format from a file name, looking through a trailing `.gz`; undefined when unknown. */
export function formatFromPath(path: string): JobFormat | undefined {
  const name = path.toLowerCase().replace(/\.(gz|gzip)$/, '');
  if (/\.(jsonl|ndjson|json)$/.test(name)) return 'jsonl';
  if (/\.csv$/.test(name)) return 'csv';
  if (/\.(tsv|tab)$/.test(name)) return 'tsv';
  return undefined;
}

export function checkEncoding(encoding: unknown): string {
  if (typeof encoding !== 'string' || !iconv.encodingExists(encoding)) {
    throw new ParameterError('encoding', encoding, "an encoding known to iconv-lite such as 'utf8', 'gbk' or 'gb18030'");
  }
  return encoding;
}

/** A file path or a byte (or text) stream. */
export type ByteSource = string | Readable;

export function sourceName(source: ByteSource): string {
  return typeof source === 'string' ? basename(source) : 'stream';
}

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

/**
 * Decoded text chunks of a source. The first byte chunk is inspected for the gzip
 * magic number; string chunks (an already-decoded stream) pass through unchanged.
 */
export async function* decodedText(source: ByteSource, encoding: string): AsyncGenerator<string> {
  const input: Readable = typeof source === 'string' ? createReadStream(source) : source;
  try {
    yield* decodedChunks(input, encoding);
  } catch (error) {
    // File-system and zlib errors (ENOENT, a truncated or corrupt .gz …) become one typed
    // error naming the source; found by the property tests of the loaders.
    if (error instanceof JdClusterError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    const what = /unexpected end of file|incorrect header|invalid|Z_/i.test(detail) ? 'corrupt or truncated gzip data' : 'cannot be read';
    throw new InputError(`${typeof source === 'string' ? source : 'stream'}: ${what} (${detail})`);
  } finally {
    // Reached early when the consumer stops (e.g. `limit`): release the file now.
    if (!input.destroyed) input.destroy();
  }
}

/**
 * Bytes per gunzip output chunk, as per file read (64 KB): zlib's 16 KB default cuts the 40 MB
 * corpus into 2,500 chunks, each a trip through the stream and the async iteration; larger
 * chunks (256 KB, 1 MB) measured slower (less overlap of gunzip on libuv's pool with parsing).
 */
const GUNZIP_CHUNK_BYTES = 1 << 16;

async function* decodedChunks(input: Readable, encoding: string): AsyncGenerator<string> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let first = await iterator.next();
  while (!first.done && first.value.length === 0) first = await iterator.next();
  if (first.done) return;
  if (typeof first.value === 'string') {
    yield first.value.replace(/^\uFEFF/, '');
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) yield String(step.value);
    return;
  }
  const firstChunk = first.value;
  async function* bytes(): AsyncGenerator<Buffer> {
    yield firstChunk;
    for (let step = await iterator.next(); !step.done; step = await iterator.next()) {
      yield typeof step.value === 'string' ? Buffer.from(step.value) : step.value;
    }
  }
  const gzipped = firstChunk[0] === GZIP_MAGIC_0 && (firstChunk.length < 2 || firstChunk[1] === GZIP_MAGIC_1);
  let byteChunks: AsyncIterable<Buffer> = bytes();
  if (gzipped) {
    byteChunks = (pipeline as (...streams: unknown[]) => Readable)(
      Readable.from(byteChunks),
      createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES }),
      () => {
        // Errors surface through the async iteration below; the callback only stops
        // pipeline from re-throwing them as unhandled.
      },
    );
  }
  // UTF-8 through the built-in TextDecoder (faster than iconv-lite's stream); both
  // drop a leading BOM and keep characters split across chunks whole.
  if (/^utf-?8$/i.test(encoding)) {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of byteChunks) yield decoder.decode(chunk, { stream: true });
    const rest = decoder.decode();
    if (rest) yield rest;
    return;
  }
  const decoder = iconv.getDecoder(encoding);
  for await (const chunk of byteChunks) yield decoder.write(chunk);
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Lines of decoded text, split on \n, \r\n or lone \r, with their 1-based numbers.
 * Hand-rolled instead of readline: it is simpler to attach line numbers and
 * noticeably faster on long files.
 */
export async function* numberedLines(chunks: AsyncIterable<string>): AsyncGenerator<[line: number, text: string]> {
  let pending = '';
  let line = 0;
  let lastWasCR = false;
  for await (const chunk of chunks) {
    let text = chunk;
    // A \r\n pair split between two chunks: the \n belongs to the line already ended.
    if (lastWasCR && text.charCodeAt(0) === 10) text = text.slice(1);
    lastWasCR = text.charCodeAt(text.length - 1) === 13;
    let start = 0;
    const data = pending + text;
    // `pending` holds no break: the search starts after it (a line longer than a chunk is not scanned again).
    const offset = pending.length;
    pending = '';
    // indexOf (native) finds the breaks; \r is rare, so it is looked for again only when passed.
    let lf = data.indexOf('\n', offset);
    let cr = data.indexOf('\r', offset);
    while (lf !== -1 || cr !== -1) {
      const i = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
      yield [++line, data.slice(start, i)];
      start = data.charCodeAt(i) === 13 && data.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
      if (lf !== -1 && lf < start) lf = data.indexOf('\n', start);
      if (cr !== -1 && cr < start) cr = data.indexOf('\r', start);
    }
    pending = data.slice(start);
  }
  if (pending !== '') yield [++line, pending];
}
