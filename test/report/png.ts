/**
 * Screenshot checks: PNG decoding is pngjs's (a maintained decoder that covers
 * every colour type, bit depth and interlacing); the helpers count what the
 * report tests look for.
 */
import { PNG } from 'pngjs';

export interface DecodedPng {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel. */
  rgba: Uint8Array;
}

export function decodePng(file: Uint8Array): DecodedPng {
  const png = PNG.sync.read(Buffer.from(file.buffer, file.byteOffset, file.byteLength));
  return { width: png.width, height: png.height, rgba: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

/** Distinct RGB colours in the image. */
export function distinctColours(png: DecodedPng): number {
  const seen = new Set<number>();
  for (let p = 0; p < png.rgba.length; p += 4) seen.add((png.rgba[p] << 16) | (png.rgba[p + 1] << 8) | png.rgba[p + 2]);
  return seen.size;
}

/** Pixels whose RGB is within `tolerance` (per channel) of `hex`. */
export function countNear(png: DecodedPng, hex: string, tolerance = 24): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let p = 0; p < png.rgba.length; p += 4) {
    if (Math.abs(png.rgba[p] - r) <= tolerance && Math.abs(png.rgba[p + 1] - g) <= tolerance && Math.abs(png.rgba[p + 2] - b) <= tolerance)
      n++;
  }
  return n;
}

/** Pixels that differ from the most common colour (the background), and the grey-level variance. */
export function inkStatistics(png: DecodedPng): { ink: number; variance: number } {
  const counts = new Map<number, number>();
  let sum = 0,
    sumSquares = 0;
  for (let p = 0; p < png.rgba.length; p += 4) {
    const key = (png.rgba[p] << 16) | (png.rgba[p + 1] << 8) | png.rgba[p + 2];
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const grey = (png.rgba[p] + png.rgba[p + 1] + png.rgba[p + 2]) / 3;
    sum += grey;
    sumSquares += grey * grey;
  }
  const pixels = png.width * png.height;
  const mean = sum / pixels;
  return { ink: pixels - Math.max(...counts.values()), variance: sumSquares / pixels - mean * mean };
}

/** Grey levels of the columns [x0, x1) over the image's height, for comparing glyph cells. */
export function greyStrip(png: DecodedPng, x0: number, x1: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < png.height; y++) {
    for (let x = Math.round(x0); x < Math.round(x1); x++) {
      const p = (y * png.width + x) * 4;
      out.push((png.rgba[p] + png.rgba[p + 1] + png.rgba[p + 2]) / 3);
    }
  }
  return out;
}
