import { describe, expect, it } from 'vitest';
import { ParameterError } from '../../src/core/errors.js';
import { Random } from '../../src/core/random.js';
import {
  cleanText,
  dedupeJobs,
  duplicateKey,
  findDuplicates,
  generateJobs,
  removeDuplicates,
  type JobPosting,
} from '../../src/data/index.js';
import {
  BITMAP_WORDS,
  MinHasher,
  chooseBands,
  distinctCount,
  distinctSorted,
  estimatedJaccard,
  jaccard,
  jaccardBound,
  jaccardReaches,
  shingleBitmap,
  shingleHashes,
} from '../../src/data/minhash.js';
import { groupExact, keyHash, keysInMemory, type KeySource } from '../../src/data/duplicates.js';

const PHRASES = [
  '负责公司核心业务系统的设计与开发',
  '参与微服务架构的演进和性能优化',
  '熟悉Go语言及Gin框架',
  '熟悉Kubernetes和容器化部署',
  '有高并发分布式系统经验者优先',
  '负责数据仓库建模与ETL开发',
  '熟练使用Flink和Spark进行实时计算',
  '具备良好的沟通能力和团队精神',
  '负责前端页面开发与交互优化',
  '精通React和TypeScript',
  '负责自动化测试框架建设',
  '熟悉Python和pytest',
  '负责模型推理服务的部署和调优',
  '熟悉Triton与CUDA编程',
  '负责交易网关低延迟优化',
  '熟悉C++和Linux内核网络栈',
  '负责数据库内核存储引擎开发',
  '了解TiDB或RocksDB源码',
  '负责线上服务稳定性保障',
  '熟悉Prometheus和Grafana监控体系',
  '计算机相关专业本科及以上学历',
  '三年以上相关工作经验',
  '有开源项目贡献者优先',
  '能够独立解决复杂技术问题',
];

/** A posting made of `count` random phrases: two such texts share little. */
function posting(random: Random, id: string, platform: string, count = 10): JobPosting {
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(`${i + 1}、${random.pick(PHRASES)}；`);
  return { id, platform, title: '开发工程师', description: parts.join('\n'), raw: {} };
}

function copy(job: JobPosting, id: string, platform: string, description = job.description): JobPosting {
  return { ...job, id, platform, description };
}

/** 12 distinct postings plus planted copies; returns the expected groups by id. */
function plantedCorpus() {
  const random = new Random(7);
  const jobs: JobPosting[] = [];
  for (let i = 0; i < 12; i++) jobs.push(posting(random, `base${i}`, i % 2 ? 'BOSS' : '51JOB'));
  // An exact cross-post: same text, another platform and id.
  jobs.push(copy(jobs[0], 'cross0', 'LAGOU'));
  // The same text with markup, entities, full-width forms and contacts: identical after cleaning, so exact.
  const noisy = jobs[1].description.replace(/\n/g, '<br />').replace(/Go/g, 'Ｇｏ').replace(/；/g, '&nbsp;；');
  jobs.push(copy(jobs[1], 'noisy1', 'BOSS', `<p>${noisy}</p>hr@corp.com 13812345678`));
  // A near copy: a few characters edited.
  jobs.push(copy(jobs[2], 'near2', 'ZHILIAN', jobs[2].description.replace('1、', '一、').replace('；', '。')));
  // Three template copies of one posting on one platform.
  jobs.push(copy(jobs[3], 'tpl3a', 'BOSS'), copy(jobs[3], 'tpl3b', 'BOSS'));
  // Too short to compare, even though identical.
  jobs.push({ id: 'short1', platform: 'LIEPIN', title: 'Java开发', description: '', raw: {} });
  jobs.push({ id: 'short2', platform: 'LIEPIN', title: 'Java开发', description: '', raw: {} });
  return jobs;
}

