/**
 * Embedding benchmark (issue 5). Run: npx tsx benchmarks/embed.ts [--runs N] [--skip-w2v] [--skip-compare] [--skip-real] [--n-synthetic N]
 *
 * 1. Word2Vec throughput on the 10k sample of the shared corpus (first 10,000
 *    postings, in file order, whose 职位描述 has ≥ 50 characters), both modes, 1
 *    and 2 threads, against the gensim 4.2 figures of issue 5 (2 workers), with
 *    nearest neighbours. Two tokenizations: plain jieba (cut, lower-cased, tokens
 *    with a letter or digit, stopwords-iso removed: ~1.34M tokens, close to the
 *    issue's 1.41M, so tokens/s compare with gensim's) and the project tokenizer
 *    (fewer, rarer tokens: less is subsampled away, so more work per token).
 * 2. Representation comparison on the synthetic corpus (ground-truth archetypes):
 *    k-means (k = number of archetypes) on w2v-tfidf (CBOW and skip-gram), lsa and
 *    hybrid vectors, scored by adjusted Rand index over several seeds.
 * 3. The same on the real 10k sample, with job families read from the titles as
 *    weak labels (descriptions only are embedded).
 * 4. LSA timing (issue 6 pipeline target: embed stage well under 1 s for 10k
 *    postings): TF-IDF (minDf 2, sublinear tf) of title + description for the
 *    10k sample (loadJobs, limit 10,000, descriptions ≥ 50 characters) and the
 *    whole corpus, then Lsa.fit (100 components) and transform, 1 and 2 threads.
 *
 * Prints Markdown tables; never asserts a time.
 */
import { existsSync, createReadStream } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { KMeans } from '../src/cluster/index.js';
import { cleanText, generateJobs, loadJobs } from '../src/data/index.js';
import {
  dropEmptyDocuments,
  embedDocuments,
  Lsa,
  TfidfVectorizer,
  Word2Vec,
  type Representation,
  type Word2VecMode,
  type Word2VecParams,
  type Word2VecResult,
} from '../src/embed/index.js';
import { createTokenizer, Tokenizer } from '../src/tokenize/index.js';
import { adjustedRandIndex } from '../src/validate/index.js';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const RUNS = option('runs', 2);
const CORPUS = new URL('../../shared/data/jd-multiplatform-2024q4.jsonl.gz', import.meta.url).pathname;

// gensim 4.2, 2 workers, same sample, 5 epochs, 128-d, window 5, negative 5, min_count 2 (issue 5).
const GENSIM = { cbow: { seconds: '4.2–4.3', tokensPerSecond: 1_650_000 }, skipgram: { seconds: '13.0–15.3', tokensPerSecond: 500_000 } };

function machine(): string {
  const cpu = cpus();
  return [
    `Machine: ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, Node ${process.version}, ${process.platform}/${process.arch}.`,
    `Load average at start: ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ')} (the machine is shared; wall times under load are pessimistic).`,
  ].join('\n');
}

interface SamplePosting {
  title: string;
  description: string;
}

