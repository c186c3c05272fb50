/**
 * The facet × cluster heat map as inline SVG: one cell per (facet value,
 * cluster), coloured by Pearson residual against independence (default) or by
 * log₂(observed/expected), with the count written in the cell, flagged cells
 * outlined in black, the noise column grey (reported, never tested), and a
 * colour legend.
 */
import { escapeHtml } from './escape.js';
import { clusterTag, formatNumber, formatPValue } from './format.js';
import type { FacetBias } from './types.js';

export type HeatmapColour = 'residual' | 'shareRatio';

export interface HeatmapOptions {
  colour?: HeatmapColour;
  /** Cluster names for tooltips, by label. */
  names?: ReadonlyMap<number, string>;
  /** Prefix of the SVG's internal ids, unique per heat map on a page (default "hm"). */
  idPrefix?: string;
}

// ColorBrewer RdBu (7 classes), blue = under-represented, red = over-represented.
const STOPS = ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'];
const NOISE_FILL = '#d4d4d4';
const UNTESTED_FILL = '#ededed';

/** Colour for t in [−1, 1] on the diverging scale. */
export function divergingColour(t: number): string {
  const x = ((Math.max(-1, Math.min(1, t)) + 1) / 2) * (STOPS.length - 1);
  const i = Math.min(Math.floor(x), STOPS.length - 2);
  const f = x - i;
  const a = hex(STOPS[i]),
    b = hex(STOPS[i + 1]);
  return (
    '#' +
    [0, 1, 2]
      .map((k) =>
        Math.round(a[k] + (b[k] - a[k]) * f)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('')
  );
}

function hex(colour: string): number[] {
  return [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16));
}

/**
 * A cell of the heat map: the count, and its expected count under independence
 * computed from the facet's clustered counts (noise columns are shown, never
 * tested).
 */
interface HeatCell {
  readonly value: string;
  readonly cluster: number;
  readonly count: number;
  readonly expected: number;
  readonly ratio: number | null;
  /** Pearson residual (O − E) / √E. */
  readonly residual: number | null;
}

function heatCells(bias: FacetBias): HeatCell[] {
  const R = bias.values.length,
    C = bias.clusters.length;
  const rowTotals = new Float64Array(R),
    colTotals = new Float64Array(C);
  let total = 0;
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      if (bias.clusters[c] < 0) continue;
      const v = bias.counts[r * C + c];
      rowTotals[r] += v;
      colTotals[c] += v;
      total += v;
    }
  }
  const cells: HeatCell[] = [];
  for (let r = 0; r < R; r++) {
    for (let c = 0; c < C; c++) {
      const count = bias.counts[r * C + c];
      const expected = total > 0 && bias.clusters[c] >= 0 ? (rowTotals[r] * colTotals[c]) / total : 0;
      cells.push({
        value: bias.values[r],
        cluster: bias.clusters[c],
        count,
        expected,
        ratio: expected > 0 ? count / expected : null,
        residual: expected > 0 ? (count - expected) / Math.sqrt(expected) : null,
      });
    }
  }
  return cells;
}

/** Value in [−1, 1] that a cell is coloured by, or null for a neutral cell. */
function scaled(cell: HeatCell, colour: HeatmapColour): number | null {
  if (colour === 'residual') return cell.residual === null ? null : cell.residual / RESIDUAL_RANGE;
  if (cell.ratio === null) return null;
  return cell.ratio === 0 ? -1 : Math.log2(cell.ratio) / RATIO_RANGE;
}

const RESIDUAL_RANGE = 5; // |z| ≥ 5 gets the darkest colour
const RATIO_RANGE = 2; // 4× over / under gets the darkest colour

function textColour(fill: string): string {
  const [r, g, b] = hex(fill);
  return 0.299 * r + 0.587 * g + 0.114 * b < 140 ? '#ffffff' : '#1a1a1a';
}

