/**
 * Text or bytes → a DocumentRecord ready to store: choose the parser, derive the plain text, hash it,
 * fill in the metadata.
 *
 * Why it exists: a document's content, plain text and hash are fixed once, here, and never written
 * again (docs/architecture.md, "The text is the record"). Everything that creates documents — file
 * import, paste, the bundled samples — goes through `importDocument`, so they all derive the text the
 * same way. Bad input is a value (`Result`), with messages that name the file.
 *
 * Web pages and Word documents need a browser to parse (DOMParser, Readability, DOMPurify, mammoth);
 * this layer stays pure, so the UI passes those steps in as `MarkupReaders` (ui/read-html.ts) and this
 * module only routes the file to them and turns what they return into a document.
 */
import { assertNever, codePointLength, plainTextOf, textBlocksOf, textOfBlock, type Block, type DocumentMeta, type DocumentRecord, type SourceFormat } from '../model/document';
import { decodeTextFile } from './decode-text';
import { sha256Hex } from './hash';
import { parseText } from './parse-text';
import { fail, ok, type Result } from './result';

/** File extensions Marginalia imports (lower case, with the dot), and the format each means. */
export const SUPPORTED_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.docx'] as const;

const FORMAT_OF_EXTENSION: Record<(typeof SUPPORTED_EXTENSIONS)[number], SourceFormat> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.docx': 'docx',
};

/** Largest .docx accepted, in bytes: Word files carry their images, so they are larger than text. */
export const MAX_DOCX_BYTES = 50 * 1024 * 1024;

/** What a markup reader found: the blocks, and the metadata the source declares about itself. */
export interface MarkupRead {
  blocks: Block[];
  meta: Partial<DocumentMeta>;
}

/**
 * The steps that need a browser, supplied by the caller (ui/read-html.ts). Both must sanitize: only
 * headings, paragraphs, lists, quotes, em/strong/code and link targets may reach the blocks, and
 * nothing may be inserted into a live page or run.
 */
export interface MarkupReaders {
  /** HTML source → blocks and page metadata. `fileName` is "" for pasted HTML. */
  readHtml(source: string, fileName: string): Promise<MarkupRead>;
  /** The bytes of a .docx → blocks (no metadata but the title), or a message naming the file. */
  readDocx(bytes: Uint8Array, fileName: string): Promise<Result<MarkupRead>>;
}

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
 * The format implied by `fileName`: .md/.markdown → markdown; .html/.htm → html; .docx → docx;
 * .txt/.text or no extension → text.
 * Any other extension fails with a message naming the file.
 */
