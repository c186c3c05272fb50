/**
 * `salaryPremiums` on worker threads: the plan's parts (the cluster rows, then
 * one part per city) are spread over the task pool, with results identical to
 * `salaryPremiums` for any thread count (each part bootstraps from its own
 * generator; see `SalaryPlan`).
 */
import { defineTask, mapTask, resolveThreads } from '../../core/index.js';
import { salaryPart, salaryPlan, type SalaryInput, type SalaryOptions, type SalaryPlan, type SalaryPremium } from './salary-premiums.js';

export const salaryTask = defineTask({
  name: 'salary-premiums',
  prepare: (context: { input: SalaryInput; options: SalaryOptions }): SalaryPlan => salaryPlan(context.input, context.options),
  run: (plan: SalaryPlan, part: number): SalaryPremium[] => salaryPart(plan, part),
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
  if (resolveThreads(threads) === 1 || parts.length < 2) return parts.flatMap((k) => salaryPart(plan, k));
  // One part per chunk: the cluster rows weigh as much as many cities together.
  const results = await mapTask(salaryTask, parts, { context: { input, options }, threads, chunkSize: 1 });
  return results.flat();
}
