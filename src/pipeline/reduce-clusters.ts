/**
 * `reduceClusters(result, n)`: BERTopic's `reduce_topics`, done on the merge
 * tree. Each clustering is cut to n clusters with `mergeLabels` (the closest
 * groups merge first), then scored, named and tested again by the run's own
 * step (names, scores, facets, salary, trends — whatever the run computes from
 * labels) and the report rebuilt. `predict` maps the fitted model's labels old →
 * new. Clusterings with n or fewer clusters, or without a hierarchy, stay as they are.
 */
import { ParameterError, type Labels } from '../core/index.js';
import { mergeLabels } from '../cluster/index.js';
import { renderMarkdown } from '../report/index.js';
import { countNoise } from './cluster-loop.js';
import type { ClusteringOutcome } from './outcome.js';
import { registerRun, runContext } from './run-context.js';
import type { PipelineResult } from './run-pipeline.js';

export interface ReduceClustersOptions {
  /** Clusterings to reduce, by registry name (default: every one with more than n clusters). */
  algorithms?: readonly string[];
}

export function reduceClusters(result: PipelineResult, n: number, options: ReduceClustersOptions = {}): PipelineResult {
  const context = result && typeof result === 'object' ? runContext(result) : undefined;
  if (!context) throw new ParameterError('result', typeof result, 'a result returned by runPipeline (or reduceClusters)');
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new ParameterError('n', n, 'an integer ≥ 1');
  const names = Object.keys(result.clusterings);
  const chosen = options.algorithms ?? names;
  chosen.forEach((a, i) => {
    if (!names.includes(a)) throw new ParameterError(`algorithms[${i}]`, a, `one of the run's clusterings: ${names.join(', ')}`);
  });
  const largest = Math.max(...chosen.map((a) => result.clusterings[a]!.nClusters));
  if (n > largest) throw new ParameterError('n', n, `at most the run's number of clusters (${largest})`);

  const mappings = new Map<string, Int32Array>();
  const outcomes: ClusteringOutcome[] = names.map((name) => {
    const c = result.clusterings[name]!;
    if (!chosen.includes(name) || c.nClusters <= n || !c.hierarchy) return c;
    const merged = mergeLabels(c.labels, c.hierarchy, n);
    mappings.set(name, merged.mapping);
    const relabel = (labels: Labels): Labels => labels.map((l) => (l < 0 ? l : merged.mapping[l]));
    return {
      ...c,
      ...context.validateLabels(merged.labels, n),
      params: { ...c.params, reducedFrom: c.nClusters },
      labels: merged.labels,
      labelsByPosting: relabel(c.labelsByPosting),
      nClusters: n,
      noise: countNoise(merged.labels),
      hierarchy: merged.hierarchy,
    };
  });
  const report = context.reportOf(outcomes);
  const reduced: PipelineResult = {
    ...result,
    clusterings: Object.fromEntries(outcomes.map((c) => [c.algorithm, c])),
    report,
    predict: (jobs) => {
      const prediction = result.predict(jobs);
      for (const [name, mapping] of mappings) {
        const labels = prediction.labels[name];
        if (labels) prediction.labels[name] = labels.map((l) => (l < 0 ? l : mapping[l]));
      }
      return prediction;
    },
    markdown: () => renderMarkdown(report),
    html: () => context.html(report, outcomes),
  };
  registerRun(reduced, context);
  return reduced;
}
