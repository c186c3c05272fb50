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
    expect(r.code).toBe(0);
    // The skipped record is named on stderr: its record number, line and reason.
    expect(r.stderr).toMatch(/1 record\(s\) skipped when loading:\n {2}record 11 \(line 11\): malformed-json/);
    expect(r.stdout).toMatch(/301 records read, 1 skipped when loading/);
    for (const f of ['report.json', 'report.md', 'report.html', 'labels.json', 'vectors.npy']) expect(existsSync(join(out, f))).toBe(true);
    const labels = JSON.parse(readFileSync(join(out, 'labels.json'), 'utf8'));
    // One entry per input record, the record skipped at load included (label −1).
    expect(labels.ids.length).toBe(301);
    expect(labels.kmeans.length).toBe(301);
    expect(labels.hdbscan.length).toBe(301);
    expect(labels.ids[10]).toBeNull();
    expect(labels.kmeans[10]).toBe(-1);
    expect(labels.ids[11]).toBe(jobs[10].id);
    expect(labels.skipped).toEqual([{ index: 10, line: 11, reason: 'malformed-json' }]);
    expect(new Set(labels.kmeans).size).toBeGreaterThan(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.dataset.skippedByReason).toEqual({ 'malformed-json': 1 });
    expect(report.dataset.skippedRecords).toEqual([{ index: 10, line: 11, reason: 'malformed-json' }]);
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

  it('checks every flag before reading the input, naming the flag as typed', async () => {
    const missing = join(dir, 'never-read.jsonl');
    const cases: [string[], RegExp][] = [
      [['--k', '0'], /--k\b/],
      [['--min-cluster-size', '1'], /--min-cluster-size/],
      [['--threads', '0'], /--threads/],
      [['--threads', 'many'], /--threads/],
      [['--algo', 'kmeans', '--eps', '0.3'], /--eps is not used by kmeans/],
      [['--algo', 'dbscan', '--eps', '3'], /--eps/],
      [['--seed', '-1'], /--seed/],
      [['--facets', 'planet'], /--facets/],
      [['--representation', 'bert'], /--representation/],
    ];
    for (const [flags, message] of cases) {
      const r = await cli(['run', missing, ...flags, '--out', join(dir, 'z')]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/never-read/);
    }
  });

  it('--reduce N merges along the hierarchy; --no-map leaves the map out; --map with --no-map is an error', async () => {
    const out = join(dir, 'reduced');
    const r = await cli(['run', input, '--algo', 'kmeans', '--k', '8', '--reduce', '3', '--no-map', '--threads', '1', '--out', out]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.map).toBeNull();
    expect(report.clusterings[0].nClusters).toBe(3);
    expect(report.clusterings[0].clusters).toHaveLength(3);
    expect(report.clusterings[0].params.reducedFrom).toBe(8);
    const labels = JSON.parse(readFileSync(join(out, 'labels.json'), 'utf8'));
    expect(new Set(labels.kmeans.filter((l: number) => l >= 0)).size).toBe(3);
    const both = await cli(['run', input, '--map', '--no-map', '--out', join(dir, 'z')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--map and --no-map/);
    const tooMany = await cli([
      'run',
      input,
      '--algo',
      'kmeans',
      '--k',
      '4',
      '--reduce',
      '9',
      '--no-map',
      '--threads',
      '1',
      '--out',
      join(dir, 'z2'),
    ]);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toMatch(/--reduce: got 9/);
    expect((await cli(['run', input, '--reduce', '0', '--out', join(dir, 'z3')])).stderr).toMatch(/--reduce/);
  });

  it('--vectors: the full report on precomputed vectors, one row per input record', async () => {
    const dim = 6;
    const rows = 301;
    const bytes = new Float32Array(rows * dim);
    for (let i = 0; i < rows; i++) {
      bytes[i * dim + (i % dim)] = 1;
      bytes[i * dim + ((i * 7) % dim)] += 0.5;
    }
    const file = join(dir, 'vectors.f32');
    writeFileSync(file, Buffer.from(bytes.buffer));
    const out = join(dir, 'vec');
    const r = await cli([
      'run',
      input,
      '--vectors',
      file,
      '--dim',
      String(dim),
      '--algo',
      'kmeans',
      '--k',
      '4',
      '--threads',
      '1',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(report.representation.name).toBe('precomputed');
    expect(report.clusterings[0].nClusters).toBe(4);
    expect(report.clusterings[0].clusters.some((c: { keywords: unknown[] }) => c.keywords.length > 0)).toBe(true);
    const tooFew = join(dir, 'few.f32');
    writeFileSync(tooFew, Buffer.from(new Float32Array(10 * dim).buffer));
    expect((await cli(['run', input, '--vectors', tooFew, '--dim', String(dim), '--out', join(dir, 'few')])).code).toBe(2);
  });
});

describe('jd-cluster tokenize', () => {
  it('writes one JSON token array per input record, [] for the skipped one', async () => {
    const jobs = generateJobs({ n: 20, seed: 2 }).jobs;
    const input = join(dir, 'tok.jsonl');
    const lines = jobs.map((j) => JSON.stringify({ 职位自编号: j.id, 发布平台: j.platform, 职位: j.title, 职位描述: j.description }));
    lines.splice(3, 0, 'not json');
    writeFileSync(input, lines.join('\n') + '\n');
    const out = join(dir, 'tokens.jsonl');
    const r = await cli(['tokenize', input, '--out', out]);
    expect(r.code).toBe(0);
    const written = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(written.length).toBe(21);
    expect(written[3]).toEqual([]);
    expect(written[0].length).toBeGreaterThan(3);
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
