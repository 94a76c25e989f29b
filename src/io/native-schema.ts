/**
 * The native export format, version 2, as checks: one table entry per field of every record (the
 * hand-written form of native-v2.schema.json). A property a table does not name is reported and never
 * copied, so no key of the file can reach an object's prototype; a field added to a model type fails
 * to compile here until its table says how to check it.
 */
import { ANCHORING_STATUSES, ANNOTATION_KINDS, type Anchor, type AnchoringResult, type AnnotationKind, type FieldsOf, type PriorAnchor } from '../model/annotation';
import { CLAIM_STATUSES, EVIDENCE_RELATIONS, LINK_RELATIONS, QUOTE_TYPES, type Attribution, type ClaimLinkRecord, type EvidenceRecord, type VerdictLevel, type VerdictScale } from '../model/claim';
import type { Block, DocumentRecord, InlineRun, SourceFormat } from '../model/document';
import { ENTITY_TYPES, type EntityRecord } from '../model/entity';
import { EVENT_OPS, HISTORY_TABLES } from '../model/history';
import type { CodePoint } from '../model/units';
import { arrayOf, at, BAD, bool, dateTime, describe, expect, isObject, json, nat, nonEmpty, nullable, oneOf, optionalDate, optionalDateTime, positive, record, report, sha256, shortText, str, uuid, type Check, type FieldTable } from './check-values';
import { NATIVE_FORMAT, NATIVE_VERSION, type ExportedEvent, type Generator, type JsonValue, type NativeExport } from './native-json';

const generator = record<Generator>('a generator', { name: nonEmpty, version: nonEmpty });

const verdictLevel = record<VerdictLevel>('a verdict level', { id: nonEmpty, label: str, description: str });
const verdictScale = record<VerdictScale>('a verdict scale', { name: str, levels: arrayOf(verdictLevel) });

const inlineRun = record<InlineRun>('an inline run', {
  text: str,
  marks: { optional: arrayOf(oneOf(['em', 'strong', 'code'] as const), { unique: true }) },
  href: { optional: str },
});

type BlockOf<K extends Block['type']> = Extract<Block, { type: K }>;
const BLOCK_TYPES = ['heading', 'paragraph', 'blockquote', 'list'] as const satisfies readonly Block['type'][];
/** Blocks nest; the file's depth was bounded when it was read, so this recursion is too. */
const block: Check<Block> = (v, path, ctx) => {
  const type = isObject(v) ? v.type : undefined;
  const kind = oneOf(BLOCK_TYPES)(type, at(path, 'type'), { errors: [] });
  if (kind === BAD) return isObject(v) ? report(ctx, at(path, 'type'), `expected one of ${BLOCK_TYPES.map((t) => `"${t}"`).join(', ')}, found ${describe(type)}`) : report(ctx, path, `expected a block (an object), found ${describe(v)}`);
  return BLOCK_TABLES[kind](v, path, ctx);
};
const BLOCK_TABLES: { [K in Block['type']]: Check<BlockOf<K>> } = {
  heading: record<BlockOf<'heading'>>('a heading', { type: oneOf(['heading'] as const), level: oneOf([1, 2, 3, 4, 5, 6] as const), content: arrayOf(inlineRun) }),
  paragraph: record<BlockOf<'paragraph'>>('a paragraph', { type: oneOf(['paragraph'] as const), content: arrayOf(inlineRun) }),
  blockquote: record<BlockOf<'blockquote'>>('a block quote', { type: oneOf(['blockquote'] as const), content: arrayOf(block) }),
  list: record<BlockOf<'list'>>('a list', { type: oneOf(['list'] as const), ordered: bool, items: arrayOf(arrayOf(block)) }),
};

/** Every source format; the type check below fails when the model gains one this list lacks. */
const SOURCE_FORMATS = ['text', 'markdown', 'html', 'docx'] as const satisfies readonly SourceFormat[];
const formatsComplete: [Exclude<SourceFormat, (typeof SOURCE_FORMATS)[number]>] extends [never] ? true : false = true;
void formatsComplete;

