/**
 * `runPipeline`: JD postings in, clusters + scores + keywords + facet bias +
 * report out. It strings the stages together through their public entries:
 *
 *   clean → dedupe (dedupe-rule.ts) → tokenize → embed (an `Embedder`) →
 *   reduce (a `Reducer`, identity by default) → cluster (the registry,
 *   cluster-loop.ts) → score (scoring.ts) → facets, salary, trends (facet-analysis.ts) →
 *   agreement (agreement.ts) → map (document-map.ts) → report (report-mapping.ts)
 *
 * and owns only the bookkeeping between them (rows.ts, input-records.ts).
 * Asynchronous so that stages can move to worker threads; estimators stay
 * synchronous.
 *
 * At more than one thread the map is not last in time: its kNN runs once the first
 * clustering is fitted, and its layout on a worker thread beside the validations
 * and the later fits, which keep this thread busy meanwhile; the layout's last
 * epochs then run on every thread (docs/pipeline.md, "Threads").
 */
import { ParameterError, resolveThreads, type Labels, type Matrix } from '../core/index.js';
import packageJson from '../../package.json';
import {
  dataQuality,
  cleanPostingsAsync,
  findTemplates,
  TITLE_ONLY_MAX_DESCRIPTION_CHARS,
  normalizeCompany,
  type DuplicateReport,
  type FacetId,
  type JobPosting,
  type LoadJobsResult,
  type TemplateReport,
} from '../data/index.js';
import { Tokenizer } from '../tokenize/index.js';
import { TokenInterner } from '../tokenize/token-interning.js';
import { precomputedEmbedder, representationEmbedder, type EmbeddedDocuments, type FittedEmbedding } from '../embed/index.js';
import { buildReport, renderHtml, renderMarkdown, type PipelineReport } from '../report/index.js';
import { crossAgreement, groundTruthOfRows } from './agreement.js';
import { countNoise, type FittedClustering } from './cluster-loop.js';
import { reportKeywordOptions } from './cluster-names.js';
import { fitTextClustering } from './text-clustering.js';
import { dedupePostingsAsync, findTemplatesIfAsync } from './dedupe-rule.js';
import { inputRecords, type InputRecords, type LoadedRecords } from './input-records.js';
import { resolveOptions, type PipelineOptions } from './options.js';
import type { ClusteringOutcome } from './outcome.js';
import { postingText } from './posting-text.js';
import { predictPostings, type PipelinePrediction, type PostingToPredict } from './prediction.js';
import { identityReducer } from './reducer.js';
import { clusteringInput, skippedByReason, skippedRecords, type ReportInput } from './report-mapping.js';
import { mapRows, withTokens, type SkippedPosting } from './rows.js';
import { labelValidator } from './validate-labels.js';
import { clusterHierarchy } from '../cluster/index.js';
import { mapOfLayout, startDocumentMap, wantsMap, type StartedDocumentMap } from './document-map.js';
import { pageRows } from './page-rows.js';
import { registerRun, type RunContext } from './run-context.js';

export interface PipelineResult {
  /** Ids of the input postings, in input order. */
  ids: string[];
  /** The postings behind the vector rows. */
  postings: JobPosting[];
  /** Input index of each vector row. */
  postingOfRow: Int32Array;
  /** Vector row of each input posting (its representative's row for a duplicate), −1 for none. */
  rowOfPosting: Int32Array;
  /** Input records (postings + records skipped at load) and where each posting came from. */
  records: InputRecords;
  /** Token list of each vector row. */
  tokens: string[][];
  /** The rows clustered (after the reducer, if any). */
  vectors: Matrix;
  /** Name and dimension of the representation the rows were clustered in. */
  representation: { name: string; dim: number };
  /** The duplicate groups found (`null` when `dedupe: false`). */
  duplicates: DuplicateReport | null;
  /** One employer's template groups (embedded once, like duplicates); null when off. */
  templates: TemplateReport | null;
  /** Per vector row: embedded from a title alone (`isTitleOnly` of its posting). */
  titleOnly: Uint8Array;
  /** Postings that got no vector row, and why (duplicates are not listed: they share a row). */
  skipped: SkippedPosting[];
  /** One outcome per algorithm run, by registry name. */
  clusterings: Partial<Record<string, ClusteringOutcome>>;
  /**
   * Wall-clock seconds of each stage, in the order they ran; they add up to the pipeline's time.
   * At more than one thread the map's layout overlaps clustering and validation, and `map`
   * counts only its kNN and the finishing of the layout at the end.
   */
  timings: { stage: string; seconds: number }[];
  /** The fitted embedding (built-in models under `model`). */
  embedder: FittedEmbedding;
  /** The built-in representation's fitted models (TF-IDF, LSA, word vectors); absent for other embedders. */
  embedding?: EmbeddedDocuments;
  /** The tokenizer the postings went through. */
  tokenizer: Tokenizer;
  /** The JSON report (schema: docs/report-schema.md). */
  report: PipelineReport;
  /**
   * New postings (`{ title, description }` at least) into the fitted clusters, without
   * refitting: cleaned and tokenized as the input was, embedded with the fitted
   * embedder, then `predict` of every clusterer that can (HDBSCAN keeps noise noise even
   * when `reassignNoiseThreshold` moved the training noise).
   */
  predict(jobs: readonly PostingToPredict[]): PipelinePrediction;
  /** The report as Markdown (what `writePipelineOutputs` writes to report.md). */
  markdown(): string;
  /** The report as one self-contained HTML page (report.html). */
  html(): string;
}

