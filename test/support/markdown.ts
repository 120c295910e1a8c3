import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository's root, where README.md is. */
export const REPO_ROOT = join(__dirname, '..', '..');
export const DOCS_DIR = join(REPO_ROOT, 'docs');

/** README.md and every page in docs/, as paths from the repository's root. */
export function documentationFiles(): string[] {
  const pages = readdirSync(DOCS_DIR)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => relative(REPO_ROOT, join(DOCS_DIR, name)));
  return ['README.md', ...pages];
}

export function readDoc(path: string): string {
  return readFileSync(join(REPO_ROOT, path), 'utf8');
}

/** The text outside fenced code blocks, line by line (fenced lines become empty, so numbers hold). */
function proseLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*```/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line;
  });
}

/** A Markdown table: its header cells and body rows, as trimmed cells. */
export interface MarkdownTable {
  header: string[];
  rows: string[][];
}

function cells(line: string): string[] {
  return line
    .trim()
    .slice(1, -1)
    .split(' | ')
    .map((cell) => cell.trim());
}

/** Every table outside code blocks, in order. */
export function markdownTables(markdown: string): MarkdownTable[] {
  const lines = proseLines(markdown);
  const tables: MarkdownTable[] = [];
  for (let index = 0; index < lines.length; index++) {
    const isStart =
      lines[index].trim().startsWith('|') &&
      !lines[index - 1]?.trim().startsWith('|') &&
      /^\s*\|[\s|:-]+\|\s*$/.test(lines[index + 1] ?? '');
    if (!isStart) continue;
    const body: string[][] = [];
    for (let row = index + 2; lines[row]?.trim().startsWith('|'); row++)
      body.push(cells(lines[row]));
    tables.push({ header: cells(lines[index]), rows: body });
  }
  return tables;
}

/** The body rows of the first table after the line `heading`. */
export function markdownTable(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`No heading "${heading}"`);
  const [table] = markdownTables(markdown.slice(start));
  if (!table) throw new Error(`No table after "${heading}"`);
  return table.rows;
}

/** A cell's text without Markdown links and code marks: "[`GET /a`](#x)" → "GET /a". */
export function plainText(markdown: string): string {
  return markdown.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
}

/** The heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
  return plainText(heading)
    .replace(/[*]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of every heading, numbered as GitHub numbers repeated ones (`-1`, `-2`). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(markdown)) {
    const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = githubSlug(heading[1]);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** A link written in a page: its target as written and the line it is on. */
export interface MarkdownLink {
  target: string;
  line: number;
}

/** Every inline link and image outside code (fenced blocks and `code spans`). */
export function markdownLinks(markdown: string): MarkdownLink[] {
  return proseLines(markdown).flatMap((text, index) =>
    [...text.replace(/`[^`]*`/g, '').matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((match) => ({
      target: match[1],
      line: index + 1,
    })),
  );
}
