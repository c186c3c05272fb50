/**
 * Regenerates examples/data/sample-jobs.jsonl.gz: 400 synthetic postings
 * (generateJobs, seed 7) written with the shared corpus's Chinese headers
 * (职位自编号, 发布平台, 职位, 职位描述 …) plus the archetype they were drawn
 * from, so the examples load a real-looking file that carries its own answer key.
 * Run: npx tsx examples/data/make-sample.ts [out-file]
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { generateJobs } from '../../src/index.js';

const corpus = generateJobs({ n: 400, seed: 7 });
const lines = corpus.jobs.map((job, i) => JSON.stringify({ ...job.raw, archetype: corpus.archetypes[i] }));
const out = process.argv[2] ?? fileURLToPath(new URL('./sample-jobs.jsonl.gz', import.meta.url));
// Node writes a zero mtime in the gzip header, so the file is byte-for-byte reproducible.
writeFileSync(out, gzipSync(lines.join('\n') + '\n', { level: 9 }));
console.log(`wrote ${lines.length} postings to ${out}`);
