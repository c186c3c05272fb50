/**
 * Parameters declared once. Every estimator and pipeline stage describes its
 * parameters as data (a `ParamSpec` per name, in the manner of scikit-learn's
 * `_parameter_constraints`); `validateParams` checks an object against them and
 * fills the defaults, the CLI derives its flags and `--help` from the same
 * declarations, and the docs tables are generated from them. So a range or a
 * default is written in one place and cannot disagree between layers.
 */
import { ParameterError } from './errors.js';
import { MAX_THREADS } from './pool.js';

export type ParamType = 'integer' | 'number' | 'boolean' | 'enum' | 'string';

/** The declaration of one parameter. */
export interface ParamSpec {
  readonly type: ParamType;
  /**
   * Value used when the parameter is not given; `undefined` when the default is
   * computed (from the data or another parameter — the `doc` says how).
   */
  readonly default: number | string | boolean | undefined;
  /** Smallest allowed value (integer, number), inclusive. */
  readonly min?: number;
  /** Largest allowed value (integer, number), inclusive. */
  readonly max?: number;
  /** The value must be strictly greater than this (integer, number). */
  readonly exclusiveMin?: number;
  /** Allowed values (enum). */
  readonly values?: readonly string[];
  /** The string 'auto' is accepted as well: the value is then computed from the data. */
  readonly auto?: boolean;
  /** One line for `--help` and the docs table. */
  readonly doc: string;
}

export type ParamSpecs = Readonly<Record<string, ParamSpec>>;

export interface ValidateParamsContext {
  /** Prefix of parameter names in error messages, e.g. 'kmeans.' (default none). */
  readonly prefix?: string;
  /** Names that are accepted and passed through unchecked (e.g. 'threads', checked by `checkThreads`). */
  readonly passThrough?: readonly string[];
}

/** What a spec allows, in words, for error messages and `--help`. */
export function describeSpec(spec: ParamSpec): string {
  const auto = spec.auto ? ` or 'auto'` : '';
  switch (spec.type) {
    case 'boolean':
      return 'true or false';
    case 'string':
      return `a string${auto}`;
    case 'enum':
      return `one of ${(spec.values ?? []).map((v) => `'${v}'`).join(', ')}${auto}`;
    case 'integer':
    case 'number': {
      const lower = spec.exclusiveMin !== undefined ? `(${spec.exclusiveMin}` : spec.min !== undefined ? `[${spec.min}` : '(−∞';
      const upper = spec.max !== undefined ? `${spec.max}]` : '∞)';
      return `${spec.type === 'integer' ? 'an integer' : 'a number'} in ${lower}, ${upper}${auto}`;
    }
  }
}

/** Checks one value against its spec; returns it, or throws a ParameterError naming `name`. */
export function validateParam(name: string, spec: ParamSpec, value: unknown): unknown {
  const fail = (): never => {
    throw new ParameterError(name, value, describeSpec(spec));
  };
  if (spec.auto && value === 'auto') return value;
  switch (spec.type) {
    case 'boolean':
      if (typeof value !== 'boolean') fail();
      return value;
    case 'string':
      if (typeof value !== 'string') fail();
      return value;
    case 'enum':
      if (typeof value !== 'string' || !(spec.values ?? []).includes(value)) fail();
      return value;
    case 'integer':
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail();
      if (spec.type === 'integer' && !Number.isInteger(value)) fail();
      if (spec.min !== undefined && value < spec.min) fail();
      if (spec.max !== undefined && value > spec.max) fail();
      if (spec.exclusiveMin !== undefined && value <= spec.exclusiveMin) fail();
      return value;
    }
  }
}

/**
 * Validates `given` against `specs`: unknown names and bad values throw a
 * ParameterError naming the parameter; missing ones take the declared default
 * (left out when the default is computed). Returns a new object.
 */
export function validateParams(
  specs: ParamSpecs,
  given: Readonly<Record<string, unknown>> | undefined | null,
  context: ValidateParamsContext = {},
): Record<string, unknown> {
  const prefix = context.prefix ?? '';
  if (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given))) {
    throw new ParameterError(prefix ? prefix.replace(/\.$/, '') : 'params', given, 'an object of parameters');
  }
  const values = given ?? {};
  const pass = new Set(context.passThrough ?? []);
  for (const name of Object.keys(values)) {
    if (!(name in specs) && !pass.has(name) && values[name] !== undefined) {
      throw new ParameterError(`${prefix}${name}`, values[name], `a known parameter (${Object.keys(specs).join(', ')})`);
    }
  }
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const value = values[name];
    if (value === undefined) {
      if (spec.default !== undefined) out[name] = spec.default;
    } else out[name] = validateParam(`${prefix}${name}`, spec, value);
  }
  return out;
}

/**
 * The one check of a `threads` option, for every estimator and stage:
 * undefined (all cores) or an integer in [1, MAX_THREADS] (the worker pool's limit).
 */
export function checkThreads(threads: unknown, name = 'threads'): number | undefined {
  if (threads === undefined) return undefined;
  return validateParam(name, THREADS_SPEC, threads) as number;
}

export const THREADS_SPEC: ParamSpec = {
  type: 'integer',
  default: undefined,
  min: 1,
  max: MAX_THREADS,
  doc: 'compute threads (default: all cores); results do not depend on it',
};

/** `minClusterSize` → `min-cluster-size`: the CLI flag of a parameter. */
export function paramFlag(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
