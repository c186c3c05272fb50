/**
 * CLI flags derived from parameter specs (src/core/params.ts): the flag of a
 * parameter is its name in kebab case (`minClusterSize` → `--min-cluster-size`),
 * its value is parsed and checked by the same spec as the library's, and its
 * `--help` line is the spec's doc and default. Errors name the flag as typed
 * and exit with status 2 before any input is read.
 */
import { describeSpec, paramFlag, validateParam, ParameterError, type ParamSpec, type ParamSpecs } from '../core/index.js';
import { CliUsageError } from './command.js';

export type FlagValues = Record<string, string | boolean | undefined>;

/** node:util parseArgs option declarations for specs. */
export function parseArgsOptions(specs: ParamSpecs, skip: readonly string[] = []): Record<string, { type: 'string' | 'boolean' }> {
  const out: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (skip.includes(name)) continue;
    out[paramFlag(name)] = { type: spec.type === 'boolean' ? 'boolean' : 'string' };
  }
  return out;
}

/** The value of `--flag` for a spec, checked; undefined when the flag is absent. */
export function flagValue(flag: string, spec: ParamSpec, raw: string | boolean | undefined): unknown {
  if (raw === undefined) return undefined;
  let value: unknown = raw;
  if ((spec.type === 'integer' || spec.type === 'number') && !(spec.auto && raw === 'auto')) {
    value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  }
  try {
    return validateParam(`--${flag}`, spec, value);
  } catch (err) {
    if (err instanceof ParameterError) throw new CliUsageError(`--${flag}: got '${String(raw)}', expected ${err.expected}`);
    throw err;
  }
}

/** Parameters from the flags that were given, by parameter name. */
export function paramsFromFlags(specs: ParamSpecs, values: FlagValues, skip: readonly string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if (skip.includes(name)) continue;
    const v = flagValue(paramFlag(name), spec, values[paramFlag(name)]);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

/** `--help` lines for specs: flag, value kind, doc and default. */
export function helpLines(specs: ParamSpecs, defaults: Readonly<Record<string, unknown>> = {}, skip: readonly string[] = []): string[] {
  return Object.entries(specs)
    .filter(([name]) => !skip.includes(name))
    .map(([name, spec]) => {
      const flag = `--${paramFlag(name)}${spec.type === 'boolean' ? '' : spec.type === 'enum' ? ' ' + (spec.values ?? []).join('|') : ' ' + kind(spec)}`;
      const fallback = name in defaults ? defaults[name] : spec.default;
      const dflt = fallback === undefined ? '' : ` (default ${String(fallback)})`;
      return `  ${flag.length >= 33 ? flag + '\n' + ' '.repeat(36) : flag.padEnd(34)}${spec.doc}${dflt}${spec.type === 'enum' ? '' : spec.type === 'boolean' ? '' : `; ${describeSpec(spec)}`}`;
    });
}

function kind(spec: ParamSpec): string {
  return spec.type === 'integer' ? 'N' : spec.type === 'number' ? 'X' : 'S';
}

/** Turns a library ParameterError about `param` into a usage error naming its flag. */
export function asFlagError(err: unknown, flagOf: (param: string) => string | undefined): never {
  if (err instanceof ParameterError) {
    const flag = flagOf(err.parameter);
    if (flag) throw new CliUsageError(`${flag}: got ${JSON.stringify(err.received)}, expected ${err.expected}`);
  }
  throw err;
}
