import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../../src/io/native-v2.schema.json';
import { GENERATOR, NATIVE_FORMAT, NATIVE_VERSION, exportFileName, serializeLibrary, slugOf, type NativeExport, type SerializeInput } from '../../src/io/native-json';
import { importDocument } from '../../src/io/import-document';
import { ANNOTATION_KINDS, createAnnotation, createCue, withFields, type Annotation, type TagKind } from '../../src/model/annotation';
import {
  CLAIM_STATUSES,
  DEFAULT_VERDICT_SCALE,
  EVIDENCE_RELATIONS,
  LINK_RELATIONS,
  QUOTE_TYPES,
  type ClaimLinkRecord,
  type EvidenceRecord,
  type EvidenceRelation,
} from '../../src/model/claim';
import { ENTITY_TYPES, createEntity } from '../../src/model/entity';
import { HISTORY_TABLES, eventsFor, type EventOp, type HistoryEvent, type RecordChange } from '../../src/model/history';
import type { DocumentRecord } from '../../src/model/document';
import { asCodePoint } from '../../src/model/units';
import { createCodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import { upgradeAnnotationsToV2, type V1Annotation } from '../../src/db/upgrade-v2';
import { validateNativeExport } from '../validate-native-export';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Schema errors of `value` as readable lines ([] when valid). */
function schemaErrors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** A JSON round trip: what a reader of the downloaded file sees. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every event op. model/history.ts has no const array of them; the type check below keeps this complete. */
const EVENT_OPS = ['create', 'update', 'delete'] as const satisfies readonly EventOp[];
const opsComplete: Exclude<EventOp, (typeof EVENT_OPS)[number]> extends never ? true : false = true;

const EXPORTED_AT = '2026-11-22T10:00:00.000Z';

const MARKDOWN = [
  '# Dam breach kills 47',
  '',
  'KERSOVA — At least **47 people** were killed, said [Dragan Tsvetkov](https://example.org/tsvetkov).',
  '',
  '> "We are dealing with the worst flood," he said.',
  '',
  '- Displaced: 1,200',
  '  1. in shelters',
  '  2. with relatives',
  '',
  '```',
  'raw figures',
  '```',
].join('\n');
const TEXT = 'Плотина прорвалась 😀 в пятницу.\n\nВторой абзац: e\u0301 и 𝔘.';

async function buildDocument(fileName: string, text: string, created: string): Promise<DocumentRecord> {
  const result = await importDocument({ fileName, text }, created, crypto.randomUUID(), { publisher: 'Herald', publishedDate: '2026-11-15' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
}

/** The code-point span of the first `quote` in `doc` (after `after`, when given). */
function spanOf(doc: DocumentRecord, quote: string, after = 0) {
  const from = doc.text.indexOf(quote, after);
  if (from < 0) throw new Error(`${quote} not in ${doc.title}`);
  const start = Array.from(doc.text.slice(0, from)).length;
  const end = start + Array.from(quote).length;
  return describeSpan(doc.text, createCodePointIndex(doc.text), asCodePoint(start), asCodePoint(end));
}

const common = (doc: DocumentRecord, quote: string, now: string) => ({
  id: crypto.randomUUID(),
  documentId: doc.id,
  textHash: doc.textHash,
  anchor: spanOf(doc, quote),
  creator: 'Reviewer Ř',
  now,
});

function annotate(doc: DocumentRecord, quote: string, kind: TagKind, now: string): Annotation {
  return createAnnotation({ ...common(doc, quote, now), kind });
}

function evidenceFor(claimId: string, relation: EvidenceRelation, created: string, accessed: string): EvidenceRecord {
  return { id: crypto.randomUUID(), claimId, relation, url: 'https://example.org/report', title: 'UN report', passage: '63 killed', accessed, creator: 'Reviewer Ř', created, modified: created };
}

const groupContext = (at: string, action: string, reason?: string) => ({
  groupId: crypto.randomUUID(),
  at,
  reviewer: 'Reviewer Ř',
  action,
  newId: () => crypto.randomUUID(),
  ...(reason ? { reason } : {}),
});

/** A small library with every kind of record, built as the app would build it, history included. */
async function buildLibrary(): Promise<SerializeInput & { exportedAt: string }> {
  const md = await buildDocument('herald.md', MARKDOWN, '2026-11-20T09:00:00.000Z');
  const txt = await buildDocument('статья.txt', TEXT, '2026-11-19T09:00:00.000Z');
  const t1 = '2026-11-21T12:00:00.000Z';
  const t2 = '2026-11-21T12:05:00.000Z';
  const t3 = '2026-11-21T12:10:00.000Z';

  const dragan = createEntity({ id: crypto.randomUUID(), name: 'Dragan Tsvetkov', type: 'person', creator: 'Reviewer Ř', now: t1, aliases: ['Д. Цветков'] });
  const kersova = { ...createEntity({ id: crypto.randomUUID(), name: 'Kersova', type: 'place', creator: 'Reviewer Ř', now: t1 }), externalId: 'Q1000001' };

  const claim = annotate(md, '47 people', 'claim', t1);
  const cue = createCue({ ...common(md, 'said', t1), forId: claim.id });
  const attributed = withFields(claim, { status: 'disputed', verdict: 'mostly-false', rationale: 'The UN counts 63.', attribution: { entityId: dragan.id, quoteType: 'direct', cueId: cue.id } }, t2);
  const mention = withFields(annotate(md, 'Dragan Tsvetkov', 'entity', t1), { entityId: dragan.id }, t1);
  const place = withFields(annotate(md, 'KERSOVA', 'entity', t1), { entityId: kersova.id }, t1);
  const opinion = withFields(annotate(md, 'the worst flood', 'opinion', t1), { attribution: { entityId: dragan.id, quoteType: 'reported', cueId: null }, note: 'he = Tsvetkov' }, t1);
  const otherClaim = annotate(txt, '😀 в пятницу', 'claim', t1);
  const unlinked = annotate(txt, 'e\u0301 и 𝔘', 'entity', t1);
  const unheld = annotate(txt, 'Второй абзац', 'opinion', t1);

  const contradicting = evidenceFor(claim.id, 'contradicts', t2, '2026-11-21');
  const context = evidenceFor(claim.id, 'context', t2, '');
  const withdrawn = evidenceFor(claim.id, 'supports', t1, '2026-11-20');
  const link: ClaimLinkRecord = { id: crypto.randomUUID(), fromId: attributed.id, toId: otherClaim.id, relation: 'contradicts', creator: 'Reviewer Ř', created: t2, modified: t2 };

  const creates: RecordChange[] = [
    { table: 'entities', op: 'create', after: dragan },
    { table: 'entities', op: 'create', after: kersova },
    ...[claim, cue, mention, place, opinion, otherClaim, unlinked, unheld].map((a): RecordChange => ({ table: 'annotations', op: 'create', after: a })),
    { table: 'evidence', op: 'create', after: withdrawn },
  ];
  const events: HistoryEvent[] = [
    ...eventsFor(creates, groupContext(t1, 'tag')),
    ...eventsFor(
      [
        { table: 'evidence', op: 'create', after: contradicting },
        { table: 'evidence', op: 'create', after: context },
        { table: 'links', op: 'create', after: link },
        { table: 'annotations', op: 'update', before: claim, after: attributed },
      ],
      groupContext(t2, 'review claim', 'The UN figure differs.'),
    ),
    ...eventsFor([{ table: 'evidence', op: 'delete', before: withdrawn }], groupContext(t3, 'remove evidence')),
  ];
  return {
    documents: [md, txt],
    annotations: [attributed, cue, mention, place, opinion, otherClaim, unlinked, unheld],
    entities: [kersova, dragan],
    evidence: [context, contradicting],
    links: [link],
    events,
    verdictScale: DEFAULT_VERDICT_SCALE,
    exportedAt: EXPORTED_AT,
  };
}

const EMPTY: SerializeInput = { documents: [], annotations: [], entities: [], evidence: [], links: [], events: [], verdictScale: DEFAULT_VERDICT_SCALE, exportedAt: '2026-11-22T10:00:00Z' };

/** A reversed copy of every list, so order in the file cannot come from the input's order. */
const reversed = (l: SerializeInput): SerializeInput => ({
  ...l,
  documents: [...l.documents].reverse(),
  annotations: [...l.annotations].reverse(),
  entities: [...l.entities].reverse(),
  evidence: [...l.evidence].reverse(),
  links: [...l.links].reverse(),
  events: [...l.events].reverse(),
});

describe('native JSON export, version 2', () => {
  it('validates against native-v2.schema.json, round-tripped through JSON, with every kind of record', async () => {
    const library = await buildLibrary();
    const exported = viaJson(serializeLibrary(library));
    expect(schemaErrors(exported)).toEqual([]);
    expect(validateNativeExport(exported)).toEqual([]); // the validator the e2e tests use
    expect(exported.format).toBe(NATIVE_FORMAT);
    expect(exported.version).toBe(2);
    expect(exported.generator).toEqual(GENERATOR);
    expect(new Set(exported.annotations.map((a) => a.kind))).toEqual(new Set(ANNOTATION_KINDS));
    expect(exported.entities).toHaveLength(2);
    expect(exported.evidence).toHaveLength(2);
    expect(exported.links).toHaveLength(1);
    expect(new Set(exported.events.map((e) => e.op))).toEqual(new Set(EVENT_OPS));
    expect(exported.events.some((e) => e.reason === 'The UN figure differs.')).toBe(true);
    // An export of nothing is valid too.
    expect(schemaErrors(viaJson(serializeLibrary(EMPTY)))).toEqual([]);
  });

  it('is lossless: the JSON holds every record exactly as stored', async () => {
    const library = await buildLibrary();
    const exported = viaJson(serializeLibrary(library));
    for (const doc of library.documents) expect(exported.documents.find((d) => d.id === doc.id)).toEqual(doc);
    for (const a of library.annotations) expect(exported.annotations.find((x) => x.id === a.id)).toEqual(a);
    for (const e of library.entities) expect(exported.entities.find((x) => x.id === e.id)).toEqual(e);
    for (const e of library.evidence) expect(exported.evidence.find((x) => x.id === e.id)).toEqual(e);
    for (const l of library.links) expect(exported.links.find((x) => x.id === l.id)).toEqual(l);
    for (const e of library.events) expect(exported.events.find((x) => x.id === e.id)).toEqual(viaJson(e));
    expect(exported.verdictScale).toEqual(DEFAULT_VERDICT_SCALE);
    // The cue and the attribution pointing at it.
    const cue = exported.annotations.find((a) => a.kind === 'cue');
    const claim = exported.annotations.find((a) => a.kind === 'claim' && a.fields.attribution !== null);
    expect(claim?.kind === 'claim' && claim.fields.attribution?.cueId).toBe(cue?.id);
    expect(cue?.kind === 'cue' && cue.fields.forId).toBe(claim?.id);
  });

  it('keeps what create, update and delete events hold before and after', async () => {
    const library = await buildLibrary();
    const exported = viaJson(serializeLibrary(library));
    const create = exported.events.find((e) => e.op === 'create' && e.table === 'links')!;
    expect(create).toMatchObject({ field: null, before: null, after: library.links[0] });
    const update = exported.events.find((e) => e.op === 'update' && e.field === 'fields.attribution')!;
    expect(update.before).toBeNull();
    expect(update.after).toMatchObject({ quoteType: 'direct' });
    const del = exported.events.find((e) => e.op === 'delete')!;
    expect(del).toMatchObject({ table: 'evidence', field: null, after: null });
    expect(del.before).toMatchObject({ relation: 'supports' });
    expect(exported.events.find((e) => e.reason === undefined)).not.toHaveProperty('reason');
  });

  it('exports the events of the storage upgrade, where a field was added or removed', () => {
    const v1: V1Annotation = {
      id: crypto.randomUUID(),
      documentId: crypto.randomUUID(),
      textHash: 'a'.repeat(64),
      anchor: { quote: 'x', prefix: '', suffix: '', start: asCodePoint(0), end: asCodePoint(1) },
      creator: 'R',
      created: EXPORTED_AT,
      modified: EXPORTED_AT,
      kind: 'claim',
      fields: { status: 'attributed', attributedTo: 'Dragan Tsvetkov', note: '' },
    };
    const upgraded = upgradeAnnotationsToV2([v1], EXPORTED_AT, () => crypto.randomUUID());
    const exported = viaJson(serializeLibrary({ ...EMPTY, ...upgraded }));
    expect(schemaErrors(exported)).toEqual([]);
    // A field that did not exist before has no `before`; a field removed has no `after`.
    const added = exported.events.find((e) => e.field === 'fields.verdict')!;
    expect(added).not.toHaveProperty('before');
    expect(added.after).toBeNull();
    const removed = exported.events.find((e) => e.field === 'fields.attributedTo')!;
    expect(removed.before).toBe('Dragan Tsvetkov');
    expect(removed).not.toHaveProperty('after');
  });

  it('orders every list stably, whatever the order of the input', async () => {
    const library = await buildLibrary();
    const exported = serializeLibrary(reversed(library));
    expect(serializeLibrary(library)).toEqual(exported);
    expect(JSON.stringify(serializeLibrary({ ...library, exportedAt: '2027-01-01T00:00:00.000Z' })).replace('2027-01-01T00:00:00.000Z', EXPORTED_AT)).toBe(JSON.stringify(exported));

    expect(exported.documents.map((d) => d.fileName)).toEqual(['статья.txt', 'herald.md']);
    const keys = exported.annotations.map((a) => [a.documentId, a.anchor.start, -a.anchor.end, a.id].join('\u0000'));
    expect(keys).toEqual([...keys].sort((x, y) => {
      const [dx, sx, ex, ix] = x.split('\u0000');
      const [dy, sy, ey, iy] = y.split('\u0000');
      return dx! < dy! ? -1 : dx! > dy! ? 1 : Number(sx) - Number(sy) || Number(ex) - Number(ey) || (ix! < iy! ? -1 : ix! > iy! ? 1 : 0);
    }));
    expect(exported.entities.map((e) => e.name)).toEqual(['Dragan Tsvetkov', 'Kersova']);
    const evidenceKeys = exported.evidence.map((e) => `${e.claimId} ${e.created} ${e.id}`);
    expect(evidenceKeys).toEqual([...evidenceKeys].sort());
    const eventKeys = exported.events.map((e) => [e.at, e.groupId, String(e.seq).padStart(4, '0')].join(' '));
    expect(eventKeys).toEqual([...eventKeys].sort());
    // Within a group, the events keep the order they were written in.
    const firstGroup = exported.events.filter((e) => e.groupId === exported.events[0]!.groupId);
    expect(firstGroup.map((e) => e.seq)).toEqual(firstGroup.map((_, i) => i));
  });

  it('copies records without changing the inputs and leaves out properties the model does not have', async () => {
    const library = await buildLibrary();
    const before = structuredClone(library);
    const extra = <T extends object>(x: T): T => ({ ...x, dexieInternal: 1 });
    const [claim, ...rest] = library.annotations;
    if (claim?.kind !== 'claim' || !claim.fields.attribution) throw new Error('fixture: first annotation is an attributed claim');
    const leaky: SerializeInput = {
      ...library,
      documents: library.documents.map(extra),
      annotations: [
        { ...extra(claim), anchor: extra(claim.anchor), fields: { ...extra(claim.fields), attribution: extra(claim.fields.attribution) } },
        ...rest.map((a) => ({ ...extra(a), fields: extra(a.fields) }) as Annotation),
      ],
      entities: library.entities.map(extra),
      evidence: library.evidence.map(extra),
      links: library.links.map(extra),
      events: library.events.map(extra),
      verdictScale: { ...extra(DEFAULT_VERDICT_SCALE), levels: DEFAULT_VERDICT_SCALE.levels.map(extra) },
    };
    const exported = serializeLibrary(leaky);
    expect(JSON.stringify(exported)).not.toContain('dexieInternal');
    expect(exported).toEqual(serializeLibrary(library));
    expect(schemaErrors(viaJson(exported))).toEqual([]);
    // Copies, not the stored objects: changing the export changes nothing stored.
    const created = exported.events.find((e) => e.op === 'create' && e.table === 'entities')!;
    (created.after as Record<string, unknown>).name = 'changed';
    (exported.entities[0]!.aliases as string[]).push('changed');
    exported.verdictScale.levels[0]!.label = 'changed';
    expect(library).toEqual(before);
    expect(exported.documents[0]).not.toBe(library.documents[1]);
  });

  it('takes its enums from the model, so the two cannot drift apart', () => {
    const defs = schema.$defs;
    const objectOf = (anyOf: readonly unknown[]) => anyOf.find((s) => (s as { type?: string }).type === 'object') as { properties: { quoteType: { enum: string[] } } };
    expect(opsComplete).toBe(true);
    expect(defs.annotation.properties.kind.enum).toEqual([...ANNOTATION_KINDS]);
    expect(defs.claimFields.properties.status.enum).toEqual([...CLAIM_STATUSES]);
    expect(objectOf(defs.attribution.anyOf).properties.quoteType.enum).toEqual([...QUOTE_TYPES]);
    expect(defs.entity.properties.type.enum).toEqual([...ENTITY_TYPES]);
    expect(defs.evidence.properties.relation.enum).toEqual([...EVIDENCE_RELATIONS]);
    expect(defs.link.properties.relation.enum).toEqual([...LINK_RELATIONS]);
    expect(defs.event.properties.table.enum).toEqual([...HISTORY_TABLES]);
    expect(defs.event.properties.op.enum).toEqual([...EVENT_OPS]);
    expect(schema.properties.format.const).toBe(NATIVE_FORMAT);
    expect(schema.properties.version.const).toBe(NATIVE_VERSION);
    // Every kind has its fields checked.
    const checked = defs.annotation.allOf.map((c) => c.if.properties.kind.const);
    expect(checked).toEqual([...ANNOTATION_KINDS]);
  });
});

describe('native-v2.schema.json rejects broken exports', () => {
  type Loose = Record<string, unknown>;
  const loose = (x: unknown): Loose => x as Loose;
  type Broken = NativeExport & Loose;

  let cached: NativeExport | undefined;
  async function broken(change: (e: Broken) => void): Promise<string[]> {
    cached ??= viaJson(serializeLibrary(await buildLibrary()));
    const e = structuredClone(cached) as Broken;
    change(e);
    return schemaErrors(e);
  }
  const ofKind = (e: NativeExport, kind: string) => loose(e.annotations.find((a) => a.kind === kind));
  const fieldsOf = (e: NativeExport, kind: string) => loose(ofKind(e, kind).fields);
  const attributionOf = (e: NativeExport) => loose(e.annotations.map((a) => (a.kind === 'claim' ? a.fields.attribution : null)).find(Boolean));
  const eventOf = (e: NativeExport, op: string) => loose(e.events.find((x) => x.op === op));

  it('a missing field', async () => {
    expect(await broken((e) => delete loose(e.documents[0]).textHash)).toContainEqual(expect.stringContaining("must have required property 'textHash'"));
    expect(await broken((e) => delete loose(e.annotations[0]!.anchor).prefix)).toContainEqual(expect.stringContaining("'prefix'"));
    expect(await broken((e) => delete fieldsOf(e, 'claim').verdict)).toContainEqual(expect.stringContaining("'verdict'"));
    expect(await broken((e) => delete fieldsOf(e, 'cue').forId)).toContainEqual(expect.stringContaining("'forId'"));
    expect(await broken((e) => delete attributionOf(e).cueId)).not.toEqual([]);
    expect(await broken((e) => delete loose(e.entities[0]).aliases)).toContainEqual(expect.stringContaining("'aliases'"));
    expect(await broken((e) => delete loose(e.evidence[0]).accessed)).toContainEqual(expect.stringContaining("'accessed'"));
    expect(await broken((e) => delete loose(e.links[0]).toId)).toContainEqual(expect.stringContaining("'toId'"));
    expect(await broken((e) => delete loose(e.events[0]).subjects)).toContainEqual(expect.stringContaining("'subjects'"));
    expect(await broken((e) => delete eventOf(e, 'create').after)).not.toEqual([]);
    for (const key of ['generator', 'verdictScale', 'entities', 'evidence', 'links', 'events']) {
      expect(await broken((e) => delete loose(e)[key])).toContainEqual(expect.stringContaining(`'${key}'`));
    }
  });

  it('a value outside an enum', async () => {
    expect((await broken((e) => (loose(e.annotations[0]).kind = 'note'))).join()).toContain('/annotations/0/kind');
    expect(await broken((e) => (fieldsOf(e, 'claim').status = 'true'))).not.toEqual([]);
    expect(await broken((e) => (attributionOf(e).quoteType = 'paraphrase'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.entities[0]).type = 'animal'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.evidence[0]).relation = 'refutes'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.links[0]).relation = 'supported-by'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.events[0]).op = 'move'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.events[0]).table = 'documents'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.documents[0]!.content[0]).type = 'table'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.documents[0]!.content[0]).level = 7))).not.toEqual([]);
  });

  it('fields of another kind, or of version 1', async () => {
    expect(await broken((e) => (ofKind(e, 'claim').fields = { forId: crypto.randomUUID() }))).not.toEqual([]);
    expect(await broken((e) => (ofKind(e, 'cue').fields = { entityId: null }))).not.toEqual([]);
    expect(await broken((e) => (ofKind(e, 'opinion').fields = { holder: 'X', note: '' }))).not.toEqual([]);
    expect(await broken((e) => (ofKind(e, 'entity').fields = { entityType: 'person', canonicalName: 'X' }))).not.toEqual([]);
    expect(await broken((e) => (loose(e).version = 1))).not.toEqual([]);
  });

  it('events whose op and before/after disagree', async () => {
    expect(await broken((e) => (eventOf(e, 'create').field = 'name'))).not.toEqual([]);
    expect(await broken((e) => (eventOf(e, 'create').before = {}))).not.toEqual([]);
    expect(await broken((e) => (eventOf(e, 'create').after = 'record'))).not.toEqual([]);
    expect(await broken((e) => (eventOf(e, 'delete').after = eventOf(e, 'delete').before))).not.toEqual([]);
    expect(await broken((e) => (eventOf(e, 'update').field = null))).not.toEqual([]);
    expect(await broken((e) => (eventOf(e, 'update').seq = -1))).not.toEqual([]);
    // An update's values are any JSON value.
    expect(await broken((e) => Object.assign(eventOf(e, 'update'), { before: [1, 'two', { three: null }], after: false }))).toEqual([]);
  });

  it('a bad hash', async () => {
    expect((await broken((e) => (e.documents[0]!.textHash = e.documents[0]!.textHash.toUpperCase()))).join()).toContain('/documents/0/textHash must match pattern');
    expect(await broken((e) => (e.annotations[0]!.textHash = 'abc'))).not.toEqual([]);
  });

  it('an extra property, at any depth', async () => {
    expect((await broken((e) => (e.extra = true))).join()).toContain('must NOT have additional properties');
    expect(await broken((e) => (loose(e.documents[0]).wordCount = 12))).not.toEqual([]);
    expect(await broken((e) => (loose(e.annotations[0]).color = 'red'))).not.toEqual([]);
    expect(await broken((e) => (fieldsOf(e, 'claim').confidence = 1))).not.toEqual([]);
    expect(await broken((e) => (fieldsOf(e, 'cue').text = 'said'))).not.toEqual([]);
    expect(await broken((e) => (attributionOf(e).name = 'Dragan'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.annotations[0]!.anchor).exact = 'x'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.entities[0]).wikidata = 'Q1'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.evidence[0]).score = 1))).not.toEqual([]);
    expect(await broken((e) => (loose(e.links[0]).weight = 1))).not.toEqual([]);
    expect(await broken((e) => (loose(e.events[0]).undone = true))).not.toEqual([]);
    expect(await broken((e) => (loose(e.verdictScale).default = 'true'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.verdictScale.levels[0]).rating = 5))).not.toEqual([]);
    expect(await broken((e) => (loose(e.documents[0]!.content[0]).ordered = true))).not.toEqual([]);
    // An inline run inside a list item inside the Markdown document.
    const inListRun = (e: NativeExport): Loose => {
      const list = e.documents.find((d) => d.format === 'markdown')!.content.find((b) => b.type === 'list');
      const first = list?.type === 'list' ? list.items[0]?.[0] : undefined;
      if (first?.type !== 'paragraph') throw new Error('fixture has no list paragraph');
      return loose(first.content[0]);
    };
    expect(await broken((e) => (inListRun(e).bold = true))).not.toEqual([]);
    expect(await broken((e) => (inListRun(e).marks = ['underline']))).not.toEqual([]);
  });

  it('wrong formats: ids, dates, format and version', async () => {
    expect(await broken((e) => (e.documents[0]!.id = 'doc-1'))).not.toEqual([]);
    expect(await broken((e) => (fieldsOf(e, 'entity').entityId = 'Dragan'))).not.toEqual([]);
    expect(await broken((e) => (attributionOf(e).entityId = null))).not.toEqual([]);
    expect(await broken((e) => (fieldsOf(e, 'claim').verdict = ''))).not.toEqual([]);
    expect(await broken((e) => (e.events[0]!.subjects = ['dragan']))).not.toEqual([]);
    expect(await broken((e) => (e.annotations[0]!.created = '22/11/2026'))).not.toEqual([]);
    expect(await broken((e) => (e.events[0]!.at = '2026-11-22'))).not.toEqual([]);
    expect(await broken((e) => (e.evidence[0]!.accessed = '21 Nov 2026'))).not.toEqual([]);
    expect(await broken((e) => (e.documents[0]!.publishedDate = '2026-13-45'))).not.toEqual([]);
    expect(await broken((e) => (e.entities[0]!.name = ''))).not.toEqual([]);
    expect(await broken((e) => (loose(e).format = 'hypothesis'))).not.toEqual([]);
    expect(await broken((e) => (e.annotations[0]!.anchor.start = -1 as never))).not.toEqual([]);
    expect(await broken((e) => (e.documents[0]!.length = 1.5))).not.toEqual([]);
  });

  it('context longer than 32 code points, counting code points, not UTF-16 units', async () => {
    expect(await broken((e) => (e.annotations[0]!.anchor.prefix = 'x'.repeat(33)))).not.toEqual([]);
    expect(await broken((e) => (e.annotations[0]!.anchor.suffix = '😀'.repeat(32)))).toEqual([]);
  });

  it('accepts empty values the reviewer may have left or cleared', async () => {
    expect(await broken((e) => Object.assign(e.documents[0]!, { title: '', sourceUrl: '', publishedDate: '', retrievedAt: '' }))).toEqual([]);
    expect(await broken((e) => Object.assign(e.evidence[0]!, { url: '', title: '', passage: '', accessed: '' }))).toEqual([]);
    expect(await broken((e) => Object.assign(fieldsOf(e, 'claim'), { verdict: null, attribution: null }))).toEqual([]);
  });
});

