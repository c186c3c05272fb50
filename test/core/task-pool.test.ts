/**
 * JavaScript stages on worker threads (src/core/task-pool.ts): the same results
 * for 1, 2 and 3 threads as the synchronous functions, and failures that name
 * the record's index.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { TaskError, defineTask, mapTask, terminateTaskPool } from '../../src/core/task-pool.js';
import { cleanTask } from '../../src/data/clean-task.js';
import { cleanText, cleanTextsAsync, findDuplicates, findDuplicatesAsync, generateJobs } from '../../src/data/index.js';
import { Tokenizer, type Segmenter } from '../../src/tokenize/index.js';
import { internTokenLists, TokenInterner } from '../../src/tokenize/token-interning.js';

afterAll(() => terminateTaskPool());

const { jobs: generated } = generateJobs({ n: 300, seed: 7 });
// Template copies, so that duplicate detection has exact and near groups to find.
const jobs = [
  ...generated,
  ...generated
    .slice(0, 20)
    .map((job, i) => ({ ...job, id: `copy-${i}`, description: i % 2 ? job.description : job.description + '。有意者请联系' })),
];
const raw = jobs.map((job) => `${job.title}\n${job.description}`);
const THREADS = [1, 2, 3];

describe('mapTask', () => {
  it('runs inline at threads 1 and names the failing index', async () => {
    const task = defineTask({
      name: 'test-inline',
      prepare: (offset: number) => offset,
      run: (offset: number, item: number, index: number) => {
        if (item < 0) throw new RangeError('negative');
        return item + offset + index;
      },
    });
    expect(await mapTask(task, [1, 2, 3], { context: 10, threads: 1 })).toEqual([11, 13, 15]);
    const failure = mapTask(task, [1, -2, 3], { context: 10, threads: 1 });
    await expect(failure).rejects.toBeInstanceOf(TaskError);
    await expect(failure).rejects.toMatchObject({ index: 1, message: expect.stringContaining('RangeError: negative') });
  });
});

describe('the pool', () => {
  it('keeps each call in order when calls overlap and the calling thread is busy meanwhile', async () => {
    const texts = raw.map((t) => cleanText(t));
    const tokenizer = new Tokenizer();
    const expectedTokens = tokenizer.tokenizeAll(texts);
    const expectedClean = raw.map((t) => cleanText(t));
    // Several calls queued at once, with different thread counts and many small chunks, so that
    // the workers hold chunks sent ahead of their replies while this thread blocks.
    const cleaning = mapTask(cleanTask, raw, { context: null, threads: 2, chunkSize: 3 });
    const tokenizing = tokenizer.tokenizeAllAsync(texts, { threads: 3 });
    const cleaningAgain = mapTask(cleanTask, raw, { context: null, threads: 3, chunkSize: 1 });
    const until = performance.now() + 50;
    while (performance.now() < until);
    expect(await cleaning).toEqual(expectedClean);
    expect(await tokenizing).toEqual(expectedTokens);
    expect(await cleaningAgain).toEqual(expectedClean);
  });
  it('sends nothing ahead to a worker that runs a chunk aside (offload)', async () => {
    // One long chunk run aside (as the document map's layout), then an ordinary call: its chunks
    // must all go to the other worker, so it finishes first instead of waiting behind the long one.
    const long = raw.join('\n').repeat(Math.ceil(5e6 / raw.join('\n').length));
    const done: string[] = [];
    const aside = mapTask(cleanTask, [long], { context: null, threads: 2, offload: true }).then(() => done.push('aside'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ordinary = mapTask(cleanTask, raw, { context: null, threads: 2, chunkSize: 1 }).then(() => done.push('ordinary'));
    await Promise.all([aside, ordinary]);
    expect(done).toEqual(['ordinary', 'aside']);
  });
});

describe('cleanTextsAsync', () => {
  const expected = raw.map((t) => cleanText(t));
  it.each(THREADS)('equals cleanText at %i thread(s), small chunks included', async (threads) => {
    expect(await cleanTextsAsync(raw, undefined, { threads })).toEqual(expected);
  });
  it('passes options to every worker', async () => {
    const options = { keepLineBreaks: true, boilerplate: false };
    expect(await cleanTextsAsync(raw, options, { threads: 2 })).toEqual(raw.map((t) => cleanText(t, options)));
  });
  it('rejects a non-string with its index, on workers and inline', async () => {
    const bad = [...raw.slice(0, 137), null as unknown as string, ...raw.slice(137)];
    for (const threads of THREADS) {
      const failure = cleanTextsAsync(bad, undefined, { threads });
      await expect(failure).rejects.toBeInstanceOf(InputError);
      await expect(failure).rejects.toMatchObject({ index: 137 });
    }
  });
});

describe('Tokenizer.tokenizeAllAsync', () => {
  const texts = raw.map((t) => cleanText(t));
  const tokenizer = new Tokenizer();
  const expected = tokenizer.tokenizeAll(texts);

  it.each(THREADS)('equals tokenizeAll at %i thread(s)', async (threads) => {
    expect(await tokenizer.tokenizeAllAsync(texts, { threads })).toEqual(expected);
  });

  it('replays options and words added after construction in the workers', async () => {
    const custom = new Tokenizer({ stopWords: { add: ['开发'] }, synonyms: { add: { 后端: 'backend' } }, minLength: 1 });
    custom.addWords(['分布式系统', 'Spring Cloud Alibaba']);
    const want = custom.tokenizeAll(texts);
    expect(want.flat()).toContain('分布式系统');
    await custom.warmUpWorkers({ threads: 2 });
    expect(await custom.tokenizeAllAsync(texts, { threads: 2 })).toEqual(want);
    expect(await custom.tokenizeAllAsync(texts, { threads: 3 })).toEqual(want);
  });

  it('tokenizes on the calling thread when the segmenter is an object', async () => {
    const spaces: Segmenter = { name: 'spaces', cut: (text) => text.split(/(\s+)/), addWord: () => {} };
    const custom = new Tokenizer({ segmenter: spaces, stopWords: false });
    expect(custom.parallelizable).toBe(false);
    expect(tokenizer.parallelizable).toBe(true);
    expect(await custom.tokenizeAllAsync(texts, { threads: 2 })).toEqual(custom.tokenizeAll(texts));
  });

  it.each(THREADS)('tokenizeForInterning equals tokenizeAll, interned, at %i thread(s)', async (threads) => {
    const interner = new TokenInterner();
    const lists = (await tokenizer.tokenizeForInterning(texts, { threads })).intern(interner);
    expect(lists).toEqual(expected);
    const direct = new TokenInterner();
    internTokenLists(structuredClone(expected), direct);
    expect(interner.tokens).toEqual(direct.tokens);
    // internAsync: the same lists and ids, interned part by part.
    const parted = new TokenInterner();
    expect(await (await tokenizer.tokenizeForInterning(texts, { threads })).internAsync(parted)).toEqual(expected);
    expect(parted.tokens).toEqual(direct.tokens);
  });

  it('rejects a non-string with its index', async () => {
    const bad = [...texts.slice(0, 211), 42 as unknown as string, ...texts.slice(211)];
    for (const threads of THREADS) {
      const failure = tokenizer.tokenizeAllAsync(bad, { threads });
      await expect(failure).rejects.toBeInstanceOf(InputError);
      await expect(failure).rejects.toMatchObject({ index: 211, message: expect.stringContaining('texts[211]') });
      const interning = tokenizer.tokenizeForInterning(bad, { threads });
      await expect(interning).rejects.toMatchObject({ index: 211, message: expect.stringContaining('texts[211]') });
    }
  });
});

describe('findDuplicatesAsync', () => {
  const expected = findDuplicates(jobs);
  it('finds groups in this input (the comparison below is not vacuous)', () => {
    expect(expected.exactGroups).toBeGreaterThan(0);
    expect(expected.nearGroups).toBeGreaterThan(0);
  });
  it.each(THREADS)('equals findDuplicates at %i thread(s)', async (threads) => {
    const report = await findDuplicatesAsync(jobs, { threads });
    expect(report.groups).toEqual(expected.groups);
    expect(Array.from(report.groupOf)).toEqual(Array.from(expected.groupOf));
    expect(report.stats).toEqual(expected.stats);
    expect(report.unchecked).toEqual(expected.unchecked);
  });
  it('equals findDuplicates over several blocks of postings, both verifications', async () => {
    const { jobs: many } = generateJobs({ n: 1300, seed: 8 });
    for (const verify of ['exact', 'estimate'] as const) {
      const sync = findDuplicates(many, { verify });
      expect(sync.nearGroups).toBeGreaterThan(0);
      const report = await findDuplicatesAsync(many, { verify, threads: 2 });
      expect(report.groups).toEqual(sync.groups);
      expect(report.stats).toEqual(sync.stats);
    }
  });
  it('honours options (estimate verification, texts computed by the caller)', async () => {
    const texts = raw.map((t) => cleanText(t));
    const options = { verify: 'estimate' as const, threshold: 0.7, text: (_: unknown, i: number) => texts[i], clean: false };
    const want = findDuplicates(jobs, options);
    expect((await findDuplicatesAsync(jobs, { ...options, threads: 2 })).groups).toEqual(want.groups);
  });
});
