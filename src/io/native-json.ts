/**
 * The native export: everything the library stores, in one JSON value — documents, annotations, the
 * entity registry, evidence, links between claims, the verdict scale and the append-only history.
 *
 * Why it exists: it is the reviewer's backup and the one format that loses nothing — content blocks,
 * plain text, hashes, anchors, fields, timestamps, every recorded change. Its shape is a contract
 * described field by field in docs/format.md and checked by src/io/native-v2.schema.json; anything that
 * changes it must bump NATIVE_VERSION. Records are copied field by field (not spread), so an extra
 * property a storage layer might carry never leaks into the file, and a new model field fails to
 * compile here until the format decides what to do with it. The order is stable, so exporting the same
 * library twice gives the same file apart from `exportedAt`, and two exports can be compared with a diff.
 */
import type { LibraryRecords } from '../model/library';
import { assertNever, type Block, type DocumentRecord, type InlineRun } from '../model/document';
import type { Anchor, AnchoringResult, Annotation } from '../model/annotation';
import type { Attribution, ClaimLinkRecord, EvidenceRecord, VerdictScale } from '../model/claim';
import type { EntityRecord } from '../model/entity';
import type { HistoryEvent } from '../model/history';
import type { JsonWriter } from './json-parts';

/** The value of `format` in every native export. */
export const NATIVE_FORMAT = 'marginalia';
/** The version of the export format described by native-v2.schema.json. */
export const NATIVE_VERSION = 2;
/** The application that writes exports by default. */
export const GENERATOR = { name: 'Marginalia', version: '0.1.0' } as const;

/** The program that wrote an export. */
export interface Generator {
  name: string;
  version: string;
}

/** Any value JSON can hold. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * A history event as exported. `before` and `after` are JSON copies of what the event stored; one is
 * absent when the stored value was `undefined` (an update that added or removed a field).
 */
export type ExportedEvent = Omit<HistoryEvent, 'before' | 'after'> & { before?: JsonValue; after?: JsonValue };

/** A native export, version 2. */
export interface NativeExport {
  format: typeof NATIVE_FORMAT;
  version: typeof NATIVE_VERSION;
  /** ISO 8601 date-time (UTC) of the export. */
  exportedAt: string;
  generator: Generator;
  /** The scale claim verdicts are level ids of. */
  verdictScale: VerdictScale;
  /** Oldest first (by `created`, then `id`). */
  documents: DocumentRecord[];
  /** By `documentId`, then in text order (start, longer span first, id). */
  annotations: Annotation[];
  /** By `name`, then `id`. */
  entities: EntityRecord[];
  /** By `claimId`, then `created`, then `id`. */
  evidence: EvidenceRecord[];
  /** By `created`, then `id`. */
  links: ClaimLinkRecord[];
  /** By `at`, then `groupId`, then `seq`. */
  events: ExportedEvent[];
}

/** What to export: the records of a library (or of one document), as stored. */
export interface SerializeInput extends LibraryRecords {
  verdictScale: VerdictScale;
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
    // Versions of one article: written only for a document that has them, so a document never revised
    // exports exactly as before.
    ...(d.lineageId !== undefined ? { lineageId: d.lineageId } : {}),
    ...(d.version !== undefined ? { version: d.version } : {}),
    ...(d.previousVersionId !== undefined ? { previousVersionId: d.previousVersionId } : {}),
    ...(d.nextVersionId !== undefined ? { nextVersionId: d.nextVersionId } : {}),
  };
}

const copyAnchoring = (r: AnchoringResult): AnchoringResult => ({
  status: r.status,
  ...(r.score !== undefined ? { score: r.score } : {}),
  fromDocumentId: r.fromDocumentId,
  at: r.at,
});

const copyAnchor = (a: Anchor): Anchor => ({ quote: a.quote, prefix: a.prefix, suffix: a.suffix, start: a.start, end: a.end });

const copyAttribution = (a: Attribution | null): Attribution | null => (a === null ? null : { entityId: a.entityId, quoteType: a.quoteType, cueId: a.cueId });

