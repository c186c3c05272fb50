/** A CLI subcommand. `run` returns the process exit code (0 ok, 1 failure, 2 bad arguments). */
export interface Command {
  /** One line for `jd-cluster --help`. */
  summary: string;
  /** Full text for `jd-cluster <command> --help`. */
  usage: string;
  run(args: string[]): Promise<number>;
}

/** Parse a numeric flag, naming the flag in the error. */
export function numberFlag(name: string, value: string | undefined, fallback?: number): number | undefined {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (!Number.isFinite(v)) throw new CliUsageError(`--${name} expects a number, got '${value}'`);
  return v;
}

export class CliUsageError extends Error {
  readonly code = 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE';
}
