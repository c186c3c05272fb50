/**
 * numberedLines: lines split on \n, \r\n or a lone \r, whatever the chunking of the text
 * (a \r\n pair may be split between two chunks).
 */
import { describe, expect, it } from 'vitest';
import { Random } from '../../src/core/index.js';
import { numberedLines } from '../../src/data/source.js';

async function collect(chunks: string[]): Promise<[number, string][]> {
  async function* source() {
    yield* chunks;
  }
  const out: [number, string][] = [];
  for await (const entry of numberedLines(source())) out.push(entry);
  return out;
}

/** The reference: split the whole text at once. */
function reference(text: string): [number, string][] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((line, i) => [i + 1, line]);
}

describe('numberedLines', () => {
  it('splits on \\n, \\r\\n and a lone \\r, with 1-based numbers', async () => {
    expect(await collect(['a\nb\r\nc\rd'])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
    expect(await collect(['a\n\n'])).toEqual([
      [1, 'a'],
      [2, ''],
    ]);
  });

  it('gives the same lines for any chunking, \\r\\n split between chunks included', async () => {
    const random = new Random(5);
    const pieces = ['{"a":1}', '职位描述', '', 'x', '\n', '\r\n', '\r', '\r\r\n', '\n\r'];
    for (let trial = 0; trial < 200; trial++) {
      let text = '';
      for (let k = 0; k < 30; k++) text += pieces[Math.floor(random.next() * pieces.length)];
      const chunks: string[] = [];
      for (let at = 0; at < text.length;) {
        const size = 1 + Math.floor(random.next() * 6);
        chunks.push(text.slice(at, at + size));
        at += size;
      }
      expect(await collect(chunks)).toEqual(reference(text));
    }
  });
});
