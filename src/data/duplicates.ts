/**
 * Exact and near-duplicate postings. Template copies (the same JD under several
 * ids, sometimes on several platforms) would otherwise weigh as many documents in
 * clustering and in the platform-bias test.
 *
 * 1. Every posting's text is normalised (cleanText, lower case, letters and digits
 *    only); identical normalised texts are exact duplicates.
 * 2. One representative per exact group is shingled into character k-grams and
 *    MinHashed; LSH banding proposes candidate pairs, which are kept when their
 *    Jaccard similarity (exact by default) reaches the threshold.
 * 3. Union-find joins both kinds of pairs into groups (single linkage).
 */
import { ParameterError, check } from '../core/index.js';
import { createCleaner } from './clean.js';
import type { JobPosting } from './job-posting.js';
import {
  BITMAP_WORDS,
  MinHasher,
  chooseBands,
  distinctCount,
  distinctSorted,
  estimatedJaccard,
  jaccardBound,
  jaccardReaches,
  mix32,
  shingleBitmap,
  shingleHashes,
} from './minhash.js';
import { UnionFind } from './union-find.js';

export interface FindDuplicatesOptions {
  /** Jaccard similarity of shingle sets from which two postings are near-duplicates. Default 0.8. */
  readonly threshold?: number;
  /** Characters per shingle. Default 5. */
  readonly shingleSize?: number;
  /** MinHash signature length. Default 128. */
  readonly numHashes?: number;
  /** LSH bands; rows per band = floor(numHashes / bands). Default: chosen for ≥ 99 % recall at the threshold. */
  readonly bands?: number;
  /** Verify candidate pairs by 'exact' Jaccard of the shingle sets (default) or the MinHash 'estimate'. */
  readonly verify?: 'exact' | 'estimate';
  /** false: exact duplicates only. Default true. */
  readonly near?: boolean;
  /** Postings whose normalised text is shorter are not compared (listed in `unchecked`). Default 30. */
  readonly minLength?: number;
  /** Text compared; default title + description. Gets the index too, to reuse texts computed elsewhere. */
  readonly text?: (job: JobPosting, index: number) => string;
  /**
   * Run cleanText on the text before comparing (default true). Pass false when
   * `text` already returns cleaned text, to save the second cleaning pass.
   */
  readonly clean?: boolean;
  /** Seed of the MinHash hash functions. Default 0. */
  readonly seed?: number;
}

export interface DuplicatePostingGroup {
  /** Indices into the input, ascending; the first one is what `dedupeJobs` keeps. */
  readonly members: readonly number[];
  readonly ids: readonly string[];
  /** Distinct platforms of the members, sorted. */
  readonly platforms: readonly string[];
  /** The same posting on several platforms (a cross-post). */
  readonly crossPlatform: boolean;
  /** All members have the same normalised text. */
  readonly exact: boolean;
}

export interface DuplicateReport {
  /** Groups of two or more postings, ordered by their first member. */
  readonly groups: readonly DuplicatePostingGroup[];
  /** Group index of each posting, −1 when it has no duplicate. */
  readonly groupOf: Int32Array;
  /** Postings that `dedupeJobs` would remove: Σ (group size − 1). */
  readonly duplicateCount: number;
  readonly exactGroups: number;
  readonly nearGroups: number;
  readonly crossPlatformGroups: number;
  /** Indices of postings too short to compare (normalised text < minLength). */
  readonly unchecked: readonly number[];
  readonly stats: {
    readonly compared: number;
    readonly bands: number;
    readonly rows: number;
    /** Candidate pairs from LSH that were verified. */
    readonly candidatePairs: number;
    /** Verified pairs at or above the threshold that joined two groups. */
    readonly nearPairs: number;
  };
}