async function samplePostings(limit: number): Promise<SamplePosting[]> {
  const out: SamplePosting[] = [];
  const rl = createInterface({ input: createReadStream(CORPUS).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    const record = JSON.parse(line) as Record<string, unknown>;
    const d = record['职位描述'];
    if (typeof d === 'string' && d.length >= 50) out.push({ title: String(record['职位'] ?? ''), description: d });
    if (out.length === limit) break;
  }
  rl.close();
  return out;
}

function plainJieba(descriptions: string[]): string[][] {
  const require = createRequire(import.meta.url);
  const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
  const stopwords = require('stopwords-iso') as Record<string, string[]>;
  const stop = new Set([...stopwords.zh, ...stopwords.en]);
  const jieba = Jieba.withDict(dict);
  return descriptions.map((d) =>
    jieba
      .cut(d, true)
      .map((t) => t.toLowerCase())
      .filter((t) => /[\p{L}\p{N}]/u.test(t) && !stop.has(t)),
  );
}

/**
 * Train with the benchmark's settings; `cpu` = process CPU seconds of the training
 * epochs alone, extrapolated from epochs 2…5 (measured between progress callbacks,
 * so vocabulary building and copies are excluded).
 */
function trainMeasured(docs: string[][], params: Word2VecParams): { result: Word2VecResult; cpu: number } {
  let c1: NodeJS.CpuUsage | undefined;
  let c5: NodeJS.CpuUsage | undefined;
  let wallLater = 0;
  const result = new Word2Vec({ dim: 128, window: 5, negative: 5, minCount: 2, epochs: 5, ...params }).fit(docs, {
    onProgress: (p) => {
      if (p.epoch === 1) c1 = process.cpuUsage();
      else wallLater += p.seconds;
      if (p.epoch === p.epochs) c5 = process.cpuUsage(c1);
    },
  });
  const cpuLater = (c5!.user + c5!.system) / 1e6;
  return { result, cpu: cpuLater * (result.stats.trainingSeconds / wallLater) };
}

async function word2vecBenchmark(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`\n> Skipped the Word2Vec benchmark: ${CORPUS} not found (the shared corpus lives beside the project).\n`);
    return;
  }
  const descriptions = (await samplePostings(10_000)).map((p) => p.description);
  const corpora: { name: string; docs: string[][]; threads: number[] }[] = [
    { name: 'plain jieba', docs: plainJieba(descriptions), threads: [1, 2] },
    { name: 'project tokenizer', docs: new Tokenizer().tokenizeAll(descriptions.map((d) => cleanText(d))), threads: [2] },
  ];
  console.log(`\n## Word2Vec on the 10k sample\n`);
  console.log(
    `${descriptions.length} descriptions. ` +
      corpora.map((c) => `${c.name}: ${c.docs.reduce((s, d) => s + d.length, 0).toLocaleString('en-US')} tokens`).join('; ') +
      `. 5 epochs, dim 128, window 5, negative 5, sample 1e-3, min_count 2; best of ${RUNS} runs. ` +
      'tokens/s = tokens × epochs / training seconds (as for gensim). CPU s = process CPU time of the training epochs (epochs 2–5 measured, scaled to all 5); ' +
      'tokens/CPU-s × threads estimates the wall-clock rate on an otherwise idle machine.\n',
  );
  console.log('| tokens | mode | threads | seconds | CPU s | tokens/s | tokens/CPU-s × threads | gensim (2 workers) | vs gensim | vocab |');
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  const neighbours: string[] = [];
  for (const corpus of corpora) {
    const tokens = corpus.docs.reduce((s, d) => s + d.length, 0);
    for (const mode of ['cbow', 'skipgram'] as Word2VecMode[]) {
      for (const threads of corpus.threads) {
        let best: { seconds: number; cpu: number; tps: number; vocab: number } | undefined;
        let lastVectors;
        for (let run = 0; run < RUNS; run++) {
          const { result: r, cpu } = trainMeasured(corpus.docs, { mode, threads, seed: 1 + run });
          if (!best || r.stats.trainingSeconds < best.seconds) {
            best = { seconds: r.stats.trainingSeconds, cpu, tps: r.stats.tokensPerSecond, vocab: r.vectors.size };
          }
          lastVectors = r.vectors;
        }
        const g = GENSIM[mode];
        const idle = ((tokens * 5) / best!.cpu) * threads;
        const versus =
          threads === 2 ? `${(best!.tps / g.tokensPerSecond).toFixed(2)}× (idle est. ${(idle / g.tokensPerSecond).toFixed(2)}×)` : '—';
        console.log(
          `| ${corpus.name} | ${mode} | ${threads} | ${best!.seconds.toFixed(2)} | ${best!.cpu.toFixed(1)} | ${Math.round(best!.tps).toLocaleString('en-US')} | ${Math.round(idle).toLocaleString('en-US')} | ${g.tokensPerSecond.toLocaleString('en-US')} (${g.seconds} s) | ${versus} | ${best!.vocab} |`,
        );
        if (threads === 2 && lastVectors) {
          for (const w of ['go', 'kubernetes', 'java', '前端']) {
            const near = lastVectors.has(w)
              ? lastVectors
                  .mostSimilar(w, 8)
                  .map((s) => `${s.word} ${s.similarity.toFixed(2)}`)
                  .join(', ')
              : '(not in vocabulary)';
            neighbours.push(`| ${corpus.name} | ${mode} | ${w} | ${near} |`);
          }
        }
      }
    }
  }
  {
    // word2vec.c's sampling (negatives per pair), one run: what shareNegatives buys.
    const corpus = corpora[0];
    const tokens = corpus.docs.reduce((s, d) => s + d.length, 0);
    const { result: r, cpu } = trainMeasured(corpus.docs, { mode: 'skipgram', shareNegatives: false, threads: 2, seed: 1 });
    const idle = ((tokens * 5) / cpu) * 2;
    console.log(
      `| ${corpus.name} | skipgram, per-pair negatives | 2 | ${r.stats.trainingSeconds.toFixed(2)} | ${cpu.toFixed(1)} | ${Math.round(r.stats.tokensPerSecond).toLocaleString('en-US')} | ${Math.round(idle).toLocaleString('en-US')} | ${GENSIM.skipgram.tokensPerSecond.toLocaleString('en-US')} | ${(r.stats.tokensPerSecond / GENSIM.skipgram.tokensPerSecond).toFixed(2)}× (idle est. ${(idle / GENSIM.skipgram.tokensPerSecond).toFixed(2)}×) | ${r.vectors.size} |`,
    );
    for (const w of ['kubernetes', 'java', '前端']) {
      if (r.vectors.has(w))
        neighbours.push(
          `| ${corpus.name} | skipgram, per-pair negatives | ${w} | ${r.vectors
            .mostSimilar(w, 8)
            .map((s) => `${s.word} ${s.similarity.toFixed(2)}`)
            .join(', ')} |`,
        );
    }
  }
  console.log('\nNearest neighbours (2 threads, cosine):\n');
  console.log('| tokens | mode | word | 8 nearest |');
  console.log('|---|---|---|---|');
  for (const line of neighbours) console.log(line);
}

