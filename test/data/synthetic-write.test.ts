import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { loadJobs } from '../../src/data/index.js';
import { generateJobs, writeSyntheticJobs } from '../../src/data/synthetic/index.js';

const dir = mkdtempSync(join(tmpdir(), 'jd-synthetic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeSyntheticJobs', () => {
  it('writes gzip JSONL that loads back to the generated postings', async () => {
    const path = join(dir, 'small.jsonl.gz');
    const result = await writeSyntheticJobs(path, { n: 500, seed: 9 });
    expect(result).toEqual({ path, written: 500, chunks: 1, gzip: true });
    const lines = gunzipSync(readFileSync(path)).toString('utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(500);
    const { jobs } = await loadJobs(path);
    const expected = generateJobs({ n: 500, seed: 9 }).jobs;
    expect(
      jobs.map((j) => [j.id, j.platform, j.title, j.description, j.company, j.salaryMin, j.experienceYears, j.education, j.date]),
    ).toEqual(
      expected.map((j) => [j.id, j.platform, j.title, j.description, j.company, j.salaryMin, j.experienceYears, j.education, j.date]),
    );
  });

  it('writes several chunks with ids unique over the file, plain JSONL without .gz', async () => {
    const path = join(dir, 'big.jsonl');
    const result = await writeSyntheticJobs(path, { n: 21_000, seed: 1 });
    expect(result.chunks).toBe(3);
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(21_000);
    const ids = lines.map((line) => (JSON.parse(line) as Record<string, string>)['职位自编号']);
    expect(new Set(ids).size).toBe(21_000);
    expect(statSync(path).size).toBeGreaterThan(1_000_000);
  }, 60_000);

  it('names bad options before creating the file', async () => {
    await expect(writeSyntheticJobs(join(dir, 'x.jsonl'), { n: 0 })).rejects.toThrow(ParameterError);
    await expect(writeSyntheticJobs(join(dir, 'x.jsonl'), { n: 10, seed: -1 })).rejects.toThrow(/seed/);
    await expect(writeSyntheticJobs(join(dir, 'x.jsonl'), { n: 10, noise: 2 })).rejects.toThrow(/noise/);
    expect(() => statSync(join(dir, 'x.jsonl'))).toThrow();
  });
});
