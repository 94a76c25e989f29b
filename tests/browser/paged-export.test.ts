/**
 * The library's exports read a page at a time from Chromium's real IndexedDB (db/library-pages.ts,
 * ui/paged-export.ts) give exactly the file the whole-library serializers give for the same records:
 * native JSON equal to JSON.stringify(serializeLibrary(readLibrary(db)), null, 2) and W3C equal to
 * JSON.stringify(serializeW3cAnnotations(…), null, 2), on a library of many pages — documents with
 * several versions, annotations carried between versions, entities sharing a name, evidence of one
 * claim, links and history events of one instant spread over several pages — with tiny pages and with
 * the default ones; annotations whose document is gone are exported too. Pages really are pages and
 * never split a run the export orders by other fields, and a write made during an export waits: the
 * file is one state of the library.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { readLibraryClaims, readLibraryPages, type LibrarySection } from '../../src/db/library-pages';
import { serializeClaimReviews } from '../../src/io/claim-review';
import { serializeClaimsCsv } from '../../src/io/claims-csv';
import { MarginaliaDB } from '../../src/db/database';
import { serializeLibrary } from '../../src/io/native-json';
import { serializeW3cAnnotations } from '../../src/io/w3c-annotations';
import type { Annotation } from '../../src/model/annotation';
import type { ClaimLinkRecord, EvidenceRecord } from '../../src/model/claim';
import type { DocumentRecord } from '../../src/model/document';
import type { EntityRecord } from '../../src/model/entity';
import type { HistoryEvent } from '../../src/model/history';
import { asCodePoint } from '../../src/model/units';
import { nativeLibraryBlob, w3cLibraryBlob } from '../../src/ui/paged-export';
import { dropAfterTest, freshDb } from './fresh-db';
import { readLibrary } from './whole-library';

const AT = '2026-11-22T10:00:00.000Z';
const COLLECTION = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const TINY = { documents: 2, annotations: 3, records: 2 };

/** A seeded library of `docs` articles (every third revised twice) with every kind of record. */
function makeLibrary(docs: number) {
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const int = (n: number) => Math.floor(random() * n);
  const hex = (n: number) => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
  // Few distinct times, so that many records share one (runs a page must not split).
  const time = (i: number) => new Date(Date.UTC(2026, 0, 1) + (i % 4) * 60_000).toISOString();
  const hash = (i: number) => i.toString(16).padStart(64, '0');
  const documents: DocumentRecord[] = [];
  const annotations: Annotation[] = [];
  const entities: EntityRecord[] = Array.from({ length: 7 }, (_, i) => ({ id: uuid(), name: `Entity ${i % 3}`, type: 'person', aliases: i % 2 ? [`E${i}`] : [], externalId: i === 0 ? 'Q42' : '', creator: 'Ana', created: time(i), modified: time(i) }));
  const text = 'Officials said 47 people died. «Кhojaly» 😀 e\u0301 and the dam held.';
  const doc = (i: number, over: Partial<DocumentRecord> = {}): DocumentRecord => ({
    id: uuid(), title: `Article ${i} “quoted”`, sourceUrl: i % 2 ? `https://example.org/${i}` : '', publisher: 'Herald', author: '', publishedDate: '', retrievedAt: time(i),
    format: 'text', fileName: `a${i}.txt`, content: [{ type: 'paragraph', content: [{ text }] }], text, textHash: hash(i), length: [...text].length, created: time(i), modified: time(i), ...over,
  });
  for (let i = 0; i < docs; i++) {
    let current = doc(i);
    const versions = [current];
    if (i % 3 === 0) {
      const lineageId = current.id;
      current = { ...current, lineageId, version: 1, previousVersionId: null, nextVersionId: null };
      versions[0] = current;
      for (let v = 2; v <= 3; v++) {
        const next = doc(i, { id: uuid(), lineageId, version: v, previousVersionId: current.id, nextVersionId: null, textHash: hash(1000 + i * 10 + v) });
        versions[versions.length - 1] = { ...current, nextVersionId: next.id };
        versions.push(next);
        current = next;
      }
    }
    documents.push(...versions);
    const target = current;
    for (let k = 0; k < 1 + int(6); k++) {
      const start = int(3) * 5; // equal starts, so the order falls to end and id
      const end = start + 1 + int(3) * 4;
      const base = { id: uuid(), documentId: target.id, textHash: target.textHash, anchor: { quote: [...text].slice(start, end).join(''), prefix: '', suffix: '', start: asCodePoint(start), end: asCodePoint(end) }, creator: k % 2 ? 'Ana' : '', created: time(k), modified: time(k + 1) };
      const carried = versions.length > 1 && k === 0 ? { anchoring: { status: 'fuzzy' as const, score: 0.8, fromDocumentId: versions[versions.length - 2]!.id, at: time(k) }, priorAnchors: versions.slice(0, -1).map((v) => ({ documentId: v.id, textHash: v.textHash, anchor: base.anchor })) } : {};
      const r = int(4);
      const entity = entities[int(entities.length)]!;
      annotations.push(
        r === 0
          ? { ...base, ...carried, kind: 'claim', fields: { status: 'in-review', verdict: k % 2 ? 'false' : null, rationale: k % 2 ? 'Checked.' : '', attribution: k % 3 ? { entityId: entity.id, quoteType: 'direct', cueId: null } : null, note: 'n' } }
          : r === 1
            ? { ...base, ...carried, kind: 'entity', fields: { entityId: k % 2 ? entity.id : null } }
            : r === 2
              ? { ...base, ...carried, kind: 'opinion', fields: { attribution: null, note: '' } }
              : { ...base, ...carried, kind: 'cue', fields: { forId: uuid() } },
      );
    }
  }
  const claims = annotations.filter((a) => a.kind === 'claim');
  const evidence: EvidenceRecord[] = Array.from({ length: 9 }, (_, i) => ({ id: uuid(), claimId: claims[i % 2]!.id, relation: 'supports', url: '', title: `S${i}`, passage: '', accessed: '', creator: 'Ana', created: time(i), modified: time(i) }));
  const links: ClaimLinkRecord[] = Array.from({ length: 5 }, (_, i) => ({ id: uuid(), fromId: claims[i]!.id, toId: claims[i + 1]!.id, relation: 'same', creator: 'Ana', created: time(i), modified: time(i) }));
  const events: HistoryEvent[] = [];
  for (let g = 0; g < 8; g++) {
    const groupId = uuid();
    for (let seq = 0; seq < 3; seq++) {
      const a = annotations[int(annotations.length)]!;
      events.push({ id: uuid(), groupId, seq, at: time(g), reviewer: 'Ana', action: 'tag', table: 'annotations', targetId: a.id, op: seq === 1 ? 'update' : 'create', field: seq === 1 ? 'fields.note' : null, before: seq === 1 ? undefined : null, after: seq === 1 ? 'x' : a, subjects: [a.id], ...(g % 2 ? { reason: 'why' } : {}) });
    }
  }
  return { documents, annotations, entities, evidence, links, events };
}