function representationComparison(): void {
  const n = option('n-synthetic', 3000);
  const seeds = [1, 2, 3];
  const variants: { name: string; representation: Representation; mode?: Word2VecMode; shareNegatives?: boolean }[] = [
    { name: 'w2v-tfidf (CBOW)', representation: 'w2v-tfidf', mode: 'cbow' },
    { name: 'w2v-tfidf (skip-gram)', representation: 'w2v-tfidf', mode: 'skipgram' },
    { name: 'w2v-tfidf (skip-gram, per-pair negatives)', representation: 'w2v-tfidf', mode: 'skipgram', shareNegatives: false },
    { name: 'lsa (100)', representation: 'lsa' },
    { name: 'hybrid (CBOW + lsa)', representation: 'hybrid', mode: 'cbow' },
  ];
  const tokenizer = new Tokenizer();
  const rows = new Map<string, { ari: number[]; seconds: number[]; dim: number; empty: number }>();
  let k = 0;
  for (const seed of seeds) {
    const corpus = generateJobs({ n, seed });
    k = corpus.archetypeNames.length;
    const docs = tokenizer.tokenizeAll(corpus.jobs.map((j) => cleanText(`${j.title}\n${j.description}`)));
    for (const v of variants) {
      const r = embedDocuments(docs, {
        representation: v.representation,
        seed,
        threads: 2,
        word2vec: v.mode ? { mode: v.mode, shareNegatives: v.shareNegatives } : undefined,
      });
      const { vectors, documentIndex } = dropEmptyDocuments(r);
      const labels = new KMeans({ k, seed, nInit: 5 }).fit(vectors).labels;
      const truth = Int32Array.from(documentIndex, (i) => corpus.archetypeLabels[i]);
      const entry = rows.get(v.name) ?? { ari: [], seconds: [], dim: vectors.cols, empty: 0 };
      entry.ari.push(adjustedRandIndex(truth, labels));
      entry.seconds.push(r.timings.total);
      entry.empty += r.emptyDocuments.length;
      rows.set(v.name, entry);
    }
  }
  console.log(`\n## Representations on the synthetic corpus\n`);
  console.log(
    `generateJobs({ n: ${n}, seed }) for seeds ${seeds.join(', ')}; title + description, cleaned and tokenized; k-means (k = ${k} archetypes, 5 inits) on each representation; ARI against the planted archetypes (duplicates included, as generated).\n`,
  );
  console.log('| representation | dim | ARI mean | ARI per seed | embed seconds (mean) | empty docs |');
  console.log('|---|---:|---:|---|---:|---:|');
  for (const [name, e] of rows) {
    const mean = e.ari.reduce((s, x) => s + x, 0) / e.ari.length;
    const sec = e.seconds.reduce((s, x) => s + x, 0) / e.seconds.length;
    console.log(
      `| ${name} | ${e.dim} | ${mean.toFixed(3)} | ${e.ari.map((x) => x.toFixed(3)).join(', ')} | ${sec.toFixed(2)} | ${e.empty} |`,
    );
  }
}