describe('findDuplicates', () => {
  const jobs = plantedCorpus();

  it('finds exact, cleaned-exact and near duplicates, and only those', () => {
    const report = findDuplicates(jobs);
    const groups = report.groups.map((g) => g.ids);
    expect(groups).toEqual([
      ['base0', 'cross0'],
      ['base1', 'noisy1'],
      ['base2', 'near2'],
      ['base3', 'tpl3a', 'tpl3b'],
    ]);
    expect(report.groups.map((g) => g.exact)).toEqual([true, true, false, true]);
    expect(report.duplicateCount).toBe(5);
    expect(report.exactGroups).toBe(3);
    expect(report.nearGroups).toBe(1);
    for (let i = 4; i < 12; i++) expect(report.groupOf[i]).toBe(-1);
  });

  it('reports platforms and cross-platform groups', () => {
    const report = findDuplicates(jobs);
    expect(report.groups.map((g) => g.platforms)).toEqual([['51JOB', 'LAGOU'], ['BOSS'], ['51JOB', 'ZHILIAN'], ['BOSS']]);
    expect(report.groups.map((g) => g.crossPlatform)).toEqual([true, false, true, false]);
    expect(report.crossPlatformGroups).toBe(2);
  });

  it('lists postings too short to compare instead of grouping them', () => {
    const report = findDuplicates(jobs);
    expect(report.unchecked.map((i) => jobs[i].id)).toEqual(['short1', 'short2']);
    expect(report.stats.compared).toBe(jobs.length - 2);
    const loose = findDuplicates(jobs, { minLength: 0 });
    expect(loose.groups.at(-1)?.ids).toEqual(['short1', 'short2']);
  });

  it('exact-only mode and a strict threshold leave the near copy alone', () => {
    expect(findDuplicates(jobs, { near: false }).groups.map((g) => g.ids[0])).toEqual(['base0', 'base1', 'base3']);
    expect(findDuplicates(jobs, { threshold: 0.99 }).groups.map((g) => g.ids[0])).toEqual(['base0', 'base1', 'base3']);
  });

  it('gives the same groups for other seeds and with estimated verification', () => {
    const expected = findDuplicates(jobs).groups.map((g) => g.ids);
    expect(findDuplicates(jobs, { seed: 12345 }).groups.map((g) => g.ids)).toEqual(expected);
    expect(findDuplicates(jobs, { verify: 'estimate', numHashes: 256 }).groups.map((g) => g.ids)).toEqual(expected);
  });

  it('compares a custom text', () => {
    const sameTitles = findDuplicates(jobs, { text: (j) => j.title + j.title + j.title + j.title + j.title, minLength: 0 });
    expect(sameTitles.groups.map((g) => g.members.length)).toEqual([jobs.length - 2, 2]);
  });

  it('accepts texts cleaned elsewhere (clean: false) with the same result', () => {
    const cleaned = jobs.map((j) => cleanText(`${j.title}\n${j.description}`));
    const reused = findDuplicates(jobs, { text: (_, i) => cleaned[i], clean: false });
    expect(reused.groups.map((g) => g.ids)).toEqual(findDuplicates(jobs).groups.map((g) => g.ids));
    // Uncleaned markup then counts: the noisy copy is no longer exact.
    const raw = findDuplicates(jobs, { clean: false, near: false });
    expect(raw.groups.map((g) => g.ids[0])).toEqual(['base0', 'base3']);
  });

  it('validates its options', () => {
    expect(() => findDuplicates(jobs, { threshold: 0 })).toThrow(ParameterError);
    expect(() => findDuplicates(jobs, { threshold: 1.5 })).toThrow(/threshold/);
    expect(() => findDuplicates(jobs, { bands: 0 })).toThrow(/bands/);
    expect(() => findDuplicates(jobs, { verify: 'fuzzy' as never })).toThrow(/verify/);
    expect(() => findDuplicates('jobs' as never)).toThrow(/jobs/);
  });
});

describe('dedupeJobs / removeDuplicates', () => {
  const jobs = plantedCorpus();

  it('keeps the first posting of each group in input order and reports the rest', () => {
    const report = findDuplicates(jobs);
    const { jobs: kept, removed, removedIds } = dedupeJobs(jobs, report);
    expect(removed).toBe(5);
    expect(removedIds).toEqual(['cross0', 'noisy1', 'near2', 'tpl3a', 'tpl3b']);
    expect(kept.map((j) => j.id)).toEqual([...jobs.map((j) => j.id)].filter((id) => !removedIds.includes(id)));
    expect(removeDuplicates(jobs).removed).toBe(5);
  });

  it('refuses a report made for other postings', () => {
    const report = findDuplicates(jobs.slice(0, 5));
    expect(() => dedupeJobs(jobs, report)).toThrow(/report/);
  });
});