const normalizeCleaner = createCleaner();
// Whitespace, ASCII and CJK punctuation, symbols; a plain character class is several
// times faster than /[^\p{L}\p{N}]/u here and NFKC has already folded full-width forms.
const NOT_LETTER_OR_DIGIT =
  /[\s!-/:-@[-`{-~\u00a0-\u00bf\u00d7\u00f7\u2000-\u2bff\u3000-\u303f\ufe10-\ufe6f\uff00-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]+/g;

/**
 * The text two postings are compared on: cleaned (unless `clean` is false),
 * lower-cased, letters and digits only.
 */
export function duplicateKey(text: string, clean = true): string {
  return (clean ? normalizeCleaner(text) : text).toLowerCase().replace(NOT_LETTER_OR_DIGIT, '');
}

/**
 * The normalised keys of the postings, as the grouping reads them: a 53-bit hash and
 * the length of each, and the key itself on demand. The worker-thread path keeps no
 * key strings (a million keys of ~1,000 characters are gigabytes): it rebuilds a key
 * from the posting's text when a hash matches or a shingle set is needed.
 */
export interface KeySource {
  readonly length: number;
  /** Hash of key i (equal keys, equal hashes; equal hashes are checked on the keys). */
  hash(i: number): number;
  /** Length of key i. */
  keyLength(i: number): number;
  key(i: number): string;
}

/** Two 32-bit multiplicative hashes of the key folded into 53 bits: collisions are checked, not assumed away. */
export function keyHash(key: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return (mix32(a) >>> 0) * 2 ** 21 + (mix32(b) >>> 11);
}

/** A KeySource over keys held in memory (the single-thread path). */
export function keysInMemory(keys: readonly string[]): KeySource {
  const hashes = Float64Array.from(keys, keyHash);
  return { length: keys.length, hash: (i) => hashes[i], keyLength: (i) => keys[i].length, key: (i) => keys[i] };
}

function defaultText(job: JobPosting): string {
  return job.title + '\n' + job.description;
}

/** Options with defaults applied (shared with ./duplicate-signatures.ts). */
export interface Resolved {
  threshold: number;
  shingleSize: number;
  numHashes: number;
  bands: number;
  rows: number;
  verify: 'exact' | 'estimate';
  near: boolean;
  minLength: number;
  text: (job: JobPosting, index: number) => string;
  clean: boolean;
  seed: number;
}

export function resolve(options: FindDuplicatesOptions): Resolved {
  if (options === null || typeof options !== 'object') throw new ParameterError('options', options, 'an options object');
  const threshold = check.number('threshold', options.threshold ?? 0.8, 0, 1, { minExclusive: true });
  const numHashes = check.integer('numHashes', options.numHashes ?? 128, 1, 4096); // bins are chosen from 16 hash bits;
  let bands: number;
  let rows: number;
  if (options.bands === undefined) ({ bands, rows } = chooseBands(numHashes, threshold));
  else {
    bands = check.integer('bands', options.bands, 1, numHashes);
    rows = Math.floor(numHashes / bands);
  }
  if (options.text !== undefined && typeof options.text !== 'function') {
    throw new ParameterError('text', options.text, 'a function (job, index) => string');
  }
  return {
    threshold,
    shingleSize: check.integer('shingleSize', options.shingleSize ?? 5, 1, 64),
    numHashes,
    bands,
    rows,
    verify: check.oneOf('verify', options.verify ?? 'exact', ['exact', 'estimate'] as const),
    near: check.boolean('near', options.near ?? true),
    minLength: check.integer('minLength', options.minLength ?? 30, 0),
    text: options.text ?? defaultText,
    clean: check.boolean('clean', options.clean ?? true),
    seed: check.integer('seed', options.seed ?? 0, 0, 0xffffffff),
  };
}

/** The options a sketch depends on. */
export type SketchOptions = Pick<Resolved, 'numHashes' | 'seed' | 'shingleSize' | 'bands' | 'rows' | 'verify'>;

/**
 * Int32 entries of one posting's sketch: what near-duplicate detection keeps of it, as a
 * row of a packed array: the LSH band hashes (`bands`), the number of distinct shingles,
 * their bitmap (`BITMAP_WORDS`, for `jaccardBound`) and, for `verify: 'estimate'` only,
 * the MinHash signature. The signature itself (128 int32) is not kept otherwise: the
 * bands are all the LSH step reads of it, which cuts the sketch from 644 to 216 bytes.
 */
export function sketchWidth(options: Pick<SketchOptions, 'bands' | 'numHashes' | 'verify'>): number {
  return options.bands + 1 + BITMAP_WORDS + (options.verify === 'estimate' ? options.numHashes : 0);
}

/** Writes the sketch of `key` (see `sketchWidth`) into `out` from `offset`. */
export function writeSketch(
  key: string,
  hasher: MinHasher,
  options: SketchOptions,
  out: Int32Array,
  offset: number,
  scratch: { shingles: Int32Array; signature: Int32Array },
): void {
  const { bands, rows } = options;
  if (key.length > scratch.shingles.length) scratch.shingles = new Int32Array(key.length * 2);
  const shingles = shingleHashes(key, options.shingleSize, options.seed, scratch.shingles);
  const signature = hasher.signature(shingles, scratch.signature);
  for (let band = 0; band < bands; band++) {
    let h = mix32(band + 1);
    for (let row = band * rows, end = row + rows; row < end; row++) h = mix32(h ^ signature[row]) ^ 0x9e3779b9;
    out[offset + band] = h;
  }
  out[offset + bands] = distinctCount(shingles);
  shingleBitmap(shingles, out, offset + bands + 1);
  if (options.verify === 'estimate') out.set(signature, offset + bands + 1 + BITMAP_WORDS);
}

/** A scratch for `writeSketch`: reused buffers for the shingles and the signature. */
export function sketchScratch(numHashes: number): { shingles: Int32Array; signature: Int32Array } {
  return { shingles: new Int32Array(4096), signature: new Int32Array(numHashes) };
}

/** The sketches of `keys`, packed in order (`sketchWidth` entries each): the per-posting half of near-duplicate detection. */
export function sketchesOf(keys: readonly string[], options: SketchOptions): Int32Array {
  const hasher = new MinHasher(options.numHashes, options.seed);
  const width = sketchWidth(options);
  const sketches = new Int32Array(keys.length * width);
  const scratch = sketchScratch(options.numHashes);
  for (let r = 0; r < keys.length; r++) writeSketch(keys[r], hasher, options, sketches, r * width, scratch);
  return sketches;
}

/** Candidate pairs from LSH buckets (row r of `sketches` belongs to representatives[r]), verified and joined in `sets`. */
export function joinNearDuplicates(
  keys: KeySource,
  representatives: readonly number[],
  sketches: Int32Array,
  sets: UnionFind,
  options: Resolved,
): { candidatePairs: number; nearPairs: number } {
  // Shingle sets for exact verification are rebuilt only for documents in a candidate
  // pair that the bitmap bound does not rule out: a small fraction of the corpus.
  const shingleSets: (Int32Array | undefined)[] = new Array(representatives.length);
  const shingleSet = (r: number): Int32Array =>
    (shingleSets[r] ??= distinctSorted(shingleHashes(keys.key(representatives[r]), options.shingleSize, options.seed)));
  const { bands, threshold, numHashes } = options;
  const width = sketchWidth(options);
  const sizeAt = bands;
  const bitmapAt = bands + 1;
  const signatureAt = bitmapAt + BITMAP_WORDS;
  const n = representatives.length;
  // Buckets by sorting: each band's (key, document) pairs are packed into one double,
  // key in the high bits, so that one numeric sort lines up equal keys. Hundreds of
  // thousands of small Map buckets cost several times more (allocation and GC).
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const keyBits = Math.min(32, 52 - indexBits);
  const indexScale = 2 ** indexBits;
  const packed = new Float64Array(n);
  // Each document's bucket key in every band so far (document-major). A pair that shared a
  // bucket in an earlier band was verified there (or was already in one group, and still is):
  // comparing keys replaces a set of the pairs tried, which grows with the square of the
  // template copies (tens of millions at a million postings) while this stays n × bands.
  const bandKeys = new Int32Array(n * bands);
  let candidatePairs = 0;
  let nearPairs = 0;
  const consider = (a: number, b: number, band: number) => {
    if (sets.find(representatives[a]) === sets.find(representatives[b])) return;
    for (let e = 0, ka = a * bands, kb = b * bands; e < band; e++) if (bandKeys[ka + e] === bandKeys[kb + e]) return;
    candidatePairs++;
    const oa = a * width;
    const ob = b * width;
    let similar: boolean;
    if (options.verify === 'exact') {
      // Most candidates are template copies that share half their shingles or less; the
      // bitmap bound rules those out exactly, without building their shingle sets.
      similar =
        jaccardBound(sketches[oa + sizeAt], sketches, oa + bitmapAt, sketches[ob + sizeAt], sketches, ob + bitmapAt) >= threshold &&
        jaccardReaches(shingleSet(a), shingleSet(b), threshold);
    } else {
      similar =
        estimatedJaccard(
          sketches.subarray(oa + signatureAt, oa + signatureAt + numHashes),
          sketches.subarray(ob + signatureAt, ob + signatureAt + numHashes),
        ) >= threshold;
    }
    if (similar && sets.union(representatives[a], representatives[b])) nearPairs++;
  };
  for (let band = 0; band < bands; band++) {
    for (let r = 0; r < n; r++) {
      // A key collision only adds a candidate, which verification rejects.
      const key = sketches[r * width + band] >>> (32 - keyBits);
      bandKeys[r * bands + band] = key;
      packed[r] = key * indexScale + r;
    }
    packed.sort();
    let start = 0;
    for (let i = 1; i <= n; i++) {
      if (i < n && Math.floor(packed[i] / indexScale) === Math.floor(packed[start] / indexScale)) continue;
      for (let x = start + 1; x < i; x++) {
        for (let y = start; y < x; y++) consider(packed[y] % indexScale, packed[x] % indexScale, band);
      }
      start = i;
    }
  }
  return { candidatePairs, nearPairs };
}

/**
 * Groups of duplicate postings, exact and near (MinHash + LSH over character
 * shingles), with the platforms of each group. Deterministic for a seed.
 */
export function findDuplicates(jobs: readonly JobPosting[], options: FindDuplicatesOptions = {}): DuplicateReport {
  if (!Array.isArray(jobs)) throw new ParameterError('jobs', jobs, 'an array of JobPosting');
  const resolved = resolve(options);
  const strings = textsOf(jobs, resolved).map((text) => duplicateKey(text, resolved.clean));
  const keys = keysInMemory(strings);
  const exact = groupExact(keys, resolved.minLength);
  const near = resolved.near
    ? joinNearDuplicates(
        keys,
        exact.representatives,
        sketchesOf(
          exact.representatives.map((r) => strings[r]),
          resolved,
        ),
        exact.sets,
        resolved,
      )
    : { candidatePairs: 0, nearPairs: 0 };
  return assembleReport(jobs, exact, near, resolved);
}

/** The compared text of every posting, checked to be a string. */
export function textsOf(jobs: readonly JobPosting[], resolved: Resolved): string[] {
  const texts: string[] = new Array(jobs.length);
  for (let i = 0; i < jobs.length; i++) {
    const text = resolved.text(jobs[i], i);
    if (typeof text !== 'string') throw new ParameterError(`text(jobs[${i}])`, text, 'a string');
    texts[i] = text;
  }
  return texts;
}

export interface ExactGroups {
  readonly sets: UnionFind;
  /** First posting of each distinct comparable key, ascending. */
  readonly representatives: number[];
  readonly unchecked: number[];
  /** First posting with the same key as each posting (itself for the first; −1 when unchecked). */
  readonly exactOf: Int32Array;
}

/** Joins postings with identical keys; keys shorter than `minLength` are left unchecked. */
export function groupExact(keys: KeySource, minLength: number): ExactGroups {
  const n = keys.length;
  const unchecked: number[] = [];
  const sets = new UnionFind(n);
  const exactOf = new Int32Array(n).fill(-1);
  const firstWithHash = new Map<number, number>();
  // Keys whose hash an earlier, different key already has (rare): matched by the key itself.
  let colliding: Map<string, number> | undefined;
  const representatives: number[] = [];
  for (let i = 0; i < n; i++) {
    const length = keys.keyLength(i);
    if (length < minLength || length === 0) {
      unchecked.push(i);
      continue;
    }
    const hash = keys.hash(i);
    let first = firstWithHash.get(hash);
    if (first === undefined) firstWithHash.set(hash, i);
    else if (keys.keyLength(first) !== length || keys.key(first) !== keys.key(i)) {
      const key = keys.key(i);
      first = (colliding ??= new Map()).get(key);
      if (first === undefined) colliding.set(key, i);
    }
    if (first === undefined) {
      exactOf[i] = i;
      representatives.push(i);
    } else {
      exactOf[i] = first;
      sets.union(first, i);
    }
  }
  return { sets, representatives, unchecked, exactOf };
}

/** The report from the joined sets. */
export function assembleReport(
  jobs: readonly JobPosting[],
  { sets, unchecked, exactOf }: ExactGroups,
  near: { candidatePairs: number; nearPairs: number },
  resolved: Resolved,
): DuplicateReport {
  const n = jobs.length;
  const membersByRoot = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = sets.find(i);
    if (root === i && membersByRoot.get(root) === undefined) {
      membersByRoot.set(root, [i]);
      continue;
    }
    let members = membersByRoot.get(root);
    if (!members) membersByRoot.set(root, (members = []));
    members.push(i);
  }
  const groups: DuplicatePostingGroup[] = [];
  for (const members of membersByRoot.values()) {
    if (members.length < 2) continue;
    members.sort((a, b) => a - b);
    const platforms = [...new Set(members.map((m) => jobs[m].platform))].sort();
    groups.push({
      members,
      ids: members.map((m) => jobs[m].id),
      platforms,
      crossPlatform: platforms.length > 1,
      exact: members.every((m) => exactOf[m] === exactOf[members[0]]),
    });
  }
  groups.sort((a, b) => a.members[0] - b.members[0]);
  const groupOf = new Int32Array(n).fill(-1);
  let duplicateCount = 0;
  groups.forEach((group, g) => {
    for (const m of group.members) groupOf[m] = g;
    duplicateCount += group.members.length - 1;
  });
  const exactGroups = groups.filter((g) => g.exact).length;
  return {
    groups,
    groupOf,
    duplicateCount,
    exactGroups,
    nearGroups: groups.length - exactGroups,
    crossPlatformGroups: groups.filter((g) => g.crossPlatform).length,
    unchecked,
    stats: {
      compared: n - unchecked.length,
      bands: resolved.near ? resolved.bands : 0,
      rows: resolved.near ? resolved.rows : 0,
      ...near,
    },
  };
}

export interface DedupeResult {
  /** Postings without duplicates plus the first member of every group, in input order. */
  readonly jobs: JobPosting[];
  readonly removed: number;
  readonly removedIds: readonly string[];
}

/** Keeps one posting per duplicate group (the first in input order). */
export function dedupeJobs(jobs: readonly JobPosting[], report: DuplicateReport): DedupeResult {
  if (!Array.isArray(jobs)) throw new ParameterError('jobs', jobs, 'an array of JobPosting');
  if (report?.groupOf?.length !== jobs.length) {
    throw new ParameterError('report', report?.groupOf?.length, `a DuplicateReport of the same ${jobs.length} postings`);
  }
  const kept: JobPosting[] = [];
  const removedIds: string[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const g = report.groupOf[i];
    if (g === -1 || report.groups[g].members[0] === i) kept.push(jobs[i]);
    else removedIds.push(jobs[i].id);
  }
  return { jobs: kept, removed: removedIds.length, removedIds };
}

/** findDuplicates then dedupeJobs: one posting per group, with the report. */
export function removeDuplicates(
  jobs: readonly JobPosting[],
  options: FindDuplicatesOptions = {},
): DedupeResult & { readonly report: DuplicateReport } {
  const report = findDuplicates(jobs, options);
  return { ...dedupeJobs(jobs, report), report };
}
