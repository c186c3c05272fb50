/**
 * Reading vectors that other tools wrote, so users can bring their own
 * embeddings: NumPy `.npy` (2-D, float32 or float64, C order, little- or
 * big-endian) and raw float32 little-endian `.f32` (row-major; needs `dim`).
 */
import { readFile } from 'node:fs/promises';
import { createMatrix, InputError, type Matrix } from '../core/index.js';

export interface ReadVectorsOptions {
  /** Columns per row; required for `.f32`, checked against the header for `.npy`. */
  dim?: number;
  /** 'npy' or 'f32'; by default taken from the file extension. */
  format?: 'npy' | 'f32';
}

export async function readVectors(path: string, options: ReadVectorsOptions = {}): Promise<Matrix> {
  const format = options.format ?? (path.toLowerCase().endsWith('.npy') ? 'npy' : path.toLowerCase().endsWith('.f32') ? 'f32' : undefined);
  if (!format) throw new InputError(`${path}: unknown vector format; use a .npy or .f32 file (or pass format).`);
  const bytes = await readFile(path);
  return parseVectors(bytes, { ...options, format, source: path });
}

/** Same as `readVectors`, on bytes already in memory. */
export function parseVectors(bytes: Uint8Array, options: ReadVectorsOptions & { format: 'npy' | 'f32'; source?: string }): Matrix {
  const source = options.source ?? options.format;
  return options.format === 'npy' ? parseNpy(bytes, source, options.dim) : parseF32(bytes, source, options.dim);
}

function parseF32(bytes: Uint8Array, source: string, dim?: number): Matrix {
  if (dim === undefined) throw new InputError(`${source}: raw .f32 vectors need the dimension (--dim).`);
  if (!Number.isInteger(dim) || dim < 1) throw new InputError(`${source}: dimension must be a positive integer, got ${dim}.`);
  if (bytes.byteLength % (4 * dim) !== 0) {
    throw new InputError(
      `${source}: ${bytes.byteLength} bytes is not a whole number of rows of ${dim} float32 values (${4 * dim} bytes each).`,
    );
  }
  const rows = bytes.byteLength / (4 * dim);
  const data = new Float32Array(rows * dim);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(4 * i, true);
  return createMatrix(rows, dim, data);
}

function parseNpy(bytes: Uint8Array, source: string, dim?: number): Matrix {
  const magic = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
  if (bytes.byteLength < 10 || magic.some((b, i) => bytes[i] !== b)) throw new InputError(`${source}: not a NumPy .npy file (bad magic).`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number, headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw new InputError(`${source}: unsupported .npy format version ${major}.`);
  }
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (!descr || !fortran || shapeText === undefined) throw new InputError(`${source}: malformed .npy header: ${header.trim()}`);
  if (fortran === 'True') throw new InputError(`${source}: Fortran-order arrays are not supported; save with np.ascontiguousarray.`);
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  if (shape.length !== 2 || shape.some((s) => !Number.isInteger(s) || s < 0)) {
    throw new InputError(`${source}: expected a 2-D array (rows × dim), got shape (${shapeText}).`);
  }
  const [rows, cols] = shape;
  if (dim !== undefined && dim !== cols) throw new InputError(`${source}: the file has ${cols} columns but --dim is ${dim}.`);
  const m = /^([<>|=])([fi])(\d+)$/.exec(descr);
  if (!m || m[2] !== 'f' || (m[3] !== '4' && m[3] !== '8')) {
    throw new InputError(`${source}: dtype '${descr}' is not supported; use float32 or float64.`);
  }
  const little = m[1] !== '>';
  const width = Number(m[3]);
  const offset = headerStart + headerLength;
  const expected = rows * cols * width;
  if (bytes.byteLength - offset < expected) {
    throw new InputError(
      `${source}: truncated: ${bytes.byteLength - offset} data bytes, expected ${expected} for shape (${rows}, ${cols}).`,
    );
  }
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) {
    data[i] = width === 4 ? view.getFloat32(offset + 4 * i, little) : view.getFloat64(offset + 8 * i, little);
  }
  return createMatrix(rows, cols, data);
}
