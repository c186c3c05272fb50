/**
 * Writing a pipeline result to a folder: the files `jd-cluster run` produces.
 *   report.json  the JSON report (docs/report-schema.md)
 *   report.md    the same for notebooks and chat
 *   report.html  a self-contained page with the platform × cluster heat map
 *   labels.json  { ids: [...], <algorithm>: [...], skipped: [{ index, line?, reason }] } one entry per
 *                input record (records skipped at load included, id null when unknown), −1 noise/skipped
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
  write('labels.json', JSON.stringify(labelsByRecord(result)) + '\n');
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

/** labels.json: one entry per input record, in input order, records skipped at load included. */
export function labelsByRecord(result: PipelineResult): Record<string, unknown> {
  const { total, recordOfJob, skippedAtLoad } = result.records;
  const ids: (string | null)[] = new Array(total).fill(null);
  for (const s of skippedAtLoad) ids[s.index] = s.id ?? null;
  recordOfJob.forEach((r, j) => (ids[r] = result.ids[j]));
  const out: Record<string, unknown> = { ids };
  for (const [algorithm, c] of Object.entries(result.clusterings)) {
    const labels = new Array<number>(total).fill(-1);
    recordOfJob.forEach((r, j) => (labels[r] = c!.labelsByPosting[j]));
    out[algorithm] = labels;
  }
  out.skipped = result.report.dataset.skippedRecords;
  return out;
}
