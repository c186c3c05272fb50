/**
 * Typed errors. Every error names what was wrong (parameter, record, line, row)
 * so that a user can find the offending input without a debugger.
 */

/** Base class: `instanceof JdClusterError` catches everything this library throws on purpose. */
export class JdClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A parameter has the wrong type or is out of range. */
export class ParameterError extends JdClusterError {
  constructor(
    readonly parameter: string,
    readonly received: unknown,
    readonly expected: string,
  ) {
    super(`Invalid parameter '${parameter}': got ${describe(received)}, expected ${expected}.`);
  }
}

/** Input data is unusable (NaN in a matrix, a zero vector, wrong shape …). */
export class InputError extends JdClusterError {
  constructor(
    message: string,
    /** Row / record index (0-based) when the problem is local to one row. */
    readonly index?: number,
  ) {
    super(message);
  }
}

/** A record of an input file could not be parsed or validated. */
export class RecordError extends JdClusterError {
  constructor(
    readonly reason: string,
    /** 1-based line (JSONL) or row (CSV, header excluded) number in the source. */
    readonly line: number,
    readonly source?: string,
  ) {
    super(`${source ? source + ': ' : ''}record at line ${line}: ${reason}`);
  }
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  if (Array.isArray(value)) return `array(${value.length})`;
  return typeof value;
}

/** Shared parameter checks, so that every estimator reports errors the same way. */
export const check = {
  integer(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new ParameterError(name, value, `an integer in [${min}, ${max === Number.MAX_SAFE_INTEGER ? '∞' : max}]`);
    }
    return value;
  },
  number(name: string, value: unknown, min: number, max: number, { minExclusive = false } = {}): number {
    if (typeof value !== 'number' || !Number.isFinite(value) || (minExclusive ? value <= min : value < min) || value > max) {
      throw new ParameterError(name, value, `a number in ${minExclusive ? '(' : '['}${min}, ${max}]`);
    }
    return value;
  },
  oneOf<T extends string>(name: string, value: unknown, allowed: readonly T[]): T {
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
      throw new ParameterError(name, value, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`);
    }
    return value as T;
  },
  boolean(name: string, value: unknown): boolean {
    if (typeof value !== 'boolean') throw new ParameterError(name, value, 'true or false');
    return value;
  },
};
