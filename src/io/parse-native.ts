/**
 * Reading a native export back: bytes or text → a checked `NativeExport`, or the reasons it cannot be
 * imported, with the JSON path of each problem ("annotations[3].anchor.start: expected a whole number ≥ 0").
 *
 * Why it exists: an import may come from anyone, so nothing in the file is trusted. The checks run in
 * this order, each refusing the file before the next is tried: size (before parsing), encoding, JSON
 * syntax, nesting depth and dangerous keys (`__proto__`, `constructor`, `prototype`, anywhere), the
 * format and version, every field of every record (native-v2.schema.json, written out by hand: the
 * app's Content Security Policy forbids the code generation a schema compiler needs), then what a
 * schema cannot say: duplicate ids, references to records missing from the file, offsets inside the
 * text, `length` and `text` agreeing with `content`. Text hashes need Web Crypto and so are checked
 * apart, asynchronously (`verifyTextHashes`).
 *
 * Records are rebuilt from the field tables below, one entry per field: a property the table does not
 * name is reported and never copied, so no key of the file can reach an object's prototype. A field
 * added to a model type fails to compile here until its table says how to check it.
 */
import { ANCHORING_STATUSES, ANNOTATION_KINDS, type Anchor, type AnchoringResult, type AnnotationKind, type FieldsOf, type PriorAnchor } from '../model/annotation';
import { CLAIM_STATUSES, EVIDENCE_RELATIONS, LINK_RELATIONS, QUOTE_TYPES, type Attribution, type ClaimLinkRecord, type EvidenceRecord, type VerdictLevel, type VerdictScale } from '../model/claim';
import { codePointLength, plainTextOf, type Block, type DocumentRecord, type InlineRun, type SourceFormat } from '../model/document';
import { ENTITY_TYPES, type EntityRecord } from '../model/entity';
import { EVENT_OPS, HISTORY_TABLES } from '../model/history';
import type { CodePoint } from '../model/units';
import { sha256Hex } from './hash';
import { NATIVE_FORMAT, NATIVE_VERSION, type ExportedEvent, type Generator, type JsonValue, type NativeExport } from './native-json';
import { fail, ok, type Result } from './result';

/**
 * The largest file imported, in bytes. Checked before the file is read or parsed. A library of 1,000
 * documents and 100,000 annotations exports to about 96 MB (bench/results/library-scale.md), so the
 * limit leaves room for twice that; parsing such a file takes well under 1 GB of the tab's memory.
 */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;
/** The deepest nesting of arrays and objects accepted. A Markdown document nested as deep as markdown-it allows stays well below. */
export const MAX_DEPTH = 512;
/** Keys refused anywhere in the file: they name or reach an object's prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Problems listed in a refusal; the rest are counted. */
export const MAX_SHOWN_ERRORS = 5;
/** Problems collected before the check stops looking. */
const MAX_COLLECTED_ERRORS = 200;

/** "52.4 MB" */
export const formatMegabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Why a file of `bytes` bytes is refused before reading it, or null when its size is acceptable. */
export function sizeProblem(bytes: number, fileName: string): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null;
  return `${fileName} is ${formatMegabytes(bytes)}; Marginalia imports library files of up to ${formatMegabytes(MAX_IMPORT_BYTES)}. Nothing was imported.`;
}

/** UTF-8 length of `s` in bytes, counted without encoding it. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

// ---- Paths and errors ----

/** Where the checks are in the file, and what they found. */
interface Ctx {
  errors: string[];
}

const BAD = Symbol('bad');
type Bad = typeof BAD;
type Check<T> = (value: unknown, path: string, ctx: Ctx) => T | Bad;

const at = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function report(ctx: Ctx, path: string, message: string): Bad {
  if (ctx.errors.length < MAX_COLLECTED_ERRORS) ctx.errors.push(`${path || 'the file'}: ${message}`);
  return BAD;
}

/** A JSON value as a reviewer would name it: "a number (12)", "text (\"x\")", "null". */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- Checks of single values ----

