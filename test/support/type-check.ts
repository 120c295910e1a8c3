import { dirname, join } from 'node:path';

import ts from 'typescript';

import { REPO_ROOT } from './markdown';

/**
 * Type-checks source files that exist only in memory, as if they were at
 * `<repository>/<path>`, with the repository's tsconfig.json (strict, the
 * `@app/*` aliases, node_modules). Answers the diagnostics as readable lines.
 */
export function typeCheck(files: Record<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(REPO_ROOT, 'tsconfig.json'),
    { noEmit: true },
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  );
  if (!config) throw new Error('tsconfig.json cannot be read');
  const virtual = new Map(
    Object.entries(files).map(([path, text]) => [join(REPO_ROOT, path), text] as const),
  );
  const host = ts.createCompilerHost(config.options);
  const { fileExists, readFile, getSourceFile, directoryExists } = host;
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.readFile = (path) => virtual.get(path) ?? readFile.call(host, path);
  host.directoryExists = (path) =>
    [...virtual.keys()].some((file) => dirname(file) === path) ||
    (directoryExists?.call(host, path) ?? true);
  host.getSourceFile = (path, language, ...rest) => {
    const text = virtual.get(path);
    return text === undefined
      ? getSourceFile.call(host, path, language, ...rest)
      : ts.createSourceFile(path, text, language);
  };
  const program = ts.createProgram([...virtual.keys()], config.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => ts.formatDiagnostic(diagnostic, { ...host, getNewLine: () => '\n' }));
}
