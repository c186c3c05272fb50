import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { ParameterError, RecordError } from '../../src/core/errors.js';
import { loadJobs, streamJobs } from '../../src/data/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const stream = (text: string | Buffer) => Readable.from([text]);

describe('loadJobs: JSONL', () => {
  it('maps Chinese headers and keeps the untouched source in raw', async () => {
    const { jobs } = await loadJobs(fixture('jobs.jsonl'));
    expect(jobs.map((j) => j.id)).toEqual(['BOSS_1', 'LIEPIN_2', 'LAGOU_7']);
    const [boss] = jobs;
    expect(boss).toMatchObject({
      platform: 'BOSS',
      title: 'Go后端开发工程师',
      company: '示例科技',
      city: '北京·海淀区',
      salaryMin: 20000,
      salaryMax: 35000,
      postedAt: '2024-10-09 11:16:55',
    });
    expect(boss.description).toBe('岗位职责：<br />1、负责基于Gin的微服务开发&nbsp;&amp;维护');
    expect(boss.raw['技能']).toBeNull();
    expect(boss.raw['职位自编号']).toBe('BOSS_1');
  });

  it('keeps a posting with a title but no description, and parses salary shorthands', async () => {
    const { jobs } = await loadJobs(fixture('jobs.jsonl'));
    expect(jobs[1]).toMatchObject({ id: 'LIEPIN_2', description: '', title: 'Java开发' });
    expect(jobs[1].salaryMin).toBeUndefined();
    expect(jobs[2]).toMatchObject({ salaryMin: 15000, salaryMax: 25000 });
  });

  it('reports every skipped record with its line number and reason', async () => {
    const { skipped, stats } = await loadJobs(fixture('jobs.jsonl'));
    expect(skipped.records.map((r) => [r.line, r.reason])).toEqual([
      [4, 'malformed-json'],
      [5, 'missing-platform'],
      [6, 'no-text'],
      [7, 'not-an-object'],
    ]);
    expect(skipped.byReason).toEqual({ 'malformed-json': 1, 'missing-platform': 1, 'no-text': 1, 'not-an-object': 1 });
    expect(skipped.records[1].id).toBe('X_4');
    expect(stats).toMatchObject({ read: 7, kept: 3, skipped: 4, blankLines: 1, byPlatform: { BOSS: 1, LIEPIN: 1, LAGOU: 1 } });
  });

  it("onInvalid: 'throw' raises a RecordError naming the file and line", async () => {
    const error = await loadJobs(fixture('jobs.jsonl'), { onInvalid: 'throw' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordError);
    expect((error as RecordError).line).toBe(4);
    expect((error as RecordError).message).toMatch(/jobs\.jsonl: record at line 4: malformed-json/);
  });

  it('minDescriptionLength rejects short descriptions with a counted reason', async () => {
    const { jobs, skipped } = await loadJobs(fixture('jobs.jsonl'), { minDescriptionLength: 30 });
    expect(jobs.map((j) => j.id)).toEqual(['BOSS_1']);
    expect(skipped.byReason['description-too-short']).toBe(2);
    expect(skipped.records.find((r) => r.id === 'LAGOU_7')?.message).toMatch(/23 characters, fewer than minDescriptionLength=30/);
  });

  it('reads gzip transparently, from the extension or the magic bytes', async () => {
    const plain = await loadJobs(fixture('jobs.jsonl'));
    const gz = await loadJobs(fixture('jobs.jsonl.gz'));
    expect(gz.jobs).toEqual(plain.jobs);
    expect(gz.skipped).toEqual(plain.skipped);
    const sniffed = await loadJobs(fixture('jobs-csv.dat.gz'));
    expect(sniffed.jobs.map((j) => j.id)).toEqual(['ZHILIAN_1', '51JOB_2', 'BOSS_5']);
  });

  it('handles CRLF, a BOM and a last line without newline', async () => {
    const text = '\uFEFF{"id":"a","platform":"P","title":"t1"}\r\n{"id":"b","platform":"P","title":"t2"}';
    const { jobs, stats } = await loadJobs(stream(text), { format: 'jsonl' });
    expect(jobs.map((j) => j.id)).toEqual(['a', 'b']);
    expect(stats.read).toBe(2);
  });

  it('keeps characters split across stream chunks whole', async () => {
    const bytes = Buffer.from('\uFEFF{"id":"b","platform":"平台","title":"职位"}\n');
    const split = Readable.from([bytes.subarray(0, 30), bytes.subarray(30, 31), bytes.subarray(31)]);
    const { jobs } = await loadJobs(split, { onInvalid: 'throw' });
    expect(jobs[0]).toMatchObject({ id: 'b', platform: '平台', title: '职位' });
  });

  it('generates ids for records without one and counts repeated ids', async () => {
    const text = '{"platform":"P","title":"t1"}\n{"id":"x","platform":"P","title":"t2"}\n{"id":"x","platform":"P","title":"t3"}\n';
    const { jobs, stats } = await loadJobs(stream(text), { sourceName: 'mine' });
    expect(jobs[0].id).toBe('mine#1');
    expect(stats.repeatedIds).toBe(1);
  });
});

describe('loadJobs: CSV', () => {
  it('parses quoted multi-line fields, quoted commas, doubled quotes and a BOM', async () => {
    const { jobs } = await loadJobs(fixture('jobs.csv'));
    expect(jobs.map((j) => j.id)).toEqual(['ZHILIAN_1', '51JOB_2', 'BOSS_5']);
    expect(jobs[0]).toMatchObject({
      platform: 'ZHILIAN',
      company: '数据公司, 有限',
      description: '岗位职责：\n1、负责Flink实时数仓\n2、负责"数据治理"',
      salaryMin: 15000,
    });
    expect(Object.keys(jobs[0].raw)[0]).toBe('职位自编号');
    expect(jobs[1].salaryMin).toBeUndefined();
  });

  it('reports rows (header excluded) and the file line where each starts', async () => {
    const { skipped, stats } = await loadJobs(fixture('jobs.csv'));
    expect(skipped.records.map((r) => [r.line, r.sourceLine, r.reason])).toEqual([
      [3, 7, 'missing-platform'],
      [4, 8, 'malformed-csv'],
    ]);
    expect(stats).toMatchObject({ read: 5, kept: 3, blankLines: 1 });
  });

  it("onInvalid: 'throw' names the CSV row", async () => {
    const error = await loadJobs(fixture('jobs.csv'), { onInvalid: 'throw' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RecordError);
    expect((error as RecordError).line).toBe(3);
    expect((error as RecordError).message).toMatch(/missing-platform.*file line 7/);
  });

  it('decodes GBK and maps other common Chinese headers', async () => {
    const { jobs } = await loadJobs(fixture('jobs-gbk.csv'), { encoding: 'gbk' });
    expect(jobs).toHaveLength(2);
    expect(jobs[0]).toMatchObject({
      id: 'GBK_1',
      platform: '前程无忧',
      title: '嵌入式工程师',
      city: '深圳',
      description: '负责嵌入式Linux驱动开发，熟悉C语言',
      salaryMax: 22000,
    });
  });

  it('decodes GB18030 from a stream', async () => {
    const bytes = iconv.encode('id,platform,title,description\nq1,猎聘,运维,负责𠮷字机房\n', 'gb18030');
    const { jobs } = await loadJobs(stream(bytes), { encoding: 'gb18030' });
    expect(jobs[0]).toMatchObject({ id: 'q1', platform: '猎聘', description: '负责𠮷字机房' });
  });

  it('maps custom columns with `fields` and fills a default platform', async () => {
    const csv = 'JD编号,岗位名,JD正文\nj1,Go开发,负责网关\n';
    const { jobs } = await loadJobs(stream(csv), {
      format: 'csv',
      fields: { id: 'JD编号', title: '岗位名', description: ['JD全文', 'JD正文'] },
      defaultPlatform: 'BOSS',
    });
    expect(jobs).toEqual([
      { id: 'j1', platform: 'BOSS', title: 'Go开发', description: '负责网关', raw: { JD编号: 'j1', 岗位名: 'Go开发', JD正文: '负责网关' } },
    ]);
  });

  it('reads TSV and English headers regardless of case and separators', async () => {
    const tsv = 'Job_ID\tPlatform\tJob Title\tDescription\tSalary-Min\nt1\tlinkedin\tSRE\tOn-call\t9000\n';
    const { jobs } = await loadJobs(stream(tsv), { format: 'tsv' });
    expect(jobs[0]).toMatchObject({ id: 't1', platform: 'linkedin', title: 'SRE', description: 'On-call', salaryMin: 9000 });
  });
});

describe('loadJobs: other sources and options', () => {
  it('accepts an array of records, positions being index + 1', async () => {
    const { jobs, skipped } = await loadJobs([
      { 职位: 'Go', 发布平台: 'BOSS', 职位描述: 'x' },
      null,
      { 职位: '', 职位描述: '', 发布平台: 'BOSS' },
    ]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0].id).toBe('array#1');
    expect(skipped.records.map((r) => [r.line, r.reason])).toEqual([
      [2, 'not-an-object'],
      [3, 'no-text'],
    ]);
  });

  it('reads a whole-file JSON array, numbering elements from 1', async () => {
    const json = '[\n  {"id": "a", "platform": "P", "title": "t"},\n  {"id": "b", "title": "no platform"}\n]';
    const { jobs, skipped } = await loadJobs(stream(json), { format: 'jsonl' });
    expect(jobs.map((j) => j.id)).toEqual(['a']);
    expect(skipped.records.map((r) => [r.line, r.reason])).toEqual([[2, 'missing-platform']]);
  });

  it('streamJobs yields postings lazily and stops at `limit`', async () => {
    const stream_ = streamJobs(fixture('jobs.jsonl.gz'), { limit: 2 });
    const ids: string[] = [];
    for await (const job of stream_) ids.push(job.id);
    expect(ids).toEqual(['BOSS_1', 'LIEPIN_2']);
    expect(stream_.stats.kept).toBe(2);
    expect(stream_.stats.read).toBe(2);
    await expect(async () => {
      for await (const _ of stream_) break;
    }).rejects.toThrow(/only once/);
  });

  it('skippedCount counts the records skipped so far, during the iteration', async () => {
    const json = [
      '{"id":"a","platform":"P","title":"t"}',
      '{"id":"b","title":"t"}',
      'not json',
      '{"id":"c","platform":"P","title":"t"}',
    ].join('\n');
    const s = streamJobs(Readable.from([json]), { format: 'jsonl' });
    const seen: [string, number][] = [];
    for await (const job of s) seen.push([job.id, s.skippedCount]);
    expect(seen).toEqual([
      ['a', 0],
      ['c', 2],
    ]);
    expect(s.skippedCount).toBe(s.stats.skipped);
  });

  it('stopping early (limit) releases the source stream, JSONL and CSV alike', async () => {
    const jsonl = Readable.from(Array.from({ length: 1000 }, (_, i) => `{"id":"${i}","platform":"P","title":"t"}\n`));
    await loadJobs(jsonl, { limit: 3 });
    expect(jsonl.destroyed).toBe(true);
    const csv = Readable.from(['id,platform,title\n', ...Array.from({ length: 1000 }, (_, i) => `${i},P,t\n`)]);
    const { jobs } = await loadJobs(csv, { limit: 3 });
    expect(jobs).toHaveLength(3);
    expect(csv.destroyed).toBe(true);
  });

  it('rejects bad options with ParameterError naming the option', async () => {
    await expect(loadJobs(fixture('jobs.jsonl'), { onInvalid: 'ignore' as 'skip' })).rejects.toThrow(/onInvalid/);
    await expect(loadJobs(fixture('jobs.jsonl'), { encoding: 'klingon' })).rejects.toBeInstanceOf(ParameterError);
    await expect(loadJobs(fixture('jobs.jsonl'), { fields: { salary: 'x' } as never })).rejects.toThrow(/fields\.salary/);
    await expect(loadJobs(42 as never)).rejects.toThrow(/source/);
  });

  it('fails clearly on a missing file and on a corrupt gzip stream', async () => {
    await expect(loadJobs(fixture('nope.jsonl'))).rejects.toThrow(/ENOENT/);
    const corrupt = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 1, 2, 3, 4, 5, 6, 7, 8]);
    await expect(loadJobs(stream(corrupt))).rejects.toThrow();
  });
});
