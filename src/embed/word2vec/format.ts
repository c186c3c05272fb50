/**
 * The word2vec text and binary formats, as word2vec.c writes them and gensim's
 * `KeyedVectors.load_word2vec_format` / `save_word2vec_format` read and write:
 *
 *   header  "<count> <dim>\n"
 *   text    "<word> <v1> … <vdim>\n" per word (decimal floats, space-separated)
 *   binary  "<word> " + dim float32 little-endian + "\n" per word
 *
 * Words are UTF-8 and contain no spaces. Files are read in fixed-size chunks
 * (synchronously), so large pretrained files never need to fit in one string.
 */
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { createMatrix, InputError, RecordError } from '../../core/index.js';
import { WordVectors } from './word-vectors.js';

export interface SaveWord2VecOptions {
  /** Binary (default: true when the path ends in `.bin`). */
  binary?: boolean;
}

export interface LoadWord2VecOptions {
  /** Binary (default: true when the path ends in `.bin`). */
  binary?: boolean;
  /** Read only the first `limit` vectors (gensim's `limit`). */
  limit?: number;
}

const CHUNK = 1 << 20;

function isBinaryPath(path: string): boolean {
  return /\.bin$/i.test(path);
}

/** Write `vectors` to `path` in the word2vec text or binary format. */
export function saveWord2Vec(vectors: WordVectors, path: string, options: SaveWord2VecOptions = {}): void {
  const binary = options.binary ?? isBinaryPath(path);
  for (const w of vectors.words) {
    if (w.length === 0 || /\s/.test(w)) {
      throw new InputError(`Cannot save word ${JSON.stringify(w)}: word2vec files need non-empty words without whitespace.`);
    }
  }
  const { rows, cols, data } = vectors.vectors;
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, `${rows} ${cols}\n`);
    const parts: Buffer[] = [];
    let pending = 0;
    const flush = () => {
      if (pending === 0) return;
      writeSync(fd, Buffer.concat(parts, pending));
      parts.length = 0;
      pending = 0;
    };
    for (let i = 0; i < rows; i++) {
      const row = data.subarray(i * cols, (i + 1) * cols);
      let chunk: Buffer;
      if (binary) {
        const word = Buffer.from(vectors.words[i] + ' ', 'utf8');
        chunk = Buffer.alloc(word.length + cols * 4 + 1);
        word.copy(chunk, 0);
        // Explicit little-endian, whatever the host order.
        for (let j = 0; j < cols; j++) chunk.writeFloatLE(row[j], word.length + j * 4);
        chunk[chunk.length - 1] = 0x0a;
      } else {
        let line = vectors.words[i];
        for (let j = 0; j < cols; j++) line += ' ' + shortestFloat32(row[j]);
        chunk = Buffer.from(line + '\n', 'utf8');
      }
      parts.push(chunk);
      pending += chunk.length;
      if (pending >= CHUNK) flush();
    }
    flush();
  } finally {
    closeSync(fd);
  }
}

/** The shortest decimal that reads back as the same float32 (like numpy's repr). */
export function shortestFloat32(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  for (let p = 6; p < 9; p++) {
    const s = v.toPrecision(p);
    if (Math.fround(Number(s)) === v) return String(Number(s));
  }
  return String(Number(v.toPrecision(9)));
}

/** Sequential reader over a file in fixed-size chunks. */
class ChunkReader {
  private buf = Buffer.alloc(CHUNK);
  private start = 0;
  private end = 0;
  private eof = false;
  /** Byte offset in the file of buf[start]. */
  offset = 0;

  constructor(private readonly fd: number) {}