// Job families recognisable from the title alone: weak labels for the real sample.
const TITLE_FAMILIES: [string, RegExp][] = [
  ['frontend', /前端|web前端|h5|vue|react/i],
  ['java', /java/i],
  ['python', /python/i],
  ['go', /golang|\bgo\b|go开发|go语言/i],
  ['c/c++', /c\+\+|\bc语言|嵌入式/i],
  ['test', /测试|qa\b/i],
  ['ops', /运维|devops|sre/i],
  ['algorithm', /算法|机器学习|深度学习|nlp|视觉/i],
  ['data', /数据|大数据|bi\b|etl/i],
  ['mobile', /android|安卓|ios/i],
  ['product', /产品经理|产品/i],
];

async function realTitleFamilies(): Promise<void> {
  if (!existsSync(CORPUS)) return;
  const postings = await samplePostings(10_000);
  const matched: { description: string; family: number }[] = [];
  for (const p of postings) {
    const family = TITLE_FAMILIES.findIndex(([, re]) => re.test(p.title));
    if (family >= 0) matched.push({ description: p.description, family });
  }
  const counts = TITLE_FAMILIES.map((_, f) => matched.filter((x) => x.family === f).length);
  // Families with fewer than 100 postings are too small for k-means to find: left out (and listed).
  const kept = TITLE_FAMILIES.map((_, f) => f).filter((f) => counts[f] >= 100);
  const labelled = matched.filter((x) => kept.includes(x.family));
  const docs = new Tokenizer().tokenizeAll(labelled.map((x) => cleanText(x.description)));
  const k = kept.length;
  console.log(`\n## Representations on the real 10k sample, title families as weak labels\n`);
  console.log(
    `Job family of each posting from its title (first matching pattern: ` +
      TITLE_FAMILIES.map(([name], f) => `${name} ${counts[f]}`).join(', ') +
      `). Kept: the ${k} families with ≥ 100 postings, ${labelled.length} of ${postings.length} postings. ` +
      `Descriptions only are embedded (titles are the labels), project tokenizer; k-means (k = ${k}, 5 inits, seed 1); ARI against the title family.\n`,
  );
  console.log('| representation | dim | ARI | embed seconds | empty docs |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [name, representation, mode] of [
    ['w2v-tfidf (CBOW)', 'w2v-tfidf', 'cbow'],
    ['w2v-tfidf (skip-gram)', 'w2v-tfidf', 'skipgram'],
    ['lsa (100)', 'lsa', undefined],
    ['hybrid (CBOW + lsa)', 'hybrid', 'cbow'],
  ] as [string, Representation, Word2VecMode | undefined][]) {
    const r = embedDocuments(docs, { representation, seed: 1, threads: 2, word2vec: mode ? { mode } : undefined });
    const { vectors, documentIndex } = dropEmptyDocuments(r);
    const labels = new KMeans({ k, seed: 1, nInit: 5 }).fit(vectors).labels;
    const truth = Int32Array.from(documentIndex, (i) => labelled[i].family);
    console.log(
      `| ${name} | ${vectors.cols} | ${adjustedRandIndex(truth, labels).toFixed(3)} | ${r.timings.total.toFixed(1)} | ${r.emptyDocuments.length} |`,
    );
  }
}

