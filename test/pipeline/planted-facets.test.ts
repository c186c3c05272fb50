/**
 * Issue #14 "Done means" through the whole pipeline: the synthetic generator's
 * plants (6,000 postings a seed, 12,000 for the salary check), analysed both with the generator's archetypes
 * as the clusters and with the pipeline's own K-Means clusters (k = the number
 * of archetypes; a planted archetype is then the K-Means cluster holding most
 * of its postings). The default run takes SEEDS_DEFAULT seeds (≈ 5 s each on an
 * idle core); `JD_CLUSTER_PLANT_SEEDS=50 npx vitest run test/pipeline/planted-facets.test.ts`
 * runs the 50. Thresholds are the shares of however many seeds ran.
 */
import { describe, expect, it } from 'vitest';
import { generateJobs, isTitleOnly, type SyntheticCorpus } from '../../src/data/index.js';
import { runPipeline, type PipelineResult } from '../../src/pipeline/index.js';
import { analyzeFacets, salaryOfClustering, trendsOfClustering } from '../../src/pipeline/facet-analysis.js';
import type { FacetBiasResult, SalaryPremium, TrendResult } from '../../src/validate/index.js';

const SEEDS_DEFAULT = 4;
const SEEDS = Number(process.env.JD_CLUSTER_PLANT_SEEDS ?? SEEDS_DEFAULT);
/**
 * Postings a seed; `JD_CLUSTER_PLANT_N` measures other sizes. The "3,000 unless a test needs more":
 * the planted bias (factor 2.5) reaches 95 % at 6,000 (50/50 seeds; 47/50 at 3,000, docs/validate.md).
 */
const N = Number(process.env.JD_CLUSTER_PLANT_N ?? 6000);

interface Analysis {
  facets: FacetBiasResult[];
  salary: SalaryPremium[];
  trends: TrendResult;
  /** Cluster of each archetype name. */
  clusterOf(archetype: string): number;
}

/**
 * Postings a seed for the salary check (`JD_CLUSTER_SALARY_N`): the planted city × archetype cell holds ≈ 20 at
 * 3,000 and ≈ 40 at 6,000 — near salaryPremiums' minN 30, so a quarter of the seeds had no row there, and a
 * K-Means cluster that merged the archetype with a neighbour diluted the premium in a few more. At 12,000 the cell
 * holds ≈ 60 and every seed has a row (docs/validate.md).
 */
const N_SALARY = Number(process.env.JD_CLUSTER_SALARY_N ?? 12000);

async function pipelineRun(corpus: SyntheticCorpus, seed: number): Promise<PipelineResult> {
  return runPipeline(corpus.jobs, {
    algorithms: ['kmeans'],
    kmeans: { k: corpus.archetypeNames.length },
    seed,
    silhouette: false,
    facets: ['platform'],
  });
}

/** The pipeline's K-Means clusters. */
function kmeansAnalysis(corpus: SyntheticCorpus, result: PipelineResult): Analysis {
  const c = result.clusterings.kmeans!;
  return {
    facets: c.facets,
    salary: c.salary,
    trends: c.trends,
    clusterOf: (archetype) => majorityCluster(corpus, result, c.labels, archetype),
  };
}

/** The generator's archetypes as the clusters, counted over the pipeline's rows. */
function archetypeAnalysis(corpus: SyntheticCorpus, result: PipelineResult, seed: number): Analysis {
  const labels = Int32Array.from(result.postingOfRow, (i) => corpus.archetypeLabels[i]);
  return {
    facets: analyzeFacets(
      ['platform'],
      corpus.jobs,
      result.rowOfPosting,
      labels,
      corpus.jobs.map((job) => isTitleOnly(job)),
    ),
    salary: salaryOfClustering(corpus.jobs, result.postingOfRow, labels, seed),
    trends: trendsOfClustering(corpus.jobs, result.postingOfRow, labels),
    clusterOf: (archetype) => corpus.archetypeNames.indexOf(archetype),
  };
}

function majorityCluster(corpus: SyntheticCorpus, result: PipelineResult, labels: Int32Array, archetype: string): number {
  const wanted = corpus.archetypeNames.indexOf(archetype);
  const counts = new Map<number, number>();
  result.postingOfRow.forEach((i, r) => {
    if (corpus.archetypeLabels[i] === wanted) counts.set(labels[r], (counts.get(labels[r]) ?? 0) + 1);
  });
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0][0];
}

interface Tally {
  bias: number;
  burstUnconfounded: number;
  titleOnlyAllText: number;
  salaryCovered: number;
  salaryRows: number;
  trendFound: number;
}

function score(corpus: SyntheticCorpus, a: Analysis, t: Tally): void {
  const truth = corpus.truth;
  const flags = a.facets[0].flags;
  for (const f of flags) expect(f.direction).toBe(f.observed > f.expected ? 'over' : 'under');
  if (truth.bias) {
    const cluster = a.clusterOf(truth.bias.archetype);
    const platform = truth.bias.platform;
    if (flags.some((f) => f.value === platform && f.cluster === cluster && f.direction === 'over' && f.confounded === null)) t.bias++;
  }
  if (truth.burst) {
    const cluster = a.clusterOf(truth.burst.archetype);
    const platform = truth.burst.platform;
    if (flags.some((f) => f.value === platform && f.cluster === cluster && f.confounded === null)) t.burstUnconfounded++;
  }
  if (truth.titleOnly) {
    const platform = truth.titleOnly.platform;
    if (flags.filter((f) => f.value === platform).every((f) => f.confounded === 'text')) t.titleOnlyAllText++;
  }
  const premium = truth.premium;
  if (premium) {
    const row = a.salary.find((s) => s.cluster === a.clusterOf(premium.archetype) && s.city === premium.city);
    if (row) t.salaryRows++;
    if (row?.adjustedCI && row.adjustedCI[0] <= premium.premium && premium.premium <= row.adjustedCI[1]) t.salaryCovered++;
  }
  const trend = truth.trend;
  const series = trend ? a.trends.clusters.find((c) => c.cluster === a.clusterOf(trend.archetype)) : undefined;
  if (trend && series) {
    const index = (period: string) => series.series.findIndex((s) => s.period === period);
    const at = index(trend.month);
    if (series.changepoints.some((c) => c.direction === trend.direction && Math.abs(index(c.period) - at) <= 1)) t.trendFound++;
  }
}

