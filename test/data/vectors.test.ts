/** readVectors / parseVectors: NumPy .npy and raw .f32 input. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.js';
import { parseVectors, readVectors } from '../../src/data/index.js';

/** A minimal .npy writer (format 1.0) for the tests. */
function npy(values: number[], shape: number[], descr: string, { fortran = false } = {}): Uint8Array {
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': (${shape.join(', ')}${shape.length === 1 ? ',' : ''}), }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const width = descr.endsWith('8') ? 8 : 4;
  const out = new Uint8Array(10 + header.length + values.length * width);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  new DataView(out.buffer).setUint16(8, header.length, true);
  out.set(new TextEncoder().encode(header), 10);
  const view = new DataView(out.buffer, 10 + header.length);
  const little = !descr.startsWith('>');
  values.forEach((v, i) => (width === 8 ? view.setFloat64(8 * i, v, little) : view.setFloat32(4 * i, v, little)));
  return out;
}

describe('parseVectors', () => {
  const values = [1, 2, 3, 4, 5, 6];
  it('reads float32 and float64 .npy, either byte order', () => {
    for (const descr of ['<f4', '<f8', '>f4', '>f8']) {
      const m = parseVectors(npy(values, [2, 3], descr), { format: 'npy' });
      expect([m.rows, m.cols]).toEqual([2, 3]);
      expect(Array.from(m.data)).toEqual(values);
    }
  });
  it('rejects what it cannot read, saying why', () => {
    expect(() => parseVectors(npy(values, [2, 3], '<i4'), { format: 'npy' })).toThrow(/dtype '<i4'/);
    expect(() => parseVectors(npy(values, [2, 3], '<f4', { fortran: true }), { format: 'npy' })).toThrow(/Fortran/);
    expect(() => parseVectors(npy(values, [6], '<f4'), { format: 'npy' })).toThrow(/2-D/);
    expect(() => parseVectors(npy(values, [2, 3], '<f4'), { format: 'npy', dim: 4 })).toThrow(/--dim is 4/);
    expect(() => parseVectors(npy(values, [2, 3], '<f4').subarray(0, 100), { format: 'npy' })).toThrow(/truncated/);
    expect(() => parseVectors(new Uint8Array(12), { format: 'npy' })).toThrow(InputError);
  });
  it('reads raw float32 with a dimension, and checks the size', () => {
    const bytes = new Uint8Array(new Float32Array(values).buffer);
    const m = parseVectors(bytes, { format: 'f32', dim: 2 });
    expect([m.rows, m.cols]).toEqual([3, 2]);
    expect(() => parseVectors(bytes, { format: 'f32' })).toThrow(/--dim/);
    expect(() => parseVectors(bytes, { format: 'f32', dim: 4 })).toThrow(/whole number of rows/);
  });
  it('picks the format from the file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jd-vectors-'));
    writeFileSync(join(dir, 'a.npy'), npy(values, [3, 2], '<f4'));
    writeFileSync(join(dir, 'a.f32'), new Uint8Array(new Float32Array(values).buffer));
    expect((await readVectors(join(dir, 'a.npy'))).rows).toBe(3);
    expect((await readVectors(join(dir, 'a.f32'), { dim: 3 })).rows).toBe(2);
    await expect(readVectors(join(dir, 'a.txt'))).rejects.toThrow(/unknown vector format/);
  });
});
