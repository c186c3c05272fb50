/**
 * Internal sizes of the compute core that change only speed and memory, never
 * results. Not part of the public API; tests lower them to reach rarely taken
 * paths (e.g. radiusNeighbors' second pass) on small inputs.
 */
export const tuning = {
  /** Memory for radiusNeighbors' first pass (neighbour lists of all blocks); at least 64 per row. */
  radiusFirstPassBytes: 64 * 2 ** 20,
};
