/** Number formatting shared by the Markdown and HTML renderers. */

export function formatNumber(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value.toFixed(digits);
}

export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '—';
  return `${(100 * share).toFixed(digits)}%`;
}

/** p-values: plain down to 0.001, scientific below; 0 (double-precision underflow) as "< 1e-15". */
export function formatPValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  if (p === 0) return '< 1e-15';
  if (p >= 0.001) return p.toFixed(3);
  return p.toExponential(1);
}

/** "p = 0.078", or "p < 1e-15" for an underflowed 0. */
export function formatPEquals(p: number | null | undefined): string {
  const text = formatPValue(p);
  return text.startsWith('<') ? `p ${text}` : `p = ${text}`;
}

export function formatSeconds(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  return seconds < 10 ? `${seconds.toFixed(2)} s` : `${seconds.toFixed(1)} s`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** "#3" for clusters, "noise" for −1. */
export function clusterTag(label: number): string {
  return label < 0 ? 'noise' : `#${label}`;
}
