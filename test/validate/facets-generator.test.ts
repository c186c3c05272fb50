/**
 * Issue #14 "Done means" on the synthetic generator's plants (50 seeds, the
 * generator's archetypes as the clusters): the planted bias over many
 * employers, the one-employer burst, the title-only platform, the city salary
 * premium, the trend change, and corpora with nothing planted.
 */
import { describe, expect, it } from 'vitest';
import {
  experienceBand,
  generateJobs,
  isTitleOnly,
  normalizeCity,
  normalizeCompany,
  salaryMidpoint,
  type SyntheticCorpus,
} from '../../src/data/index.js';
import { analyzeFacetBias, clusterTrends, salaryPremiums } from '../../src/validate/index.js';

const SEEDS = 50;
/**
 * Postings a seed for the facet checks. The issue asks 3,000 "unless a test needs more"; this one does: at 3,000
 * the planted cell holds ≈ 50 expected postings and its ratio interval (≈ 1.5) starts just under the 1.25 floor in
 * 3 of 50 seeds (47/50, the power limit shown in docs/validate.md). At 6,000: 50/50, nothing else changes.
 */
const N_FACETS = 6000;
const companiesOf = (c: SyntheticCorpus) => c.jobs.map((j) => (j.company ? normalizeCompany(j.company) : null));
const platformBias = (c: SyntheticCorpus) =>
  analyzeFacetBias({
    facet: 'platform',
    values: c.jobs.map((j) => j.platform),
    labels: c.archetypeLabels,
    companies: companiesOf(c),
    titleOnly: c.jobs.map((j) => isTitleOnly(j)),
  });

/**
 * Each seed is seconds of synchronous work; on a loaded machine a minute of it without a break starves
 * vitest's worker channel ("Timeout calling onTaskUpdate") and fails the run though every test passed.
 */
const yieldToRunner = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('generator plants, 50 seeds', () => {
  it('facets and trends on 6,000 postings: bias found, burst and title-only confounded, trend change found', async () => {
    let bias = 0,
      burstUnconfounded = 0,
      titleOnlyAllText = 0,
      trendFound = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      await yieldToRunner();
      const corpus = generateJobs({ n: N_FACETS, seed, plants: {} });
      const truth = corpus.truth;
      const cluster = (archetype: string) => corpus.archetypeNames.indexOf(archetype);
      const flags = platformBias(corpus).flags;
      for (const f of flags) expect(f.direction).toBe(f.observed > f.expected ? 'over' : 'under');
      const plantedBias = (f: (typeof flags)[number]) => f.value === truth.bias!.platform && f.cluster === cluster(truth.bias!.archetype);
      if (flags.some((f) => plantedBias(f) && f.direction === 'over' && f.confounded === null)) bias++;
      if (flags.some((f) => f.value === truth.burst!.platform && f.cluster === cluster(truth.burst!.archetype) && f.confounded === null))
        burstUnconfounded++;
      if (flags.filter((f) => f.value === truth.titleOnly!.platform).every((f) => f.confounded === 'text')) titleOnlyAllText++;

      const trends = clusterTrends({ labels: corpus.archetypeLabels, dates: corpus.jobs.map((j) => j.date ?? null) });
      expect(trends.period).toBe('month');
      const series = trends.clusters.find((c) => c.cluster === cluster(truth.trend!.archetype))!;
      const at = series.series.findIndex((s) => s.period === truth.trend!.month);
      const index = (period: string) => series.series.findIndex((s) => s.period === period);
      if (series.changepoints.some((c) => c.direction === truth.trend!.direction && Math.abs(index(c.period) - at) <= 1)) trendFound++;
    }
    // Issue target ≥ 95 %: measured 50 of 50 at 6,000 postings (47 of 50 at 3,000, see N_FACETS).
    expect(bias).toBeGreaterThanOrEqual(48);
    expect(burstUnconfounded).toBe(0);
    expect(titleOnlyAllText).toBe(SEEDS);
    expect(trendFound).toBeGreaterThanOrEqual(45); // ≥ 90 %
  }, 300_000);

  it('nothing planted: an unconfounded flag in ≤ 5 % of seeds', async () => {
    let falseSeeds = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      await yieldToRunner();
      if (platformBias(generateJobs({ n: N_FACETS, seed, plants: 'none' })).flags.some((f) => f.confounded === null)) falseSeeds++;
    }
    expect(falseSeeds).toBeLessThanOrEqual(2);
  }, 300_000);

  it('the city premium: adjusted interval covers the planted premium in ≥ 90 % of seeds (6,000 postings, minN 20: the cell holds about 40)', async () => {
    let covered = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      await yieldToRunner();
      const corpus = generateJobs({ n: 6000, seed, plants: { bias: false, burst: false, titleOnly: false, trend: false } });
      const truth = corpus.truth.premium!;
      const rows = salaryPremiums(
        {
          labels: corpus.archetypeLabels,
          salaryMonthly: corpus.jobs.map((j) => salaryMidpoint(j) ?? null),
          cities: corpus.jobs.map((j) => (j.city ? normalizeCity(j.city) : null)),
          companies: companiesOf(corpus),
          experience: corpus.jobs.map((j) => experienceBand(j.experienceYears) ?? null),
          education: corpus.jobs.map((j) => j.education ?? null),
        },
        { seed, bootstrap: 20, minN: 20 },
      );
      const row = rows.find((r) => r.cluster === corpus.archetypeNames.indexOf(truth.archetype) && r.city === truth.city);
      if (row?.adjustedCI && row.adjustedCI[0] <= truth.premium && truth.premium <= row.adjustedCI[1]) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(45);
  }, 300_000);
});
