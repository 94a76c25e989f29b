/**
 * Storage version 2's upgrade on Chromium's real IndexedDB: a database written by version 1's code
 * path, with real records, is opened by the current app; nothing may be lost.
 */
import { afterEach, describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { declareVersion1, MarginaliaDB, type DocumentSummary, type TextRecord } from '../../src/db/database';
import { addEvidence, updateFields } from '../../src/db/actions';
import { UPGRADE_REVIEWER, type V1Annotation } from '../../src/db/upgrade-v2';
import type { Annotation } from '../../src/model/annotation';
import { asCodePoint } from '../../src/model/units';

const names: string[] = [];
const open: Dexie[] = [];
let counter = 0;
function freshName(): string {
  const name = `marginalia-migration-${Date.now()}-${counter++}`;
  names.push(name);
  return name;
}

afterEach(async () => {
  for (const db of open.splice(0)) db.close();
  for (const name of names.splice(0)) await Dexie.delete(name);
});

/** A copy of `o` without `key`. */
function without<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const copy: Partial<T> = { ...o };
  delete copy[key];
  return copy as Omit<T, K>;
}

const hash = (c: string) => c.repeat(64);
const summary = (id: string, title: string, created: string): DocumentSummary => ({
  id,
  title,
  sourceUrl: `https://example.org/${id}`,
  publisher: 'The Herald',
  author: id === 'd1' ? 'Leyla Mammadova' : '',
  publishedDate: '2025-02-26',
  retrievedAt: created,
  format: 'markdown',
  fileName: `${id}.md`,
  textHash: hash(id === 'd1' ? 'a' : 'b'),
  length: 120,
  created,
  modified: created,
});
const texts: TextRecord[] = [
  { documentId: 'd1', textHash: hash('a'), content: [{ type: 'paragraph', content: [{ text: 'In Khojaly, 613 people were killed, Rahim Iskandarov said.' }] }], text: 'In Khojaly, 613 people were killed, Rahim Iskandarov said.' },
  { documentId: 'd2', textHash: hash('b'), content: [{ type: 'paragraph', content: [{ text: 'The OIC called it a tragedy. 😀' }] }], text: 'The OIC called it a tragedy. 😀' },
];

function v1Base(id: string, documentId: string, quote: string, start: number, creator = 'Ana') {
  return {
    id,
    documentId,
    textHash: hash(documentId === 'd1' ? 'a' : 'b'),
    anchor: { quote, prefix: 'pre ', suffix: ' post', start: asCodePoint(start), end: asCodePoint(start + [...quote].length) },
    creator,
    created: `2025-03-0${start % 9}T10:00:00.000Z`,
    modified: `2025-03-0${start % 9}T11:00:00.000Z`,
  };
}

const v1Annotations: V1Annotation[] = [
  { ...v1Base('m1', 'd1', 'Khojaly', 3), kind: 'entity', fields: { entityType: 'place', canonicalName: 'Khojaly' } },
  { ...v1Base('m2', 'd1', 'Rahim Iskandarov', 36), kind: 'entity', fields: { entityType: 'person', canonicalName: 'Rahim Iskandarov' } },
  { ...v1Base('m3', 'd2', 'OIC', 4, 'Bo'), kind: 'entity', fields: { entityType: 'organization', canonicalName: 'Organisation of Islamic Cooperation' } },
  { ...v1Base('m4', 'd2', '\u041Ahojaly', 7), kind: 'entity', fields: { entityType: 'place', canonicalName: 'khojaly' } },
  { ...v1Base('c1', 'd1', '613 people were killed', 12), kind: 'claim', fields: { status: 'disputed', attributedTo: 'Rahim Iskandarov', note: 'HRW says fewer' } },
  { ...v1Base('c2', 'd2', 'called it a tragedy', 8, 'Bo'), kind: 'claim', fields: { status: 'unverified', attributedTo: '', note: '' } },
  { ...v1Base('c3', 'd1', 'In Khojaly', 0), kind: 'claim', fields: { status: 'attributed', attributedTo: '', note: 'marked attributed by mistake in v1' } },
  { ...v1Base('o1', 'd2', 'a tragedy', 18, 'Bo'), kind: 'opinion', fields: { holder: 'Iskandarov, Rahim', note: 'strong words' } },
  { ...v1Base('o2', 'd2', 'tragedy', 20), kind: 'opinion', fields: { holder: '', note: '' } },
];
const settings = [
  { key: 'reviewer', value: 'Ana' },
  { key: 'seeded', value: '2025-01-01T00:00:00.000Z' },
];

