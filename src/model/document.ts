/**
 * A source document: its metadata, its structured content and the plain text derived from it.
 * The content is the record: it is stored once on import and never edited (see docs/format.md).
 */

/** Inline formatting kept from the source. Formatting never changes the plain text. */
export type MarkName = 'em' | 'strong' | 'code';

/** A run of text with the same formatting. `href` keeps a link target as metadata. */
export interface InlineRun {
  text: string;
  marks?: MarkName[];
  href?: string;
}

/** Structural blocks. Headings and paragraphs are the only text blocks; the others contain blocks. */
export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; content: InlineRun[] }
  | { type: 'paragraph'; content: InlineRun[] }
  | { type: 'blockquote'; content: Block[] }
  | { type: 'list'; ordered: boolean; items: Block[][] };

export type TextBlock = Extract<Block, { type: 'heading' | 'paragraph' }>;

/** The format the text was imported from. */
export type SourceFormat = 'text' | 'markdown' | 'html' | 'docx';

export interface DocumentMeta {
  title: string;
  sourceUrl: string;
  publisher: string;
  author: string;
  /** ISO 8601 date (YYYY-MM-DD) or empty when unknown. */
  publishedDate: string;
  /** ISO 8601 date-time (UTC) when the text was retrieved. */
  retrievedAt: string;
}

/** A document as the exports of claims name it: its id and metadata, without its text. */
export type DocumentLabel = DocumentMeta & { id: string };

export interface DocumentRecord extends DocumentMeta {
  id: string;
  format: SourceFormat;
  /** Original file name, when imported from a file. */
  fileName: string;
  content: Block[];
  /** Plain text derived from `content` by `plainTextOf`; what anchors count in. */
  text: string;
  /** Lower-case hex SHA-256 of the UTF-8 bytes of `text`. */
  textHash: string;
  /** Code points in `text`. */
  length: number;
  created: string;
  modified: string;
  /**
   * Versions. A revised article is a new document record with its own text; all versions of one
   * article share `lineageId` (the id of the first version). Absent on a document that never had
   * another version: it is version 1 of its own lineage (see versionInfo).
   */
  lineageId?: string;
  /** 1 for the first version. */
  version?: number;
  previousVersionId?: string | null;
  /** Set once a newer version exists: this one is then kept as it was, read-only. */
  nextVersionId?: string | null;
}

/** A document's place among the versions of its article, with the defaults of a document never revised. */
export function versionInfo(doc: Pick<DocumentRecord, 'id' | 'lineageId' | 'version' | 'previousVersionId' | 'nextVersionId'>): {
  lineageId: string;
  version: number;
  previousVersionId: string | null;
  nextVersionId: string | null;
} {
  return { lineageId: doc.lineageId ?? doc.id, version: doc.version ?? 1, previousVersionId: doc.previousVersionId ?? null, nextVersionId: doc.nextVersionId ?? null };
}

/** The separator written between two text blocks in the plain text: a blank line, as in a .txt file. */
export const BLOCK_SEPARATOR = '\n\n';

/**
 * Text blocks of `blocks` in document order (depth first). A container with nothing in it (a block
 * quote or list item without blocks, a list without items) counts as holding one empty paragraph,
 * exactly as its ProseMirror document does (editor/to-doc.ts), so offsets agree with the view.
 */
export function textBlocksOf(blocks: readonly Block[]): TextBlock[] {
  const out: TextBlock[] = [];
  const walk = (list: readonly Block[]): void => {
    if (list.length === 0) out.push({ type: 'paragraph', content: [] });
    for (const block of list) {
      switch (block.type) {
        case 'heading':
        case 'paragraph':
          out.push(block);
          break;
        case 'blockquote':
          walk(block.content);
          break;
        case 'list':
          if (block.items.length === 0) walk([]);
          for (const item of block.items) walk(item);
          break;
        default:
          assertNever(block);
      }
    }
  };
  walk(blocks);
  return out;
}

/** The text of one text block: its runs concatenated. */
export function textOfBlock(block: TextBlock): string {
  let s = '';
  for (const run of block.content) s += run.text;
  return s;
}

/** The plain text of a document: the text of each text block, joined by BLOCK_SEPARATOR. */
export function plainTextOf(blocks: readonly Block[]): string {
  return textBlocksOf(blocks).map(textOfBlock).join(BLOCK_SEPARATOR);
}

/** Number of Unicode code points in `s`. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

export function assertNever(x: never): never {
  throw new TypeError(`Unexpected value: ${JSON.stringify(x)}`);
}