/** The fields of a document, version 2. */
export const DOCUMENT_FIELDS: FieldTable<DocumentRecord> = {
  id: uuid,
  title: str,
  sourceUrl: str,
  publisher: str,
  author: str,
  publishedDate: optionalDate,
  retrievedAt: optionalDateTime,
  format: oneOf(SOURCE_FORMATS),
  fileName: str,
  content: arrayOf(block),
  text: str,
  textHash: sha256,
  length: nat(),
  created: dateTime,
  modified: dateTime,
  // Versions of one article (optional: a document never revised has none).
  lineageId: { optional: uuid },
  version: { optional: positive },
  previousVersionId: { optional: nullable(uuid) },
  nextVersionId: { optional: nullable(uuid) },
};
const documentRecord = record<DocumentRecord>('a document', DOCUMENT_FIELDS);

const anchor = record<Anchor>('an anchor', { quote: str, prefix: shortText(32), suffix: shortText(32), start: nat<CodePoint>(), end: nat<CodePoint>() });
const priorAnchor = record<PriorAnchor>('an earlier anchor', { documentId: uuid, textHash: sha256, anchor });
const anchoringResult = record<AnchoringResult>('an anchoring result', {
  status: oneOf(ANCHORING_STATUSES),
  score: { optional: expect((v) => typeof v === 'number' && v >= 0 && v <= 1, 'a number from 0 to 1') },
  fromDocumentId: uuid,
  at: dateTime,
});
const attribution = nullable(record<Attribution>('an attribution', { entityId: uuid, quoteType: oneOf(QUOTE_TYPES), cueId: nullable(uuid) }));

/** The fields of each kind of annotation, version 2. */
export const FIELDS_OF_KIND: { [K in AnnotationKind]: FieldTable<FieldsOf<K>> } = {
  claim: { status: oneOf(CLAIM_STATUSES), verdict: nullable(nonEmpty), rationale: str, attribution, note: str },
  entity: { entityId: nullable(uuid) },
  opinion: { attribution, note: str },
  cue: { forId: uuid },
};
const fieldChecks = Object.fromEntries(ANNOTATION_KINDS.map((k) => [k, record(`the fields of ${k === 'entity' ? 'an' : 'a'} ${k}`, FIELDS_OF_KIND[k] as FieldTable<object>)])) as Record<AnnotationKind, Check<unknown>>;

/** An annotation without its kind-specific part. */
type AnnotationHead = Omit<NativeExport['annotations'][number], 'kind' | 'fields'>;
/** The fields every annotation has, version 2 (`kind` and `fields` are checked together, below). */
export const ANNOTATION_FIELDS: FieldTable<AnnotationHead> = {
  id: uuid,
  documentId: uuid,
  textHash: sha256,
  anchor,
  creator: str,
  created: dateTime,
  modified: dateTime,
  // Carried onto a new version of its document (optional).
  anchoring: { optional: anchoringResult },
  priorAnchors: { optional: arrayOf(priorAnchor) },
};
const annotationHead = record<AnnotationHead & { kind: AnnotationKind; fields: JsonValue }>('an annotation', { ...ANNOTATION_FIELDS, kind: oneOf(ANNOTATION_KINDS), fields: json });
const annotation: Check<NativeExport['annotations'][number]> = (v, path, ctx) => {
  const head = annotationHead(v, path, ctx);
  if (head === BAD) {
    // Still check the fields when the kind is known, so one pass reports both.
    if (isObject(v) && ANNOTATION_KINDS.includes(v.kind as AnnotationKind)) fieldChecks[v.kind as AnnotationKind](v.fields, at(path, 'fields'), ctx);
    return BAD;
  }
  const fields = fieldChecks[head.kind](head.fields, at(path, 'fields'), ctx);
  return fields === BAD ? BAD : ({ ...head, fields } as NativeExport['annotations'][number]);
};

/** The fields of an entity, version 2. */
export const ENTITY_FIELDS: FieldTable<EntityRecord> = {
  id: uuid,
  name: nonEmpty,
  type: oneOf(ENTITY_TYPES),
  aliases: arrayOf(nonEmpty),
  externalId: str,
  creator: str,
  created: dateTime,
  modified: dateTime,
};

