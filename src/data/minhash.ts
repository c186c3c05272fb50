/**
 * Character shingles and MinHash signatures for near-duplicate detection.
 *
 * Signatures use one-permutation hashing with optimal densification (Shrivastava,
 * ICML 2017): each shingle is hashed once and kept if it is the minimum of its bin,
 * and empty bins borrow from a bin chosen by a fixed, seeded probe sequence. That is
 * one hash per shingle instead of one per shingle *and* per permutation, and two
 * signatures still agree in a position with probability equal to the Jaccard
 * similarity of the shingle sets.
 */

/**
 * MurmurHash3's 32-bit finaliser: a cheap, well-mixing bijection on 32-bit words.
 * Returns a *signed* int32: V8 keeps those unboxed, and the signed order is as good
 * a random order as the unsigned one.
 */
export function mix32(value: number): number {
  let h = value | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Odd multiplier of the rolling polynomial hash (any odd constant works mod 2^32). */
const ROLL_BASE = 0x01000193;

/**
 * Seeded 32-bit hashes of the character k-grams of `text` (UTF-16 code units;
 * Chinese is one unit per character), in text order, repeats included. A text
 * shorter than k is one shingle. A rolling polynomial hash makes each shingle O(1).
 * With `scratch` large enough, the result is a view into it (valid until its next use).
 */
export function shingleHashes(text: string, k: number, seed = 0, scratch?: Int32Array): Int32Array {
  const salt = mix32(seed ^ 0x5bd1e995);
  const width = Math.min(k, text.length);
  const count = Math.max(1, text.length - k + 1);
  // A reused scratch buffer spares the garbage collector one array per document.
  const hashes = scratch && scratch.length >= count ? scratch.subarray(0, count) : new Int32Array(count);
  let power = 1; // ROLL_BASE^(width−1): weight of the character leaving the window
  for (let i = 1; i < width; i++) power = Math.imul(power, ROLL_BASE);
  let h = 0;
  for (let i = 0; i < width; i++) h = (Math.imul(h, ROLL_BASE) + text.charCodeAt(i)) | 0;
  hashes[0] = mix32(h ^ salt);
  for (let i = 1; i < count; i++) {
    h = (Math.imul(h - Math.imul(text.charCodeAt(i - 1), power), ROLL_BASE) + text.charCodeAt(i + width - 1)) | 0;
    hashes[i] = mix32(h ^ salt);
  }
  return hashes;
}

/** Sorted distinct copy of a hash list: the set form `jaccard` needs. */
export function distinctSorted(hashes: Int32Array): Int32Array {
  const sorted = hashes.slice().sort();
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[distinct++] = sorted[i];
  }
  return sorted.subarray(0, distinct);
}

/** Exact Jaccard similarity of two sorted, distinct hash sets. */
export function jaccard(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - shared;
  return union === 0 ? 1 : shared / union;
}

/**
 * `jaccard(a, b) >= threshold`, decided early where it can: the similarity is at most
 * min/max of the sizes, and during the merge at most what the shared count could still
 * reach. Both bounds are exact (division is monotone), so the answer is always that of
 * the full computation; most LSH candidates of template copies fail fast.
 */
export function jaccardReaches(a: Int32Array, b: Int32Array, threshold: number): boolean {
  const total = a.length + b.length;
  if (total === 0) return 1 >= threshold;
  if (Math.min(a.length, b.length) / Math.max(a.length, b.length) < threshold) return false;
  let i = 0;
  let j = 0;
  let shared = 0;
  let checkAt = 64;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
    if (i + j >= checkAt) {
      checkAt += 64;
      const most = shared + Math.min(a.length - i, b.length - j);
      if (most / (total - most) < threshold) return false;
    }
  }
  return shared / (total - shared) >= threshold;
}

/**
 * Words (32 bits each) of the shingle bitmap that `jaccardBound` reads. 32 words = 1,024
 * bits: with the ≈ 350 distinct 5-grams of a typical posting about a quarter of the bits
 * are set, so the bitmaps of two postings that share half their shingles still differ in
 * enough bits to rule the pair out at 0.8 (measured in docs/perf-log.md, session 7).
 */
export const BITMAP_WORDS = 32;

/** Bitmap of a set of (mixed) shingle hashes: bit `h mod 1024` of each, into `out` at `offset`. */
export function shingleBitmap(hashes: Int32Array, out: Int32Array, offset = 0): void {
  out.fill(0, offset, offset + BITMAP_WORDS);
  for (let i = 0; i < hashes.length; i++) {
    const bit = hashes[i] & (BITMAP_WORDS * 32 - 1);
    out[offset + (bit >>> 5)] |= 1 << (bit & 31);
  }
}

let distinctTable = new Int32Array(1024);

/**
 * Number of distinct values in a list of mixed 32-bit hashes (e.g. `shingleHashes`), by an
 * open-addressing table reused between calls: a linear pass where sorting a copy costs
 * several times more on every posting.
 */