async function store(db: MarginaliaDB, lib: ReturnType<typeof makeLibrary>): Promise<void> {
  await db.transaction('rw', [db.documents, db.texts, db.annotations, db.entities, db.evidence, db.links, db.events], async () => {
    await db.documents.bulkAdd(lib.documents.map(({ content, text, ...summary }) => (void content, void text, summary)));
    await db.texts.bulkAdd(lib.documents.map((d) => ({ documentId: d.id, textHash: d.textHash, content: d.content, text: d.text })));
    await db.annotations.bulkAdd(lib.annotations);
    await db.entities.bulkAdd(lib.entities);
    await db.evidence.bulkAdd(lib.evidence);
    await db.links.bulkAdd(lib.links);
    await db.events.bulkAdd(lib.events);
  });
}

async function wholeNative(db: MarginaliaDB): Promise<string> {
  return JSON.stringify(serializeLibrary({ ...(await readLibrary(db)), exportedAt: AT }), null, 2);
}

describe('paged library export', () => {
  it('writes the same native JSON as the whole-library serializer, with tiny and default pages', async () => {
    const db = freshDb();
    await store(db, makeLibrary(13));
    const expected = await wholeNative(db);
    const progress: [number, number][] = [];
    const tiny = await nativeLibraryBlob(db, AT, { sizes: TINY, onProgress: (done, total) => progress.push([done, total]) });
    expect(await tiny.blob.text()).toBe(expected);
    expect(tiny.blob.type).toBe('application/json');
    expect((await nativeLibraryBlob(db, AT)).blob.size).toBe(tiny.blob.size);
    expect(await (await nativeLibraryBlob(db, AT)).blob.text()).toBe(expected);
    // Progress moves forward to the total.
    const total = progress[0]![1];
    expect(progress.at(-1)).toEqual([total, total]);
    expect(progress.map(([d]) => d)).toEqual(progress.map(([d]) => d).sort((a, b) => a - b));
    expect(progress.length).toBeGreaterThan(10);
  });

  it('writes the same W3C collection as the whole-library serializer, over several AnnotationPages', async () => {
    const db = freshDb();
    await store(db, makeLibrary(13));
    const contents = await readLibrary(db);
    for (const pageSize of [4, 1000]) {
      const head = { collectionId: COLLECTION, label: 'Annotations of the Marginalia library', exportedAt: AT, pageSize };
      const expected = JSON.stringify(serializeW3cAnnotations({ ...contents, ...head }), null, 2);
      const tiny = await w3cLibraryBlob(db, head, { sizes: TINY });
      expect(await tiny.blob.text()).toBe(expected);
      expect(tiny.annotations).toBe(contents.annotations.length);
      expect(await (await w3cLibraryBlob(db, head)).blob.text()).toBe(expected);
    }
  });

  it('exports annotations whose document is gone, wherever their document id sorts', async () => {
    const db = freshDb();
    const lib = makeLibrary(7);
    await store(db, lib);
    const orphan = (documentId: string, n: number): Annotation => ({ ...lib.annotations[n]!, id: `00000000-0000-4000-8000-00000000000${n}`, documentId });
    await db.annotations.bulkAdd([orphan('', 1), orphan('00000000-gone', 2), orphan('zzzz-gone', 3), orphan(lib.documents[3]!.id.slice(0, 8), 4)]);
    const expected = await wholeNative(db);
    expect(await (await nativeLibraryBlob(db, AT, { sizes: TINY })).blob.text()).toBe(expected);
    expect(await (await nativeLibraryBlob(db, AT)).blob.text()).toBe(expected);
    const head = { collectionId: COLLECTION, label: 'L', exportedAt: AT, pageSize: 4 };
    const w3c = JSON.stringify(serializeW3cAnnotations({ ...(await readLibrary(db)), ...head }), null, 2);
    expect(await (await w3cLibraryBlob(db, head, { sizes: TINY })).blob.text()).toBe(w3c);
  });

  it('reads every annotation once whatever its id: ids outside lowercase hex, and stretches of the key space longer than one request', async () => {
    const db = freshDb();
    const lib = makeLibrary(7);
    await store(db, lib);
    // 2,500 ids in the stretch of "0" (more than two scan requests of 1,000) and ids of other shapes,
    // sorting before, between and after the hexadecimal digits.
    const template = lib.annotations[0]!;
    const odd = ['', ' first', '-', '0', '09', '1', '9~', 'A', 'Zebra', '_x', 'f', 'ff', 'g', 'zzz', '~', 'é', '😀'];
    const extra = [...odd, ...Array.from({ length: 2_500 }, (_, i) => `0${String(i).padStart(6, '0')}`)].map((id) => ({ ...template, id }));
    await db.annotations.bulkAdd(extra);
    const seen: string[] = [];
    await readLibraryPages(db, { sections: ['annotations'] }, { page: (_, records) => void seen.push(...records.map((r) => r.id)) });
    expect(seen.length).toBe(lib.annotations.length + extra.length);
    expect(new Set(seen)).toEqual(new Set([...lib.annotations, ...extra].map((a) => a.id)));
    expect(await (await nativeLibraryBlob(db, AT)).blob.text()).toBe(await wholeNative(db));
  });

  it('gives the library\'s ClaimReview and claims CSV from its claims alone, as from the whole library', async () => {
    const db = freshDb();
    const lib = makeLibrary(13);
    // Verdicts on some claims, so there are reviews to write.
    lib.annotations.forEach((a, i) => a.kind === 'claim' && i % 3 === 0 && Object.assign(a.fields, { verdict: 'false', status: 'refuted' }));
    await store(db, lib);
    const progress: [number, number][] = [];
    const claims = await readLibraryClaims(db, (done, total) => progress.push([done, total]));
    expect(progress[0]).toEqual([0, lib.annotations.length]);
    expect(progress.at(-1)).toEqual([lib.annotations.length, lib.annotations.length]);
    expect(claims.annotations.map((a) => a.id).sort()).toEqual(lib.annotations.filter((a) => a.kind === 'claim').map((a) => a.id).sort());
    expect(claims.documents.every((d) => !('text' in d) && !('content' in d))).toBe(true);
    const whole = await readLibrary(db);
    const organization = { name: 'Desk', url: 'https://example.org' };
    const reviews = serializeClaimReviews({ ...claims, organization });
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews).toEqual(serializeClaimReviews({ ...whole, organization }));
    expect(serializeClaimsCsv(claims)).toBe(serializeClaimsCsv(whole));
  });

  it('writes an empty library as the serializers do', async () => {
    const db = freshDb();
    expect(await (await nativeLibraryBlob(db, AT, { sizes: TINY })).blob.text()).toBe(await wholeNative(db));
    const head = { collectionId: COLLECTION, label: 'L', exportedAt: AT };
    expect(await (await w3cLibraryBlob(db, head)).blob.text()).toBe(JSON.stringify(serializeW3cAnnotations({ ...(await readLibrary(db)), ...head }), null, 2));
  });

  it('reads many pages, none ending inside a run of equal first sort keys, every record once', async () => {
    const db = freshDb();
    const lib = makeLibrary(13);
    await store(db, lib);
    const pages: { section: LibrarySection; ids: string[]; lead: string[] }[] = [];
    const leadOf: Record<LibrarySection, (r: never) => string> = {
      documents: (d: DocumentRecord) => d.created,
      annotations: (a: Annotation) => a.documentId,
      entities: (e: EntityRecord) => e.name,
      evidence: (e: EvidenceRecord) => e.claimId,
      links: (l: ClaimLinkRecord) => l.created,
      events: (e: HistoryEvent) => e.at,
    };
    await readLibraryPages(db, { sections: ['documents', 'annotations', 'entities', 'evidence', 'links', 'events'], sizes: TINY }, {
      page(section, records) {
        pages.push({ section, ids: records.map((r) => r.id), lead: records.map((r) => leadOf[section](r as never)) });
      },
    });
    for (const section of ['documents', 'annotations', 'entities', 'evidence', 'events'] as const) {
      const mine = pages.filter((p) => p.section === section);
      expect(mine.length, section).toBeGreaterThan(1);
      expect(mine.flatMap((p) => p.ids).sort(), section).toEqual(lib[section].map((r) => r.id).sort());
      // Every first key of a page is after every first key of the pages before it.
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.lead.reduce((a, b) => (a < b ? a : b)) > mine[i - 1]!.lead.reduce((a, b) => (a > b ? a : b)), section).toBe(true);
    }
  });

  it('exports one state of the library: a write made during the export waits for it', async () => {
    const db = freshDb();
    const lib = makeLibrary(13);
    await store(db, lib);
    const expected = await wholeNative(db);
    // Another connection (as another tab has) writes once the export has started reading.
    const other = dropAfterTest(new MarginaliaDB(db.name));
    const extra: Annotation = { ...lib.annotations[0]!, id: '00000000-0000-4000-8000-000000000001' };
    let writing: Promise<unknown> | undefined;
    const { blob } = await nativeLibraryBlob(db, AT, {
      sizes: TINY,
      onProgress: (_, total) => {
        if (total > 0) writing ??= Dexie.ignoreTransaction(() => other.annotations.add(extra));
      },
    });
    expect(writing).toBeDefined();
    await writing;
    expect(await blob.text()).toBe(expected);
    expect(await wholeNative(db)).not.toBe(expected);
    expect(await db.annotations.get(extra.id)).toBeDefined();
  });
});
