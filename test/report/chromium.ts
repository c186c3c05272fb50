/**
 * Debian's Chromium for the browser tests, driven by playwright-core: where it is,
 * and a headless persistent context with the flags this machine needs (without
 * the background-networking flags Chromium's connections are refused by the
 * closed network, many at a time).
 */
import { existsSync } from 'node:fs';
import { chromium as playwright, type BrowserContext } from 'playwright-core';

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