function copyAnnotation(a: Annotation): Annotation {
  const base = {
    id: a.id,
    documentId: a.documentId,
    textHash: a.textHash,
    anchor: copyAnchor(a.anchor),
    creator: a.creator,
    created: a.created,
    modified: a.modified,
    ...(a.anchoring !== undefined ? { anchoring: copyAnchoring(a.anchoring) } : {}),
    ...(a.priorAnchors !== undefined ? { priorAnchors: a.priorAnchors.map((p) => ({ documentId: p.documentId, textHash: p.textHash, anchor: copyAnchor(p.anchor) })) } : {}),
  };
  switch (a.kind) {
    case 'claim': {
      const f = a.fields;
      return { ...base, kind: 'claim', fields: { status: f.status, verdict: f.verdict, rationale: f.rationale, attribution: copyAttribution(f.attribution), note: f.note } };
    }
    case 'entity':
      return { ...base, kind: 'entity', fields: { entityId: a.fields.entityId } };
    case 'opinion':
      return { ...base, kind: 'opinion', fields: { attribution: copyAttribution(a.fields.attribution), note: a.fields.note } };
    case 'cue':
      return { ...base, kind: 'cue', fields: { forId: a.fields.forId } };
    default:
      return assertNever(a);
  }
}

const copyEntity = (e: EntityRecord): EntityRecord => ({
  id: e.id,
  name: e.name,
  type: e.type,
  aliases: [...e.aliases],
  externalId: e.externalId,
  creator: e.creator,
  created: e.created,
  modified: e.modified,
});

const copyEvidence = (e: EvidenceRecord): EvidenceRecord => ({
  id: e.id,
  claimId: e.claimId,
  relation: e.relation,
  url: e.url,
  title: e.title,
  passage: e.passage,
  accessed: e.accessed,
  creator: e.creator,
  created: e.created,
  modified: e.modified,
});

const copyLink = (l: ClaimLinkRecord): ClaimLinkRecord => ({
  id: l.id,
  fromId: l.fromId,
  toId: l.toId,
  relation: l.relation,
  creator: l.creator,
  created: l.created,
  modified: l.modified,
});

const copyScale = (s: VerdictScale): VerdictScale => ({
  name: s.name,
  levels: s.levels.map((l) => ({ id: l.id, label: l.label, description: l.description })),
});

/** A deep copy of a stored value as JSON holds it; undefined (no value at all) stays undefined. */
function toJson(value: unknown): JsonValue | undefined {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : (JSON.parse(text) as JsonValue);
}

/**
 * An event as exported. `before` and `after` are kept whole (a snapshot in an event is history: it is
 * written exactly as the event recorded it, in the shape records had then), only made into JSON.
 */
