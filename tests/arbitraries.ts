/**
 * fast-check generators of whole libraries, for property tests of the native export and its import.
 *
 * A generated library is valid the way the app makes libraries valid: document texts derived from
 * their content and hashed, anchors described on those texts (spans may overlap and nest, and fall
 * between a letter and its combining mark or inside an emoji sequence), every reference pointing at a
 * record of the library, verdicts on the library's scale, and a history of create, update and delete
 * events. Texts mix Latin, Cyrillic, Hebrew and Arabic (right to left), emoji (with ZWJ sequences),
 * combining marks and astral letters. Sizes are kept small so a hundred runs stay quick.
 * Node only (hashes use node:crypto, so generation stays synchronous).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { createCodePointIndex } from '../src/anchoring/code-points';
import { describeSpan } from '../src/anchoring/describe';
import { ANNOTATION_KINDS, type Annotation, type AnnotationKind } from '../src/model/annotation';
import { CLAIM_STATUSES, DEFAULT_VERDICT_SCALE, EVIDENCE_RELATIONS, LINK_RELATIONS, QUOTE_TYPES, type Attribution, type ClaimLinkRecord, type EvidenceRecord, type VerdictScale } from '../src/model/claim';
import { codePointLength, plainTextOf, type Block, type DocumentRecord, type InlineRun, type MarkName } from '../src/model/document';
import { ENTITY_TYPES, type EntityRecord } from '../src/model/entity';
import { eventsFor, type HistoryEvent, type RecordChange } from '../src/model/history';
import { asCodePoint } from '../src/model/units';
import type { SerializeInput } from '../src/io/native-json';

/** Pieces text is built from: scripts, directions, emoji, combining marks, astral letters, line breaks. */
const PIECES = ['a', 'Z', 'flood ', '47', ' ', 'é', 'e\u0301', 'Д', 'Плотина', 'שלום', 'مرحبا', '😀', '👩\u200d👩\u200d👧', '🇺🇦', '𝔘', '\u200f', '"', '\\', '\n', '<b>', '&amp;'];

/** Text of 0 to `max` pieces. */
export const textArb = (max = 8, min = 0): fc.Arbitrary<string> => fc.array(fc.constantFrom(...PIECES), { minLength: min, maxLength: max }).map((p) => p.join(''));
/** Text with at least one character that is not whitespace. */
export const nameArb = (): fc.Arbitrary<string> => textArb(4, 1).map((s) => (s.trim() === '' ? `x${s}` : s));

/** ISO date-times with milliseconds, UTC, in 2020–2030. */
export const dateTimeArb = (): fc.Arbitrary<string> =>
  fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
const dateArb = (): fc.Arbitrary<string> => fc.oneof(fc.constant(''), dateTimeArb().map((s) => s.slice(0, 10)));

const MARKS: MarkName[] = ['em', 'strong', 'code'];
const runArb: fc.Arbitrary<InlineRun> = fc
  .record({ text: textArb(5), marks: fc.option(fc.subarray(MARKS, { minLength: 1 }), { nil: undefined }), href: fc.option(fc.constantFrom('https://example.org/a?b=1', '#x', ''), { nil: undefined }) })
  .map(({ text, marks, href }) => ({ text, ...(marks ? { marks } : {}), ...(href !== undefined ? { href } : {}) }));

/** A block, containers nested at most `depth` deep. */
function blockArb(depth: number): fc.Arbitrary<Block> {
  const runs = fc.array(runArb, { maxLength: 3 });
  const leaves: fc.Arbitrary<Block>[] = [
    runs.map((content): Block => ({ type: 'paragraph', content })),
    fc.record({ level: fc.constantFrom(1, 2, 3, 4, 5, 6) as fc.Arbitrary<1 | 2 | 3 | 4 | 5 | 6>, content: runs }).map(({ level, content }): Block => ({ type: 'heading', level, content })),
  ];
  if (depth <= 0) return fc.oneof(...leaves);
  const inner = fc.array(blockArb(depth - 1), { maxLength: 2 });
  return fc.oneof(
    { weight: 3, arbitrary: fc.oneof(...leaves) },
    { weight: 1, arbitrary: inner.map((content): Block => ({ type: 'blockquote', content })) },
    { weight: 1, arbitrary: fc.record({ ordered: fc.boolean(), items: fc.array(inner, { maxLength: 2 }) }).map(({ ordered, items }): Block => ({ type: 'list', ordered, items })) },
  );
}

/** The SHA-256 the app stores for a text (io/hash.ts), computed synchronously. */
export const sha256Sync = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A UUID made from a counter and a salt, so the ids of one library never collide. */
function idMaker(salt: number): () => string {
  let n = 0;
  const tail = (salt >>> 0).toString(16).padStart(12, '0').slice(-12);
  return () => `${(++n).toString(16).padStart(8, '0')}-0000-4000-8000-${tail}`;
}