/** Runs the whole pipeline on postings (or on the result of `loadJobs` / `loadRecords`). */
export async function runPipeline(
  input: readonly JobPosting[] | LoadJobsResult | LoadedRecords,
  options: PipelineOptions = {},
): Promise<PipelineResult> {
  if (!Array.isArray(input) && !(input && Array.isArray((input as LoadJobsResult).jobs))) {
    throw new ParameterError('input', input, 'an array of JobPosting or a LoadJobsResult');
  }
  const records = inputRecords(input);
  const jobs = records.jobs;
  const o = resolveOptions(options, jobs.length, records.total);
  const timings: { stage: string; seconds: number }[] = [];
  const stage = async <T>(name: string, work: () => T | Promise<T>): Promise<T> => {
    o.onProgress?.({ stage: name, phase: 'start' });
    const t0 = performance.now();
    const value = await work();
    const seconds = (performance.now() - t0) / 1000;
    timings.push({ stage: name, seconds });
    o.onProgress?.({ stage: name, phase: 'end', seconds });
    // Let the event loop breathe between stages (progress output, timers).
    await new Promise((resolve) => setImmediate(resolve));
    return value;
  };

  // 1. Clean, then find duplicates: only representatives are tokenized and embedded.
  // Cleaning, one employer's templates, duplicate signatures and tokenizing run on `threads`
  // worker threads (src/core/task-pool.ts); their results do not depend on the thread count.
  // The descriptions' cleaned lengths (the title-only rule and the data-quality table) are measured on the workers too.
  let tokenizer!: Tokenizer;
  let templatesFound: TemplateReport | null = null;
  const { texts, descriptionLengths } = await stage('clean', async () => {
    // Its jieba dictionary is built only if this thread cuts texts: at one thread.
    tokenizer = o.tokenizer instanceof Tokenizer ? o.tokenizer : new Tokenizer(o.tokenizer);
    const cleaning = cleanPostingsAsync(jobs, o.clean, { threads: o.threads });
    // The templates read the postings as loaded, not the cleaned texts: their blocks are
    // compared beside the cleaning (queued behind it on the workers), not after it.
    const templating = findTemplatesIfAsync(jobs, o.dedupe === false ? false : (o.templates ?? true), o.threads);
    const [cleaned, found] = await Promise.all([cleaning, templating]);
    templatesFound = found;
    return cleaned;
  });
  let warming: Promise<void> = Promise.resolve();
  const { duplicates, templates, templateCopies, representative } = await stage('duplicates', () => {
    const outcome = dedupePostingsAsync(jobs, texts, o.dedupe ?? true, o.clean !== false, templatesFound, o.threads);
    // The workers build their tokenizers (unless warm already), queued behind the signatures,
    // while this thread joins near duplicates (dedupe-rule.ts).
    warming = tokenizer.warmUpWorkers({ threads: o.threads });
    return outcome;
  });
  const candidates: number[] = [];
  for (let i = 0; i < jobs.length; i++) if (representative[i] === i) candidates.push(i);

  // 2. Tokenize the representatives; postings with no token left get no row.
  // Titles are tokenized alone as well: the embedder weighs them (the title says much of what a JD is).
  const { textTokens, titleTokens } = await stage('tokenize', async () => {
    await warming;
    // In blocks, each unpacked into shared token instances as it arrives (the workers send
    // each block's lists packed: distinct tokens once, the lists as ids), so that the token
    // lists in flight stay bounded. Each block's cleaned texts are dropped once tokenized.
    const interner = new TokenInterner();
    const textTokens: string[][] = [];
    const titleTokens: string[][] = [];
    const blocks: number[][] = [];
    for (let start = 0; start < candidates.length; start += TOKENIZE_BLOCK) blocks.push(candidates.slice(start, start + TOKENIZE_BLOCK));
    const request = (block: readonly number[]) => {
      const sent = {
        texts: tokenizer.tokenizeForInterning(
          block.map((i) => texts[i]),
          { threads: o.threads },
        ),
        titles: tokenizer.tokenizeForInterning(
          block.map((i) => postingText({ title: jobs[i].title, description: '' }, o.clean)),
          { threads: o.threads },
        ),
      };
      // A failure is raised where the block is awaited, not as an unhandled rejection meanwhile.
      sent.texts.catch(() => undefined);
      sent.titles.catch(() => undefined);
      return sent;
    };
    // At more than one thread the next block is queued before this one is interned, and this one
    // is interned part by part (`internAsync`), so that the workers' replies are handled and new
    // chunks sent meanwhile; at one thread (nothing to overlap) one block at a time.
    // Interning follows the blocks' order either way, so token ids do not depend on the threads.
    const lookAhead = resolveThreads(o.threads) > 1;
    let next = blocks.length > 0 ? request(blocks[0]) : null;
    for (let b = 0; b < blocks.length; b++) {
      const current = next!;
      if (lookAhead) next = b + 1 < blocks.length ? request(blocks[b + 1]) : null;
      for (const list of await (await current.texts).internAsync(interner)) textTokens.push(list);
      for (const list of await (await current.titles).internAsync(interner)) titleTokens.push(list);
      for (const i of blocks[b]) texts[i] = '';
      if (!lookAhead) next = b + 1 < blocks.length ? request(blocks[b + 1]) : null;
    }
    // Nothing reads the cleaned texts after tokenizing (duplicates had them before).
    texts.fill('');
    return { textTokens, titleTokens };
  });
  const tokenized = withTokens(jobs, candidates, textTokens);
  // Title tokens by posting index (an array: a Map of a million entries costs ~100 MB more).
  const titleOfPosting: string[][] = new Array<string[]>(jobs.length);
  candidates.forEach((i, c) => (titleOfPosting[i] = titleTokens[c]));
  if (tokenized.postings.length < 2) {
    throw new ParameterError(
      'input',
      `${tokenized.postings.length} posting(s) with tokens`,
      'at least 2 postings with text left after cleaning and tokenizing',
    );
  }

  // 3. Embed, 4. reduce; rows the embedder leaves empty are reported, not clustered.
  const embedder =
    o.embedder ?? (o.embeddings !== undefined ? precomputedEmbedder(o.embeddings) : representationEmbedder(o.representation, o.embed));
  const embedding = await stage('embed', () =>
    embedder.fit(tokenized.tokens, {
      records: Int32Array.from(tokenized.postings, (i) => records.recordOfJob[i]),
      seed: o.seed,
      threads: o.threads,
      titles: tokenized.postings.map((i) => titleOfPosting[i]),
    }),
  );
  const rows = mapRows(jobs, representative, tokenized, embedding);
  const reducer = o.reducer ?? identityReducer;
  const vectors =
    reducer === identityReducer
      ? rows.vectors
      : await stage('reduce', () => reducer.fit(rows.vectors, { seed: o.seed, threads: o.threads }));
  if (vectors.rows !== rows.vectors.rows) throw new ParameterError('reducer', reducer.name, 'a reducer that returns one row per input row');
  const representation = { name: embedding.name, dim: vectors.cols };
  // isTitleOnly of every posting, from the lengths measured in the clean stage; read by the clustering and every facet test.
  const titleOnlyOfPosting = Array.from(descriptionLengths, (length) => length <= TITLE_ONLY_MAX_DESCRIPTION_CHARS);
  const titleOnly = Uint8Array.from(rows.postingOfRow, (i) => (titleOnlyOfPosting[i] ? 1 : 0));
  const rowTitles = Array.from(rows.postingOfRow, (i) => jobs[i].title);
  const keywordOptions = reportKeywordOptions(o.keywords);
  const truth = o.groundTruth ? groundTruthOfRows(o.groundTruth, rows.postingOfRow) : null;

  // 7 (begun early). The document map (skipped on large inputs unless asked for: its kNN is exact, O(n²)).
  // At more than one thread it starts once the first clustering is fitted (with every thread:
  // HDBSCAN by default, the costliest fit): its kNN then runs on every thread, and its layout on one
  // worker beside the validations and the later fits, which keep this thread busy; at one thread it
  // runs last, alone. Either way the layout is the same (document-map.ts).
  const withMap = wantsMap(o.map, vectors.rows);
  const mapAside = withMap && resolveThreads(o.threads) > 1;
  let mapStarted = null as StartedDocumentMap | null; // set by startMapAside (a closure: no narrowing to null)
  let layoutRunning = false;
  // While the layout holds a core, this thread's kernels take one thread fewer: the spanning tree's
  // threads meet at every step, and a thread the OS has descheduled for the layout's would stall them.
  // The salary analysis then stays on this thread at two threads (the other core is busy already, and
  // on a worker it would cost more CPU: its plan built again, its code compiled again).
  const computeThreads = (): number | undefined => (layoutRunning ? Math.max(1, resolveThreads(o.threads) - 1) : o.threads);
  const startMapAside = (): void => {
    if (!mapAside || mapStarted) return;
    mapStarted = startDocumentMap(vectors, { seed: o.seed, threads: o.threads });
    layoutRunning = true;
    // A failing layout is reported when finished, not as an unhandled rejection meanwhile.
    void mapStarted.settled.then(() => (layoutRunning = false));
  };

  // 5–6. Cluster with each algorithm, then score, name and test it.
  const fitted: FittedClustering[] = [];
  // Scores, names and facets of one labelling of the rows; `reduceClusters` reuses it for merged labels.
  const validator = labelValidator({
    vectors,
    tokens: rows.tokens,
    titles: rowTitles,
    jobs,
    postingOfRow: rows.postingOfRow,
    rowOfPosting: rows.rowOfPosting,
    titleOnlyOfPosting,
    facets: o.facets,
    bias: o.bias,
    keywords: keywordOptions,
    silhouette: o.silhouette,
    seed: o.seed,
    threads: o.threads,
    truth,
  });
  const outcomes: ClusteringOutcome[] = [];
  for (const algorithm of o.algorithms) {
    const c = await stage(`cluster:${algorithm}`, () =>
      fitTextClustering(algorithm, o.clusterParams[algorithm], vectors, {
        seed: o.seed,
        threads: computeThreads(),
        titleOnly,
        reassignNoiseThreshold: o.reassignNoiseThreshold,
      }),
    );
    fitted.push(c);
    const total = timings[timings.length - 1];
    // k 'auto' reports its own time: the scan is an optional step, not the clustering.
    if (c.kSelection) {
      total.seconds -= c.kSelection.seconds;
      timings.splice(timings.length - 1, 0, { stage: `select-k:${algorithm}`, seconds: c.kSelection.seconds });
    }
    const seconds = total.seconds;
    startMapAside();
    const validated = await stage(`validate:${algorithm}`, async () => {
      // The salary analysis runs on worker threads from here on, while this thread does the rest and the hierarchy.
      const threads = computeThreads();
      const labelsValidated = validator.validateAsync(c.labels, c.nClusters, threads);
      try {
        // The merge tree over the final clusters (the clusterer's own, HDBSCAN's condensed tree, or centroid linkage).
        // The final labels cover every row; the clusterer may have seen only the full postings (title-only rows set aside).
        const hierarchy =
          c.nClusters >= 2
            ? clusterHierarchy(
                {
                  labels: c.labels,
                  nClusters: c.nClusters,
                  hierarchy: c.result.hierarchy,
                  ...('condensedTree' in c.result && 'selectedClusters' in c.result
                    ? { condensedTree: c.result.condensedTree, selectedClusters: c.result.selectedClusters }
                    : {}),
                } as Parameters<typeof clusterHierarchy>[0],
                vectors,
                threads === undefined ? {} : { threads },
              )
            : null;
        return { ...(await labelsValidated), hierarchy };
      } catch (error) {
        labelsValidated.catch(() => undefined);
        throw error;
      }
    });
    outcomes.push({
      algorithm,
      params: { ...(c.params ?? c.result.params) },
      labels: c.labels,
      labelsByPosting: labelsByPosting(rows.rowOfPosting, c.labels),
      nClusters: c.nClusters,
      noise: countNoise(c.labels),
      noiseBeforeAssignment: c.noiseBeforeAssignment,
      seconds,
      reassigned: c.reassigned,
      kSelection: c.kSelection ? { criterion: c.kSelection.criterion, curve: c.kSelection.curve, chosen: c.kSelection.chosen } : null,
      ...validated,
      model: c.result,
    });
  }
  // Agreement between the algorithms themselves tells how stable the structure is.
  crossAgreement(outcomes);

  // 7. The map's layout: finished here if it ran aside (the worker stops, the epochs left run on
  // every thread). Its timing counts what it cost this thread (the kNN and the finishing), so that
  // the stages still add up to the pipeline's wall time.
  const map = !withMap
    ? null
    : await stage('map', async () => {
        const started = mapStarted ?? startDocumentMap(vectors, { seed: o.seed, threads: o.threads });
        const xy = await started.finish();
        return mapOfLayout(
          xy,
          vectors.rows,
          rows.rowOfPosting,
          jobs.map((j) => j.id),
        );
      });
  if (mapStarted) timings[timings.length - 1].seconds += mapStarted.knnSeconds;

  const skippedAll = skippedRecords(records, rows);
  const reportInput: ReportInput = {
    title: 'jd-cluster report',
    version: VERSION,
    dataset: {
      source: o.source,
      records: records.total,
      skipped: skippedAll.length,
      skippedByReason: skippedByReason(skippedAll),
      skippedRecords: skippedAll,
      duplicates: duplicates?.duplicateCount ?? 0,
      templates: templateCopies,
      used: vectors.rows,
    },
    // Platform rows first, then the other requested facets: the report opens with this table.
    dataQuality: await stage('data-quality', () =>
      dataQuality(jobs, {
        facet: o.facets.filter((f): f is FacetId => f !== 'platform'),
        ...(duplicates ? { duplicates } : {}),
        // The template groups found for the dedupe rule, when it ran: found once, not twice.
        templates: templates ?? findTemplates(jobs),
        descriptionLengths,
      }),
    ),
    representation: { ...representation, params: { notes: [...embedding.notes], ...(o.reducer ? { reducer: reducer.name } : {}) } },
    params: {
      algorithms: [...o.algorithms],
      seed: o.seed,
      threads: o.threads ?? null,
      dedupe: o.dedupe !== false,
      templates: o.dedupe !== false && o.templates !== false,
      reassignNoiseThreshold: o.reassignNoiseThreshold ?? null,
      facets: [...o.facets],
      map: map !== null,
    },
    timings,
    map,
    postings: {
      ids: Array.from(rows.postingOfRow, (i) => jobs[i].id),
      titles: Array.from(rows.postingOfRow, (i) => jobs[i].title),
      platforms: Array.from(rows.postingOfRow, (i) => jobs[i].platform),
      companies: Array.from(rows.postingOfRow, (i) => normalizeCompany(jobs[i].company ?? '')),
      titleOnly: Array.from(titleOnly, Boolean),
    },
    clusterings: outcomes.map(clusteringInput),
  };
  // The report of the run with given clusterings (`reduceClusters` passes merged ones).
  const reportOf = (outcomes: readonly ClusteringOutcome[]): PipelineReport =>
    buildReport({ ...reportInput, clusterings: outcomes.map(clusteringInput) });
  const context: RunContext = {
    validateLabels: validator.validate,
    reportOf,
    html: (report, outcomes) =>
      renderHtml(
        report,
        report.map
          ? {
              rows: pageRows(
                jobs,
                rows.rowOfPosting,
                o.facets,
                outcomes.map((c) => c.labelsByPosting),
              ),
            }
          : {},
      ),
    threads: o.threads,
  };
  const report = buildReport(reportInput);

  const result: PipelineResult = {
    ids: jobs.map((j) => j.id),
    postings: Array.from(rows.postingOfRow, (i) => jobs[i]),
    postingOfRow: rows.postingOfRow,
    rowOfPosting: rows.rowOfPosting,
    records,
    tokens: rows.tokens,
    vectors,
    representation,
    duplicates,
    templates,
    titleOnly,
    skipped: rows.skipped,
    clusterings: Object.fromEntries(outcomes.map((c) => [c.algorithm, c])),
    timings,
    embedder: embedding,
    ...(embedding.model ? { embedding: embedding.model } : {}),
    tokenizer,
    report,
    predict: (newJobs) =>
      predictPostings(newJobs, {
        clean: o.clean,
        tokenizer,
        embedding,
        reduced: reducer !== identityReducer,
        clusterings: fitted,
        threads: o.threads,
      }),
    markdown: () => renderMarkdown(report),
    html: () => context.html(report, outcomes),
  };
  registerRun(result, context);
  return result;
}

/** Postings tokenized per call to the workers: bounds the token lists in flight before interning (two blocks at threads > 1). */
const TOKENIZE_BLOCK = 16_384;

/** Package version, for reports. */
export const VERSION: string = packageJson.version;

function labelsByPosting(rowOfPosting: Int32Array, labels: Labels): Labels {
  return Int32Array.from(rowOfPosting, (r) => (r < 0 ? -1 : labels[r]));
}
