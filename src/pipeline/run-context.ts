/**
 * What `reduceClusters` needs from the run that produced a result: the run's own
 * scoring/facet step and report builder (so merged clusters are scored and
 * reported exactly as the run's were, not by a second copy), kept beside the
 * result rather than on it so that `PipelineResult` stays plain data + methods.
 */
import type { Labels } from '../core/index.js';
import type { PipelineReport } from '../report/index.js';
import type { ClusteringOutcome } from './outcome.js';

export interface RunContext {
  /** Scores, keywords, facets (and whatever else the run derives from labels) of one labelling of the rows. */
  validateLabels(labels: Labels, nClusters: number): Partial<ClusteringOutcome>;
  /** The report of the run with these clusterings. */
  reportOf(outcomes: readonly ClusteringOutcome[]): PipelineReport;
  /** The interactive page of a report of the run (with the map's per-point data). */
  html(report: PipelineReport, outcomes: readonly ClusteringOutcome[]): string;
  threads?: number;
}

const runs = new WeakMap<object, RunContext>();

export function registerRun(result: object, context: RunContext): void {
  runs.set(result, context);
}

export function runContext(result: object): RunContext | undefined {
  return runs.get(result);
}
