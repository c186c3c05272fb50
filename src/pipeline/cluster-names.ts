/**
 * Cluster names and keywords for the report: c-TF-IDF keywords with the JD
 * boilerplate and section headers left out (they are in every posting, so they
 * name nothing — the tokenizer keeps them for embedding, where they measured
 * better), and names from `nameClusters` (the cluster's most common normalised
 * title + keywords; unique within the clustering; no job codes), computed on the
 * final labels, after noise and title-only rows were assigned.
 */
import type { Labels } from '../core/index.js';
import { JD_BOILERPLATE_STOP_WORDS, JD_SECTION_HEADERS } from '../tokenize/index.js';
import { ClusterNamer, type KeywordOptions, type KeywordResult } from '../validate/index.js';

/**
 * A re-posting site's trailer, "原标题：《电工》" (418 corpus postings): the word names the
 * field, not the job, yet it topped the keywords of two clusters of such postings.
 */
const SCRAPE_LABELS = ['原标题', '标题'];

/** What keywords and names leave out: JD boilerplate, section headers, scrape labels. */
const NAME_STOP_WORDS: readonly string[] = [...JD_BOILERPLATE_STOP_WORDS, ...JD_SECTION_HEADERS, ...SCRAPE_LABELS];

/** Keyword options with the boilerplate stop words added (the caller's own options win). */
export function reportKeywordOptions(options: KeywordOptions | undefined): KeywordOptions {
  return { stopWords: NAME_STOP_WORDS, ...options };
}

/** The report's `nameClusters` for the rows' tokens and titles, built once per run and used for every labelling. */
export function reportNamer(tokens: readonly (readonly string[])[], titles: readonly string[]): ClusterNamer {
  return new ClusterNamer({ tokens, titles, stopWords: NAME_STOP_WORDS });
}

/**
 * The keyword result with every cluster's `name` replaced by `nameClusters`' (noise keeps its own);
 * `namer`: the run's `reportNamer(tokens, titles)`, else one is built for this call.
 */
export function withClusterNames(
  keywords: KeywordResult | null,
  input: { tokens: readonly (readonly string[])[]; labels: Labels; titles: readonly string[] },
  namer?: ClusterNamer,
): KeywordResult | null {
  if (!keywords) return keywords;
  let any = false;
  for (let i = 0; i < input.labels.length && !any; i++) any = input.labels[i] >= 0;
  if (!any) return keywords;
  const names = (namer ?? reportNamer(input.tokens, input.titles)).name(input.labels);
  return { ...keywords, clusters: keywords.clusters.map((c) => (c.label >= 0 && names[c.label] ? { ...c, name: names[c.label] } : c)) };
}