/** Write the records through version 1's schema only, as the previous release did. */
async function writeVersion1(name: string): Promise<void> {
  const v1 = new Dexie(name);
  declareVersion1(v1);
  await v1.open();
  expect(v1.verno).toBe(1);
  await v1.transaction('rw', v1.tables, async () => {
    await v1.table('documents').bulkAdd([summary('d1', 'Khojaly report', '2025-03-01T00:00:00.000Z'), summary('d2', 'OIC statement', '2025-03-02T00:00:00.000Z')]);
    await v1.table('texts').bulkAdd(texts);
    await v1.table('annotations').bulkAdd(v1Annotations);
    await v1.table('settings').bulkAdd(settings);
  });
  v1.close();
}

async function upgraded(name: string): Promise<MarginaliaDB> {
  await writeVersion1(name);
  const db = new MarginaliaDB(name);
  open.push(db);
  await db.open();
  return db;
}

describe('upgrade from storage version 1 to version 2', () => {
  it('keeps documents, texts and settings as they were', async () => {
    const db = await upgraded(freshName());
    expect(db.verno).toBe(4);
    expect(await db.documents.orderBy('id').toArray()).toEqual([summary('d1', 'Khojaly report', '2025-03-01T00:00:00.000Z'), summary('d2', 'OIC statement', '2025-03-02T00:00:00.000Z')]);
    expect(await db.texts.orderBy('documentId').toArray()).toEqual(texts);
    expect(await db.settings.orderBy('key').toArray()).toEqual(settings);
  });

  it('keeps every annotation with its anchor, creator, dates, notes and status, its names now in the registry', async () => {
    const db = await upgraded(freshName());
    const stored = new Map((await db.annotations.toArray()).map((a) => [a.id, a]));
    expect([...stored.keys()].sort()).toEqual(v1Annotations.map((a) => a.id).sort());
    for (const old of v1Annotations) {
      expect(without(stored.get(old.id)!, 'fields'), old.id).toEqual(without(old, 'fields'));
    }
    const entities = await db.entities.toArray();
    const entity = (id: string | null | undefined) => entities.find((e) => e.id === id);
    const fields = (id: string) => stored.get(id)!.fields as Record<string, unknown> & Partial<Annotation['fields']>;
    const mentionOf = (id: string) => entity((fields(id) as { entityId: string | null }).entityId);
    const speakerOf = (id: string) => entity((fields(id) as { attribution: { entityId: string } | null }).attribution?.entityId);

    expect(mentionOf('m1')).toMatchObject({ name: 'Khojaly', type: 'place', aliases: [] });
    // The Cyrillic-К spelling in the other document is the same place.
    expect(mentionOf('m4')).toEqual(mentionOf('m1'));
    expect(mentionOf('m3')).toMatchObject({ name: 'Organisation of Islamic Cooperation', type: 'organization', aliases: ['OIC'], creator: 'Bo' });
    expect(mentionOf('m2')).toMatchObject({ name: 'Rahim Iskandarov', type: 'person' });
    // Who said c1 is the mentioned person; the opinion's holder, written differently, is another name.
    expect(speakerOf('c1')).toEqual(mentionOf('m2'));
    expect(speakerOf('o1')).toMatchObject({ name: 'Iskandarov, Rahim', type: 'person' });
    expect(entities).toHaveLength(4);

    expect(fields('c1')).toEqual({ status: 'disputed', verdict: null, rationale: '', attribution: { entityId: mentionOf('m2')!.id, quoteType: 'reported', cueId: null }, note: 'HRW says fewer' });
    expect(fields('c2')).toEqual({ status: 'unverified', verdict: null, rationale: '', attribution: null, note: '' });
    expect(fields('c3')).toEqual({ status: 'attributed', verdict: null, rationale: '', attribution: null, note: 'marked attributed by mistake in v1' });
    expect(fields('o1')).toEqual({ attribution: { entityId: speakerOf('o1')!.id, quoteType: 'reported', cueId: null }, note: 'strong words' });
    expect(fields('o2')).toEqual({ attribution: null, note: '' });

    // The new indexes find them.
    expect(await db.annotations.where('kind').equals('claim').primaryKeys()).toHaveLength(3);
    expect((await db.annotations.where('fields.entityId').equals(mentionOf('m1')!.id).primaryKeys()).sort()).toEqual(['m1', 'm4']);
    expect(await db.annotations.where('fields.attribution.entityId').equals(mentionOf('m2')!.id).primaryKeys()).toEqual(['c1']);
  });

  it('records the upgrade as one group of events, by the upgrade, with what each name was', async () => {
    const db = await upgraded(freshName());
    const events = await db.events.toArray();
    expect(new Set(events.map((e) => e.groupId)).size).toBe(1);
    expect(events.every((e) => e.reviewer === UPGRADE_REVIEWER)).toBe(true);
    expect(events.filter((e) => e.op === 'create' && e.table === 'entities')).toHaveLength(4);
    expect(new Set(events.filter((e) => e.table === 'annotations').map((e) => e.targetId))).toEqual(new Set(v1Annotations.map((a) => a.id)));
    const holder = events.find((e) => e.targetId === 'o1' && e.field === 'fields.holder');
    expect(holder).toMatchObject({ before: 'Iskandarov, Rahim' });
    expect(await db.events.where('subjects').equals('c1').count()).toBeGreaterThan(0);
    expect(await db.evidence.count()).toBe(0);
    expect(await db.links.count()).toBe(0);
  });

  it('upgrades an empty version 1 database to empty tables', async () => {
    const name = freshName();
    const v1 = new Dexie(name);
    declareVersion1(v1);
    await v1.open();
    v1.close();
    const db = new MarginaliaDB(name);
    open.push(db);
    await db.open();
    expect(db.verno).toBe(4);
    expect(await Promise.all([db.annotations.count(), db.entities.count(), db.events.count()])).toEqual([0, 0, 0]);
  });

  it('a claim version 1 left "disputed" without evidence (or "attributed" without a speaker) can still be worked on', async () => {
    const db = await upgraded(freshName());
    // Version 1 had no evidence, so its disputed claims break today's rule; the reviewer must still be
    // able to edit them and add the missing evidence, not be locked out of every change.
    const note = await updateFields(db, 'c1', { note: 'HRW says fewer; see report' }, 'Ana', 'note');
    expect(note.ok, note.ok ? '' : note.message).toBe(true);
    const evidence = await addEvidence(db, 'c1', { relation: 'supports', url: 'https://example.org/hrw', title: 'HRW', passage: '', accessed: '2026-01-01' }, 'Ana');
    expect(evidence.ok, evidence.ok ? '' : evidence.message).toBe(true);
    const verdict = await updateFields(db, 'c3', { verdict: 'false' }, 'Ana', 'verdict');
    expect(verdict.ok, verdict.ok ? '' : verdict.message).toBe(true);
    // The rules still apply to a new status: another claim cannot be made disputed without a contradiction.
    expect((await updateFields(db, 'c2', { status: 'disputed' }, 'Ana', 'status')).ok).toBe(false);
    // …nor can a claim already breaking one rule be moved on to break another.
    expect((await updateFields(db, 'c3', { status: 'disputed' }, 'Ana', 'status')).ok).toBe(false);
  });
});