export function formatOfFileName(fileName: string): Result<SourceFormat> {
  const ext = extensionOf(fileName);
  if (ext === '') return ok('text');
  if (ext in FORMAT_OF_EXTENSION) return ok(FORMAT_OF_EXTENSION[ext as keyof typeof FORMAT_OF_EXTENSION]);
  return fail(`${fileName}: Marginalia imports .txt, .md, .html and .docx files (plain text, Markdown, web pages and Word documents).`);
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

/**
 * The default title: the first heading, else the first line of text (not for a Word document, whose
 * first paragraph is rarely a title), else the file name without extension.
 */
function defaultTitle(blocks: readonly Block[], text: string, fileName: string, format: SourceFormat): string {
  const heading = textBlocksOf(blocks).find((b) => b.type === 'heading');
  // A heading may hold a line break (a hard break in Markdown); a title is one line.
  const headingText = heading ? textOfBlock(heading).replace(/\s*\n\s*/g, ' ').trim() : '';
  if (headingText) return truncateTitle(headingText);
  const line = format === 'docx' ? undefined : text.split('\n').find((l) => l.trim() !== '');
  if (line) return truncateTitle(line.trim());
  return baseNameOf(fileName) || 'Untitled';
}

/** What to import: the text, the name it came under ("" for pasted text) and optionally its format. */
export interface ImportInput {
  fileName: string;
  /** The source: plain text, Markdown or HTML (never a .docx: those come as bytes, see importBytes). */
  text: string;
  /** Overrides the format implied by the file name. */
  format?: SourceFormat;
}

/** How the reviewer knows the input: its file name, or "The pasted text". */
const nameOf = (fileName: string): string => fileName || 'The pasted text';

/** Why a document of `format` may have no text, for the "has no text to annotate" message. */
const NO_TEXT_REASON: Record<SourceFormat, string> = {
  text: '',
  markdown: ' (only markup, images without descriptions or rules)',
  html: ' (no article text was found in the page; scripts, images and forms are not imported)',
  docx: ' (only images, tables of contents or empty paragraphs)',
};

/**
 * Parse `input` into a new document with id `id`, created and modified at `now` (ISO 8601 UTC).
 * Metadata comes from `meta` when given (a given title is trimmed; a blank one counts as not given),
 * then from what an HTML page declares about itself; otherwise the title is derived (first heading,
 * else first line, else file name), `retrievedAt` is `now` and the rest is empty.
 * HTML is read by `readers` (required for HTML: this layer cannot parse it).
 * Fails when the file name has an unsupported extension and no format is given, or when there is no text.
 */
export async function importDocument(
  input: ImportInput,
  now: string,
  id: string,
  meta: Partial<DocumentMeta> = {},
  readers?: MarkupReaders,
): Promise<Result<DocumentRecord>> {
  let format: SourceFormat;
  if (input.format) format = input.format;
  else {
    const implied = formatOfFileName(input.fileName);
    if (!implied.ok) return implied;
    format = implied.value;
  }
  // A byte order mark is never text (decode-text.ts removes it from files; pasted text may still hold one).
  const source = input.text.replace(/^\uFEFF/, '');
  let content: Block[];
  let found: Partial<DocumentMeta> = {};
  switch (format) {
    case 'markdown':
      // The Markdown parser is loaded only when a Markdown document is imported (it is most of the bundle).
      content = (await import('./parse-markdown')).parseMarkdown(source).blocks;
      break;
    case 'text':
      content = parseText(source);
      break;
    case 'html': {
      if (!readers) return fail(`${nameOf(input.fileName)} is a web page, and web pages can only be imported in the browser.`);
      const read = await readers.readHtml(source, input.fileName);
      content = read.blocks;
      found = read.meta;
      break;
    }
    case 'docx':
      throw new TypeError(`importDocument cannot read ${input.fileName || 'pasted text'} as .docx from text; use importBytes`);
    default:
      return assertNever(format);
  }
  return toRecord(content, format, input.fileName, now, id, found, meta);
}

/** The document made of `content`, with metadata from `meta`, else `found`, else defaults. */
async function toRecord(
  content: Block[],
  format: SourceFormat,
  fileName: string,
  now: string,
  id: string,
  found: Partial<DocumentMeta>,
  meta: Partial<DocumentMeta>,
): Promise<Result<DocumentRecord>> {
  const text = plainTextOf(content);
  if (text.trim() === '') return fail(`${nameOf(fileName)} has no text to annotate${NO_TEXT_REASON[format]}.`);
  const title = meta.title?.trim() || (found.title ? truncateTitle(found.title.trim()) : '') || defaultTitle(content, text, fileName, format);
  return ok({
    id,
    title,
    sourceUrl: meta.sourceUrl ?? found.sourceUrl ?? '',
    publisher: meta.publisher ?? found.publisher ?? '',
    author: meta.author ?? found.author ?? '',
    publishedDate: meta.publishedDate ?? found.publishedDate ?? '',
    retrievedAt: meta.retrievedAt ?? now,
    format,
    fileName,
    content,
    text,
    textHash: await sha256Hex(text),
    length: codePointLength(text),
    created: now,
    modified: now,
  });
}

const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04", a ZIP local file header

/** Whether `bytes` are a ZIP archive that holds a Word document (an entry under word/ near the start). */
export function looksLikeDocx(bytes: Uint8Array): boolean {
  if (bytes.length < 4 || !ZIP_SIGNATURE.every((b, i) => bytes[i] === b)) return false;
  const head = bytes.subarray(0, 64 * 1024);
  const needle = [0x77, 0x6f, 0x72, 0x64, 0x2f]; // "word/"
  outer: for (let i = 0; i + needle.length <= head.length; i++) {
    for (let j = 0; j < needle.length; j++) if (head[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Read a .docx through `readers`, after the checks that need no parser. */
async function importDocx(
  bytes: Uint8Array,
  fileName: string,
  now: string,
  id: string,
  meta: Partial<DocumentMeta>,
  readers: MarkupReaders | undefined,
): Promise<Result<DocumentRecord>> {
  if (bytes.length === 0) return fail(`${fileName} is empty: there is no text to import.`);
  if (!ZIP_SIGNATURE.every((b, i) => bytes[i] === b)) {
    return fail(`${fileName} is not a Word document (.docx): it does not start like one. An older .doc file must be saved as .docx or as plain text first.`);
  }
  if (bytes.length > MAX_DOCX_BYTES) {
    return fail(`${fileName} is ${(bytes.length / 1024 / 1024).toFixed(1)} MB; Marginalia imports Word documents of up to ${MAX_DOCX_BYTES / 1024 / 1024} MB.`);
  }
  if (!readers) return fail(`${fileName} is a Word document, and Word documents can only be imported in the browser.`);
  const read = await readers.readDocx(bytes, fileName);
  if (!read.ok) return read;
  return toRecord(read.value.blocks, 'docx', fileName, now, id, read.value.meta, meta);
}

/**
 * Import an uploaded file: check its extension, then route it. A .docx — or any file whose bytes are
 * a Word document, whatever its name — goes to `readers.readDocx`; anything else is decoded
 * (decode-text.ts: empty, binary, too big, not UTF-8 are refused) and parsed by its format, HTML by
 * `readers.readHtml`. Every failure names the file.
 */
export async function importBytes(
  bytes: Uint8Array,
  fileName: string,
  now: string,
  id: string,
  meta: Partial<DocumentMeta> = {},
  readers?: MarkupReaders,
): Promise<Result<DocumentRecord>> {
  const format = formatOfFileName(fileName);
  if (!format.ok) return format;
  if (format.value === 'docx' || looksLikeDocx(bytes)) return importDocx(bytes, fileName, now, id, meta, readers);
  const text = decodeTextFile(bytes, fileName);
  if (!text.ok) return text;
  return importDocument({ fileName, text: text.value, format: format.value }, now, id, meta, readers);
}
