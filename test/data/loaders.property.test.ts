/**
 * Property-based tests (fast-check) of the loaders and cleanText: whatever the bytes —
 * random, truncated JSONL/CSV/gzip, the wrong encoding, huge fields — the result is a
 * load result or a typed JdClusterError, never another exception.
 */
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { JdClusterError } from '../../src/core/errors.js';
import {
  cleanText,
  createCleaner,
  isoDate,
  loadJobs,
  normalizeCity,
  normalizeCompany,
  normalizeEducation,
  parseExperience,
  type LoadJobsOptions,
  type LoadJobsResult,
} from '../../src/data/index.js';

const RUNS = 150;

/** Loads bytes as a stream; returns the result or the typed error, rethrows anything else. */
async function load(bytes: Uint8Array, options: LoadJobsOptions = {}): Promise<LoadJobsResult | JdClusterError> {
  try {
    const result = await loadJobs(Readable.from([Buffer.from(bytes)]), options);
    // What was read is accounted for: kept + skipped = read.
    expect(result.stats.kept + result.stats.skipped).toBe(result.stats.read);
    expect(result.jobs).toHaveLength(result.stats.kept);
    return result;
  } catch (error) {
    if (error instanceof JdClusterError) return error;
    throw error;
  }
}

const field = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', '华为技术有限公司', 'Java开发', '<br/>岗位职责：', '"', ',', '\n'),
);
const record = fc.record(
  {
    职位自编号: field,
    发布平台: fc.oneof(fc.constantFrom('BOSS', 'LIEPIN', '51JOB'), field),
    职位: field,
    职位描述: field,
    所需经验: fc.oneof(fc.double(), fc.integer(), field, fc.constant(null)),
    学历: fc.oneof(field, fc.constant(null)),
    几薪: fc.oneof(fc.double(), field, fc.constant(null)),
    最低薪资: fc.oneof(fc.double(), field, fc.constant(null)),
    首次发布时间: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      field,
      fc.constant(null),
    ),
    首次扫描日期: fc.oneof(fc.constant('1970-01-01 08:00:00'), field, fc.constant(null)),
  },
  { requiredKeys: [] },
);
const jsonl = fc.array(record, { maxLength: 8 }).map((rs) => rs.map((r) => JSON.stringify(r)).join('\n'));
const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
const csv = fc
  .array(fc.tuple(field, field, field, field), { maxLength: 8 })
  .map((rows) => ['发布平台,职位,职位描述,公司', ...rows.map((row) => row.map(csvCell).join(','))].join('\n'));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const truncate = (bytes: Uint8Array, at: number) => bytes.subarray(0, Math.floor(at * bytes.length));

describe('loaders never throw an untyped error', () => {
  it('random bytes, plain and gzip', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (bytes, gz) => {
        await load(gz ? gzipSync(bytes) : bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('valid and truncated JSONL, plain and gzip', async () => {
    await fc.assert(
      fc.asyncProperty(jsonl, fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), async (text, at, gz) => {
        const bytes = utf8(text);
        const result = await load(truncate(gz ? gzipSync(bytes) : bytes, at));
        if (at === 1 && !(result instanceof JdClusterError))
          expect(result.stats.read).toBe(text.split('\n').filter((l) => l.trim() !== '').length);
      }),
      { numRuns: RUNS },
    );
  });

  it('valid and truncated CSV', async () => {
    await fc.assert(
      fc.asyncProperty(csv, fc.double({ min: 0, max: 1, noNaN: true }), async (text, at) => {
        await load(truncate(utf8(text), at), { format: 'csv' });
      }),
      { numRuns: RUNS },
    );
  });

  it('the wrong encoding: GBK bytes read as UTF-8 and UTF-8 read as GBK', async () => {
    await fc.assert(
      fc.asyncProperty(jsonl, async (text) => {
        await load(new Uint8Array(iconv.encode(text, 'gbk')));
        await load(utf8(text), { encoding: 'gbk' });
      }),
      { numRuns: RUNS },
    );
  });

  it('huge fields and lines', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 100_000, max: 2_000_000 }), fc.constantFrom('字', 'a', '"', '\\', '<'), async (size, unit) => {
        const big = unit.repeat(size);
        const text = [
          JSON.stringify({ 发布平台: 'BOSS', 职位: 'x', 职位描述: big }),
          `{"发布平台":"BOSS","职位描述":"${big.slice(0, size / 2)}`,
        ].join('\n');
        const result = await load(utf8(text));
        if (!(result instanceof JdClusterError)) expect(result.stats.read).toBe(2);
      }),
      { numRuns: 6 },
    );
  }, 60_000);
});

describe('array sources and the field helpers', () => {
  it('any array of values loads or fails typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(record, fc.anything()), { maxLength: 10 }), async (records) => {
        try {
          const result = await loadJobs(records);
          expect(result.stats.read).toBe(records.length);
        } catch (error) {
          expect(error).toBeInstanceOf(JdClusterError);
        }
      }),
      { numRuns: RUNS },
    );
  });
  it('normalizeCompany, normalizeCity, parseExperience, isoDate and normalizeEducation accept any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), field), (text) => {
        const company = normalizeCompany(text);
        if (text.normalize('NFKC').trim() !== '') expect(company).not.toBe('');
        expect(typeof normalizeCity(text)).toBe('string');
        const experience = parseExperience(text);
        if (experience) expect(experience.min).toBeGreaterThanOrEqual(0);
        const iso = isoDate(text);
        if (iso) expect(iso).toMatch(/^\d{4}-\d\d-\d\d$/);
        normalizeEducation(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe('cleanText never throws on a string', () => {
  const keepLines = createCleaner({ keepLineBreaks: true });
  it('returns a string without markup-only leftovers for any input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'grapheme' }),
          fc.string({ unit: 'binary' }),
          fc
            .array(
              fc.constantFrom('<br/>', '&nbsp;', '&#x4e2d;', '**', '_x000d_', '岗位职责：', '13812345678', 'wx:abc', '\n', ' ', '字'),
              { maxLength: 50 },
            )
            .map((xs) => xs.join('')),
        ),
        (text) => {
          const out = cleanText(text);
          expect(typeof out).toBe('string');
          expect(out).toBe(out.trim());
          expect(out).not.toMatch(/\s{2,}/);
          expect(typeof keepLines(text)).toBe('string');
          // Cleaning never adds text: a second pass can only remove more.
          expect(cleanText(out).length).toBeLessThanOrEqual(out.length);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('rejects a non-string with a typed error', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((x) => typeof x !== 'string'),
        (value) => {
          expect(() => cleanText(value as string)).toThrow(JdClusterError);
        },
      ),
      { numRuns: 100 },
    );
  });
});