const expect = <T>(test: (v: unknown) => boolean, what: string): Check<T> => (v, path, ctx) => (test(v) ? (v as T) : report(ctx, path, `expected ${what}, found ${describe(v)}`));

const str: Check<string> = expect((v) => typeof v === 'string', 'text');
const nonEmpty: Check<string> = expect((v) => typeof v === 'string' && v !== '', 'non-empty text');
const bool: Check<boolean> = expect((v) => typeof v === 'boolean', 'true or false');
const nat = <T extends number = number>(): Check<T> => expect((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, 'a whole number ≥ 0');
const positive: Check<number> = expect((v) => typeof v === 'number' && Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');

/** The `uuid` format as JSON Schema validators read it (any case, optional urn:uuid: prefix). */
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const uuid: Check<string> = expect((v) => typeof v === 'string' && UUID.test(v), 'an id (a UUID such as 1b4e28ba-2fa1-41d2-883f-0016d3cca427)');

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):?(\d{2}))$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && !leap ? 28 : DAYS[month - 1]!);
}
function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m || !isDate(m[1]!)) return false;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  return h <= 23 && min <= 59 && sec <= 60 && (m[5] === undefined || (Number(m[5]) <= 23 && Number(m[6]) <= 59));
}
const dateTime: Check<string> = expect((v) => typeof v === 'string' && isDateTime(v), 'a date and time such as 2026-11-22T10:00:00.000Z');
const optionalDate: Check<string> = expect((v) => v === '' || (typeof v === 'string' && isDate(v)), 'a date such as 2026-11-15, or ""');
const optionalDateTime: Check<string> = expect((v) => v === '' || (typeof v === 'string' && isDateTime(v)), 'a date and time such as 2026-11-22T10:00:00.000Z, or ""');
const sha256: Check<string> = expect((v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v), 'a SHA-256: 64 lower-case hexadecimal digits');

function oneOf<T extends string | number>(values: readonly T[]): Check<T> {
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return expect((v) => (values as readonly unknown[]).includes(v), `one of ${list}`);
}

const nullable = <T>(check: Check<T>): Check<T | null> => (v, path, ctx) => (v === null ? null : check(v, path, ctx));

/** Text of at most `max` code points. */
const shortText = (max: number): Check<string> => (v, path, ctx) => {
  if (typeof v !== 'string') return report(ctx, path, `expected text, found ${describe(v)}`);
  return codePointLength(v) <= max ? v : report(ctx, path, `expected at most ${max} characters (code points), found ${codePointLength(v)}`);
};

function arrayOf<T>(check: Check<T>, opts: { unique?: boolean } = {}): Check<T[]> {
  return (v, path, ctx) => {
    if (!Array.isArray(v)) return report(ctx, path, `expected a list, found ${describe(v)}`);
    const out: T[] = [];
    let bad = false;
    for (let i = 0; i < v.length; i++) {
      const item = check(v[i], at(path, i), ctx);
      if (item === BAD) bad = true;
      else out.push(item);
    }
    if (opts.unique && new Set(v).size !== v.length) return report(ctx, path, 'holds the same value twice');
    return bad ? BAD : out;
  };
}

/** Any JSON value, kept as parsed (its keys were checked for safety when the file was read). */
const json: Check<JsonValue> = (v) => v as JsonValue;

// ---- Records: one table entry per field ----

/** How to check one field: its check, or `{ optional }` for a field that may be absent. */
type FieldSpec<V> = undefined extends V ? { optional: Check<Exclude<V, undefined>> } : Check<V>;
/** One entry for every field of `T`, so a field added to the model must be added here. */
export type FieldTable<T> = { [K in keyof T]-?: FieldSpec<T[K]> };

/**
 * Check an object against `table`: every required field present and valid, no other key. The result
 * is a new object holding only the table's fields, in the table's order.
 */
