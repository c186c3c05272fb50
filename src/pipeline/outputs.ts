/**
 * Writing a pipeline result to a folder: the files `jd-cluster run` produces.
 *   report.json  the JSON report (docs/report-schema.md)
 *   report.md    the same for notebooks and chat
 *   report.html  a self-contained page with the platform × cluster heat map
 *   labels.json  { ids: [...], <algorithm>: [...] } one label per input posting, −1 noise/skipped
 *   vectors.npy  the document vectors (float32, rows × dim), with vectors-ids.json for their order
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Matrix } from '../core/index.js';
import type { PipelineResult } from './run-pipeline.js';

export interface WrittenOutputs {
  dir: string;
  files: string[];
}

export function writePipelineOutputs(result: PipelineResult, dir: string): WrittenOutputs {
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const write = (name: string, content: string | Uint8Array) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    files.push(path);
  };
  write('report.json', JSON.stringify(result.report, null, 2) + '\n');
  write('report.md', result.markdown());
  write('report.html', result.html());
  const labels: Record<string, unknown> = { ids: result.ids };
  for (const [algorithm, c] of Object.entries(result.clusterings)) labels[algorithm] = Array.from(c!.labelsByPosting);
  write('labels.json', JSON.stringify(labels) + '\n');
  write('vectors.npy', encodeNpy(result.vectors));
  write('vectors-ids.json', JSON.stringify(result.postings.map((p) => p.id)) + '\n');
  return { dir, files };
}

/** A float32 C-order `.npy` file (NumPy format version 1.0) holding the matrix. */
export function encodeNpy(m: Matrix): Uint8Array {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${m.rows}, ${m.cols}), }`;
  // Magic (6) + version (2) + header length (2) + header + '\n' is padded to a multiple of 64.
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const bytes = new Uint8Array(10 + header.length + m.data.byteLength);
  bytes.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(bytes.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) bytes[10 + i] = header.charCodeAt(i);
  const body = new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength);
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] === 1) bytes.set(body, 10 + header.length);
  else {
    const view = new DataView(bytes.buffer, 10 + header.length);
    m.data.forEach((v, i) => view.setFloat32(i * 4, v, true));
  }
  return bytes;
}
