import { documentationFiles, markdownLinks, readDoc } from './support/markdown';

const readme = readDoc('README.md');

describe('README.md', () => {
  it('stays a front door: under 200 lines', () => {
    expect(readme.split('\n').length).toBeLessThan(200);
  });

  it('starts with the two commands', () => {
    const firstCode = /```bash\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';

    expect(firstCode).toMatch(/^npm install && npm start\b/m);
    expect(firstCode).toMatch(/^npm test\b/m);
  });

  it('links every page in docs/', () => {
    const linked = new Set(markdownLinks(readme).map((link) => link.target.split('#')[0]));
    const pages = documentationFiles().filter((file) => file.startsWith('docs/'));

    expect(pages.length).toBeGreaterThan(0);
    expect(pages.filter((page) => !linked.has(page))).toEqual([]);
  });
});