function record<T>(what: string, table: FieldTable<T>): Check<T> {
  const keys = Object.keys(table) as (keyof T & string)[];
  const known = new Set<string>(keys);
  return (v, path, ctx) => {
    if (!isObject(v)) return report(ctx, path, `expected ${what} (an object), found ${describe(v)}`);
    let bad = false;
    for (const key of Object.keys(v)) {
      if (!known.has(key)) bad = report(ctx, at(path, key), `not a field of ${what} in version ${NATIVE_VERSION}`) === BAD;
    }
    const out = {} as Record<string, unknown>;
    for (const key of keys) {
      const spec = table[key] as Check<unknown> | { optional: Check<unknown> };
      const has = Object.prototype.hasOwnProperty.call(v, key);
      if (typeof spec !== 'function') {
        if (!has) continue;
        const value = spec.optional(v[key], at(path, key), ctx);
        if (value === BAD) bad = true;
        else out[key] = value;
        continue;
      }
      if (!has) {
        bad = report(ctx, at(path, key), 'missing') === BAD;
        continue;
      }
      const value = spec(v[key], at(path, key), ctx);
      if (value === BAD) bad = true;
      else out[key] = value;
    }
    return bad ? BAD : (out as T);
  };
}

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
      if (e.field === null) report(ctx, at(path, 'field'), 'expected the path of the changed field for an update event, found null');
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
const nativeExport = record<NativeExport>('a Marginalia export', EXPORT_FIELDS);

// ---- Reading the file ----

/** JSON.parse's complaint, with the line and column it gives as an offset. */
function syntaxProblem(text: string, error: unknown, fileName: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  let where = '';
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${column}`;
  } else if (/end of (JSON )?input/i.test(message)) where = ' at its end (it stops before the JSON is complete)';
  return `${fileName} is not valid JSON: it breaks${where} (${message.replace(/^JSON\.parse: /, '')}). Is it the file Marginalia's “Export JSON” wrote?`;
}

/**
 * Walk the parsed value without recursion: refuse nesting deeper than MAX_DEPTH and the keys of
 * FORBIDDEN_KEYS anywhere. Returns the problems (at most a few).
 */
function structureProblems(root: unknown, fileName: string): string[] {
  interface Node {
    value: unknown;
    depth: number;
    parent: Node | null;
    key: string | number;
  }
  const pathOf = (node: Node): string => {
    const parts: (string | number)[] = [];
    for (let n: Node | null = node; n && n.parent; n = n.parent) parts.push(n.key);
    parts.reverse();
    const shown = parts.length > 8 ? [...parts.slice(0, 6), '…'] : parts;
    return shown.reduce<string>((p, k) => (k === '…' ? `${p}…` : at(p, k)), '') || 'the top';
  };
  const problems: string[] = [];
  const stack: Node[] = [{ value: root, depth: 0, parent: null, key: '' }];
  while (stack.length > 0 && problems.length < MAX_SHOWN_ERRORS) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v !== 'object' || v === null) continue;
    const depth = node.depth + 1;
    if (depth > MAX_DEPTH) {
      return [`${fileName} nests lists and objects more than ${MAX_DEPTH} levels deep (at ${pathOf(node)}). No Marginalia export does; such files are made to crash programs that read them. Nothing was imported.`];
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'object' && v[i] !== null) stack.push({ value: v[i], depth, parent: node, key: i });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push(`${at(node.parent ? pathOf(node) : '', key)}: the key “${key}” is not allowed in an import (it could change how the program's objects behave). Remove it from the file.`);
        continue;
      }
      const child = (v as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth, parent: node, key });
    }
  }
  return problems;
}

