/**
 * Power and false-flag curves of `analyzeFacetBias`, the figures the default
 * effect-size floor (`minRatio`) was chosen from (docs/validate.md).
 *
 * 1. Simulated tables (5 facet values with shares 30/25/20/15/10 %, 20 clusters
 *    with Zipf shares, employers drawn from a pool of 500): for each floor,
 *    - power: share of seeds in which one planted cell (value v1, a mid-sized
 *      cluster) with a probability multiplier m is flagged 'over', unconfounded;
 *    - false flags: share of seeds with at least one unconfounded flag on a
 *      table with nothing planted, exactly independent (jitter 0) and with the
 *      immaterial heterogeneity of real tables (each cell × exp(N(0, 0.1²))).
 * 2. The synthetic generator (`generateJobs`, 3,000 postings, archetypes as the
 *    clusters, platform facet, raw company names as employers): share of seeds
 *    in which the planted platform × archetype bias (odds factor f) is flagged
 *    'over', unconfounded, and the share of seeds with any other unconfounded
 *    'over' flag.
 *
 *   npx tsx benchmarks/bias-power.ts [--seeds 200] [--generator-seeds 50] [--floors 1,1.1,1.25,1.5,2]
 *
 * 3. Employer batches (simulated tables whose employers post geometric batches
 *    of ads into one cell, immaterial ±10 % heterogeneity): false flags and
 *    power with the company re-test alone and with the design effect.
 * 4. Trend changepoints: false-change rate and power of the PELT share test per penalty.
 *
 *   --sections floors,generator,batches,trends picks the sections (default all).
 *
 * Prints Markdown tables; asserts nothing.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { generateJobs } from '../src/data/index.js';
import { analyzeFacetBias } from '../src/validate/facets/index.js';
import { simulateFacetRows } from '../src/validate/facets/simulate.js';
import { peltShareChanges, shareDispersion } from '../src/validate/trends/index.js';
import { Random } from '../src/core/index.js';

const { values: args } = parseArgs({
  options: {
    seeds: { type: 'string', default: '200' },
    'generator-seeds': { type: 'string', default: '50' },
    floors: { type: 'string', default: '1,1.1,1.25,1.5,2' },
    sizes: { type: 'string', default: '3000,30000' },
    sections: { type: 'string', default: 'floors,generator,batches,trends' },
  },
});
const seeds = Number(args.seeds);
const generatorSeeds = Number(args['generator-seeds']);
const floors = args.floors.split(',').map(Number);
const sizes = args.sizes.split(',').map(Number);
const multipliers = [1.5, 2, 3, 4];
const sections = new Set(args.sections.split(','));

const rowShares = [0.3, 0.25, 0.2, 0.15, 0.1];
const columnShares = Array.from({ length: 20 }, (_, c) => 1 / (c + 1));
const planted = { row: 1, column: 5 };

console.log(`# Bias power and false-flag curves\n`);
console.log(
  `${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, ${new Date().toISOString().slice(0, 10)}; Holm, α 0.05, 95 % Poisson interval, minExpected 5.\n`,
);

for (const n of sections.has('floors') ? sizes : []) {
  console.log(`## Simulated tables, n = ${n} (${seeds} seeds per entry)\n`);
  // Each table is drawn once and analysed at every floor, so the floors are compared on the same tables.
  const power = multipliers.map(() => new Array<number>(floors.length).fill(0));
  const falseFlags = [0, 0.1].map(() => new Array<number>(floors.length).fill(0));
  multipliers.forEach((m, mi) => {
    for (let s = 0; s < seeds; s++) {
      const rows = simulateFacetRows({ rowShares, columnShares, n, seed: s, biases: [{ ...planted, multiplier: m }] });
      floors.forEach((floor, fi) => {
        const result = analyzeFacetBias({ facet: 'platform', ...rows }, { minRatio: floor });
        if (result.flags.some((f) => f.value === 'v1' && f.cluster === planted.column && f.direction === 'over' && f.confounded === null))
          power[mi][fi]++;
      });
    }
  });
  [0, 0.1].forEach((jitter, ji) => {
    for (let s = 0; s < seeds; s++) {
      const rows = simulateFacetRows({ rowShares, columnShares, n, seed: 10_000 + s, jitter });
      floors.forEach((floor, fi) => {
        const result = analyzeFacetBias({ facet: 'platform', ...rows }, { minRatio: floor });
        if (result.flags.some((f) => f.confounded === null)) falseFlags[ji][fi]++;
      });
    }
  });
  const header = [
    'floor',
    ...multipliers.map((m) => `power, true ratio ${trueRatio(m).toFixed(2)} (m=${m})`),
    'false flags (independent)',
    'false flags (jitter 0.1)',
  ];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  floors.forEach((floor, fi) => {
    const cells = [String(floor), ...power.map((p) => fraction(p[fi], seeds)), ...falseFlags.map((f) => fraction(f[fi], seeds))];
    console.log(`| ${cells.join(' | ')} |`);
  });
  console.log();
}

if (sections.has('generator')) generatorCurves();
if (sections.has('batches')) batchCurves();
if (sections.has('trends')) trendCurves();

function generatorCurves(): void {
  console.log(`## Synthetic generator, 3,000 postings (${generatorSeeds} seeds per entry)\n`);
  const factors: Array<number | 'none'> = ['none', 1.5, 2, 3];
  const header = ['floor', ...factors.map((f) => (f === 'none' ? 'any flag, nothing planted' : `power f=${f} / other over-flags`))];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  const corpora = new Map<string, ReturnType<typeof generateJobs>>();
  for (const floor of floors) {
    const cells: string[] = [String(floor)];
    for (const factor of factors) {
      let hits = 0,
        others = 0;
      for (let s = 0; s < generatorSeeds; s++) {
        const key = `${factor}:${s}`;
        let corpus = corpora.get(key);
        if (!corpus) {
          corpus = generateJobs({
            n: 3000,
            seed: s + 1,
            bias: factor === 'none' ? 'none' : { platform: 'LIEPIN', archetype: 'fintech-hft', factor },
          });
          corpora.set(key, corpus);
        }
        const result = analyzeFacetBias(
          {
            facet: 'platform',
            values: corpus.jobs.map((j) => j.platform),
            labels: corpus.archetypeLabels,
            companies: corpus.jobs.map((j) => j.company ?? null),
          },
          { minRatio: floor },
        );
        const target = corpus.archetypeNames.indexOf('fintech-hft');
        const isPlanted = (f: { value: string; cluster: number }) => factor !== 'none' && f.value === 'LIEPIN' && f.cluster === target;
        if (result.flags.some((f) => isPlanted(f) && f.direction === 'over' && f.confounded === null)) hits++;
        if (result.flags.some((f) => !isPlanted(f) && f.direction === 'over' && f.confounded === null)) others++;
      }
      cells.push(
        factor === 'none' ? fraction(others, generatorSeeds) : `${fraction(hits, generatorSeeds)} / ${fraction(others, generatorSeeds)}`,
      );
    }
    console.log(`| ${cells.join(' | ')} |`);
  }
}

/**
 * Employers posting in batches at corpus scale: the company re-test counted once per cell and
 * without the largest employer, against the same plus the design effect (company-robust.ts).
 */