const scaleArb: fc.Arbitrary<VerdictScale> = fc.oneof(
  fc.constant(DEFAULT_VERDICT_SCALE),
  fc.record({ name: textArb(3), labels: fc.array(textArb(3), { minLength: 1, maxLength: 4 }) }).map(({ name, labels }) => ({
    name,
    levels: labels.map((label, i) => ({ id: `level-${i + 1}`, label, description: `${label} (${i})` })),
  })),
);

/** A span `[start, end)` of a text of `length` code points; at times nested in the previous span. */
const spanArb = (length: number) => fc.tuple(fc.nat(length), fc.nat(length)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

export interface LibrarySizes {
  documents: number;
  annotationsPerDocument: number;
  entities: number;
}
const SMALL: LibrarySizes = { documents: 3, annotationsPerDocument: 6, entities: 4 };

/**
 * A whole library as stored (what `serializeLibrary` takes), with every kind of record.
 * `exportedAt` is fixed, so two exports of the same library compare equal.
 */
export function libraryArb(sizes: Partial<LibrarySizes> = {}): fc.Arbitrary<SerializeInput> {
  const max = { ...SMALL, ...sizes };
  return fc.gen().map((g): SerializeInput => {
    const newId = idMaker(g(fc.nat));
    const creator = () => g(fc.constantFrom, 'Ana Reviewer', 'Ř', '', 'רות');
    const times = () => {
      const created = g(dateTimeArb);
      const modified = g(fc.boolean) ? created : g(dateTimeArb);
      return { created, modified: modified < created ? created : modified };
    };
    const verdictScale = g(() => scaleArb);

    const entities: EntityRecord[] = Array.from({ length: g(fc.nat, max.entities) }, () => ({
      id: newId(),
      name: g(nameArb),
      type: g(fc.constantFrom, ...ENTITY_TYPES),
      aliases: g(fc.array, nameArb(), { maxLength: 2 }),
      externalId: g(fc.constantFrom, '', 'Q42'),
      creator: creator(),
      ...times(),
    }));
    const attributionArb = (): Attribution | null =>
      entities.length === 0 || g(fc.boolean) ? null : { entityId: g(fc.constantFrom, ...entities).id, quoteType: g(fc.constantFrom, ...QUOTE_TYPES), cueId: null };

    const documents: DocumentRecord[] = [];
    const annotations: Annotation[] = [];
    for (let d = g(fc.nat, max.documents); d > 0; d--) {
      const content = g(fc.array, blockArb(2), { minLength: 1, maxLength: 4 });
      const text = plainTextOf(content);
      const doc: DocumentRecord = {
        id: newId(),
        title: g(textArb, 4),
        sourceUrl: g(fc.constantFrom, '', 'https://example.org/news/1'),
        publisher: g(textArb, 2),
        author: g(textArb, 2),
        publishedDate: g(dateArb),
        retrievedAt: g(() => fc.oneof(fc.constant(''), dateTimeArb())),
        format: g(fc.constantFrom, 'text', 'markdown'),
        fileName: g(fc.constantFrom, '', 'статья.txt', 'a b.md'),
        content,
        text,
        textHash: sha256Sync(text),
        length: codePointLength(text),
        ...times(),
      };
      documents.push(doc);
      const index = createCodePointIndex(text);
      const inDoc: Annotation[] = [];
      let previous: readonly [number, number] | null = null;
      for (let n = g(fc.nat, max.annotationsPerDocument); n > 0; n--) {
        // Half the time a span inside the previous one (nested), else anywhere (often overlapping).
        const outer: readonly [number, number] | null = previous && g(fc.boolean) ? previous : null;
        const span: readonly [number, number] = outer ? g(() => spanArb(outer[1] - outer[0]).map(([a, b]) => [outer[0] + a, outer[0] + b] as const)) : g(() => spanArb(doc.length));
        const [start, end] = span;
        previous = span;
        const base = { id: newId(), documentId: doc.id, textHash: doc.textHash, anchor: describeSpan(text, index, asCodePoint(start), asCodePoint(end)), creator: creator(), ...times() };
        const speakers = inDoc.filter((a) => a.kind === 'claim' || a.kind === 'opinion');
        const kinds = speakers.length > 0 ? ANNOTATION_KINDS : ANNOTATION_KINDS.filter((k): k is Exclude<AnnotationKind, 'cue'> => k !== 'cue');
        const kind = g(fc.constantFrom, ...kinds);
        let a: Annotation;
        switch (kind) {
          case 'claim':
            a = { ...base, kind, fields: { status: g(fc.constantFrom, ...CLAIM_STATUSES), verdict: g(fc.boolean) ? null : g(fc.constantFrom, ...verdictScale.levels).id, rationale: g(textArb, 3), attribution: attributionArb(), note: g(textArb, 3) } };
            break;
          case 'entity':
            a = { ...base, kind, fields: { entityId: entities.length === 0 || g(fc.boolean) ? null : g(fc.constantFrom, ...entities).id } };
            break;
          case 'opinion':
            a = { ...base, kind, fields: { attribution: attributionArb(), note: g(textArb, 3) } };
            break;
          case 'cue': {
            const target = g(fc.constantFrom, ...speakers);
            a = { ...base, kind, fields: { forId: target.id } };
            // The claim or opinion points back at its cue when it has a speaker.
            if ((target.kind === 'claim' || target.kind === 'opinion') && target.fields.attribution) target.fields.attribution = { ...target.fields.attribution, cueId: a.id };
            break;
          }
          default:
            throw new Error(`kind ${String(kind)}`);
        }
        inDoc.push(a);
      }
      annotations.push(...inDoc);
    }

    const claims = annotations.filter((a) => a.kind === 'claim');
    const evidence: EvidenceRecord[] =
      claims.length === 0
        ? []
        : Array.from({ length: g(fc.nat, 3) }, () => ({
            id: newId(),
            claimId: g(fc.constantFrom, ...claims).id,
            relation: g(fc.constantFrom, ...EVIDENCE_RELATIONS),
            url: g(fc.constantFrom, '', 'https://example.org/report'),
            title: g(textArb, 3),
            passage: g(textArb, 4),
            accessed: g(dateArb),
            creator: creator(),
            ...times(),
          }));
    const links: ClaimLinkRecord[] =
      claims.length < 2
        ? []
        : Array.from({ length: g(fc.nat, 2) }, () => {
            const [from, to] = g(fc.shuffledSubarray, claims, { minLength: 2, maxLength: 2 });
            return { id: newId(), fromId: from!.id, toId: to!.id, relation: g(fc.constantFrom, ...LINK_RELATIONS), creator: creator(), ...times() };
          });

    // History: one group creating everything, then an update and a delete, some with a reason.
    const creates: RecordChange[] = [
      ...entities.map((after): RecordChange => ({ table: 'entities', op: 'create', after })),
      ...annotations.map((after): RecordChange => ({ table: 'annotations', op: 'create', after })),
      ...evidence.map((after): RecordChange => ({ table: 'evidence', op: 'create', after })),
      ...links.map((after): RecordChange => ({ table: 'links', op: 'create', after })),
    ];
    const context = (action: string) => {
      const reason = g(fc.boolean) ? g(textArb, 3) : undefined;
      return { groupId: newId(), at: g(dateTimeArb), reviewer: creator(), action, newId, ...(reason ? { reason } : {}) };
    };
    const events: HistoryEvent[] = eventsFor(creates, context('tag'));
    if (entities.length > 0) {
      const before = g(fc.constantFrom, ...entities);
      events.push(...eventsFor([{ table: 'entities', op: 'update', before, after: { ...before, name: `${before.name} (renamed)`, aliases: [...before.aliases, before.name] } }], context('edit entity')));
    }
    if (evidence.length > 0) events.push(...eventsFor([{ table: 'evidence', op: 'delete', before: g(fc.constantFrom, ...evidence) }], context('remove evidence')));
    if (annotations.length > 0) {
      // A re-anchoring: several fields of one annotation in one event.
      const before = g(fc.constantFrom, ...annotations);
      const after = { ...before, textHash: 'f'.repeat(64), anchor: { ...before.anchor, prefix: `${before.anchor.prefix}.` } };
      events.push(...eventsFor([{ table: 'annotations', op: 'update', before, after }], { ...context('re-anchor onto version 2'), oneEventPerRecord: true }));
    }

    // Stored events hold copies of the records, as IndexedDB's structured clone makes them.
    return { documents, annotations, entities, evidence, links, events: structuredClone(events), verdictScale, exportedAt: '2026-11-22T10:00:00.000Z' };
  });
}

/**
 * One generated library holding every kind of record (each annotation kind, an attributed claim with a
 * verdict, evidence, links, entities, a delete event), the same on every call: a fixed seed.
 */
export function fullLibrary(): SerializeInput {
  const samples = fc.sample(libraryArb({ documents: 3, annotationsPerDocument: 8, entities: 4 }), { numRuns: 200, seed: 42 });
  const x = samples.find(
    (s) =>
      s.documents.length > 1 &&
      ANNOTATION_KINDS.every((k) => s.annotations.some((a) => a.kind === k)) &&
      s.annotations.some((a) => a.kind === 'claim' && a.fields.attribution !== null && a.fields.verdict !== null) &&
      s.evidence.length > 0 &&
      s.links.length > 0 &&
      s.entities.length > 0 &&
      s.events.some((e) => e.op === 'delete'),
  );
  if (!x) throw new Error('No sample holds every kind of record: change the seed.');
  return x;
}
