/**
 * Debian's Chromium for the browser tests, driven by playwright-core: where it is,
 * and a headless persistent context with the flags this machine needs (without
 * the background-networking flags Chromium's connections are refused by the
 * closed network, many at a time).
 */
import { existsSync } from 'node:fs';
import { chromium as playwright, type BrowserContext, type Page } from 'playwright-core';

const CANDIDATES = [process.env.JD_CLUSTER_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable, or undefined with a visible note naming the skipped test file. */
export function findChromium(testFile: string): string | undefined {
  const found = CANDIDATES.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    console.warn(`NOTE: ${testFile} skipped — no Chromium found (apt-get install chromium fonts-noto-cjk, or set JD_CLUSTER_CHROMIUM).`);
  }
  return found;
}

/** A fresh headless context with its profile in `profileDir`, 1280 × 900. */
export function launchChromium(executablePath: string, profileDir: string): Promise<BrowserContext> {
  return playwright.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Where a page's start-up time went, from the page's own clock (ms after navigation start). */
export interface StartupFigures {
  /** The page's `jdReport.readyAt`: the first frame after the map, tables and hierarchy were rendered. */
  readonly readyAt: number;
  /** The HTML file was read (navigation timing `responseEnd`). */
  readonly responseEnd: number;
  /** The page's `jd:*` performance marks (`jd:start` … `jd:map-drawn`), by name. */
  readonly marks: Readonly<Record<string, number>>;
}

/** Reads a loaded report page's timing: `readyAt`, the navigation's `responseEnd` and the `jd:*` marks. */
export function startupFigures(page: Page): Promise<StartupFigures> {
  return page.evaluate(() => {
    const clock = (globalThis as unknown as { performance: PerformanceClock }).performance;
    const navigation = clock.getEntriesByType('navigation')[0];
    const marks: Record<string, number> = {};
    for (const mark of clock.getEntriesByType('mark')) if (mark.name.startsWith('jd:')) marks[mark.name] = mark.startTime;
    const api = (globalThis as unknown as { jdReport: { readyAt: number } }).jdReport;
    return { readyAt: api.readyAt, responseEnd: navigation?.responseEnd ?? Number.NaN, marks };
  });
}

/** The slice of the browser's `performance` that startupFigures reads (the library's types carry no DOM). */
interface PerformanceClock {
  getEntriesByType(type: string): Array<{ name: string; startTime: number; responseEnd?: number }>;
}
