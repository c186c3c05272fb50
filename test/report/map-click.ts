/**
 * Finding a map point that only a click handler with exact coordinates selects
 * correctly. Chromium gives mouse events (mousedown, mouseup, click) whole-CSS-pixel
 * coordinates (truncated: a click at 100.37 reads 100) while pointer events keep
 * the fraction. On a dense map the nearest point to the truncated position can
 * belong to another cluster; these points make a click test fail on a handler
 * that reads mouse-event coordinates, and pass on one that reads pointer events.
 */
import type { Page } from 'playwright-core';

declare const window: {
  jdReport: { pointOnScreen(i: number): { x: number; y: number } | null; pointAt(x: number, y: number): number };
  innerWidth: number;
  innerHeight: number;
};
declare const document: {
  querySelector(selector: string): { getBoundingClientRect(): { left: number; top: number; right: number; bottom: number } };
};

export interface ExactClickTarget {
  /** The map point (index into report.map.ids) whose screen position is clicked. */
  readonly point: number;
  /** Viewport coordinates of that point, fractional. */
  readonly x: number;
  readonly y: number;
  /** Cluster label of the point a click at (x, y) selects. */
  readonly label: number;
  /** True when whole-pixel coordinates would select a point outside `label` (or none) there. */
  readonly needsExact: boolean;
}

/**
 * The first clustered map point (from `from`, every `step`-th) inside the visible canvas whose exact position
 * selects a point of cluster L while the same position rounded or truncated to whole pixels selects a point
 * outside L (or none), with `needsExact` true. On a map too sparse to have one, the first point whose exact
 * position selects a clustered point, with `needsExact` false; null when there is none. `labels` is the page's
 * first clustering per map point.
 */
export async function pointNeedingExactCoordinates(
  page: Page,
  labels: ArrayLike<number>,
  options: { from?: number; step?: number } = {},
): Promise<ExactClickTarget | null> {
  return page.evaluate(
    ({ labels, from, step }) => {
      const api = window.jdReport;
      const canvas = document.querySelector('#document-map canvas').getBoundingClientRect();
      // 10 px inside the canvas and the viewport: the click must land on the canvas.
      const left = Math.max(canvas.left, 0) + 10,
        right = Math.min(canvas.right, window.innerWidth) - 10;
      const top = Math.max(canvas.top, 0) + 10,
        bottom = Math.min(canvas.bottom, window.innerHeight) - 10;
      // No named helper functions in here: tsx (esbuild keepNames) would wrap them in a `__name` the page lacks.
      let fallback = null;
      for (let point = from; point < labels.length; point += step) {
        const at = api.pointOnScreen(point);
        if (!at || at.x < left || at.x > right || at.y < top || at.y > bottom) continue;
        const hit = api.pointAt(at.x, at.y);
        const label = hit < 0 ? -1 : labels[hit];
        if (label < 0) continue;
        fallback ??= { point, x: at.x, y: at.y, label, needsExact: false };
        // Truncated (what Chromium's mouse events report) and rounded positions.
        const floored = api.pointAt(Math.floor(at.x), Math.floor(at.y));
        const rounded = api.pointAt(Math.round(at.x), Math.round(at.y));
        if ((floored >= 0 && labels[floored] === label) || (rounded >= 0 && labels[rounded] === label)) continue;
        return { point, x: at.x, y: at.y, label, needsExact: true };
      }
      return fallback;
    },
    { labels: Array.from(labels), from: options.from ?? 0, step: options.step ?? 1 },
  );
}
