/**
 * Renders the HTML report in headless Chromium and checks what a reader would
 * see: the DOM after parsing (heat-map cells, cluster names, flags) and the
 * screenshot (a real PNG with the heat map's colours in it). Skips, with a
 * note, when no Chromium is installed (Debian: `apt-get install chromium`;
 * or set JD_CLUSTER_CHROMIUM to a browser binary).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReport, divergingColour, escapeHtml, renderHtml, type PipelineReport } from '../../src/report/index.js';
import { countNear, decodePng, distinctColours } from './png.js';
import { sampleReportInput } from './sample-input.js';

const candidates = [process.env.JD_CLUSTER_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
const chromium = candidates.find((path): path is string => !!path && existsSync(path));
if (!chromium) {
  console.warn('NOTE: test/report/render.test.ts skipped — no Chromium found (apt-get install chromium, or set JD_CLUSTER_CHROMIUM).');
}

const WIDTH = 1280,
  HEIGHT = 1400;

function runChromium(dir: string, args: string[]): string {
  const result = spawnSync(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--hide-scrollbars',
      `--user-data-dir=${join(dir, `profile-${args[0].slice(2, 8)}`)}`,
      ...args,
    ],
    { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`chromium exited with ${result.status}: ${result.stderr.slice(-2000)}`);
  return result.stdout;
}

describe.skipIf(!chromium)('HTML report in headless Chromium', () => {
  let dir: string;
  let report: PipelineReport;
  let dom: string;
  let screenshot: Uint8Array;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jd-cluster-render-'));
    report = buildReport(sampleReportInput());
    const page = join(dir, 'report.html');
    writeFileSync(page, renderHtml(report));
    const url = pathToFileURL(page).href;
    dom = runChromium(dir, ['--dump-dom', url]);
    const png = join(dir, 'report.png');
    runChromium(dir, [`--screenshot=${png}`, `--window-size=${WIDTH},${HEIGHT}`, url]);
    screenshot = readFileSync(png);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('builds one heat-map cell per platform × cluster column, for every clustering', () => {
    const cells = dom.match(/<g class="heat-cell[^"]*"/g) ?? [];
    const expected = report.clusterings.reduce((s, c) => s + c.facets[0].values.length * c.facets[0].clusters.length, 0);
    expect(cells.length).toBe(expected);
    expect(dom.match(/<section class="clustering"/g)).toHaveLength(report.clusterings.length);
    // Flagged cells carry the class and the planted platform shows in the flags table.
    const first = report.clusterings[0].facets[0];
    expect((dom.match(/<g class="heat-cell flagged"/g) ?? []).length).toBeGreaterThanOrEqual(first.flags.length);
    expect(dom).toMatch(/<table class="bias-flags">[\s\S]*LIEPIN[\s\S]*<\/table>/);
  });

  it('shows every cluster name and escapes the title', () => {
    for (const c of report.clusterings) {
      for (const k of c.clusters)
        expect(dom).toContain(
          `<span class="cluster-name">${escapeHtml(k.name)
            .replace(/&#39;/g, "'")
            .replace(/&quot;/g, '"')}</span>`,
        );
    }
    expect(dom).toContain('<h1>Synthetic corpus &lt;seed 3&gt; &amp; "bias" check</h1>');
    expect(dom).not.toContain('<seed 3>');
  });

  it('paints a non-blank page with the heat map colours', () => {
    const png = decodePng(screenshot);
    expect(png.width).toBe(WIDTH);
    expect(png.height).toBe(HEIGHT);
    expect(distinctColours(png)).toBeGreaterThan(50);
    // Background (#f6f7f9) and white panels must not be everything.
    const plain = countNear(png, '#f6f7f9', 2) + countNear(png, '#ffffff', 2);
    expect(plain / (png.width * png.height)).toBeLessThan(0.97);
    // The planted bias cell (first flag, over-represented) is painted in its red.
    const flag = report.clusterings[0].facets[0].flags[0];
    expect(flag.direction).toBe('over');
    const f = report.clusterings[0].facets[0];
    const C = f.clusters.length;
    const clustered = (r: number) => f.clusters.reduce((s, label, c) => s + (label >= 0 ? f.counts[r * C + c] : 0), 0);
    const column = (c: number) => f.values.reduce((s, _v, r) => s + f.counts[r * C + c], 0);
    const total = f.values.reduce((s, _v, r) => s + clustered(r), 0);
    const r = f.values.indexOf(flag.value),
      c = f.clusters.indexOf(flag.cluster);
    const expected = (clustered(r) * column(c)) / total;
    const residual = (f.counts[r * C + c] - expected) / Math.sqrt(expected);
    expect(countNear(png, divergingColour(Math.min(1, residual / 5)), 10)).toBeGreaterThan(300);
    // The legend's blue end and the grey noise hatch are painted too.
    expect(countNear(png, '#2166ac', 20)).toBeGreaterThan(20);
    expect(countNear(png, '#d4d4d4', 6)).toBeGreaterThan(200);
  });
});
