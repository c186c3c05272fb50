/** `jd-cluster cluster` end to end on a fixture file (through main(), no build needed). */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { adjustedRandIndex, loadFixture } from './helpers.js';

const vectors = fileURLToPath(new URL('../fixtures/blobs-2k-32d.f32', import.meta.url));
const fixture = loadFixture('blobs-2k-32d');
const dir = mkdtempSync(join(tmpdir(), 'jd-cluster-cli-'));

async function run(args: string[]): Promise<{ code: number; out: Record<string, unknown> }> {
  const outPath = join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  const code = await main(['cluster', '--vectors', vectors, '--dim', '32', '--out', outPath, '--threads', '2', ...args]);
  return { code, out: code === 0 ? JSON.parse(readFileSync(outPath, 'utf8')) : {} };
}

describe('jd-cluster cluster', () => {
  it('hdbscan: labels, probabilities and outlier scores as the reference', async () => {
    const { code, out } = await run(['--algo', 'hdbscan', '--min-cluster-size', '15', '--min-samples', '5']);
    expect(code).toBe(0);
    expect(out.algo).toBe('hdbscan');
    expect(out.nClusters).toBe(12);
    expect(adjustedRandIndex(out.labels as number[], fixture.hdbscan[0].labels)).toBe(1);
    expect((out.probabilities as number[]).length).toBe(2000);
    expect((out.outlierScores as number[]).length).toBe(2000);
    expect(typeof out.seconds).toBe('number');
  });

  it('dbscan: core indices as scikit-learn', async () => {
    const ref = fixture.dbscan[1];
    const { code, out } = await run(['--algo', 'dbscan', '--eps', String(ref.params.eps), '--min-samples', String(ref.params.min_samples)]);
    expect(code).toBe(0);
    expect(out.core).toEqual(ref.core);
    expect(out.labels).toEqual(ref.labels);
  });

  it('kmeans: k clusters and an inertia', async () => {
    const { code, out } = await run(['--algo', 'kmeans', '--k', '12', '--seed', '3']);
    expect(code).toBe(0);
    expect(out.nClusters).toBe(12);
    expect(typeof out.inertia).toBe('number');
  });

  it('fails with exit code 2 on a bad algorithm and on a bad parameter', async () => {
    expect((await run(['--algo', 'optics'])).code).toBe(2);
    expect((await run(['--algo', 'hdbscan', '--min-cluster-size', '1'])).code).toBe(2);
  });
});
