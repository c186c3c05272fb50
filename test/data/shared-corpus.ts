/**
 * Where the shared corpus is (never shipped with the package): JD_CLUSTER_SHARED, else
 * ../shared from the repository, else /work/shared. Tests that need it skip with a note.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const candidates = [process.env.JD_CLUSTER_SHARED, resolve(repoRoot, '../shared'), '/work/shared'].filter(
  (dir): dir is string => dir !== undefined && dir !== '',
);
const sharedDir = candidates.find((dir) => existsSync(resolve(dir, 'data/jd-multiplatform-2024q4.jsonl.gz')));

/** Path of the shared corpus, or undefined (with a visible note) when it is absent. */
export function sharedCorpusPath(testName: string): string | undefined {
  if (sharedDir === undefined) {
    console.warn(`[${testName}] skipped: shared corpus not found (set JD_CLUSTER_SHARED to the shared directory)`);
    return undefined;
  }
  return resolve(sharedDir, 'data/jd-multiplatform-2024q4.jsonl.gz');
}
