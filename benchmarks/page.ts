/**
 * Size and start-up time of a report page in headless Chromium (playwright-core,
 * the browser tests' launch flags). Each round opens a fresh browser profile and
 * loads the page twice: the first load is cold (nothing of the page compiled or
 * cached), the second warm (same tab, V8's caches hold the page's scripts). Per
 * load it prints, from the page's own clock (ms after navigation start), when
 * the file was read, when the page script started, when its data was parsed,
 * when the tables and hierarchy were rendered, when the map was drawn, and the
 * time to interactive (`jdReport.readyAt`), plus the main thread's busy time
 * (CDP `TaskDuration`, a proxy for the CPU the load cost). Asserts nothing; on a
 * shared machine times vary with the load average (printed).
 *
 *   npx tsx benchmarks/page.ts out/report.html [--rounds 3] [--chromium /usr/bin/chromium]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Page } from 'playwright-core';
import { launchChromium, startupFigures, type StartupFigures } from '../test/report/chromium.js';

declare const document: { documentElement: { dataset: Record<string, string | undefined> } };
declare const window: { jdReport: { pointCount: number; pointsDrawn(): number } };

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { rounds: { type: 'string', default: '3' }, chromium: { type: 'string', default: '/usr/bin/chromium' } },
});
if (positionals.length !== 1) throw new Error('usage: npx tsx benchmarks/page.ts REPORT.html [--rounds N] [--chromium PATH]');
const rounds = Number(values.rounds);
if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds: expected a positive integer, got '${values.rounds}'`);
const file = positionals[0];
const url = pathToFileURL(file).href;

/** Loads the page, waits for the ready flag; the page's figures and the main thread's busy ms for this load. */
async function load(page: Page): Promise<{ figures: StartupFigures; busyMs: number; points: string }> {
  const session = await page.context().newCDPSession(page);
  await session.send('Performance.enable');
  const busy = async () =>
    ((await session.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
  const before = await busy();
  await page.goto(url);
  await page.waitForFunction(() => document.documentElement.dataset.ready === 'true', undefined, { timeout: 120_000 });
  const figures = await startupFigures(page);
  const busyMs = (await busy()) - before;
  const points = await page.evaluate(() => `${window.jdReport.pointsDrawn()}/${window.jdReport.pointCount}`);
  await session.detach();
  return { figures, busyMs, points };
}

const ms = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(0));
const row = (round: number, kind: string, r: Awaited<ReturnType<typeof load>>) => {
  const m = r.figures.marks;
  return (
    `| ${round} | ${kind} | **${ms(r.figures.readyAt)}** | ${ms(r.figures.responseEnd)} | ${ms(m['jd:start'])} | ${ms(m['jd:parsed'])} | ` +
    `${ms(m['jd:rendered'])} | ${ms(m['jd:map-drawn'])} | ${ms(r.busyMs)} | ${r.points} |`
  );
};

console.log(`${file}: ${(statSync(file).size / 1e6).toFixed(2)} MB; ${os.cpus().length} cores; load average ${os.loadavg()[0].toFixed(1)}`);
console.log(
  '| round | load | time to interactive ms | file read | script start | data parsed | rendered | map drawn | main thread busy ms | points drawn |\n' +
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|',
);
const errors: string[] = [];
const tti: Record<'cold' | 'warm', number[]> = { cold: [], warm: [] };
for (let round = 1; round <= rounds; round++) {
  const profile = mkdtempSync(join(os.tmpdir(), 'jd-cluster-page-'));
  const context = await launchChromium(values.chromium!, profile);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => errors.push(String(e)));
  for (const kind of ['cold', 'warm'] as const) {
    const result = await load(page);
    tti[kind].push(result.figures.readyAt);
    console.log(row(round, kind, result));
  }
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
const range = (v: number[]) => `${Math.min(...v).toFixed(0)}–${Math.max(...v).toFixed(0)} ms`;
console.log(`\ntime to interactive: cold ${range(tti.cold)}, warm ${range(tti.warm)} over ${rounds} round(s)`);
console.log(`load average after: ${os.loadavg()[0].toFixed(1)}; page errors: ${errors.length ? errors.join('; ') : 'none'}`);
