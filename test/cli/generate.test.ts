import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { main } from '../../src/cli/main.js';
import { loadJobs } from '../../src/index.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '',
    stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'jd-cluster-generate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jd-cluster generate', () => {
  it('writes N postings as gzip JSONL that loadJobs reads back, the same file for the same seed', async () => {
    const a = join(dir, 'a.jsonl.gz');
    const b = join(dir, 'b.jsonl.gz');
    const r = await cli(['generate', '--n', '1500', '--seed', '9', '--out', a]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^1500 postings → /);
    expect((await cli(['generate', '--n', '1500', '--seed', '9', '--out', b])).code).toBe(0);
    expect(gunzipSync(readFileSync(a)).equals(gunzipSync(readFileSync(b)))).toBe(true);
    const loaded = await loadJobs(a);
    expect(loaded.jobs).toHaveLength(1500);
    expect(new Set(loaded.jobs.map((j) => j.id)).size).toBe(1500);
    const other = join(dir, 'c.jsonl.gz');
    await cli(['generate', '--n', '1500', '--seed', '10', '--out', other]);
    expect(gunzipSync(readFileSync(other)).equals(gunzipSync(readFileSync(a)))).toBe(false);
  });

  it('names the flag that is missing or out of range (exit 2)', async () => {
    const missing = await cli(['generate', '--out', join(dir, 'x.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--n N is required/);
    const zero = await cli(['generate', '--n', '0', '--out', join(dir, 'x.jsonl')]);
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/--n: got '0'/);
    const noOut = await cli(['generate', '--n', '10']);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out FILE is required/);
  });
});
