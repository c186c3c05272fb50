/**
 * Quickstart: load postings → cluster → report.
 * Run from the repository: npx tsx examples/quickstart.ts [out-dir]
 * (in your own project: import { loadJobs, runPipeline } from 'jd-cluster').
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadJobs, runPipeline, writePipelineOutputs } from '../src/index.js';

const file = fileURLToPath(new URL('./data/sample-jobs.jsonl.gz', import.meta.url));
const loaded = await loadJobs(file); // JSONL/CSV/TSV/JSON, gzipped or not; invalid records are counted in loaded.skipped
const result = await runPipeline(loaded, {
  algorithms: ['hdbscan', 'kmeans'],
  hdbscan: { minClusterSize: 8 },
  kmeans: { k: 14 },
  // The sample carries the archetype each posting was generated from: score the clusters against it.
  groundTruth: { name: 'archetype', labels: loaded.jobs.map((job) => String(job.raw.archetype)) },
});

const dir = process.argv[2] ?? mkdtempSync(join(tmpdir(), 'jd-quickstart-'));
const written = writePipelineOutputs(result, dir); // report.html (heat map), .md, .json, labels.json, vectors.npy
console.log(result.markdown().split('\n').slice(0, 24).join('\n'));
for (const c of Object.values(result.clusterings)) {
  const ari = c!.agreement.find((a) => a.against === 'archetype')!.adjustedRandIndex;
  console.log(`${c!.algorithm}: ${c!.nClusters} clusters, ${c!.noise} noise, ARI vs archetype ${ari.toFixed(3)}`);
}
console.log(`wrote ${written.files.map((f) => basename(f)).join(', ')} to ${dir}`);