export function distinctCount(hashes: Int32Array): number {
  let size = 1024;
  while (size < hashes.length * 2) size *= 2;
  if (distinctTable.length < size) distinctTable = new Int32Array(size);
  const table = distinctTable;
  const mask = size - 1;
  table.fill(0, 0, size);
  // 0 marks an empty slot, so the hash 0 is counted on its own.
  let zero = 0;
  let distinct = 0;
  for (let i = 0; i < hashes.length; i++) {
    const h = hashes[i];
    if (h === 0) {
      zero = 1;
      continue;
    }
    // The hashes are already mixed: their low bits index the table well.
    let slot = h & mask;
    while (table[slot] !== 0 && table[slot] !== h) slot = (slot + 1) & mask;
    if (table[slot] === 0) {
      table[slot] = h;
      distinct++;
    }
  }
  return distinct + zero;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * An upper bound of the Jaccard similarity of two shingle sets from their sizes (distinct
 * shingles) and bitmaps (`shingleBitmap`). A bit set in one bitmap and not in the other
 * needs a shingle of that set missing from the other, and distinct bits need distinct
 * shingles, so popcount(a XOR b) = Δ′ ≤ |A Δ B| = Δ. With S = |A| + |B|, the Jaccard
 * similarity is (S − Δ) / (S + Δ), decreasing in Δ, so (S − Δ′) / (S + Δ′) bounds it from
 * above — computed exactly as `jaccard` computes the similarity (halving both terms is
 * exact in floating point), so `bound < threshold` proves `jaccard < threshold`.
 */
export function jaccardBound(sizeA: number, a: Int32Array, offsetA: number, sizeB: number, b: Int32Array, offsetB: number): number {
  let differing = 0;
  for (let w = 0; w < BITMAP_WORDS; w++) differing += popcount(a[offsetA + w] ^ b[offsetB + w]);
  const total = sizeA + sizeB;
  return total === 0 ? 1 : (total - differing) / (total + differing);
}

/**
 * Fraction of positions where two signatures agree: an unbiased estimate of Jaccard.
 * `length`: compare only the first `length` entries (signatures stored with more behind them).
 */
export function estimatedJaccard(a: Int32Array, b: Int32Array, length = a.length): number {
  let equal = 0;
  for (let i = 0; i < length; i++) if (a[i] === b[i]) equal++;
  return equal / length;
}

/** Marks an empty bin; a real hash equal to it (p = 2^-32) just counts as empty. */
const EMPTY = 0x7fffffff;

/**
 * Fixed-length MinHash signatures of seeded shingle hashes (see shingleHashes;
 * its seed makes the permutation, this one the densification probes).
 */
export class MinHasher {
  private readonly probeSalt: number;

  constructor(
    readonly length: number,
    seed: number,
  ) {
    this.probeSalt = mix32(seed ^ 0x27d4eb2f);
  }

  /** Signature of a non-empty list of shingle hashes (repeats do not matter); written into `out` when given. */
  signature(shingles: Int32Array, out: Int32Array = new Int32Array(this.length)): Int32Array {
    const k = this.length;
    out.fill(EMPTY);
    for (let i = 0; i < shingles.length; i++) {
      const h = shingles[i];
      // The top 16 bits choose the bin (multiply-shift, exact in int32 for k ≤ 2^15),
      // the whole (already mixed) hash orders within it.
      const bin = ((h >>> 16) * k) >>> 16;
      if (h < out[bin]) out[bin] = h;
    }
    let empty = 0;
    for (let b = 0; b < k; b++) if (out[b] === EMPTY) empty++;
    if (empty === 0 || empty === k) return out;
    // Optimal densification: an empty bin copies the first non-empty bin of its own
    // probe sequence. The sequence depends only on (bin, attempt, seed), so two
    // documents with the same filled bins make the same choice.
    const filled = out.slice();
    for (let b = 0; b < k; b++) {
      if (filled[b] !== EMPTY) continue;
      for (let attempt = 1; ; attempt++) {
        const probe = (mix32(this.probeSalt ^ Math.imul(b + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) >>> 0) % k;
        if (filled[probe] !== EMPTY) {
          out[b] = filled[probe];
          break;
        }
      }
    }
    return out;
  }
}

/**
 * Bands × rows for LSH: the most rows per band (fewest spurious candidates) such
 * that a pair at the threshold still becomes a candidate with probability ≥ 0.99.
 */
export function chooseBands(signatureLength: number, threshold: number): { bands: number; rows: number } {
  for (let rows = signatureLength; rows >= 1; rows--) {
    const bands = Math.floor(signatureLength / rows);
    const recall = 1 - Math.pow(1 - Math.pow(threshold, rows), bands);
    if (recall >= 0.99) return { bands, rows };
  }
  return { bands: signatureLength, rows: 1 };
}
