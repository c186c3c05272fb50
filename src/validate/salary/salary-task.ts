/**
 * `salaryPremiums` on worker threads: the plan's parts (the cluster rows, then
 * one part per city) are spread over the task pool, one bundle of parts per
 * thread, with results identical to `salaryPremiums` for any thread count (each
 * part bootstraps from its own generator; see `SalaryPlan`).
 */
import { defineTask, mapTask, resolveThreads } from '../../core/index.js';
import {
  salaryPart,
  salaryPartCost,
  salaryPlan,
  type SalaryInput,
  type SalaryOptions,
  type SalaryPlan,
  type SalaryPremium,
} from './salary-premiums.js';

/** One item is a bundle of parts; its result, the rows of each part in the bundle's order. */
export const salaryTask = defineTask({
  name: 'salary-premiums',
  prepare: (context: { input: SalaryInput; options: SalaryOptions }): SalaryPlan => salaryPlan(context.input, context.options),
  run: (plan: SalaryPlan, parts: number[]): SalaryPremium[][] => parts.map((part) => salaryPart(plan, part)),
});

/** `salaryPremiums(input, options)` on `threads` threads (default: every core; 1 = the calling thread). */
export async function salaryPremiumsAsync(
  input: SalaryInput,
  options: SalaryOptions = {},
  { threads }: { threads?: number } = {},
): Promise<SalaryPremium[]> {
  // Checked (and planned) here, so that bad input fails at once with the field's name, not inside a worker.
  const plan = salaryPlan(input, options);
  const parts = Array.from({ length: plan.parts }, (_, k) => k);
  const n = Math.min(resolveThreads(threads), parts.length);
  if (n <= 1) return parts.flatMap((k) => salaryPart(plan, k));
  // One bundle of parts per thread, all sent at once, of about equal cost (the largest part first
  // to the least loaded bundle). Handed out one part at a time, the parts after the first would
  // wait for this thread, which the rest of the validation keeps busy for seconds at 200k rows.
  const bundles = balancedBundles(
    parts.map((k) => salaryPartCost(plan, k)),
    n,
  );
  const results = await mapTask(salaryTask, bundles, { context: { input, options }, threads: n, chunkSize: 1 });
  const byPart: SalaryPremium[][] = new Array(parts.length);
  bundles.forEach((bundle, b) => bundle.forEach((part, k) => (byPart[part] = results[b][k])));
  return byPart.flat();
}

/** Indices 0 … costs.length − 1 in `count` bundles by greedy LPT (ties: lower index), each ascending. */
function balancedBundles(costs: readonly number[], count: number): number[][] {
  const bundles: number[][] = Array.from({ length: count }, () => []);
  const load = new Float64Array(count);
  const order = costs.map((_, k) => k).sort((a, b) => costs[b] - costs[a] || a - b);
  for (const k of order) {
    let least = 0;
    for (let b = 1; b < count; b++) if (load[b] < load[least]) least = b;
    bundles[least].push(k);
    load[least] += costs[k];
  }
  for (const bundle of bundles) bundle.sort((a, b) => a - b);
  return bundles;
}
