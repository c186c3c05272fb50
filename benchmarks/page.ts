/**
 * Size and time to interactive of a report page in headless Chromium
 * (playwright-core): loads the page several times and prints, per load, the
 * page's own `readyAt` (ms after navigation start when the map, tables and
 * hierarchy respond), the wall time from `goto`, and the points drawn.
 * Asserts nothing; on a shared machine the times vary with the load (printed).
 *
 *   npx tsx benchmarks/page.ts out/report.html [--rounds 3] [--chromium /usr/bin/chromium]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

declare const window: { jdReport: { readyAt: number; pointCount: number } };
declare const document: {
  documentElement: { dataset: Record<string, string | undefined> };
  querySelectorAll(selector: string): { length: number };
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '3' }, chromium: { type: 'string', default: '/usr/bin/chromium' } },
});
if (positionals.length !== 1) throw new Error('usage: npx tsx benchmarks/page.ts REPORT.html [--rounds N] [--chromium PATH]');
const file = positionals[0];
const profile = mkdtempSync(join(os.tmpdir(), 'jd-cluster-page-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: values.chromium,
  headless: true,
  viewport: { width: 1280, height: 900 },
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = context.pages()[0] ?? (await context.newPage());
const errors: string[] = [];
page.on('pageerror', (e) => errors.push(String(e)));
console.log(`${file}: ${(statSync(file).size / 1e6).toFixed(2)} MB; load average ${os.loadavg()[0].toFixed(1)}`);
console.log('| load | time to interactive ms | wall ms from goto | points drawn | dendrogram leaves |\n|---:|---:|---:|---:|---:|');
for (let round = 1; round <= Number(values.rounds); round++) {
  const t0 = performance.now();
  await page.goto(pathToFileURL(file).href);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', undefined, { timeout: 120_000 });
  const wall = performance.now() - t0;
  const r = await page.evaluate(() => ({
    readyAt: window.jdReport.readyAt,
    points: window.jdReport.pointCount,
    leaves: document.querySelectorAll('#hierarchy g.leaf').length,
  }));
  console.log(`| ${round} | ${r.readyAt.toFixed(0)} | ${wall.toFixed(0)} | ${r.points} | ${r.leaves} |`);
}
console.log(`load average after: ${os.loadavg()[0].toFixed(1)}; page errors: ${errors.length ? errors.join('; ') : 'none'}`);
await context.close();
rmSync(profile, { recursive: true, force: true });