const empty = (): Tally => ({ bias: 0, burstUnconfounded: 0, titleOnlyAllText: 0, salaryCovered: 0, salaryRows: 0, trendFound: 0 });

describe(`pipeline on the generator's plants (${SEEDS} seeds × ${N} postings)`, () => {
  it('flags the planted bias, not the burst; title-only platform flags are "text"; salary and trend recovered', async () => {
    const byArchetype = empty();
    const byKMeans = empty();
    for (let seed = 1; seed <= SEEDS; seed++) {
      const corpus = generateJobs({ n: N, seed, plants: {} });
      const result = await pipelineRun(corpus, seed);
      score(corpus, archetypeAnalysis(corpus, result, seed), byArchetype);
      score(corpus, kmeansAnalysis(corpus, result), byKMeans);
    }
    console.log(`plants over ${SEEDS} seeds — archetypes: ${JSON.stringify(byArchetype)}; K-Means: ${JSON.stringify(byKMeans)}`);
    for (const t of [byArchetype, byKMeans]) {
      // Issue #14's targets: planted bias ≥ 95 % of seeds, trend ≥ 90 %. Measured over 50 seeds × 6,000
      // (2026-12-05): bias 50 and 50, trend 50 and 50 (archetypes, K-Means).
      expect(t.bias).toBeGreaterThanOrEqual(Math.ceil(0.95 * SEEDS));
      expect(t.burstUnconfounded).toBe(0);
      expect(t.titleOnlyAllText).toBe(SEEDS);
      expect(t.trendFound).toBeGreaterThanOrEqual(Math.ceil(0.9 * SEEDS));
    }
  }, 1_200_000);

  it(`salary: the planted city premium's adjusted interval covers the truth in ≥ 90 % of seeds (${N_SALARY} postings)`, async () => {
    const byArchetype = empty();
    const byKMeans = empty();
    for (let seed = 1; seed <= SEEDS; seed++) {
      const corpus = generateJobs({ n: N_SALARY, seed, plants: { bias: false, burst: false, titleOnly: false, trend: false } });
      const result = await pipelineRun(corpus, seed);
      score(corpus, archetypeAnalysis(corpus, result, seed), byArchetype);
      score(corpus, kmeansAnalysis(corpus, result), byKMeans);
    }
    console.log(`salary over ${SEEDS} seeds — archetypes: ${JSON.stringify(byArchetype)}; K-Means: ${JSON.stringify(byKMeans)}`);
    for (const t of [byArchetype, byKMeans]) {
      // A seed without a row for the planted cell counts as a miss. A 95 % interval misses about one seed in
      // twenty, so the 90 % is asserted over ≥ 20 seeds; the default 4 seeds hold 3 of 4.
      expect(t.salaryCovered).toBeGreaterThanOrEqual(Math.ceil((SEEDS >= 20 ? 0.9 : 0.75) * SEEDS));
    }
  }, 1_200_000);

  // One pass over the null seeds for both checks (memoised: it is the slowest part of the file).
  let nullRun: Promise<{ archetypes: number; kmeans: number }> | undefined;
  const nullSeeds = (): Promise<{ archetypes: number; kmeans: number }> =>
    (nullRun ??= (async () => {
      let archetypes = 0,
        kmeans = 0;
      for (let seed = 1; seed <= SEEDS; seed++) {
        const corpus = generateJobs({ n: N, seed, plants: 'none' });
        const result = await pipelineRun(corpus, seed);
        if (archetypeAnalysis(corpus, result, seed).facets[0].flags.some((f) => f.confounded === null)) archetypes++;
        if (kmeansAnalysis(corpus, result).facets[0].flags.some((f) => f.confounded === null)) kmeans++;
      }
      console.log(`nothing planted over ${SEEDS} seeds — seeds with an unconfounded flag: archetypes ${archetypes}, K-Means ${kmeans}`);
      return { archetypes, kmeans };
    })());

  // Issue #14's target: an unconfounded false flag in ≤ 5 % of seeds. Measured over 50 seeds × 6,000
  // (2026-12-05): 0 with archetype clusters, 0 with K-Means clusters.
  it('nothing planted, archetypes as clusters: an unconfounded platform flag in ≤ 5 % of seeds', async () => {
    expect((await nullSeeds()).archetypes).toBeLessThanOrEqual(Math.floor(0.05 * SEEDS));
  }, 1_200_000);

  it('nothing planted, K-Means clusters: an unconfounded platform flag in ≤ 5 % of seeds', async () => {
    expect((await nullSeeds()).kmeans).toBeLessThanOrEqual(Math.floor(0.05 * SEEDS));
  }, 1_200_000);
});
