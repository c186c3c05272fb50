import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { command } from '../../src/cli/commands/silhouette.js';
import { main } from '../../src/cli/main.js';
import { loadFixture } from './fixtures.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'jd-cluster-silhouette-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 2-D float32 .npy file (format 1.0). */
function writeNpy(path: string, rows: number, cols: number, data: Float32Array): void {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(63 - ((10 + header.length) % 64)) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head[7] = 0;
  head.writeUInt16LE(header.length, 8);
  writeFileSync(path, Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(data.buffer, data.byteOffset, data.byteLength)]));
}

describe('jd-cluster silhouette', () => {
  const fixture = loadFixture('jd-real-3k');
  const ref = fixture.silhouette[1];
  const vectors = join(dir, 'vectors.f32');
  copyFileSync(join(fixtures, 'jd-real-3k.f32'), vectors);
  writeFileSync(join(dir, 'labels.json'), JSON.stringify(ref.labels));
  writeFileSync(join(dir, 'labels-object.json'), JSON.stringify({ ids: [], labels: ref.labels }));
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  afterAll(() => stdout.mockRestore());

  it('matches scikit-learn on .f32 vectors with a label array', async () => {
    const out = join(dir, 'out.json');
    const code = await command.run(['--vectors', vectors, '--dim', '128', '--labels', join(dir, 'labels.json'), '--out', out]);
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(Math.abs(result.score - ref.score)).toBeLessThan(1e-5);
    expect(result.samples).toHaveLength(ref.samples.length);
    expect(Math.max(...result.samples.map((v: number, i: number) => Math.abs(v - ref.samples[i])))).toBeLessThan(1e-5);
    expect(result.seconds).toBeGreaterThanOrEqual(0);
    expect(stdout).toHaveBeenCalled();
  });

  it('reads .npy vectors and a labels object, and marks unscored rows null', async () => {
    const npy = join(dir, 'vectors.npy');
    writeNpy(npy, fixture.X.rows, fixture.X.cols, fixture.X.data);
    const labels = ref.labels.map((l, i) => (i < 10 ? -1 : l));
    writeFileSync(join(dir, 'noisy.json'), JSON.stringify({ labels }));
    const out = join(dir, 'out-npy.json');
    expect(await command.run(['--vectors', npy, '--labels', join(dir, 'noisy.json'), '--out', out])).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result.samples.slice(0, 10)).toEqual(new Array(10).fill(null));
    expect(result.nScored).toBe(ref.labels.length - 10);
    const plain = join(dir, 'out-object.json');
    expect(await command.run(['--vectors', npy, '--labels', join(dir, 'labels-object.json'), '--out', plain])).toBe(0);
    expect(Math.abs(JSON.parse(readFileSync(plain, 'utf8')).score - ref.score)).toBeLessThan(1e-5);
  });

  it('fails clearly on bad input', async () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    writeFileSync(join(dir, 'short.json'), JSON.stringify([0, 1, 1]));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ labels: [0, 'x'] }));
    const args = (labels: string) => [
      'silhouette',
      '--vectors',
      vectors,
      '--dim',
      '128',
      '--labels',
      join(dir, labels),
      '--out',
      join(dir, 'x.json'),
    ];
    expect(await main(args('short.json'))).toBe(1);
    expect(stderr.mock.calls.flat().join('')).toMatch(/3 labels but .* 3000 vectors/);
    expect(await main(args('bad.json'))).toBe(1);
    expect(stderr.mock.calls.flat().join('')).toMatch(/label 1 is "x"/);
    expect(await main(['silhouette', '--vectors', vectors])).toBe(2);
    stderr.mockRestore();
  });
});