  /** Make at least `n` bytes available (fewer only at end of file); returns how many are. */
  ensure(n: number): number {
    if (this.end - this.start >= n || this.eof) return this.end - this.start;
    if (this.start > 0) {
      this.buf.copy(this.buf, 0, this.start, this.end);
      this.end -= this.start;
      this.start = 0;
    }
    if (this.buf.length < n) {
      const bigger = Buffer.alloc(Math.max(n, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    while (this.end < n && !this.eof) {
      const got = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, null);
      if (got === 0) this.eof = true;
      this.end += got;
    }
    return this.end - this.start;
  }

  peek(): number {
    return this.ensure(1) > 0 ? this.buf[this.start] : -1;
  }

  /** Bytes up to (excluding) `delimiter`, which is consumed; null at end of file with nothing read. */
  readUntil(delimiter: number): Buffer | null {
    let scanned = 0;
    for (;;) {
      const idx = this.buf.indexOf(delimiter, this.start + scanned);
      if (idx !== -1 && idx < this.end) {
        const out = this.buf.subarray(this.start, idx);
        this.advance(idx + 1 - this.start);
        return out;
      }
      scanned = this.end - this.start;
      const before = scanned;
      if (this.ensure(before + 1) === before) {
        if (before === 0) return null;
        const out = this.buf.subarray(this.start, this.end);
        this.advance(before);
        return out;
      }
    }
  }

  take(n: number): Buffer {
    const have = this.ensure(n);
    const out = this.buf.subarray(this.start, this.start + Math.min(n, have));
    this.advance(out.length);
    return out;
  }

  private advance(n: number): void {
    this.start += n;
    this.offset += n;
  }
}

/** Read a word2vec text or binary file. Errors name the file and the line (text) or vector (binary). */
export function loadWord2Vec(path: string, options: LoadWord2VecOptions = {}): WordVectors {
  const binary = options.binary ?? isBinaryPath(path);
  const fd = openSync(path, 'r');
  try {
    const reader = new ChunkReader(fd);
    const header = reader.readUntil(0x0a);
    const m = header && /^\s*(\d+)\s+(\d+)\s*$/.exec(header.toString('utf8'));
    if (!m)
      throw new RecordError(
        `expected a header "<count> <dim>", got ${JSON.stringify(header?.toString('utf8').slice(0, 80) ?? '')}`,
        1,
        path,
      );
    const declared = Number(m[1]);
    const dim = Number(m[2]);
    if (dim < 1) throw new RecordError(`the header declares dimension ${dim}`, 1, path);
    const count = options.limit !== undefined ? Math.min(declared, options.limit) : declared;
    const data = new Float32Array(count * dim);
    const words: string[] = new Array(count);
    for (let i = 0; i < count; i++) {
      const line = i + 2;
      if (binary) {
        while (reader.peek() === 0x0a || reader.peek() === 0x0d) reader.take(1);
        const word = reader.readUntil(0x20);
        if (word === null || word.length === 0) {
          throw new RecordError(`file ends after ${i} of ${declared} vectors declared by the header`, line, path);
        }
        words[i] = word.toString('utf8');
        const bytes = reader.take(dim * 4);
        if (bytes.length < dim * 4) {
          throw new RecordError(
            `vector ${i + 1} (${JSON.stringify(words[i])}) is truncated: ${bytes.length} of ${dim * 4} bytes`,
            line,
            path,
          );
        }
        for (let j = 0; j < dim; j++) data[i * dim + j] = bytes.readFloatLE(j * 4);
      } else {
        const raw = reader.readUntil(0x0a);
        if (raw === null) throw new RecordError(`file ends after ${i} of ${declared} vectors declared by the header`, line, path);
        const fields = raw.toString('utf8').trimEnd().split(' ');
        if (fields.length !== dim + 1) {
          throw new RecordError(`expected a word and ${dim} values, got ${fields.length - 1} values`, line, path);
        }
        words[i] = fields[0];
        for (let j = 0; j < dim; j++) {
          const v = Number(fields[j + 1]);
          if (fields[j + 1] === '' || Number.isNaN(v)) {
            throw new RecordError(
              `value ${j + 1} of ${JSON.stringify(fields[0])} is not a number: ${JSON.stringify(fields[j + 1])}`,
              line,
              path,
            );
          }
          data[i * dim + j] = v;
        }
      }
    }
    return new WordVectors(words, createMatrix(count, dim, data));
  } finally {
    closeSync(fd);
  }
}
