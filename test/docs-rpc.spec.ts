import * as contracts from '@app/contracts';

import { markdownTables, plainText, readDoc } from './support/markdown';
import { typeCheck } from './support/type-check';

const page = readDoc('docs/rpc.md');

/** The values of every `…Patterns` / `…ErrorCode` constant object libs/contracts exports. */
function exportedValues(suffix: string): string[] {
  return Object.entries(contracts)
    .filter(([name, value]) => name.endsWith(suffix) && typeof value === 'object')
    .flatMap(([, value]) => Object.values(value as Record<string, string>))
    .sort();
}

/** The first column of every table whose first header is `column`. */
function firstColumn(column: string): string[] {
  return markdownTables(page)
    .filter((table) => table.header[0] === column)
    .flatMap((table) => table.rows.map(([cell]) => plainText(cell)))
    .sort();
}

/** The ```ts blocks, each named by its first line: `// file-name.ts`. */
function typescriptExamples(): Record<string, string> {
  const blocks = [...page.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
  return Object.fromEntries(
    blocks.map((code) => {
      const name = /^\/\/ ([\w.-]+\.ts)\n/.exec(code)?.[1];
      if (!name) throw new Error(`A TypeScript example of docs/rpc.md names no file:\n${code}`);
      return [`docs/rpc-examples/${name}`, code];
    }),
  );
}

describe('docs/rpc.md', () => {
  it('lists exactly the message patterns libs/contracts exports', () => {
    expect(exportedValues('Patterns').length).toBeGreaterThan(0);
    expect(firstColumn('pattern')).toEqual(exportedValues('Patterns'));
  });

  it('lists exactly the error codes libs/contracts exports', () => {
    expect(exportedValues('ErrorCode').length).toBeGreaterThan(0);
    expect(firstColumn('code')).toEqual(exportedValues('ErrorCode'));
  });

  it('shows a client example that type-checks against libs/contracts', () => {
    const examples = typescriptExamples();

    expect(Object.keys(examples).length).toBeGreaterThan(0);
    expect(typeCheck(examples)).toEqual([]);
  });

  it('type-checks examples for real: a pattern the contract lacks is an error', () => {
    const stale = [
      "import { PublicsPatterns } from '@app/contracts';",
      'export const pattern: string = PublicsPatterns.CODE2SESSION;',
    ].join('\n');

    expect(typeCheck({ 'docs/rpc-examples/stale.ts': stale })).toEqual([
      expect.stringContaining("Property 'CODE2SESSION' does not exist"),
    ]);
  });
});