/** The facet value × cluster heat map of one facet bias analysis, as inline SVG. */
export function renderHeatmap(bias: FacetBias, options: HeatmapOptions = {}): string {
  const colour = options.colour ?? 'residual';
  const id = (options.idPrefix ?? 'hm').replace(/[^A-Za-z0-9_-]/g, '_');
  const R = bias.values.length,
    C = bias.clusters.length;
  const flagged = new Map(bias.flags.map((f) => [`${f.value}\u0000${f.cluster}`, f]));
  const cellW = Math.max(34, Math.min(64, Math.floor(760 / Math.max(C, 1))));
  const cellH = 28;
  const left = 12 + Math.min(160, 8 * Math.max(4, ...bias.values.map((p) => [...p].length)));
  const top = 56;
  const gridW = cellW * C,
    gridH = cellH * R;
  const legendTop = top + gridH + 28;
  // Wide enough for the legend's one-line explanation even when there are few clusters.
  const width = left + Math.max(gridW, 660) + 16;
  const height = legendTop + 56;
  const parts: string[] = [];
  parts.push(
    `<svg class="heatmap" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeHtml(bias.facet)} by cluster heat map">`,
  );
  parts.push(
    `<defs><pattern id="${id}-noise-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="6" height="6" fill="${NOISE_FILL}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#bdbdbd" stroke-width="2"/></pattern></defs>`,
  );
  bias.clusters.forEach((label, c) => {
    const x = left + c * cellW + cellW / 2;
    const name = options.names?.get(label);
    parts.push(
      `<text class="col-label" x="${x}" y="${top - 8}" text-anchor="start" transform="rotate(-40 ${x} ${top - 8})">${escapeHtml(clusterTag(label))}` +
        `${name ? `<title>${escapeHtml(name)}</title>` : ''}</text>`,
    );
  });
  bias.values.forEach((value, r) => {
    parts.push(
      `<text class="row-label" x="${left - 8}" y="${top + r * cellH + cellH / 2 + 4}" text-anchor="end">${escapeHtml(value)}</text>`,
    );
  });
  heatCells(bias).forEach((cell, i) => {
    const r = Math.floor(i / C),
      c = i % C;
    const x = left + c * cellW,
      y = top + r * cellH;
    const noise = cell.cluster < 0;
    const v = noise ? null : scaled(cell, colour);
    const fill = noise ? `url(#${id}-noise-hatch)` : v === null ? UNTESTED_FILL : divergingColour(v);
    const ink = noise || v === null ? '#1a1a1a' : textColour(fill);
    const flag = flagged.get(`${cell.value}\u0000${cell.cluster}`);
    const stroke = flag ? ' stroke="#000" stroke-width="3"' : ' stroke="#fff" stroke-width="1"';
    const name = options.names?.get(cell.cluster);
    const tip =
      `${cell.value} × ${clusterTag(cell.cluster)}${name ? ' ' + name : ''}: ${cell.count} postings; ` +
      `expected ${formatNumber(cell.expected, 1)}, ratio ${formatNumber(cell.ratio, 2)}` +
      `${flag ? ` — FLAGGED (${flag.direction}, adjusted p ${formatPValue(flag.pAdjusted)})` : ''}`;
    parts.push(
      `<g class="heat-cell${flag ? ' flagged' : ''}${noise ? ' noise' : ''}" data-value="${escapeHtml(cell.value)}" data-cluster="${cell.cluster}" ` +
        `data-count="${cell.count}" data-residual="${cell.residual === null ? '' : cell.residual.toFixed(3)}">` +
        `<rect x="${x + 1}" y="${y + 1}" width="${cellW - 2}" height="${cellH - 2}" fill="${fill}"${stroke}/>` +
        `<text x="${x + cellW / 2}" y="${y + cellH / 2 + 4}" text-anchor="middle" fill="${ink}">${cell.count}</text>` +
        `<title>${escapeHtml(tip)}</title></g>`,
    );
  });
  parts.push(legend(colour, left, legendTop, Math.min(300, Math.max(200, gridW)), id));
  parts.push('</svg>');
  return parts.join('');
}

function legend(colour: HeatmapColour, x: number, y: number, w: number, id: string): string {
  const stops = Array.from({ length: 21 }, (_, k) => {
    const t = -1 + k / 10;
    return `<stop offset="${(k * 5).toFixed(0)}%" stop-color="${divergingColour(t)}"/>`;
  }).join('');
  const ticks =
    colour === 'residual'
      ? [
          [-1, `≤ −${RESIDUAL_RANGE}`],
          [-0.5, `−${RESIDUAL_RANGE / 2}`],
          [0, '0'],
          [0.5, `+${RESIDUAL_RANGE / 2}`],
          [1, `≥ +${RESIDUAL_RANGE}`],
        ]
      : [
          [-1, `≤ ¼×`],
          [-0.5, '½×'],
          [0, '1×'],
          [0.5, '2×'],
          [1, '≥ 4×'],
        ];
  const title = colour === 'residual' ? 'Pearson residual' : 'observed / expected';
  return (
    `<g class="legend"><defs><linearGradient id="${id}-legend-gradient" x1="0" x2="1" y1="0" y2="0">${stops}</linearGradient></defs>` +
    `<text x="${x}" y="${y - 6}" class="legend-title">${escapeHtml(title)}: under ← → over; black outline = flagged, grey hatch = noise (not tested)</text>` +
    `<rect x="${x}" y="${y}" width="${w}" height="12" fill="url(#${id}-legend-gradient)" stroke="#999" stroke-width="0.5"/>` +
    ticks
      .map(([t, label]) => {
        const tx = x + ((Number(t) + 1) / 2) * w;
        return `<line x1="${tx}" x2="${tx}" y1="${y + 12}" y2="${y + 16}" stroke="#555"/><text x="${tx}" y="${y + 28}" text-anchor="middle" class="tick">${escapeHtml(label)}</text>`;
      })
      .join('') +
    '</g>'
  );
}
