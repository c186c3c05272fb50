/**
 * Platform bias: which platform over- or under-represents which kind of job?
 * The synthetic corpus plants one bias (LIEPIN posts 3× more high-frequency-
 * trading roles); the pipeline should find it and name the cluster.
 * Run: npx tsx examples/platform-bias.ts
 */
import { generateJobs, runPipeline } from '../src/index.js';

const corpus = generateJobs({ n: 3000, seed: 5 });
const planted = corpus.bias[0];
console.log(`planted: ${planted.description}`);

const result = await runPipeline(corpus.jobs, { algorithms: ['kmeans'], kmeans: { k: 14 }, threads: 2 });
const kmeans = result.clusterings.kmeans!;
const bias = kmeans.facets.find((f) => f.facet === 'platform')!;
const names = new Map(kmeans.keywords!.clusters.map((c) => [c.label, c.name]));

console.log(
  `χ² = ${bias.test.chi2.toFixed(1)}, df ${bias.test.df}, p = ${bias.test.p.toExponential(2)}, Cramér's V ${bias.test.cramersV.toFixed(3)}`,
);
console.log('| platform | cluster | observed | expected | ratio | 95% CI | adjusted p |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const flag of bias.flags) {
  console.log(
    `| ${flag.value} | #${flag.cluster} ${names.get(flag.cluster)} | ${flag.observed} | ${flag.expected.toFixed(1)} | ` +
      `${flag.ratio.toFixed(2)}× ${flag.direction} | ${flag.ratioCI[0].toFixed(2)}–${flag.ratioCI[1].toFixed(2)} | ${flag.pAdjusted.toExponential(1)} |`,
  );
}

// Which cluster holds the planted archetype? The one where most of its postings landed.
const counts = new Map<number, number>();
result.postingOfRow.forEach((posting, row) => {
  if (corpus.archetypes[posting] === planted.archetype) counts.set(kmeans.labels[row], (counts.get(kmeans.labels[row]) ?? 0) + 1);
});
const home = [...counts].sort((a, b) => b[1] - a[1])[0][0];
const found = bias.flags.some((c) => c.value === planted.platform && c.cluster === home && c.direction === 'over');
console.log(`${planted.archetype} landed mostly in #${home} (${names.get(home)}): planted bias ${found ? 'found' : 'NOT found'}`);
