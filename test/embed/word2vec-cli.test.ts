import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { command } from '../../src/cli/commands/word2vec.js';
import { RecordError } from '../../src/core/index.js';
import { loadWord2Vec } from '../../src/embed/index.js';

describe('jd-cluster word2vec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'jd-w2v-cli-'));
  afterEach(() => vi.restoreAllMocks());

  it('trains on JSONL token lists, writes vectors and prints one JSON line', async () => {
    const tokens = join(dir, 'tokens.jsonl');
    const lines = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify(i % 2 ? ['java', 'spring', 'mysql', 'redis'] : ['vue', 'react', 'css', '前端']),
    );
    writeFileSync(tokens, lines.join('\n') + '\n\n');
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const vectors = join(dir, 'v.bin');
    const code = await command.run([
      '--tokens',
      tokens,
      '--out',
      vectors,
      '--dim',
      '16',
      '--threads',
      '1',
      '--seed',
      '3',
      '--mode',
      'skipgram',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(out.join(''));
    expect(Object.keys(report).sort()).toEqual(['seconds', 'tokens', 'tokensPerSecond', 'vocab']);
    expect(report.tokens).toBe(800);
    expect(report.vocab).toBe(8);
    expect(String(err.mock.calls.map((c) => c[0]).join(''))).toMatch(/skipped 1 blank line/);
    const loaded = loadWord2Vec(vectors);
    expect(loaded.dim).toBe(16);
    expect(loaded.similarity('java', 'spring')).toBeGreaterThan(loaded.similarity('java', 'vue'));
  });

  it('names the line of a malformed token file', async () => {
    const tokens = join(dir, 'bad.jsonl');
    writeFileSync(tokens, '["a","b"]\n{"x":1}\n');
    await expect(command.run(['--tokens', tokens, '--out', join(dir, 'x.txt')])).rejects.toThrow(RecordError);
    await expect(command.run(['--tokens', tokens, '--out', join(dir, 'x.txt')])).rejects.toThrow(/line 2/);
  });

  it('requires --tokens and --out', async () => {
    await expect(command.run(['--out', 'x.txt'])).rejects.toThrow(/--tokens/);
    await expect(command.run(['--tokens', 'x.jsonl'])).rejects.toThrow(/--out/);
  });
});
