/**
 * The native export: every document and annotation, as stored, in one JSON value.
 *
 * Why it exists: it is the reviewer's backup and the one format that loses nothing — content blocks,
 * plain text, hashes, anchors, fields, timestamps. Its shape is a contract described field by field in
 * docs/format.md and checked by src/io/native-v1.schema.json; anything that changes it must bump
 * NATIVE_VERSION. Records are copied field by field (not spread), so an extra property a storage layer
 * might carry never leaks into the file, and a new model field fails to compile here until the format
 * decides what to do with it. The order is stable, so exporting the same library twice gives the same
 * file apart from `exportedAt`, and two exports can be compared with a diff.
 */
import { assertNever, type Block, type DocumentRecord, type InlineRun } from '../model/document';
import type { Anchor, Annotation } from '../model/annotation';

/** The value of `format` in every native export. */
export const NATIVE_FORMAT = 'marginalia';
/** The version of the export format described by native-v1.schema.json. */
export const NATIVE_VERSION = 1;
/** The application that writes exports by default. */
export const GENERATOR = { name: 'Marginalia', version: '0.1.0' } as const;

/** The program that wrote an export. */
export interface Generator {
  name: string;
  version: string;
}

/** A native export, version 1. */
export interface NativeExport {
  format: typeof NATIVE_FORMAT;
  version: typeof NATIVE_VERSION;
  /** ISO 8601 date-time (UTC) of the export. */
  exportedAt: string;
  generator: Generator;
  /** Oldest first (by `created`, then `id`). */
  documents: DocumentRecord[];
  /** By `documentId`, then in text order (start, longer span first, id). */
  annotations: Annotation[];
}

/** What to export. */
export interface SerializeInput {
  documents: readonly DocumentRecord[];
  annotations: readonly Annotation[];
  exportedAt: string;
  generator?: Generator;
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function copyRun(run: InlineRun): InlineRun {
  const out: InlineRun = { text: run.text };
  if (run.marks !== undefined) out.marks = [...run.marks];
  if (run.href !== undefined) out.href = run.href;
  return out;
}

function copyBlock(block: Block): Block {
  switch (block.type) {
    case 'heading':
      return { type: 'heading', level: block.level, content: block.content.map(copyRun) };
    case 'paragraph':
      return { type: 'paragraph', content: block.content.map(copyRun) };
    case 'blockquote':
      return { type: 'blockquote', content: block.content.map(copyBlock) };
    case 'list':
      return { type: 'list', ordered: block.ordered, items: block.items.map((item) => item.map(copyBlock)) };
    default:
      return assertNever(block);
  }
}

function copyDocument(d: DocumentRecord): DocumentRecord {
  return {
    id: d.id,
    title: d.title,
    sourceUrl: d.sourceUrl,
    publisher: d.publisher,
    author: d.author,
    publishedDate: d.publishedDate,
    retrievedAt: d.retrievedAt,
    format: d.format,
    fileName: d.fileName,
    content: d.content.map(copyBlock),
    text: d.text,
    textHash: d.textHash,
    length: d.length,
    created: d.created,
    modified: d.modified,
  };
}

const copyAnchor = (a: Anchor): Anchor => ({ quote: a.quote, prefix: a.prefix, suffix: a.suffix, start: a.start, end: a.end });

function copyAnnotation(a: Annotation): Annotation {
  const base = {
    id: a.id,
    documentId: a.documentId,
    textHash: a.textHash,
    anchor: copyAnchor(a.anchor),
    creator: a.creator,
    created: a.created,
    modified: a.modified,
  };
  switch (a.kind) {
    case 'claim':
      return { ...base, kind: 'claim', fields: { status: a.fields.status, verdict: a.fields.verdict, rationale: a.fields.rationale, attribution: a.fields.attribution && { ...a.fields.attribution }, note: a.fields.note } };
    case 'entity':
      return { ...base, kind: 'entity', fields: { entityId: a.fields.entityId } };
    case 'opinion':
      return { ...base, kind: 'opinion', fields: { attribution: a.fields.attribution && { ...a.fields.attribution }, note: a.fields.note } };
    case 'cue':
      return { ...base, kind: 'cue', fields: { forId: a.fields.forId } };
    default:
      return assertNever(a);
  }
}

/** Annotation order in an export: by document, then as model/annotation.ts sortInTextOrder orders them. */
function compareAnnotations(x: Annotation, y: Annotation): number {
  return (
    compareStrings(x.documentId, y.documentId) ||
    x.anchor.start - y.anchor.start ||
    y.anchor.end - x.anchor.end ||
    compareStrings(x.id, y.id)
  );
}

/** Build the native export of `documents` and `annotations` (copied; the inputs are not changed). */
export function serializeLibrary(input: SerializeInput): NativeExport {
  const generator = input.generator ?? GENERATOR;
  return {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    exportedAt: input.exportedAt,
    generator: { name: generator.name, version: generator.version },
    documents: input.documents.map(copyDocument).sort((a, b) => compareStrings(a.created, b.created) || compareStrings(a.id, b.id)),
    annotations: input.annotations.map(copyAnnotation).sort(compareAnnotations),
  };
}

/** Longest slug of a document title in a file name, in code points. */
const MAX_SLUG_LENGTH = 60;

/**
 * A file-name-safe slug of `title`: lower case, letters and digits of any script kept, every other run
 * of characters (spaces, punctuation, / \ : * ? " < > |) turned into one hyphen, at most 60 code points.
 * "document" when nothing is left.
 */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFC') // only to keep a letter and its accent together; the document text is never normalized
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const points = Array.from(slug);
  if (points.length <= MAX_SLUG_LENGTH) return slug || 'document';
  const cut = points.slice(0, MAX_SLUG_LENGTH).join('');
  const hyphen = cut.lastIndexOf('-');
  return (hyphen > MAX_SLUG_LENGTH / 2 ? cut.slice(0, hyphen) : cut).replace(/-+$/, '');
}

/**
 * The download name of an export made at `exportedAt`: `marginalia-library-YYYY-MM-DD.json` for the
 * whole library, `marginalia-<slug of title>-YYYY-MM-DD.json` for one document. The date is the UTC
 * date of `exportedAt` (left out if `exportedAt` does not start with one).
 */
export function exportFileName(kind: 'library' | (string & {}), exportedAt: string): string {
  const slug = kind === 'library' ? 'library' : slugOf(kind);
  const date = /^\d{4}-\d{2}-\d{2}/.exec(exportedAt)?.[0];
  return date ? `marginalia-${slug}-${date}.json` : `marginalia-${slug}.json`;
}
