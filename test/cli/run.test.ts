import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { generateJobs } from '../../src/index.js';

/** Runs the CLI in-process and captures what it prints. */
async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '',
    stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'jd-cluster-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('jd-cluster run', () => {
  const jobs = generateJobs({ n: 300, seed: 5 }).jobs;
  const input = join(dir, 'jobs.jsonl');
  // Chinese headers, as the scraped exports have them, plus one broken line.
  const lines = jobs.map((j) => JSON.stringify({ 职位自编号: j.id, 发布平台: j.platform, 职位: j.title, 职位描述: j.description }));
  lines.splice(10, 0, '{"职位自编号": "BROKEN", ');
  writeFileSync(input, lines.join('\n') + '\n');

  it('writes reports, labels and vectors', async () => {
    const out = join(dir, 'out');
    const r = await cli(['run', input, '--algo', 'kmeans,hdbscan', '--k', '8', '--threads', '1', '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/301 postings read, 1 skipped when loading/);
    for (const f of ['report.json', 'report.md', 'report.html', 'labels.json', 'vectors.npy']) expect(existsSync(join(out, f))).toBe(true);
    const labels = JSON.parse(readFileSync(join(out, 'labels.json'), 'utf8'));
    expect(labels.ids.length).toBe(300);
    expect(labels.kmeans.length).toBe(300);
    expect(labels.hdbscan.length).toBe(300);
    expect(new Set(labels.kmeans).size).toBeGreaterThan(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.dataset.skippedByReason).toEqual({ 'malformed-json': 1 });
    const npy = readFileSync(join(out, 'vectors.npy'));
    expect(npy.subarray(1, 6).toString('latin1')).toBe('NUMPY');
    const header = npy.subarray(10, 10 + npy.readUInt16LE(8)).toString('latin1');
    expect(header).toMatch(new RegExp(`'shape': \\(${report.dataset.used}, \\d+\\)`));
    expect((10 + header.length) % 64).toBe(0);
  });

  it('fails with a clear message and exit code on bad arguments', async () => {
    expect((await cli(['run', input, '--algo', 'spectral', '--out', join(dir, 'x')])).stderr).toMatch(/unknown algorithm 'spectral'/);
    expect((await cli(['run', input])).code).toBe(2);
    const missing = await cli(['run', join(dir, 'nope.jsonl'), '--out', join(dir, 'y')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nope\.jsonl/);
    expect((await cli(['frobnicate'])).code).toBe(2);
  });
});

describe('jd-cluster demo', () => {
  it('runs the pipeline on the synthetic corpus and says where the report is', async () => {
    const out = join(dir, 'demo');
    const r = await cli(['demo', '--n', '400', '--k', '12', '--threads', '1', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${out}/report.html`);
    expect(r.stdout).toMatch(/Planted: LIEPIN over-represents/);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  });

  it('prints help', async () => {
    const r = await cli(['--help']);
    expect(r.stdout).toMatch(/demo/);
    expect(r.stdout).toMatch(/run/);
  });
});