function batchCurves(): void {
  const n = 30_000;
  console.log(`\n## Employer batches, n = ${n}, jitter 0.1, floor 1.25 (${seeds} seeds per entry)\n`);
  console.log(
    '"false" = seeds with an unconfounded flag outside the planted cell\'s row and column; "power" = the planted cell (m) flagged over, unconfounded.\n',
  );
  const header = [
    'mean batch',
    'm',
    'false, company re-test',
    'false, + design effect',
    'power, company re-test',
    'power, + design effect',
  ];
  console.log(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|`);
  for (const batchSize of [1, 2, 3])
    for (const m of [1, 2, 3]) {
      const falseFlags = [0, 0],
        power = [0, 0];
      for (let s = 0; s < seeds; s++) {
        const biases = m > 1 ? [{ ...planted, multiplier: m }] : [];
        const rows = simulateFacetRows({ rowShares, columnShares, n, seed: 20_000 + s, batchSize, jitter: 0.1, biases });
        [false, true].forEach((designEffect, k) => {
          const flags = analyzeFacetBias({ facet: 'platform', ...rows }, { designEffect }).flags.filter((f) => f.confounded === null);
          const inPlantedLines = (f: { value: string; cluster: number }) => m > 1 && (f.value === 'v1' || f.cluster === planted.column);
          if (flags.some((f) => f.value === 'v1' && f.cluster === planted.column && f.direction === 'over')) power[k]++;
          if (flags.some((f) => !inPlantedLines(f))) falseFlags[k]++;
        });
      }
      const cells = [String(batchSize), m === 1 ? 'none' : String(m), ...falseFlags.map((k) => fraction(k, seeds))];
      cells.push(...(m === 1 ? ['—', '—'] : power.map((k) => fraction(k, seeds))));
      console.log(`| ${cells.join(' | ')} |`);
    }
}

/** observed/expected of the planted cell under independence, in the limit of many postings. */
function trueRatio(multiplier: number): number {
  const R = rowShares.length,
    C = columnShares.length;
  const joint = new Float64Array(R * C);
  let sum = 0;
  for (let r = 0; r < R; r++)
    for (let c = 0; c < C; c++)
      sum += joint[r * C + c] = rowShares[r] * columnShares[c] * (r === planted.row && c === planted.column ? multiplier : 1);
  let row = 0,
    column = 0;
  for (let c = 0; c < C; c++) row += joint[planted.row * C + c] / sum;
  for (let r = 0; r < R; r++) column += joint[r * C + planted.column] / sum;
  return joint[planted.row * C + planted.column] / sum / (row * column);
}

function fraction(k: number, n: number): string {
  return (k / n).toFixed(2);
}

// Trend changepoints: the default penalty (3 · ln T) against 2, 4, 5 · ln T.
function trendCurves(): void {
  console.log(`\n## Trend changepoints (PELT on the share, ${seeds} seeds per entry)\n`);
  console.log(
    'Periods T, postings per period (log-normal spread 0.3), cluster share p, extra share noise sd (overdispersion); "found" = an up-change within one period of a ×1.8 share step at T/2.\n',
  );
  console.log('| T | postings/period | p | overdispersion | c | false (no change) | found (×1.8) |\n|---|---|---|---|---|---|---|');
  for (const [T, perPeriod, p, od] of [
    [18, 167, 0.07, 0],
    [17, 1760, 0.05, 0],
    [17, 1760, 0.05, 0.2],
  ] as const) {
    for (const c of [2, 3, 4, 5]) {
      let falseSeeds = 0,
        found = 0;
      for (let s = 0; s < seeds; s++) {
        const random = new Random(s);
        const totals = Array.from({ length: T }, () => Math.round(perPeriod * Math.exp(0.3 * random.normal())));
        const share = () => p * Math.exp(od * random.normal());
        const step = T >> 1;
        const flat = totals.map((m) => binomial(random, m, share()));
        const stepped = totals.map((m, t) => binomial(random, m, Math.min(0.9, share() * (t >= step ? 1.8 : 1))));
        const options = { penalty: c * Math.log(T), minSegment: 2 };
        if (peltShareChanges(flat, totals, options, shareDispersion(flat, totals)).length > 0) falseSeeds++;
        const changes = peltShareChanges(stepped, totals, options, shareDispersion(stepped, totals));
        if (changes.some((ch) => Math.abs(ch.index - step) <= 1 && ch.direction === 'up')) found++;
      }
      console.log(`| ${T} | ${perPeriod} | ${p} | ${od} | ${c} | ${fraction(falseSeeds, seeds)} | ${fraction(found, seeds)} |`);
    }
  }
}

function binomial(random: Random, trials: number, p: number): number {
  let x = 0;
  for (let i = 0; i < trials; i++) if (random.next() < p) x++;
  return x;
}
