import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

import {
  documentationFiles,
  headingAnchors,
  markdownLinks,
  readDoc,
  REPO_ROOT,
} from './support/markdown';

const files = documentationFiles();

/** Why a relative link of `from` does not resolve, or undefined when it does. */
function brokenBecause(from: string, target: string): string | undefined {
  const [path, anchor] = target.split('#', 2);
  const file = path === '' ? from : normalize(join(dirname(from), decodeURI(path)));
  if (relative(REPO_ROOT, join(REPO_ROOT, file)).startsWith('..')) {
    return 'points outside the repository';
  }
  if (!existsSync(join(REPO_ROOT, file))) return `${file} does not exist`;
  if (anchor === undefined) return undefined;
  if (!file.endsWith('.md') || statSync(join(REPO_ROOT, file)).isDirectory()) {
    return `#${anchor} on ${file}, which is not a Markdown page`;
  }
  return headingAnchors(readDoc(file)).has(anchor)
    ? undefined
    : `${file} has no heading #${anchor}`;
}

describe('links between README.md and docs/', () => {
  it.each(files)('resolves every relative link and #anchor of %s', (from) => {
    const broken = markdownLinks(readDoc(from))
      .filter((link) => !/^[a-z][a-z+.-]*:/i.test(link.target))
      .flatMap((link) => {
        const reason = brokenBecause(from, link.target);
        return reason ? [`${from}:${link.line} (${link.target}): ${reason}`] : [];
      });

    expect(broken).toEqual([]);
  });

  it.each(files.filter((file) => file !== 'README.md'))(
    'leads from %s back to the README',
    (page) => {
      const targets = markdownLinks(readDoc(page)).map((link) => link.target);

      expect(targets).toContain('../README.md');
    },
  );

  it('tells a broken file, a missing anchor and a sound link apart', () => {
    expect(brokenBecause('docs/rpc.md', 'nowhere.md')).toBe('docs/nowhere.md does not exist');
    expect(brokenBecause('docs/rpc.md', 'http-api.md#no-such-heading')).toBe(
      'docs/http-api.md has no heading #no-such-heading',
    );
    expect(brokenBecause('README.md', 'docs/http-api.md#post-login')).toBeUndefined();
    expect(brokenBecause('docs/rpc.md', '#errors')).toBeUndefined();
  });
});
