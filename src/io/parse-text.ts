/**
 * Plain text → blocks: how a .txt file (or pasted plain text) becomes paragraphs.
 *
 * Why it exists: the paragraphs decide the plain text (model/document.ts joins them with a blank
 * line), so the rule must be simple enough to state and never change under a stored annotation.
 *
 * The rule (also in docs/format.md):
 * 1. Line ends are LF (CRLF and CR are converted here too, for pasted text). A line holding only
 *    whitespace counts as blank. Blank lines before the first and after the last line with text are
 *    ignored.
 * 2. If a blank line remains, paragraphs are separated by one or more blank lines. A single line
 *    break inside a paragraph stays in its text as "\n" (the reader shows it with white-space:
 *    pre-wrap), so verse, addresses and lists typed as lines keep their shape.
 * 3. If no blank line remains but there are several lines, every line is a paragraph. Text scraped
 *    from news sites often comes one paragraph per line with no blank lines between them.
 * 4. Each paragraph is trimmed of leading and trailing whitespace (inner lines keep theirs).
 *    There are never empty paragraphs; text with nothing but whitespace gives no blocks at all.
 * Nothing else changes: no Unicode normalization, no collapsing of inner spaces, no typographic quotes.
 */
import type { Block } from '../model/document';

const isBlank = (line: string): boolean => line.trim() === '';

const paragraph = (text: string): Block => ({ type: 'paragraph', content: [{ text }] });

/** The paragraphs of plain text `text`, by the rule in this module's header. */
export function parseText(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let first = 0;
  let last = lines.length - 1;
  while (first <= last && isBlank(lines[first]!)) first++;
  while (last >= first && isBlank(lines[last]!)) last--;
  const body = lines.slice(first, last + 1);
  if (body.length === 0) return [];

  if (!body.some(isBlank)) return body.map((line) => paragraph(line.trim()));

  const blocks: Block[] = [];
  let current: string[] = [];
  const flush = (): void => {
    if (current.length > 0) blocks.push(paragraph(current.join('\n').trim()));
    current = [];
  };
  for (const line of body) {
    if (isBlank(line)) flush();
    else current.push(line);
  }
  flush();
  return blocks;
}
