/**
 * Property test of CLI argument handling (issue 12, item 6): random argv made of each command's own flags (read
 * from its --help), unknown flags and odd values never end in an uncaught exception or a stack trace. Either a
 * flag is rejected — exit 2, naming the flag as typed — or every flag is accepted and the command stops at the
 * input, which does not exist here (exit 1 naming the missing file). Flags are validated before input is read,
 * so no command gets as far as real work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '',
    stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'jd-cluster-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const missing = join(dir, 'does-not-exist.jsonl');

/** How each command is pointed at a file that does not exist (positional INPUT or a file flag). */
const INPUTS: Record<string, string[]> = {
  cluster: ['--vectors', missing],
  run: [missing],
  silhouette: ['--vectors', missing],
  tokenize: [missing],
  word2vec: ['--tokens', missing],
};
/** Flags that point at the (missing) input, so the generator does not replace it. */
const INPUT_FLAGS = new Set(['--vectors', '--tokens']);

async function flagsOf(command: string): Promise<string[]> {
  const { stdout } = await cli([command, '--help']);
  const flags = [...new Set(stdout.match(/--[a-z][a-z0-9-]*/g) ?? [])].filter((f) => f !== '--help' && !INPUT_FLAGS.has(f));
  return flags;
}

const value = fc.oneof(
  fc.integer({ min: -10, max: 500 }).map(String),
  fc.double({ noNaN: false }).map(String),
  fc.constantFrom('auto', 'hdbscan', 'kmeans', 'dbscan', 'bisecting-kmeans', 'tfidf', 'word2vec', 'true', 'false', '', '-1', '1e9', '0x10'),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

describe('CLI argument parsing on random argv', () => {
  for (const command of Object.keys(INPUTS)) {
    it(`${command}: a named flag error (exit 2) or the missing input (exit 1), never a stack trace`, async () => {
      const flags = await flagsOf(command);
      expect(flags.length).toBeGreaterThan(0);
      const flag = fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...flags) },
        { weight: 1, arbitrary: fc.stringMatching(/^--[a-z][a-z-]{0,10}$/) },
      );
      const argv = fc.array(fc.tuple(flag, value, fc.boolean()), { maxLength: 5 }).map((pairs) =>
        // A flag followed by a value, or alone (a boolean flag, or a value-taking flag missing its value).
        pairs.flatMap(([f, v, alone]) => (alone ? [f] : [f, v])),
      );
      await fc.assert(
        fc.asyncProperty(argv, async (args) => {
          const out = join(dir, 'out');
          const { code, stderr } = await cli([command, ...INPUTS[command], ...args, '--out', out]);
          expect(stderr).not.toMatch(/\n\s+at /);
          if (code === 2) {
            // The message names a flag as the user typed it (--kebab-case), not a parameter name, or the stray
            // argument (a value given to a boolean flag).
            expect(stderr).toMatch(/--[a-z]|Unexpected argument/);
          } else {
            expect(code, stderr).toBe(1);
            expect(stderr).toContain('does-not-exist');
          }
        }),
        { numRuns: 60, seed: 12 },
      );
    }, 120_000);
  }
});