describe('MinHash building blocks', () => {
  it('duplicateKey ignores markup, case, punctuation and spacing', () => {
    expect(duplicateKey('<b>Go 开发</b>，熟悉 K8S！')).toBe(duplicateKey('go开发 熟悉k8s'));
  });

  it('shingles are seeded and repeat for repeated k-grams', () => {
    const a = shingleHashes('abcabcabc', 3, 1);
    expect(a).toHaveLength(7);
    expect(distinctSorted(a)).toHaveLength(3);
    expect(shingleHashes('abcabcabc', 3, 2)).not.toEqual(a);
    expect(shingleHashes('ab', 3)).toHaveLength(1);
  });

  it('signature agreement estimates the Jaccard similarity', () => {
    const random = new Random(3);
    const words = Array.from({ length: 400 }, () => String.fromCharCode(0x4e00 + random.int(3000)));
    const a = words.join('');
    const b = words.slice(0, 300).join('') + Array.from({ length: 100 }, () => String.fromCharCode(0x4e00 + random.int(3000))).join('');
    const sa = shingleHashes(a, 5, 9);
    const sb = shingleHashes(b, 5, 9);
    const exact = jaccard(distinctSorted(sa), distinctSorted(sb));
    expect(exact).toBeGreaterThan(0.5);
    expect(exact).toBeLessThan(0.7);
    const hasher = new MinHasher(512, 9);
    expect(Math.abs(estimatedJaccard(hasher.signature(sa), hasher.signature(sb)) - exact)).toBeLessThan(0.07);
  });

  it('densification keeps short documents comparable', () => {
    const hasher = new MinHasher(128, 0);
    const a = hasher.signature(shingleHashes('熟悉Go语言开发', 5));
    const b = hasher.signature(shingleHashes('熟悉Go语言开发', 5));
    expect(a).toEqual(b);
    expect(a.includes(0x7fffffff)).toBe(false);
  });

  it('chooseBands gives ≥ 99 % recall at the threshold', () => {
    for (const t of [0.5, 0.8, 0.9]) {
      const { bands, rows } = chooseBands(128, t);
      expect(bands * rows).toBeLessThanOrEqual(128);
      expect(1 - Math.pow(1 - Math.pow(t, rows), bands)).toBeGreaterThanOrEqual(0.99);
      expect(1 - Math.pow(1 - Math.pow(t, rows + 1), Math.floor(128 / (rows + 1)))).toBeLessThan(0.99);
    }
  });
});

describe('findDuplicates on the synthetic corpus', () => {
  it('recovers the planted duplicate groups', () => {
    const corpus = generateJobs({ n: 1500, seed: 1 });
    const report = findDuplicates(corpus.jobs);
    const plantedOf = new Int32Array(corpus.jobs.length).fill(-1);
    corpus.duplicates.forEach((group, k) => group.indices.forEach((i) => (plantedOf[i] = k)));
    // Exact copies and cross-posts are always found whole, with the right platforms.
    for (const planted of corpus.duplicates.filter((g) => g.exact)) {
      const found = new Set(planted.indices.map((i) => report.groupOf[i]));
      expect(found.size).toBe(1);
      const group = report.groups[[...found][0]];
      expect(group.crossPlatform).toBe(planted.crossPlatform);
    }
    // Near copies (one line changed) are mostly above the 0.8 threshold.
    const near = corpus.duplicates.filter((g) => !g.exact);
    const recovered = near.filter((g) => new Set(g.indices.map((i) => report.groupOf[i])).size === 1 && report.groupOf[g.indices[0]] >= 0);
    expect(recovered.length / near.length).toBeGreaterThan(0.85);
    // Found groups do not merge unrelated postings.
    const impure = report.groups.filter((g) => new Set(g.members.map((m) => plantedOf[m])).size > 1 || plantedOf[g.members[0]] === -1);
    expect(impure.length).toBeLessThanOrEqual(report.groups.length * 0.02);
  });
});

