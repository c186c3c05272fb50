/**
 * The `jd-cluster` command: a thin layer over the public API (src/index.ts).
 * Each subcommand lives in `commands/<name>.ts`, parses its own flags with
 * `node:util` parseArgs, calls the library and prints or writes the result.
 */
import { JdClusterError, ParameterError } from '../core/index.js';
import type { Command } from './command.js';

// One line per subcommand; keep alphabetical.
const commands: Record<string, () => Promise<Command>> = {
  cluster: async () => (await import('./commands/cluster.js')).command,
  demo: async () => (await import('./commands/demo.js')).command,
  generate: async () => (await import('./commands/generate.js')).command,
  run: async () => (await import('./commands/run.js')).command,
  silhouette: async () => (await import('./commands/silhouette.js')).command,
  tokenize: async () => (await import('./commands/tokenize.js')).command,
  word2vec: async () => (await import('./commands/word2vec.js')).command,
};

function help(): string {
  const lines = [
    'jd-cluster — cluster Chinese job descriptions and find platform bias',
    '',
    'Usage: jd-cluster <command> [options]',
    '',
    'Commands:',
  ];
  return lines.join('\n') + '\n';
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    const lines = [help()];
    for (const [key, load] of Object.entries(commands)) lines.push(`  ${key.padEnd(12)}${(await load()).summary}\n`);
    lines.push(`\nRun 'jd-cluster <command> --help' for a command's options.\n`);
    process.stdout.write(lines.join(''));
    return 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`jd-cluster: unknown command '${name}'. Run 'jd-cluster --help'.\n`);
    return 2;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (err) {
    if (
      err instanceof JdClusterError ||
      // Every parseArgs rejection (unknown option, bad value, unexpected positional) is a usage error.
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_') ||
      (err as { code?: string }).code === 'ENOENT'
    ) {
      process.stderr.write(`jd-cluster ${name}: ${(err as Error).message}\n`);
      // Bad flags and bad parameters are usage errors (2); bad input is a failure (1).
      return (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') || err instanceof ParameterError ? 2 : 1;
    }
    throw err;
  }
}
