/**
 * report.json against its JSON Schema (docs/report-schema.json, generated from
 * src/report/types.ts by `npm run schema`): a real pipeline report validates,
 * the schema is closed (an unknown field fails), and the committed schema is
 * what the types generate today.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateJobs, runPipeline, type PipelineReport } from '../../src/index.js';

const schemaPath = fileURLToPath(new URL('../../docs/report-schema.json', import.meta.url));
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));

describe('report JSON Schema', () => {
  let report: PipelineReport;
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  beforeAll(async () => {
    const corpus = generateJobs({ n: 300, seed: 4 });
    const result = await runPipeline(corpus.jobs, {
      algorithms: ['hdbscan', 'kmeans', 'dbscan', 'bisecting-kmeans'],
      kmeans: { k: 8 },
      clusterers: { 'bisecting-kmeans': { k: 6 } },
      facets: ['platform', 'city'],
      reassignNoiseThreshold: 0.3,
      groundTruth: { name: 'archetype', labels: corpus.archetypes },
      threads: 1,
      seed: 1,
    });
    // Through JSON, as readers get it.
    report = JSON.parse(JSON.stringify(result.report));
  });

  it('a real pipeline report validates', () => {
    const ok = validate(report);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    expect(report.clusterings.find((c) => c.algorithm === 'bisecting-kmeans')!.hierarchy!.linkage.length).toBe(5);
  });

  it('is closed: an unknown field anywhere fails', () => {
    expect(validate({ ...report, extra: 1 })).toBe(false);
    const c = report.clusterings[0];
    expect(validate({ ...report, clusterings: [{ ...c, clusters: [{ ...c.clusters[0], platforms: [] }] }] })).toBe(false);
    expect(validate({ ...report, schemaVersion: 1 })).toBe(false);
  });

  it('the committed schema is what the types generate (run `npm run schema` after changing them)', () => {
    const generated = createGenerator({
      path: fileURLToPath(new URL('../../src/report/types.ts', import.meta.url)),
      tsconfig: fileURLToPath(new URL('../../tsconfig.json', import.meta.url)),
      type: 'PipelineReport',
      additionalProperties: false,
      skipTypeCheck: true,
    }).createSchema('PipelineReport');
    expect(generated.definitions).toEqual(schema.definitions);
  }, 120_000);
});