describe('exportFileName', () => {
  it('names library and document exports with the UTC date of the export', () => {
    expect(exportFileName('library', '2026-11-22T23:59:59.000Z')).toBe('marginalia-library-2026-11-22.json');
    expect(exportFileName('Dam Breach Kills 47: What We Know', '2026-11-22T10:00:00.000Z')).toBe('marginalia-dam-breach-kills-47-what-we-know-2026-11-22.json');
  });

  it('keeps only characters safe in a file name, in any script', () => {
    expect(slugOf('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(slugOf('Плотина прорвалась')).toBe('плотина-прорвалась');
    expect(slugOf('  ...  ')).toBe('document');
    expect(slugOf('😀')).toBe('document');
    expect(exportFileName('', '2026-11-22T10:00:00.000Z')).toBe('marginalia-document-2026-11-22.json');
    const long = slugOf('word '.repeat(40));
    expect(Array.from(long).length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^(word-)+word$/);
  });
});

describe('native export of a revised article', () => {
  it('writes both versions, their links, and each annotation’s result and earlier anchors; the file validates', async () => {
    const v1 = await buildDocument('dam.txt', 'The dam held 18 million cubic metres.\n\nIt failed at dawn.', '2026-11-15T08:00:00.000Z');
    const v2base = await buildDocument('dam.txt', 'Updated.\n\nThe dam held 18 million cubic metres.\n\nIt failed at night.', '2026-11-16T08:00:00.000Z');
    const lineage = { lineageId: v1.id };
    const first: DocumentRecord = { ...v1, ...lineage, version: 1, previousVersionId: null, nextVersionId: v2base.id };
    const second: DocumentRecord = { ...v2base, ...lineage, version: 2, previousVersionId: v1.id, nextVersionId: null };
    const old = annotate(v1, '18 million cubic metres', 'claim', '2026-11-15T09:00:00.000Z');
    const carried: Annotation = {
      ...old,
      documentId: second.id,
      textHash: second.textHash,
      anchor: spanOf(second, '18 million cubic metres'),
      anchoring: { status: 'moved', fromDocumentId: first.id, at: '2026-11-16T09:00:00.000Z' },
      priorAnchors: [{ documentId: first.id, textHash: first.textHash, anchor: old.anchor }],
    };
    const orphan: Annotation = {
      ...annotate(v1, 'It failed at dawn', 'claim', '2026-11-15T09:00:00.000Z'),
      documentId: second.id,
      anchoring: { status: 'orphan', fromDocumentId: first.id, at: '2026-11-16T09:00:00.000Z' },
      priorAnchors: [],
    };
    const file = viaJson(serializeLibrary({ documents: [second, first], annotations: [carried, orphan], entities: [], evidence: [], links: [], events: [], verdictScale: DEFAULT_VERDICT_SCALE, exportedAt: EXPORTED_AT }));
    expect(schemaErrors(file)).toEqual([]);
    expect(validateNativeExport(file)).toEqual([]);
    expect(file.documents.map((d) => [d.version, d.previousVersionId, d.nextVersionId])).toEqual([
      [1, null, second.id],
      [2, first.id, null],
    ]);
    const byQuote = new Map(file.annotations.map((a) => [a.anchor.quote, a]));
    expect(byQuote.get('18 million cubic metres')!.priorAnchors).toEqual([{ documentId: first.id, textHash: first.textHash, anchor: old.anchor }]);
    expect(byQuote.get('It failed at dawn')!.anchoring).toEqual({ status: 'orphan', fromDocumentId: first.id, at: '2026-11-16T09:00:00.000Z' });
    // A document never revised exports without version fields, exactly as before.
    const plain = viaJson(serializeLibrary({ documents: [v1], annotations: [], entities: [], evidence: [], links: [], events: [], verdictScale: DEFAULT_VERDICT_SCALE, exportedAt: EXPORTED_AT }));
    expect(Object.keys(plain.documents[0]!)).not.toContain('version');
  });
});