describe('findDuplicates with many candidate pairs', () => {
  it('joins exactly the components of the pairs at the threshold when every similar pair is a candidate', () => {
    // 300 postings of 3 phrases out of 24 share many shingles; one row per band makes
    // almost every pair a candidate, so the groups must be those of brute force.
    const random = new Random(11);
    const jobs = Array.from({ length: 300 }, (_, i) => posting(random, `p${i}`, 'BOSS', 3));
    const threshold = 0.6;
    const report = findDuplicates(jobs, { threshold, numHashes: 64, bands: 64 });
    expect(report.stats.candidatePairs).toBeGreaterThan(20_000);
    expect(report.groups.length).toBeGreaterThan(10);
    const keys = jobs.map((job) => duplicateKey(job.title + '\n' + job.description));
    const sets = keys.map((key) => distinctSorted(shingleHashes(key, 5, 0)));
    const parent = Array.from(jobs, (_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (let a = 0; a < jobs.length; a++) {
      for (let b = a + 1; b < jobs.length; b++) if (jaccard(sets[a], sets[b]) >= threshold) parent[find(a)] = find(b);
    }
    const expected = new Map<number, number[]>();
    jobs.forEach((_, i) => expected.set(find(i), [...(expected.get(find(i)) ?? []), i]));
    const expectedGroups = [...expected.values()].filter((g) => g.length > 1).sort((x, y) => x[0] - y[0]);
    expect(report.groups.map((g) => g.members)).toEqual(expectedGroups);
  });
});

describe('groupExact on key hashes', () => {
  it('checks equal hashes on the keys themselves, so a collision never joins different keys', () => {
    const strings = ['aaaa', 'bbbb', 'aaaa', 'cc', 'bbbb', 'dddd', 'aaaa'];
    // Every key gets the same hash: the grouping must still follow the keys.
    const colliding: KeySource = { length: strings.length, hash: () => 7, keyLength: (i) => strings[i].length, key: (i) => strings[i] };
    const exact = groupExact(colliding, 3);
    expect(exact.representatives).toEqual([0, 1, 5]);
    expect(exact.unchecked).toEqual([3]);
    expect(Array.from(exact.exactOf)).toEqual([0, 1, 0, -1, 1, 5, 0]);
    const honest = groupExact(keysInMemory(strings), 3);
    expect(Array.from(honest.exactOf)).toEqual(Array.from(exact.exactOf));
  });

  it('hashes equal keys equally and spreads different ones', () => {
    expect(keyHash('负责数据仓库建模')).toBe(keyHash(['负责', '数据仓库建模'].join('')));
    const hashes = new Set(Array.from({ length: 20_000 }, (_, i) => keyHash(`posting ${i} 开发`)));
    expect(hashes.size).toBe(20_000);
    expect([...hashes].every((h) => Number.isSafeInteger(h) && h >= 0)).toBe(true);
  });
});

describe('jaccardReaches', () => {
  it('answers exactly as jaccard(a, b) >= threshold, early exits included', () => {
    const random = new Random(9);
    const set = (size: number, range: number) => distinctSorted(Int32Array.from({ length: size }, () => random.int(range) - (range >> 1)));
    let reached = 0;
    for (let trial = 0; trial < 3000; trial++) {
      const range = 50 + random.int(2000);
      const a = set(random.int(400), range);
      // Half the trials: b is a perturbed copy of a, so that high similarities occur.
      const b =
        trial % 2 ? set(random.int(400), range) : distinctSorted(Int32Array.from(a, (x) => (random.next() < 0.1 ? random.int(range) : x)));
      for (const threshold of [0.05, 0.3, 0.5, 0.8, 0.9, 1]) {
        const expected = jaccard(a, b) >= threshold;
        if (expected) reached++;
        expect(jaccardReaches(a, b, threshold)).toBe(expected);
      }
    }
    expect(reached).toBeGreaterThan(3000);
    expect(jaccardReaches(new Int32Array(0), new Int32Array(0), 0.8)).toBe(true);
  });
});

describe('jaccardBound and distinctCount', () => {
  it('never falls below the exact Jaccard similarity, and rules out most dissimilar pairs', () => {
    const random = new Random(11);
    // Mixed hashes as shingleHashes gives them, repeats included.
    const list = (size: number, range: number) => Int32Array.from({ length: size }, () => Math.imul(random.int(range) + 1, 0x9e3779b1));
    const bitmap = (hashes: Int32Array) => {
      const out = new Int32Array(BITMAP_WORDS + 3);
      shingleBitmap(hashes, out, 3);
      return out;
    };
    let ruledOut = 0;
    let dissimilar = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const range = 100 + random.int(3000);
      const a = list(random.int(600), range);
      const b =
        trial % 2
          ? list(random.int(600), range)
          : Int32Array.from(a, (x) => (random.next() < 0.3 ? Math.imul(random.int(range) + 1, 0x9e3779b1) : x));
      const setA = distinctSorted(a);
      const setB = distinctSorted(b);
      expect(distinctCount(a)).toBe(setA.length);
      const exact = jaccard(setA, setB);
      const bound = jaccardBound(setA.length, bitmap(a), 3, setB.length, bitmap(b), 3);
      expect(bound).toBeGreaterThanOrEqual(exact);
      if (exact < 0.6 && setA.length + setB.length > 200) {
        dissimilar++;
        if (bound < 0.8) ruledOut++;
      }
    }
    expect(ruledOut / dissimilar).toBeGreaterThan(0.5);
    expect(distinctCount(Int32Array.of(0, 0, 5, 0, 5, -1))).toBe(3);
    expect(jaccardBound(0, new Int32Array(BITMAP_WORDS), 0, 0, new Int32Array(BITMAP_WORDS), 0)).toBe(1);
  });
});
