/**
 * Importing the built package by its name, as an application does after
 * `npm install jd-cluster`. Inside this repository Node resolves `jd-cluster`
 * to the package itself through the "exports" map of package.json (package
 * self-reference), so this checks the published entry points: build first.
 * Run: npm run build && node examples/import-by-name.mjs
 */
import { createRequire } from 'node:module';
import { VERSION, generateJobs, runPipeline } from 'jd-cluster';

const corpus = generateJobs({ n: 300, seed: 9 });
const result = await runPipeline(corpus.jobs, {
  algorithms: ['kmeans'],
  kmeans: { k: 14 },
  groundTruth: { name: 'archetype', labels: corpus.archetypes },
  threads: 2,
});
const kmeans = result.clusterings.kmeans;
console.log(`ESM import of jd-cluster ${VERSION}: k-means ARI vs archetype ${kmeans.agreement[0].adjustedRandIndex.toFixed(3)}`);

// CommonJS consumers get the same API from dist/index.cjs through the "require" condition.
const require = createRequire(import.meta.url);
const cjs = require('jd-cluster');
console.log(
  `CommonJS require of jd-cluster ${cjs.VERSION}: ${Object.keys(cjs).length} exports, runPipeline is a ${typeof cjs.runPipeline}`,
);