function copyEvent(e: HistoryEvent): ExportedEvent {
  const out: ExportedEvent = {
    id: e.id,
    groupId: e.groupId,
    seq: e.seq,
    at: e.at,
    reviewer: e.reviewer,
    action: e.action,
    table: e.table,
    targetId: e.targetId,
    op: e.op,
    field: e.field,
    subjects: [...e.subjects],
  };
  const before = toJson(e.before);
  const after = toJson(e.after);
  if (before !== undefined) out.before = before;
  if (after !== undefined) out.after = after;
  if (e.reason !== undefined) out.reason = e.reason;
  return out;
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

const byCreatedThenId = (a: { created: string; id: string }, b: { created: string; id: string }): number =>
  compareStrings(a.created, b.created) || compareStrings(a.id, b.id);

/** The record lists of a native export, in the order the file holds them. */
export const NATIVE_SECTIONS = ['documents', 'annotations', 'entities', 'evidence', 'links', 'events'] as const;
export type NativeSection = (typeof NATIVE_SECTIONS)[number];

/** What each list holds as stored, and as exported. */
interface SectionTypes {
  documents: [DocumentRecord, DocumentRecord];
  annotations: [Annotation, Annotation];
  entities: [EntityRecord, EntityRecord];
  evidence: [EvidenceRecord, EvidenceRecord];
  links: [ClaimLinkRecord, ClaimLinkRecord];
  events: [HistoryEvent, ExportedEvent];
}
export type StoredRecord<S extends NativeSection> = SectionTypes[S][0];
type ExportedRecord<S extends NativeSection> = SectionTypes[S][1];

/** How each list is copied and ordered (docs/format.md section 6, "Top level"); every order is total (ids are unique). */
const SECTIONS: { [S in NativeSection]: { copy(r: StoredRecord<S>): ExportedRecord<S>; compare(a: ExportedRecord<S>, b: ExportedRecord<S>): number } } = {
  documents: { copy: copyDocument, compare: byCreatedThenId },
  annotations: { copy: copyAnnotation, compare: compareAnnotations },
  entities: { copy: copyEntity, compare: (a, b) => compareStrings(a.name, b.name) || compareStrings(a.id, b.id) },
  evidence: { copy: copyEvidence, compare: (a, b) => compareStrings(a.claimId, b.claimId) || byCreatedThenId(a, b) },
  links: { copy: copyLink, compare: byCreatedThenId },
  events: { copy: copyEvent, compare: (a, b) => compareStrings(a.at, b.at) || compareStrings(a.groupId, b.groupId) || a.seq - b.seq },
};

/** Copies of `records` in the export's order for `section`. */
function exported<S extends NativeSection>(section: S, records: readonly StoredRecord<S>[]): ExportedRecord<S>[] {
  const { copy, compare } = SECTIONS[section];
  return records.map((r) => copy(r)).sort((a, b) => compare(a, b));
}

/** Build the native export of a library or of one document's records (copied; the inputs are not changed). */
export function serializeLibrary(input: SerializeInput): NativeExport {
  const generator = input.generator ?? GENERATOR;
  return {
    format: NATIVE_FORMAT,
    version: NATIVE_VERSION,
    exportedAt: input.exportedAt,
    generator: { name: generator.name, version: generator.version },
    verdictScale: copyScale(input.verdictScale),
    documents: exported('documents', input.documents),
    annotations: exported('annotations', input.annotations),
    entities: exported('entities', input.entities),
    evidence: exported('evidence', input.evidence),
    links: exported('links', input.links),
    events: exported('events', input.events),
  };
}

/** The top of a native export: everything but its record lists. */
export type NativeHead = Pick<SerializeInput, 'verdictScale' | 'exportedAt' | 'generator'>;

/**
 * Writes a native export a page of records at a time, to `out` (io/json-parts.ts): the text is exactly
 * `JSON.stringify(serializeLibrary(input), null, 2)` of the same records, but only one page of them is
 * ever held. Call `add` for each list in file order (NATIVE_SECTIONS), page after page, then
 * `finish()`; a list never given is written empty. Each page is copied and sorted here; the pages
 * themselves must come in order — every record of a page sorting after every record of the pages
 * before it (db/library-pages.ts reads them so).
 * @throws RangeError when a list comes after a later one, or a page starts before the end of the last.
 */
export class NativeExportWriter {
  private section = -1;
  private last: unknown = undefined;
  /** Records written so far. */
  written = 0;

  constructor(
    private readonly out: JsonWriter,
    head: NativeHead,
  ) {
    const generator = head.generator ?? GENERATOR;
    out.openObject();
    out.value(NATIVE_FORMAT, 'format');
    out.value(NATIVE_VERSION, 'version');
    out.value(head.exportedAt, 'exportedAt');
    out.value({ name: generator.name, version: generator.version }, 'generator');
    out.value(copyScale(head.verdictScale), 'verdictScale');
  }

  /** Write one page of `section`'s records. */
  add<S extends NativeSection>(section: S, page: readonly StoredRecord<S>[]): void {
    this.moveTo(NATIVE_SECTIONS.indexOf(section));
    const records = exported(section, page);
    const first = records[0];
    if (first === undefined) return;
    const compare = SECTIONS[section].compare as (a: unknown, b: unknown) => number;
    if (this.last !== undefined && compare(this.last, first) >= 0) throw new RangeError(`NativeExportWriter: a page of ${section} starts before the end of the page before it`);
    this.out.values(records);
    this.last = records[records.length - 1];
    this.written += records.length;
  }

  /** Close every list and the export. */
  finish(): void {
    this.moveTo(NATIVE_SECTIONS.length);
    this.out.close();
  }

  /** Close the lists up to `index` and open it (writing the skipped ones empty). */
  private moveTo(index: number): void {
    if (index < this.section) throw new RangeError(`NativeExportWriter: ${NATIVE_SECTIONS[index] ?? 'finish'} after ${NATIVE_SECTIONS[this.section]}`);
    while (this.section < index) {
      if (this.section >= 0) this.out.close();
      this.section++;
      this.last = undefined;
      const name = NATIVE_SECTIONS[this.section];
      if (name !== undefined) this.out.openArray(name);
    }
  }
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
