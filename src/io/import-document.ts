/**
 * Text or bytes → a DocumentRecord ready to store: choose the parser, derive the plain text, hash it,
 * fill in the metadata.
 *
 * Why it exists: a document's content, plain text and hash are fixed once, here, and never written
 * again (docs/architecture.md, "The text is the record"). Everything that creates documents — file
 * import, paste, the bundled samples — goes through `importDocument`, so they all derive the text the
 * same way. Bad input is a value (`Result`), with messages that name the file.
 */
import { codePointLength, plainTextOf, textBlocksOf, textOfBlock, type Block, type DocumentMeta, type DocumentRecord, type SourceFormat } from '../model/document';
import { decodeTextFile } from './decode-text';
import { sha256Hex } from './hash';
import { parseText } from './parse-text';
import { fail, ok, type Result } from './result';

/** File extensions Marginalia imports (lower case, with the dot), and the format each means. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.md', '.markdown'] as const;

const FORMAT_OF_EXTENSION: Record<(typeof SUPPORTED_EXTENSIONS)[number], SourceFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

/** Longest default title, in code points, ellipsis included. */
export const MAX_DEFAULT_TITLE_LENGTH = 120;

/**
 * The extension of `fileName`, lower case with its dot ("" when there is none). A leading dot does not
 * start an extension (".notes" has none), as in Node's path.extname; any folder part is ignored.
 */
export function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

/** `fileName` without folder and extension ("Report.final.md" → "Report.final"). */
function baseNameOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const ext = extensionOf(base);
  return ext ? base.slice(0, -ext.length) : base;
}

/**
 * The format implied by `fileName`: .md/.markdown → markdown; .txt/.text or no extension → text.
 * Any other extension fails with a message naming the file.
 */
export function formatOfFileName(fileName: string): Result<SourceFormat> {
  const ext = extensionOf(fileName);
  if (ext === '') return ok('text');
  if (ext in FORMAT_OF_EXTENSION) return ok(FORMAT_OF_EXTENSION[ext as keyof typeof FORMAT_OF_EXTENSION]);
  return fail(`${fileName}: Marginalia imports .txt and .md files (plain text and Markdown).`);
}

/** `s` cut to at most `max` code points, ending in "…" when cut (at a space when one is near the end). */
export function truncateTitle(s: string, max: number = MAX_DEFAULT_TITLE_LENGTH): string {
  const points = Array.from(s);
  if (points.length <= max) return s;
  let head = points.slice(0, max - 1).join('');
  // Prefer to end at a word boundary, unless that would throw away more than a quarter of the title.
  const space = head.search(/\s\S*$/);
  if (space > (head.length * 3) / 4) head = head.slice(0, space);
  return `${head.trimEnd()}…`;
}

/** The default title: the first heading, else the first line of text, else the file name without extension. */
function defaultTitle(blocks: readonly Block[], text: string, fileName: string): string {
  const heading = textBlocksOf(blocks).find((b) => b.type === 'heading');
  // A heading may hold a line break (a hard break in Markdown); a title is one line.
  const headingText = heading ? textOfBlock(heading).replace(/\s*\n\s*/g, ' ').trim() : '';
  if (headingText) return truncateTitle(headingText);
  const line = text.split('\n').find((l) => l.trim() !== '');
  if (line) return truncateTitle(line.trim());
  return baseNameOf(fileName) || 'Untitled';
}

/** What to import: the text, the name it came under ("" for pasted text) and optionally its format. */
export interface ImportInput {
  fileName: string;
  text: string;
  /** Overrides the format implied by the file name. */
  format?: SourceFormat;
}

/**
 * Parse `input` into a new document with id `id`, created and modified at `now` (ISO 8601 UTC).
 * Metadata comes from `meta` when given (a given title is trimmed; a blank one counts as not given); otherwise the title is
 * derived (first heading, else first line, else file name), `retrievedAt` is `now` and the rest is empty.
 * Fails when the file name has an unsupported extension and no format is given, or when there is no text.
 */
export async function importDocument(input: ImportInput, now: string, id: string, meta: Partial<DocumentMeta> = {}): Promise<Result<DocumentRecord>> {
  let format: SourceFormat;
  if (input.format) format = input.format;
  else {
    const implied = formatOfFileName(input.fileName);
    if (!implied.ok) return implied;
    format = implied.value;
  }
  // A byte order mark is never text (decode-text.ts removes it from files; pasted text may still hold one).
  const source = input.text.replace(/^\uFEFF/, '');
  // The Markdown parser is loaded only when a Markdown document is imported (it is most of the bundle).
  const content = format === 'markdown' ? (await import('./parse-markdown')).parseMarkdown(source).blocks : parseText(source);
  const text = plainTextOf(content);
  if (text.trim() === '') {
    return fail(`${input.fileName || 'The pasted text'} has no text to annotate${format === 'markdown' ? ' (only markup, images without descriptions or rules)' : ''}.`);
  }
  const title = meta.title?.trim() || defaultTitle(content, text, input.fileName);
  return ok({
    id,
    title,
    sourceUrl: meta.sourceUrl ?? '',
    publisher: meta.publisher ?? '',
    author: meta.author ?? '',
    publishedDate: meta.publishedDate ?? '',
    retrievedAt: meta.retrievedAt ?? now,
    format,
    fileName: input.fileName,
    content,
    text,
    textHash: await sha256Hex(text),
    length: codePointLength(text),
    created: now,
    modified: now,
  });
}

/**
 * Import an uploaded file: check its extension, decode its bytes (decode-text.ts), then `importDocument`.
 * Every failure names the file.
 */
export async function importBytes(
  bytes: Uint8Array,
  fileName: string,
  now: string,
  id: string,
  meta?: Partial<DocumentMeta>,
): Promise<Result<DocumentRecord>> {
  const format = formatOfFileName(fileName);
  if (!format.ok) return format;
  const text = decodeTextFile(bytes, fileName);
  if (!text.ok) return text;
  return importDocument({ fileName, text: text.value, format: format.value }, now, id, meta);
}
