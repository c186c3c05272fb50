// Writes docs/report-schema.json: the JSON Schema of report.json, generated from
// the TypeScript types (src/report/types.ts, `PipelineReport`) so that the
// schema cannot drift from the code. ts-json-schema-generator is the maintained
// tool for this (it reads the TSDoc into "description"); every object is closed
// (additionalProperties: false) so that a field added without a type fails the
// schema test (test/report/schema.test.ts).
import { writeFileSync } from 'node:fs';
import { createGenerator } from 'ts-json-schema-generator';

const schema = createGenerator({
  path: 'src/report/types.ts',
  tsconfig: 'tsconfig.json',
  type: 'PipelineReport',
  additionalProperties: false,
  skipTypeCheck: true,
}).createSchema('PipelineReport');
schema.$id = 'https://github.com/jd-cluster/jd-cluster/docs/report-schema.json';
schema.title = 'jd-cluster report.json (schema version 2)';
writeFileSync(process.argv[2] ?? 'docs/report-schema.json', JSON.stringify(schema, null, 2) + '\n');
