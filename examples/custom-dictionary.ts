/**
 * Custom dictionary, synonyms and stop words: teach the tokenizer your own
 * product names, fold the spellings your postings use, drop words that carry no
 * meaning in your corpus, then run the pipeline with that tokenizer.
 * Run: npx tsx examples/custom-dictionary.ts
 */
import { Tokenizer, cleanText, generateJobs, runPipeline } from '../src/index.js';

const text = cleanText('负责天工数据平台与AcmeFlow调度器的研发，熟悉Golang、K8S Operator，有星河大模型落地经验优先，六险一金');

const plain = new Tokenizer();
const custom = new Tokenizer({
  userWords: ['天工数据平台', 'AcmeFlow', '星河大模型', '六险一金'], // kept whole (jieba cuts 星河|大模型, 六险|一金)
  synonyms: { add: { acmeflow: 'airflow', 星河大模型: '大模型' } }, // fold in-house names onto public ones
  stopWords: { add: ['落地', '六险一金'] }, // corpus-specific boilerplate
});
console.log('default tokens:', plain.tokenize(text).join(' '));
console.log('custom tokens: ', custom.tokenize(text).join(' '));

// Any pipeline stage can take the tokenizer; the report's keywords then use its tokens.
const corpus = generateJobs({ n: 300, seed: 3 });
const result = await runPipeline(corpus.jobs, { tokenizer: custom, algorithms: ['kmeans'], kmeans: { k: 14 }, threads: 2 });
const names = result.clusterings.kmeans!.keywords!.clusters.map((c) => c.name);
console.log(`k-means on ${result.vectors.rows} postings: ${names.slice(0, 5).join(' | ')} …`);
