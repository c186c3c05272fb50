/**
 * Every ```ts block of README.md and docs/*.md is an example of the public API and must compile on its own:
 * each block plus `export {}` is type-checked as a separate module (strict, nodenext), with `jd-cluster`
 * resolved to the built declarations (dist/index.d.ts, written by `npm run build`, which `npm ci` runs).
 * Sketches of internals belong in ```text fences. ../../shared/checks/acceptance.sh (section docs) runs the
 * same check against the packed package.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const declarations = join(root, 'dist', 'index.d.ts');

interface Block {
  /** e.g. docs/cluster.md:120 (line of the opening fence). */
  where: string;
  fileName: string;
  text: string;
}

function extractBlocks(): Block[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => join('docs', f));
  const blocks: Block[] = [];
  for (const doc of ['README.md', ...docs]) {
    const source = readFileSync(join(root, doc), 'utf8');
    // The same fence rule as the acceptance check: ```ts or ```typescript directly followed by a newline.
    for (const m of source.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g)) {
      const line = source.slice(0, m.index).split('\n').length;
      const fileName = join(root, '.code-blocks', `${doc.replace(/\W/g, '_')}_${line}.ts`);
      blocks.push({ where: `${doc}:${line}`, fileName, text: `${m[1]}\nexport {};\n` });
    }
  }
  return blocks;
}

const blocks = extractBlocks();

function typeCheck(all: Block[]): Map<string, string[]> {
  const options: ts.CompilerOptions = {
    strict: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
    typeRoots: [join(root, 'node_modules', '@types')],
    baseUrl: root,
    paths: { 'jd-cluster': [declarations] },
  };
  const virtual = new Map(all.map((b) => [b.fileName, b.text]));
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
  host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
  host.getSourceFile = (f, language, onError) =>
    virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!, language, true) : getSourceFile.call(host, f, language, onError);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const errors = new Map<string, string[]>();
  for (const b of all) {
    const sf = program.getSourceFile(b.fileName)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
    errors.set(
      b.fileName,
      diagnostics.map((d) => {
        const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
        return `block line ${at}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  return errors;
}

describe('TypeScript blocks in README.md and docs/*.md', () => {
  it('finds the blocks and the built package they compile against', () => {
    expect(blocks.length).toBeGreaterThan(0);
    expect(existsSync(declarations), `${relative(root, declarations)} is missing: run npm run build`).toBe(true);
  });

  const errors = existsSync(declarations) ? typeCheck(blocks) : new Map<string, string[]>();
  it.each(blocks.map((b) => [b.where, b] as const))('%s compiles on its own', (_where, block) => {
    expect(errors.get(block.fileName)!.join('\n')).toBe('');
  });
});