/** The fields of an evidence item, version 2. */
export const EVIDENCE_FIELDS: FieldTable<EvidenceRecord> = {
  id: uuid,
  claimId: uuid,
  relation: oneOf(EVIDENCE_RELATIONS),
  url: str,
  title: str,
  passage: str,
  accessed: optionalDate,
  creator: str,
  created: dateTime,
  modified: dateTime,
};

/** The fields of a claim link, version 2. */
export const LINK_FIELDS: FieldTable<ClaimLinkRecord> = {
  id: uuid,
  fromId: uuid,
  toId: uuid,
  relation: oneOf(LINK_RELATIONS),
  creator: str,
  created: dateTime,
  modified: dateTime,
};

/** The fields of a history event, version 2 (what `before` and `after` hold depends on `op`, below). */
export const EVENT_FIELDS: FieldTable<ExportedEvent> = {
  id: uuid,
  groupId: uuid,
  seq: nat(),
  at: dateTime,
  reviewer: str,
  action: str,
  table: oneOf(HISTORY_TABLES),
  targetId: uuid,
  op: oneOf(EVENT_OPS),
  field: nullable(nonEmpty),
  before: { optional: json },
  after: { optional: json },
  reason: { optional: str },
  subjects: arrayOf(uuid),
};
const eventRecord = record<ExportedEvent>('a history event', EVENT_FIELDS);
/** A record inside an event: an object with an id (its other fields are history, in the shape of their time). */
const snapshot: Check<JsonValue> = (v, path, ctx) => {
  if (!isObject(v)) return report(ctx, path, `expected the record as it was (an object), found ${describe(v)}`);
  return uuid(v.id, at(path, 'id'), ctx) === BAD ? BAD : (v as JsonValue);
};
/**
 * An update of several fields (`field` null): `before` and `after` map the changed paths to their
 * values; a path missing from one side did not exist then.
 */
function fieldValues(e: ExportedEvent, path: string, ctx: Parameters<Check<unknown>>[2]): void {
  const { before, after } = e;
  if (!isObject(before) || !isObject(after)) {
    report(ctx, at(path, 'field'), 'expected the path of the changed field, or objects of changed paths in before and after, for an update event');
    return;
  }
  const paths = new Set([...Object.keys(before), ...Object.keys(after)]);
  if (paths.size === 0 || paths.has('')) report(ctx, at(path, 'before'), 'expected before and after to hold the changed paths for an update event of several fields');
}

const event: Check<ExportedEvent> = (v, path, ctx) => {
  const e = eventRecord(v, path, ctx);
  if (e === BAD) return BAD;
  const problems = ctx.errors.length;
  const isNull = (key: 'before' | 'after' | 'field') => (e[key] === null ? null : report(ctx, at(path, key), `expected null for a ${e.op} event, found ${key in e ? describe(e[key]) : 'nothing'}`));
  switch (e.op) {
    case 'create':
      isNull('field');
      isNull('before');
      snapshot(e.after, at(path, 'after'), ctx);
      break;
    case 'delete':
      isNull('field');
      isNull('after');
      snapshot(e.before, at(path, 'before'), ctx);
      break;
    case 'update':
      // Several fields at once: before and after are objects with the same changed paths as keys.
      if (e.field === null) fieldValues(e, path, ctx);
      break;
  }
  return ctx.errors.length > problems ? BAD : e;
};

/** The top-level fields of a version 2 export. */
export const EXPORT_FIELDS: FieldTable<NativeExport> = {
  format: oneOf([NATIVE_FORMAT] as const),
  version: oneOf([NATIVE_VERSION] as const),
  exportedAt: dateTime,
  generator,
  verdictScale,
  documents: arrayOf(documentRecord),
  annotations: arrayOf(annotation),
  entities: arrayOf(record<EntityRecord>('an entity', ENTITY_FIELDS)),
  evidence: arrayOf(record<EvidenceRecord>('an evidence item', EVIDENCE_FIELDS)),
  links: arrayOf(record<ClaimLinkRecord>('a claim link', LINK_FIELDS)),
  events: arrayOf(event),
};
/** A whole export: every field of every record (what no schema can say is native-consistency.ts). */
export const checkNativeExport = record<NativeExport>('a Marginalia export', EXPORT_FIELDS);