async function lsaTiming(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`\n> Skipped the LSA timing: ${CORPUS} not found (the shared corpus lives beside the project).\n`);
    return;
  }
  console.log(`\n## LSA (TF-IDF → randomized truncated SVD) on the real corpus\n`);
  console.log(
    `Title + description, cleaned, project tokenizer; TF-IDF minDf 2, sublinear tf; Lsa({ components: 100, seed: 1 }) ` +
      `(10 oversamples, 4 power iterations). Best of ${RUNS} runs after one warm-up (WebAssembly compile, worker start). ` +
      `CPU s = process CPU time of the fit, all threads (less sensitive to other processes than wall time). ` +
      `"1 = 2 threads" checks that the components are bit-identical for 1 and 2 threads.\n`,
  );
  console.log(
    '| corpus | documents × terms | non-zeros | TF-IDF s | fit s, 1 thread | fit s, 2 threads | fit CPU s, 2 threads | transform s, 2 threads | σ₁ | σ₁₀₀ | 1 = 2 threads |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const [name, limit] of [
    ['10k sample', 10_000],
    ['whole corpus', undefined],
  ] as [string, number | undefined][]) {
    const { jobs } = await loadJobs(CORPUS, { minDescriptionLength: 50, ...(limit ? { limit } : {}) });
    const docs = createTokenizer().tokenizeAll(jobs.map((j) => cleanText(`${j.title}\n${j.description}`)));
    let t = performance.now();
    const X = new TfidfVectorizer({ minDf: 2, sublinearTf: true }).fit(docs).transform(docs);
    const tfidfSeconds = (performance.now() - t) / 1000;
    const best = (threads: number) => {
      let fit = Infinity;
      let cpu = Infinity;
      let transform = Infinity;
      let model;
      for (let run = 0; run <= RUNS; run++) {
        t = performance.now();
        const c = process.cpuUsage();
        model = new Lsa({ components: 100, seed: 1, threads }).fit(X);
        const f = (performance.now() - t) / 1000;
        const used = process.cpuUsage(c);
        if (run > 0) cpu = Math.min(cpu, (used.user + used.system) / 1e6);
        t = performance.now();
        model.transform(X, { threads });
        const tr = (performance.now() - t) / 1000;
        if (run > 0) {
          fit = Math.min(fit, f);
          transform = Math.min(transform, tr);
        }
      }
      return { fit, cpu, transform, model: model! };
    };
    const one = best(1);
    const two = best(2);
    const same = one.model.components.every((v, i) => v === two.model.components[i]);
    const sv = two.model.singularValues;
    console.log(
      `| ${name} | ${X.rows.toLocaleString('en-US')} × ${X.cols.toLocaleString('en-US')} | ${X.indptr[X.rows].toLocaleString('en-US')} | ${tfidfSeconds.toFixed(2)} | ` +
        `${one.fit.toFixed(3)} | ${two.fit.toFixed(3)} | ${two.cpu.toFixed(3)} | ${two.transform.toFixed(3)} | ${sv[0].toFixed(4)} | ${sv[sv.length - 1].toFixed(4)} | ${same ? 'yes' : 'NO'} |`,
    );
  }
}

console.log('# Embedding benchmark\n');
console.log(machine());
const only = flag('only-lsa');
if (!only && !flag('skip-w2v')) await word2vecBenchmark();
if (!only && !flag('skip-compare')) representationComparison();
if (!only && !flag('skip-real')) await realTitleFamilies();
if (!flag('skip-lsa')) await lsaTiming();
