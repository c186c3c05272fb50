/**
 * The `jd-cluster` command: a thin layer over the public API (src/index.ts).
 * Each subcommand parses its flags, calls the library and prints or writes the result.
 */
import { JdClusterError } from '../core/errors.js';

const HELP = `jd-cluster — cluster Chinese job descriptions and find platform bias

Usage: jd-cluster <command> [options]

Commands:
  demo        run the whole pipeline on the bundled synthetic corpus
  help        show this help
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(HELP);
        return 0;
      default:
        process.stderr.write(`jd-cluster: unknown command '${command}'. Run 'jd-cluster --help'.\n`);
        return 2;
    }
  } catch (err) {
    if (err instanceof JdClusterError) {
      process.stderr.write(`jd-cluster: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  void rest;
}
