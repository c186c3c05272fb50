/**
 * The public API (what src/index.ts exports) is recorded in etc/jd-cluster.api.md by API Extractor. This test
 * rebuilds the declarations (tsconfig.api.json) and fails when they no longer match the recorded report, so a
 * change to the public API shows in review: run `npm run api` and commit the updated report.
 * (`npm run api:check` is the same check from the command line.)
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Extractor, ExtractorConfig } from '@microsoft/api-extractor';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

describe('public API report', () => {
  it('etc/jd-cluster.api.md matches what src/index.ts exports', () => {
    execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.api.json'], {
      cwd: root,
      stdio: 'pipe',
    });
    const config = ExtractorConfig.loadFileAndPrepare(join(root, 'api-extractor.json'));
    const messages: string[] = [];
    const result = Extractor.invoke(config, {
      localBuild: false,
      messageCallback: (message) => {
        messages.push(message.text);
        message.handled = true;
      },
    });
    expect(result.apiReportChanged, 'the public API changed: run `npm run api` and commit etc/jd-cluster.api.md').toBe(false);
    expect(result.succeeded, messages.join('\n')).toBe(true);
  }, 300_000);
});
