/**
 * Predicting new postings into existing clusters, without refitting: keep the
 * fitted embedding (TF-IDF vocabulary + LSA projection) and the fitted
 * clusterers, then embed new postings with the same models and predict.
 * HDBSCAN's approximatePredict may answer −1 (noise) with a membership
 * probability; K-Means predict always picks the nearest centroid.
 * Run: npx tsx examples/predict-new-postings.ts
 */
import {
  HDBSCAN,
  KMeans,
  Tokenizer,
  adjustedRandIndex,
  cleanText,
  clusterKeywords,
  embedDocuments,
  generateJobs,
  selectRows,
  type JobPosting,
} from '../src/index.js';

const tokenizer = new Tokenizer();
const tokensOf = (jobs: readonly JobPosting[]) => tokenizer.tokenizeAll(jobs.map((j) => cleanText(`${j.title}\n${j.description}`)));

// 1. Fit on last month's postings: embedding models and clusterers.
const train = generateJobs({ n: 800, seed: 1, duplicateRate: 0, crossPostRate: 0, nearDuplicateRate: 0 });
const trainTokens = tokensOf(train.jobs);
const embedding = embedDocuments(trainTokens, { representation: 'lsa', seed: 1, threads: 2 });
const X = embedding.vectors; // no empty rows here; in general drop embedding.emptyDocuments first (runPipeline does)
const hdbscan = new HDBSCAN({ minClusterSize: 15, threads: 2 }).fit(X);
const kmeans = new KMeans({ k: 14, seed: 1, threads: 2 }).fit(X);
const names = new Map(clusterKeywords(trainTokens, hdbscan.labels).clusters.map((c) => [c.label, c.name]));
console.log(`fitted on ${X.rows} postings: HDBSCAN ${hdbscan.nClusters} clusters, K-Means ${kmeans.nClusters}`);

// 2. New postings: same tokenizer, same TF-IDF vocabulary and IDF, same LSA components.
const embedNew = (jobs: readonly JobPosting[]) => embedding.lsa!.transform(embedding.tfidf.transform(tokensOf(jobs)));
const fresh = generateJobs({ n: 200, seed: 2 });
const newX = embedNew(fresh.jobs);
const predicted = hdbscan.approximatePredict(newX);
const nearest = kmeans.predict(newX);

const handWritten: JobPosting[] = [
  {
    id: 'new-1',
    platform: 'BOSS',
    title: 'Go开发工程师',
    description: '负责基于Gin和go-zero的微服务开发，熟悉gRPC、Redis、MySQL，了解Kubernetes',
    raw: {},
  },
  {
    id: 'new-2',
    platform: 'LIEPIN',
    title: '量化交易系统开发',
    description: '低延迟交易网关开发，C++，熟悉DPDK、FPGA行情解码，CTP/FIX协议',
    raw: {},
  },
  { id: 'new-3', platform: 'MAIMAI', title: '咖啡师', description: '制作咖啡，门店清洁，热情服务顾客', raw: {} },
];
// A posting with no word of the training vocabulary embeds to a zero row, which has
// no cosine distance: the estimators reject it (InputError naming the row), so set it aside.
const handX = embedNew(handWritten);
const known = handWritten.map((_, i) => handX.data.subarray(i * handX.cols, (i + 1) * handX.cols).some((v) => v !== 0));
const knownRows = known.flatMap((k, i) => (k ? [i] : []));
const handPredicted = hdbscan.approximatePredict(selectRows(handX, knownRows));
const handNearest = kmeans.predict(selectRows(handX, knownRows));
handWritten.forEach((job, i) => {
  const r = knownRows.indexOf(i);
  if (r < 0) return console.log(`${job.title}: no word of the training vocabulary, not predicted`);
  const label = handPredicted.labels[r];
  const cluster = label < 0 ? 'noise' : `#${label} ${names.get(label)}`;
  console.log(`${job.title}: HDBSCAN ${cluster} (p = ${handPredicted.probabilities[r].toFixed(2)}), K-Means #${handNearest[r]}`);
});

const noise = predicted.labels.filter((l) => l < 0).length;
console.log(
  `200 new postings: HDBSCAN ${noise} noise, ARI vs archetype ${adjustedRandIndex(fresh.archetypeLabels, predicted.labels).toFixed(3)}; ` +
    `K-Means ARI ${adjustedRandIndex(fresh.archetypeLabels, nearest).toFixed(3)}`,
);