/** What a JSON value that is not a Marginalia export looks like, for the refusal. */
function lookalike(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON list';
  if (!isObject(value)) return `a single JSON value (${describe(value)})`;
  const context = JSON.stringify(value['@context'] ?? '');
  const type = JSON.stringify(value.type ?? value['@type'] ?? '');
  if (context.includes('w3.org/ns/anno') || /Annotation(Collection|Page)?"/.test(type)) {
    return `a W3C Web Annotation file${/"(\w+)"/.exec(type) ? ` (${/"(\w+)"/.exec(type)![1]})` : ''}`;
  }
  if (context.includes('schema.org') || /ClaimReview/.test(type)) return `a schema.org file${type ? ` (${type.replace(/"/g, '')})` : ''}`;
  if ('format' in value) return `a file whose format is ${describe(value.format)}`;
  return 'a JSON file without "format": "marginalia"';
}

/** Refuse another format or version, with what to do about it. */
function formatProblem(value: unknown, fileName: string): string | null {
  if (!isObject(value) || value.format !== NATIVE_FORMAT) {
    return `${fileName} is ${lookalike(value)}, not a Marginalia library export. Import here only files made with Marginalia's “Export JSON”; import articles with “Import document”.`;
  }
  const version = value.version;
  if (version === NATIVE_VERSION) return null;
  if (typeof version === 'number' && Number.isInteger(version) && version > NATIVE_VERSION) {
    return `${fileName} was made by a newer Marginalia, version ${version}; this one reads version ${NATIVE_VERSION}. Update Marginalia to import it.`;
  }
  if (version === 1) {
    return `${fileName} is a version 1 export, made by an older Marginalia; this one imports version ${NATIVE_VERSION}. Open the library it came from in this Marginalia (which upgrades it) and export it again.`;
  }
  return `${fileName} has ${version === undefined ? 'no version' : `the version ${describe(version)}`}; this Marginalia reads version ${NATIVE_VERSION} of its export format.`;
}

/** What no schema can say: unique ids, references inside the file, offsets inside the text. */
function consistencyProblems(x: NativeExport, ctx: Ctx): void {
  const ids = <T extends { id: string }>(list: readonly T[], name: string): Map<string, T> => {
    const map = new Map<string, T>();
    list.forEach((r, i) => {
      if (map.has(r.id)) report(ctx, `${name}[${i}].id`, `the id ${r.id} is used twice in ${name}`);
      else map.set(r.id, r);
    });
    return map;
  };
  const documents = ids(x.documents, 'documents');
  const annotations = ids(x.annotations, 'annotations');
  const entities = ids(x.entities, 'entities');
  ids(x.evidence, 'evidence');
  ids(x.links, 'links');
  ids(x.events, 'events');
  const levels = new Set<string>();
  x.verdictScale.levels.forEach((l, i) => {
    if (levels.has(l.id)) report(ctx, `verdictScale.levels[${i}].id`, `the level id “${l.id}” is used twice`);
    levels.add(l.id);
  });

  x.documents.forEach((d, i) => {
    const text = plainTextOf(d.content);
    if (text !== d.text) report(ctx, `documents[${i}].text`, 'is not the plain text of its content (docs/format.md, section 3)');
    const length = codePointLength(d.text);
    if (length !== d.length) report(ctx, `documents[${i}].length`, `is ${d.length}, but the text has ${length} characters (code points)`);
  });
  const need = (path: string, id: string | null, map: Map<string, unknown>, what: string) => {
    if (id !== null && !map.has(id)) report(ctx, path, `points at ${what} ${id}, which is not in the file`);
  };
  x.annotations.forEach((a, i) => {
    const path = `annotations[${i}]`;
    const doc = documents.get(a.documentId);
    need(`${path}.documentId`, a.documentId, documents, 'the document');
    if (a.anchor.start > a.anchor.end) report(ctx, `${path}.anchor`, `starts (${a.anchor.start}) after it ends (${a.anchor.end})`);
    else if (doc && a.textHash === doc.textHash && a.anchor.end > doc.length) report(ctx, `${path}.anchor.end`, `is ${a.anchor.end}, past the end of the document's text (${doc.length} characters)`);
    switch (a.kind) {
      case 'entity':
        need(`${path}.fields.entityId`, a.fields.entityId, entities, 'the entity');
        break;
      case 'claim':
      case 'opinion':
        if (a.fields.attribution) {
          need(`${path}.fields.attribution.entityId`, a.fields.attribution.entityId, entities, 'the entity');
          need(`${path}.fields.attribution.cueId`, a.fields.attribution.cueId, annotations, 'the cue');
        }
        if (a.kind === 'claim' && a.fields.verdict !== null && !levels.has(a.fields.verdict)) {
          report(ctx, `${path}.fields.verdict`, `“${a.fields.verdict}” is not a level of the file's verdict scale`);
        }
        break;
      case 'cue':
        need(`${path}.fields.forId`, a.fields.forId, annotations, 'the claim or opinion');
        break;
    }
  });
  x.evidence.forEach((e, i) => {
    const claim = annotations.get(e.claimId);
    if (!claim) need(`evidence[${i}].claimId`, e.claimId, annotations, 'the claim');
    else if (claim.kind !== 'claim') report(ctx, `evidence[${i}].claimId`, `points at ${claim.kind === 'entity' ? 'an' : 'a'} ${claim.kind}, not a claim`);
  });
  // One end of a link may be elsewhere: a document's export keeps links to claims in other documents.
  x.links.forEach((l, i) => {
    if (!annotations.has(l.fromId) && !annotations.has(l.toId)) report(ctx, `links[${i}]`, 'links two claims of which neither is in the file');
  });
}

/** The first problems, and a count of the others. */
function refusal(fileName: string, errors: readonly string[]): Result<never> {
  const shown = errors.slice(0, MAX_SHOWN_ERRORS);
  const more = errors.length - shown.length;
  const counted = errors.length >= MAX_COLLECTED_ERRORS ? `at least ${more}` : String(more);
  const intro = `${fileName} cannot be imported: ${errors.length === 1 ? 'one problem' : `${errors.length >= MAX_COLLECTED_ERRORS ? 'many' : errors.length} problems`}. Nothing was imported.`;
  return fail(intro, ...shown, ...(more > 0 ? [`…and ${counted} more.`] : []));
}

/**
 * Read a native export from the bytes or text of a file. Nothing in the result shares an object with
 * the file's parse except the contents of history events' `before` and `after`, which hold no
 * forbidden key. Text hashes are not checked here (see `verifyTextHashes`).
 */
export function parseNative(input: string | Uint8Array, fileName = 'The file'): Result<NativeExport> {
  const size = typeof input === 'string' ? utf8Length(input) : input.byteLength;
  const tooBig = sizeProblem(size, fileName);
  if (tooBig) return fail(tooBig);
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return fail(`${fileName} is not UTF-8 text, so it is not a Marginalia export.`);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail(`${fileName} is empty.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(syntaxProblem(text, error, fileName));
  }
  const structure = structureProblems(value, fileName);
  if (structure.length > 0) return structure.length === 1 && structure[0]!.startsWith(fileName) ? fail(structure[0]!) : refusal(fileName, structure);
  const format = formatProblem(value, fileName);
  if (format) return fail(format);
  const ctx: Ctx = { errors: [] };
  const checked = nativeExport(value, '', ctx);
  if (checked === BAD) return refusal(fileName, ctx.errors);
  consistencyProblems(checked, ctx);
  return ctx.errors.length > 0 ? refusal(fileName, ctx.errors) : ok(checked);
}

/** Check every document's and annotation's text hash against its document's text. */
export async function verifyTextHashes(x: NativeExport, fileName = 'The file'): Promise<Result<NativeExport>> {
  const errors: string[] = [];
  for (const [i, d] of x.documents.entries()) {
    if ((await sha256Hex(d.text)) !== d.textHash) errors.push(`documents[${i}].textHash: is not the SHA-256 of the document's text; the text or its hash was changed`);
  }
  return errors.length > 0 ? refusal(fileName, errors) : ok(x);
}

/** parseNative, then verifyTextHashes: everything an import needs checked. */
export async function readNativeExport(input: string | Uint8Array, fileName = 'The file'): Promise<Result<NativeExport>> {
  const parsed = parseNative(input, fileName);
  return parsed.ok ? verifyTextHashes(parsed.value, fileName) : parsed;
}
