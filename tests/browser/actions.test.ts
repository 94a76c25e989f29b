/**
 * The workflow actions through Chromium's real IndexedDB: each writes its records and its history
 * events in one transaction, the claim rules refuse what they must, and undo and redo (reverting event
 * groups) take every action back and forth. One throw-away database per test.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Table } from 'dexie';
import type { MarginaliaDB } from '../../src/db/database';
import { freshDb } from './fresh-db';
import {
  addEvidence,
  attributeToOwnVoice,
  createEntityFor,
  deleteAnnotation,
  linkClaims,
  linksOf,
  markCue,
  mergeEntities,
  removeEvidence,
  removeLink,
  tagAnnotation,
  updateEntity,
  updateFields,
  type EvidenceInput,
} from '../../src/db/actions';
import { historyOf, revertGroups, type ActionResult } from '../../src/db/history';
import { createAnnotation, createCue, type Annotation, type TagKind } from '../../src/model/annotation';
import { linkLabelFrom, type Attribution } from '../../src/model/claim';
import { changedPaths } from '../../src/model/history';
import { asCodePoint } from '../../src/model/units';


const T0 = '2026-01-01T00:00:00.000Z';
const anchor = (quote: string) => ({ quote, prefix: '', suffix: '', start: asCodePoint(0), end: asCodePoint([...quote].length) });
const tagged = (kind: TagKind, id: string, quote: string, documentId = 'd1'): Annotation =>
  createAnnotation({ id, kind, documentId, textHash: 'a'.repeat(64), anchor: anchor(quote), creator: 'Ana', now: T0 });
const cueFor = (id: string, forId: string, quote = 'said') =>
  createCue({ id, forId, documentId: 'd1', textHash: 'a'.repeat(64), anchor: anchor(quote), creator: 'Ana', now: T0 });
const contradicting: EvidenceInput = { relation: 'contradicts', url: 'https://example.org/report', title: 'Report', passage: 'Fewer died.', accessed: '2026-01-05' };
const supporting: EvidenceInput = { ...contradicting, relation: 'supports', title: 'Agreeing report' };

function ok(result: ActionResult): { groupId: string } & Extract<ActionResult, { ok: true }> {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  if (!result.groupId) throw new Error('the action logged nothing');
  return result as { groupId: string } & Extract<ActionResult, { ok: true }>;
}

/** A copy of `o` without `key`. */
function without<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const copy: Partial<T> = { ...o };
  delete copy[key];
  return copy as Omit<T, K>;
}

/** Everything the actions touch, records sorted by id. */
async function snapshot(db: MarginaliaDB) {
  const byId = <T extends { id: string }>(rows: T[]) => rows.sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    annotations: byId(await db.annotations.toArray()),
    entities: byId(await db.entities.toArray()),
    evidence: byId(await db.evidence.toArray()),
    links: byId(await db.links.toArray()),
    events: byId(await db.events.toArray()),
  };
}

/** The records without their `modified` times (an undo is itself a change and sets them). */
async function records(db: MarginaliaDB) {
  const rest = await snapshot(db);
  const strip = <T extends { modified: string }>(rows: T[]) => rows.map((r) => without(r, 'modified'));
  return { annotations: strip(rest.annotations), entities: strip(rest.entities), evidence: strip(rest.evidence), links: strip(rest.links) };
}

/** Check that what `result` says it changed is stored, and that its group's events record exactly that. */
async function expectWrittenAndLogged(db: MarginaliaDB, result: ActionResult, reviewer: string) {
  const { groupId, changes } = ok(result);
  const events = await db.events.where('groupId').equals(groupId).sortBy('seq');
  const expected: [string, string, string | null][] = [];
  // What each record is once all changes are made: the last change of that record says.
  const last = new Map<string, (typeof changes)[number]>();
  for (const c of changes) {
    const id = c.op === 'delete' ? c.before.id : c.after.id;
    last.set(`${c.table} ${id}`, c);
    if (c.op === 'update') for (const p of changedPaths(c.before, c.after)) expected.push([c.table, id, p]);
    else expected.push([c.table, id, null]);
  }
  for (const c of last.values()) {
    const stored = await (db[c.table] as unknown as Table<{ id: string }, string>).get(c.op === 'delete' ? c.before.id : c.after.id);
    if (c.op === 'delete') expect(stored).toBeUndefined();
    else expect(stored).toEqual(c.after);
  }
  expect(events.map((e) => [e.table, e.targetId, e.field])).toEqual(expected);
  expect(events.every((e) => e.reviewer === reviewer && typeof e.at === 'string' && e.id.length > 0)).toBe(true);
  return events;
}

/** A claim, an entity mention and a speaker entity to build on. */
async function setup(db: MarginaliaDB) {
  ok(await tagAnnotation(db, tagged('claim', 'c1', '613 people were killed'), 'Ana'));
  ok(await tagAnnotation(db, tagged('claim', 'c2', 'about 200 people died', 'd2'), 'Ana'));
  ok(await tagAnnotation(db, tagged('entity', 'm1', 'Rahim Iskandarov'), 'Ana'));
  ok(await createEntityFor(db, { name: 'Rahim Iskandarov', type: 'person' }, 'm1', (entityId) => ({ entityId }), 'Ana'));
  const person = (await db.entities.toArray())[0]!;
  return { person, attribution: { entityId: person.id, quoteType: 'direct', cueId: null } satisfies Attribution };
}

describe('every action writes its records and its events in one transaction, and undo and redo take it back', () => {
  it('runs each action, checks both tables, undoes it and redoes it', async () => {
    const db = freshDb();
    const { person, attribution } = await setup(db);
    const steps: [string, () => Promise<ActionResult>][] = [
      ['tag', () => tagAnnotation(db, tagged('opinion', 'o1', 'a shameful act'), 'Bo')],
      ['edit fields', () => updateFields(db, 'c1', { status: 'in-review', note: 'ask HRW', attribution }, 'Bo', 'status')],
      ['mark cue', () => markCue(db, cueFor('q1', 'c1', 'Iskandarov said'), 'Bo')],
      ['replace cue', () => markCue(db, cueFor('q2', 'c1', 'he said'), 'Bo')],
      ['create entity for', () => createEntityFor(db, { name: 'Khojaly', type: 'place' }, 'c1', () => ({ note: 'place' }), 'Bo')],
      ['own voice', () => attributeToOwnVoice(db, 'o1', { author: '', publisher: 'The Herald' }, 'Bo')],
      ['add evidence', () => addEvidence(db, 'c1', contradicting, 'Bo')],
      ['dispute', () => updateFields(db, 'c1', { status: 'disputed', verdict: 'false' }, 'Bo', 'status')],
      ['add more evidence', () => addEvidence(db, 'c1', supporting, 'Bo')],
      ['link', () => linkClaims(db, 'c1', 'c2', 'contradicts', 'Bo')],
      ['remove evidence', async () => removeEvidence(db, (await db.evidence.toArray()).find((e) => e.relation === 'supports')!.id, 'Bo')],
      ['edit entity', () => updateEntity(db, person.id, { name: 'Rahim Iskandarov Jr', aliases: ['R. Iskandarov'], externalId: 'Q1' }, 'Bo', 'name')],
      ['clear attribution', () => updateFields(db, 'c1', { status: 'in-review' }, 'Bo', 'status')],
      ['remove link', async () => removeLink(db, (await db.links.toArray())[0]!.id, 'Bo')],
      ['delete cue', () => deleteAnnotation(db, 'q2', 'Bo')],
      ['delete claim', () => deleteAnnotation(db, 'c1', 'Bo')],
    ];
    for (const [name, run] of steps) {
      const before = await records(db);
      const result = await run();
      expect(result.ok, `${name}: ${result.ok ? '' : result.message}`).toBe(true);
      await expectWrittenAndLogged(db, result, 'Bo');
      const after = await records(db);
      expect(after, name).not.toEqual(before);
      const undo = ok(await revertGroups(db, [ok(result).groupId], { action: `undo: ${name}`, reviewer: 'Cy' }));
      await expectWrittenAndLogged(db, undo, 'Cy');
      expect(await records(db), `undo ${name}`).toEqual(before);
      ok(await revertGroups(db, [undo.groupId], { action: `redo: ${name}`, reviewer: 'Cy' }));
      expect(await records(db), `redo ${name}`).toEqual(after);
    }
  });

  it('writes neither records nor events when the events cannot be stored', async () => {
    const db = freshDb();
    await setup(db);
    const before = await snapshot(db);
    const refuse = () => {
      throw new Error('no room for the event');
    };
    db.events.hook('creating', refuse);
    const error = await updateFields(db, 'c1', { note: 'lost?' }, 'Bo', 'note').catch((e: unknown) => e);
    db.events.hook('creating').unsubscribe(refuse);
    expect(error).toBeInstanceOf(Error);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a refused action writes neither records nor events', async () => {
    const db = freshDb();
    await setup(db);
    const before = await snapshot(db);
    const refusals = [
      await updateFields(db, 'c1', { status: 'disputed' }, 'Bo', 'status'),
      await updateFields(db, 'gone', { note: 'x' }, 'Bo', 'note'),
      await addEvidence(db, 'c1', { relation: 'supports', url: ' ', title: '', passage: '', accessed: '' }, 'Bo'),
      await linkClaims(db, 'c1', 'c1', 'same', 'Bo'),
      await linkClaims(db, 'c1', 'm1', 'same', 'Bo'),
      await markCue(db, cueFor('q1', 'c1'), 'Bo'),
      await attributeToOwnVoice(db, 'c1', { author: ' ', publisher: '' }, 'Bo'),
      await createEntityFor(db, { name: '  ', type: 'person' }, 'm1', (entityId) => ({ entityId }), 'Bo'),
      await updateEntity(db, (await db.entities.toArray())[0]!.id, { name: ' ' }, 'Bo', 'name'),
      await removeEvidence(db, 'nope', 'Bo'),
      await deleteAnnotation(db, 'nope', 'Bo'),
    ];
    for (const r of refusals) expect(r.ok, JSON.stringify(r)).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });
});

describe('claim rules', () => {
  it('"disputed" needs a contradicting evidence item', async () => {
    const db = freshDb();
    await setup(db);
    const refused = await updateFields(db, 'c1', { status: 'disputed' }, 'Bo', 'status');
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/disputed only with at least one contradicting/) });
    ok(await addEvidence(db, 'c1', supporting, 'Bo'));
    expect((await updateFields(db, 'c1', { status: 'disputed' }, 'Bo', 'status')).ok).toBe(false);
    ok(await addEvidence(db, 'c1', contradicting, 'Bo'));
    ok(await updateFields(db, 'c1', { status: 'disputed' }, 'Bo', 'status'));
    expect((await db.annotations.get('c1'))?.fields).toMatchObject({ status: 'disputed' });
    // Removing the supporting item is fine; removing the last contradicting one is refused.
    const evidence = await db.evidence.toArray();
    ok(await removeEvidence(db, evidence.find((e) => e.relation === 'supports')!.id, 'Bo'));
    const last = evidence.find((e) => e.relation === 'contradicts')!;
    const eventsBefore = await db.events.count();
    expect(await removeEvidence(db, last.id, 'Bo')).toEqual({ ok: false, message: expect.stringMatching(/disputed/) });
    expect(await db.evidence.get(last.id)).toEqual(last);
    expect(await db.events.count()).toBe(eventsBefore);
  });

  it('an undo that would take away the only contradiction of a claim disputed since is refused, changing nothing', async () => {
    const db = freshDb();
    await setup(db);
    // This tab adds the contradicting evidence; another reviewer then disputes the claim on its strength.
    const added = ok(await addEvidence(db, 'c1', contradicting, 'Bo'));
    ok(await updateFields(db, 'c1', { status: 'disputed' }, 'Cy', 'status'));
    const before = await snapshot(db);
    const undo = await revertGroups(db, [added.groupId], { action: 'undo: add evidence', reviewer: 'Bo' });
    expect(undo).toEqual({ ok: false, message: expect.stringMatching(/^Could not undo: add evidence: it would leave a claim against its rules: A claim can be marked disputed only/) });
    expect(await snapshot(db)).toEqual(before);
  });

  it('"disputed" is allowed by a claim linked as contradicting, and that last link cannot be removed', async () => {
    const db = freshDb();
    await setup(db);
    ok(await linkClaims(db, 'c2', 'c1', 'same', 'Bo'));
    expect((await updateFields(db, 'c1', { status: 'disputed' }, 'Bo', 'status')).ok).toBe(false);
    ok(await tagAnnotation(db, tagged('claim', 'c3', 'nobody died', 'd3'), 'Bo'));
    // The link is made from the other claim: it counts from both ends.
    const link = ok(await linkClaims(db, 'c3', 'c1', 'contradicts', 'Bo'));
    ok(await updateFields(db, 'c1', { status: 'disputed' }, 'Bo', 'status'));
    const linkId = link.changes[0]!.op === 'create' ? link.changes[0]!.after.id : '';
    const refused = await removeLink(db, linkId, 'Bo');
    expect(refused.ok).toBe(false);
    expect(await db.links.get(linkId)).toBeDefined();
    // Deleting the claim that holds the contradicting link is refused for the same reason.
    expect((await deleteAnnotation(db, 'c3', 'Bo')).ok).toBe(false);
    expect(await db.annotations.get('c3')).toBeDefined();
    // Once the claim is no longer disputed, the link can go.
    ok(await updateFields(db, 'c1', { status: 'refuted' }, 'Bo', 'status'));
    ok(await removeLink(db, linkId, 'Bo'));
  });

  it('"attributed" needs an attribution, which cannot then be cleared', async () => {
    const db = freshDb();
    const { attribution } = await setup(db);
    expect(await updateFields(db, 'c1', { status: 'attributed' }, 'Bo', 'status')).toEqual({ ok: false, message: expect.stringMatching(/attributed only once/) });
    ok(await updateFields(db, 'c1', { attribution }, 'Bo', 'attribution'));
    ok(await updateFields(db, 'c1', { status: 'attributed' }, 'Bo', 'status'));
    ok(await markCue(db, cueFor('q1', 'c1'), 'Bo'));
    const before = await snapshot(db);
    expect(await updateFields(db, 'c1', { attribution: null }, 'Bo', 'attribution')).toEqual({ ok: false, message: expect.stringMatching(/attributed only once/) });
    expect(await snapshot(db)).toEqual(before);
    // With another status, clearing the attribution removes its cue too.
    ok(await updateFields(db, 'c1', { status: 'in-review' }, 'Bo', 'status'));
    ok(await updateFields(db, 'c1', { attribution: null }, 'Bo', 'attribution'));
    expect(await db.annotations.get('q1')).toBeUndefined();
  });

  it('a new claim is checked as written, without reading it back; one that breaks a rule is refused', async () => {
    const db = freshDb();
    const reads: string[] = [];
    const get = db.annotations.get.bind(db.annotations);
    db.annotations.get = ((key: string) => {
      reads.push(key);
      return get(key);
    }) as typeof db.annotations.get;
    ok(await tagAnnotation(db, tagged('claim', 'c1', 'we condemn it'), 'Ana'));
    expect(reads).toEqual([]);
    const broken = tagged('claim', 'c2', 'a shame');
    const attributed: Annotation = { ...broken, fields: { ...(broken.fields as Extract<Annotation, { kind: 'claim' }>['fields']), status: 'attributed' } } as Annotation;
    expect(await tagAnnotation(db, attributed, 'Ana')).toEqual({ ok: false, message: expect.stringMatching(/attributed only once/) });
    expect(await db.annotations.get('c2')).toBeUndefined();
    expect(await db.events.count()).toBe(1);
  });
});

describe('a tag is sent and committed in one go', () => {
  /** Counts of IDBTransaction.commit() calls and of read-write transactions (with their stores) while a test runs. */
  const calls = { commits: 0, writes: [] as string[][] };
  const { commit } = IDBTransaction.prototype;
  const { transaction } = IDBDatabase.prototype;
  function watch() {
    calls.commits = 0;
    calls.writes = [];
    IDBTransaction.prototype.commit = function (this: IDBTransaction) {
      calls.commits++;
      return commit.call(this);
    };
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = transaction.apply(this, args);
      if (tx.mode === 'readwrite') calls.writes.push([...tx.objectStoreNames]);
      return tx;
    } as IDBDatabase['transaction'];
  }
  afterEach(() => {
    IDBTransaction.prototype.commit = commit;
    IDBDatabase.prototype.transaction = transaction;
  });
  const claim = (quote: string, status: string): Annotation => {
    const a = tagged('claim', `c-${status}`, quote);
    return { ...a, fields: { ...(a.fields as object), status } } as Annotation;
  };

  it('asks for the commit as soon as the annotation and its event are sent, in one transaction over those two stores', async () => {
    watch(); // before the database opens: Dexie keeps IDBDatabase.transaction as it finds it then
    const db = freshDb();
    const result = await tagAnnotation(db, tagged('opinion', 'o1', 'a shameful act'), 'Bo');
    expect(calls).toEqual({ commits: 1, writes: [['annotations', 'events']] });
    const [event] = await expectWrittenAndLogged(db, result, 'Bo');
    expect(event).toMatchObject({ action: 'tag opinion', op: 'create', table: 'annotations', targetId: 'o1' });
  });

  it('a tag whose id is already stored is refused as a whole, though its commit was asked for: nothing of it is stored', async () => {
    const db = freshDb();
    ok(await tagAnnotation(db, tagged('claim', 'c1', '613 people were killed'), 'Ana'));
    const before = await snapshot(db);
    watch();
    const error = await tagAnnotation(db, tagged('claim', 'c1', 'another quote'), 'Bo').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(calls.commits).toBe(1);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a tag whose event fails before it is sent is not committed early, and nothing of it is stored', async () => {
    const db = freshDb();
    ok(await tagAnnotation(db, tagged('claim', 'c1', '613 people were killed'), 'Ana'));
    const before = await snapshot(db);
    const refuse = () => {
      throw new Error('no room for the event');
    };
    db.events.hook('creating', refuse);
    watch();
    const error = await tagAnnotation(db, tagged('claim', 'c2', 'about 200 people died'), 'Bo').catch((e: unknown) => e);
    db.events.hook('creating').unsubscribe(refuse);
    expect(error).toBeInstanceOf(Error);
    expect(calls.commits).toBe(0);
    expect(await snapshot(db)).toEqual(before);
  });

  it('a claim tagged with a status whose rule needs a read (disputed) is checked the long way, and refused without evidence', async () => {
    watch(); // before the database opens: Dexie keeps IDBDatabase.transaction as it finds it then
    const db = freshDb();
    expect(await tagAnnotation(db, claim('nobody died', 'disputed'), 'Bo')).toEqual({ ok: false, message: expect.stringMatching(/disputed only with/) });
    expect(calls.writes).toEqual([['annotations', 'entities', 'events', 'evidence', 'links']]);
    expect(await db.annotations.count()).toBe(0);
    expect(await db.events.count()).toBe(0);
  });

  it('an entity mention not yet linked is tagged the long way, which looks up its entity', async () => {
    watch(); // before the database opens: Dexie keeps IDBDatabase.transaction as it finds it then
    const db = freshDb();
    ok(await tagAnnotation(db, tagged('entity', 'm1', 'Baku'), 'Bo'));
    expect(calls.commits).toBe(0);
    expect(calls.writes).toEqual([['annotations', 'entities', 'events', 'evidence', 'links']]);
  });
});

describe('entities', () => {
  async function oicSetup(db: MarginaliaDB) {
    ok(await tagAnnotation(db, tagged('entity', 'm1', 'Organisation of Islamic Cooperation'), 'Ana'));
    ok(await createEntityFor(db, { name: 'Organisation of Islamic Cooperation', type: 'organization' }, 'm1', (entityId) => ({ entityId }), 'Ana'));
    ok(await tagAnnotation(db, tagged('entity', 'm2', 'O.I.C.'), 'Ana'));
    ok(await createEntityFor(db, { name: 'OIC', type: 'organization' }, 'm2', (entityId) => ({ entityId }), 'Ana'));
    const target = (await db.entities.where('name').equals('Organisation of Islamic Cooperation').first())!;
    const source = (await db.entities.where('name').equals('OIC').first())!;
    // Found by the alias "O.I.C." the first mention gave the source.
    ok(await tagAnnotation(db, tagged('entity', 'm3', 'o.i.c.', 'd2'), 'Ana'));
    expect((await db.annotations.get('m3'))?.fields).toEqual({ entityId: source.id });
    ok(await tagAnnotation(db, tagged('claim', 'c1', 'we condemn it'), 'Ana'));
    ok(await updateFields(db, 'c1', { attribution: { entityId: source.id, quoteType: 'direct', cueId: null } }, 'Ana', 'attribution'));
    ok(await updateFields(db, 'c1', { status: 'attributed' }, 'Ana', 'status'));
    ok(await tagAnnotation(db, tagged('opinion', 'o1', 'a shame'), 'Ana'));
    ok(await updateFields(db, 'o1', { attribution: { entityId: source.id, quoteType: 'reported', cueId: null } }, 'Ana', 'holder'));
    return { target, source };
  }

  it('merges "OIC" into "Organisation of Islamic Cooperation" without losing a mention; one undo restores everything; redo merges again', async () => {
    const db = freshDb();
    const { target, source } = await oicSetup(db);
    const before = await snapshot(db);
    const merge = ok(await mergeEntities(db, source.id, target.id, 'Bo'));
    await expectWrittenAndLogged(db, merge, 'Bo');
    expect(await db.entities.get(source.id)).toBeUndefined();
    expect((await db.entities.get(target.id))?.aliases).toEqual(['OIC', 'O.I.C.']);
    const all = await db.annotations.toArray();
    expect(all).toHaveLength(before.annotations.length);
    expect(all.filter((a) => a.kind === 'entity').map((a) => [a.id, a.kind === 'entity' && a.fields.entityId])).toEqual([
      ['m1', target.id],
      ['m2', target.id],
      ['m3', target.id],
    ]);
    for (const id of ['c1', 'o1']) {
      const a = await db.annotations.get(id);
      expect(a?.kind === 'claim' || a?.kind === 'opinion' ? a.fields.attribution?.entityId : null).toBe(target.id);
    }
    const merged = await records(db);

    const undo = ok(await revertGroups(db, [merge.groupId], { action: 'undo: merge entities', reviewer: 'Bo' }));
    const restored = await snapshot(db);
    // The source entity comes back exactly as it was; the others are as they were but for their modified time.
    expect(restored.entities.find((e) => e.id === source.id)).toEqual(source);
    const strip = <T extends { modified: string }>(rows: T[]) => rows.map((r) => without(r, 'modified'));
    expect(strip(restored.entities)).toEqual(strip(before.entities));
    expect(strip(restored.annotations)).toEqual(strip(before.annotations));
    // The history only grew: the events from before are unchanged, the merge and its undo were appended.
    expect(restored.events.filter((e) => before.events.some((b) => b.id === e.id))).toEqual(before.events);
    expect(new Set(restored.events.filter((e) => !before.events.some((b) => b.id === e.id)).map((e) => e.groupId))).toEqual(new Set([merge.groupId, undo.groupId]));

    ok(await revertGroups(db, [undo.groupId], { action: 'redo: merge entities', reviewer: 'Bo' }));
    expect(await records(db)).toEqual(merged);
  });

  it('refuses a merge of a speaker into a place, and into itself, writing nothing', async () => {
    const db = freshDb();
    const { source } = await oicSetup(db);
    ok(await tagAnnotation(db, tagged('entity', 'm9', 'Baku'), 'Ana'));
    ok(await createEntityFor(db, { name: 'Baku', type: 'place' }, 'm9', (entityId) => ({ entityId }), 'Ana'));
    const place = (await db.entities.where('name').equals('Baku').first())!;
    const before = await snapshot(db);
    expect((await mergeEntities(db, source.id, place.id, 'Bo')).ok).toBe(false);
    expect((await mergeEntities(db, source.id, source.id, 'Bo')).ok).toBe(false);
    expect((await updateEntity(db, source.id, { type: 'place' }, 'Bo', 'type')).ok).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('moves a mention to another entity, in both entities\' histories', async () => {
    const db = freshDb();
    const { target, source } = await oicSetup(db);
    const move = ok(await updateFields(db, 'm2', { entityId: target.id }, 'Bo', 'entity'));
    const [event] = await expectWrittenAndLogged(db, move, 'Bo');
    expect(event).toMatchObject({ field: 'fields.entityId', before: source.id, after: target.id, targetId: 'm2' });
    expect((await historyOf(db, [source.id])).map((e) => e.id)).toContain(event!.id);
    expect((await historyOf(db, [target.id])).map((e) => e.id)).toContain(event!.id);
    expect(await db.annotations.where('fields.entityId').equals(source.id).primaryKeys()).toEqual(['m3']);
  });

  it('tagging a mention links it to the entity whose name or alias it spells, look-alike letters aside', async () => {
    const db = freshDb();
    ok(await tagAnnotation(db, tagged('entity', 'm1', 'Khojaly'), 'Ana'));
    ok(await createEntityFor(db, { name: 'Xocalı', type: 'place' }, 'm1', (entityId) => ({ entityId }), 'Ana'));
    const [xocali] = await db.entities.toArray();
    expect(xocali?.aliases).toEqual(['Khojaly']);
    // "Кhojaly" with a Cyrillic К matches the alias "Khojaly".
    const result = ok(await tagAnnotation(db, tagged('entity', 'm2', '\u041Ahojaly', 'd2'), 'Bo'));
    expect((await db.annotations.get('m2'))?.fields).toEqual({ entityId: xocali!.id });
    expect((await db.events.where('groupId').equals(result.groupId).first())?.subjects).toEqual(['m2', xocali!.id]);
    ok(await tagAnnotation(db, tagged('entity', 'm3', 'XOCALI'), 'Bo'));
    expect((await db.annotations.get('m3'))?.fields).toEqual({ entityId: xocali!.id });
    // A typo is not the same name: no link is guessed.
    ok(await tagAnnotation(db, tagged('entity', 'm4', 'Khojali'), 'Bo'));
    expect((await db.annotations.get('m4'))?.fields).toEqual({ entityId: null });
  });
});

describe('claim links, deletion, undo and history', () => {
  it('links claims across two documents, visible from both ends, once per pair', async () => {
    const db = freshDb();
    await setup(db);
    const link = ok(await linkClaims(db, 'c1', 'c2', 'supports', 'Bo'));
    const [fromC1] = await linksOf(db, 'c1');
    const [fromC2] = await linksOf(db, 'c2');
    expect(fromC1).toEqual(fromC2);
    expect(fromC1).toMatchObject({ fromId: 'c1', toId: 'c2', relation: 'supports' });
    expect([linkLabelFrom(fromC1!, 'c1'), linkLabelFrom(fromC2!, 'c2')]).toEqual(['Supports', 'Supported by']);
    expect((await db.annotations.get('c2'))?.documentId).toBe('d2');
    const events = await historyOf(db, ['c2']);
    expect(events.some((e) => e.groupId === link.groupId)).toBe(true);
    // The same pair cannot be linked again, in either direction.
    expect(await linkClaims(db, 'c2', 'c1', 'contradicts', 'Bo')).toEqual({ ok: false, message: expect.stringMatching(/already linked \(supports\)/) });
    expect(await db.links.count()).toBe(1);
  });

  it('deleting a claim removes its evidence, links and cue; undo restores them exactly', async () => {
    const db = freshDb();
    const { attribution } = await setup(db);
    ok(await updateFields(db, 'c1', { attribution }, 'Ana', 'attribution'));
    ok(await markCue(db, cueFor('q1', 'c1'), 'Ana'));
    ok(await addEvidence(db, 'c1', contradicting, 'Ana'));
    ok(await linkClaims(db, 'c2', 'c1', 'contradicts', 'Ana'));
    ok(await updateFields(db, 'c1', { status: 'disputed' }, 'Ana', 'status'));
    const before = await snapshot(db);
    const del = ok(await deleteAnnotation(db, 'c1', 'Bo'));
    await expectWrittenAndLogged(db, del, 'Bo');
    expect(await db.annotations.bulkGet(['c1', 'q1'])).toEqual([undefined, undefined]);
    expect([await db.evidence.count(), await db.links.count()]).toEqual([0, 0]);
    expect(await db.annotations.get('c2')).toBeDefined();
    ok(await revertGroups(db, [del.groupId], { action: 'undo: delete annotation', reviewer: 'Bo' }));
    const after = await snapshot(db);
    expect([after.annotations, after.entities, after.evidence, after.links]).toEqual([before.annotations, before.entities, before.evidence, before.links]);
  });

  it('deleting a cue unsets it on its claim; undo puts both back', async () => {
    const db = freshDb();
    const { attribution } = await setup(db);
    ok(await updateFields(db, 'c1', { attribution }, 'Ana', 'attribution'));
    ok(await markCue(db, cueFor('q1', 'c1'), 'Ana'));
    const before = await records(db);
    const del = ok(await deleteAnnotation(db, 'q1', 'Bo'));
    const c1 = await db.annotations.get('c1');
    expect(c1?.kind === 'claim' && c1.fields.attribution).toEqual({ ...attribution, cueId: null });
    ok(await revertGroups(db, [del.groupId], { action: 'undo', reviewer: 'Bo' }));
    expect(await records(db)).toEqual(before);
  });

  it('undo refuses, changing nothing, when a field was changed since', async () => {
    const db = freshDb();
    await setup(db);
    const first = ok(await updateFields(db, 'c1', { note: 'first' }, 'Ana', 'note'));
    ok(await updateFields(db, 'c1', { note: 'second' }, 'Bo', 'note'));
    const before = await snapshot(db);
    const refused = await revertGroups(db, [first.groupId], { action: 'undo: edit note', reviewer: 'Ana' });
    expect(refused).toEqual({ ok: false, message: expect.stringMatching(/note.*changed since.*Nothing was changed/) });
    expect(await snapshot(db)).toEqual(before);
  });

  it('a refused undo of a many-record action writes none of its steps', async () => {
    const db = freshDb();
    const { person, attribution } = await setup(db);
    ok(await updateFields(db, 'c1', { attribution }, 'Ana', 'attribution'));
    ok(await tagAnnotation(db, tagged('entity', 'm2', 'R. Iskandarov'), 'Ana'));
    ok(await createEntityFor(db, { name: 'R. Iskandarov', type: 'person' }, 'm2', (entityId) => ({ entityId }), 'Ana'));
    const dup = (await db.entities.where('name').equals('R. Iskandarov').first())!;
    const merge = ok(await mergeEntities(db, dup.id, person.id, 'Ana'));
    // Later, the merged mention is edited: the merge can no longer be undone as a whole.
    ok(await updateFields(db, 'm2', { entityId: null }, 'Bo', 'entity'));
    const before = await snapshot(db);
    const refused = await revertGroups(db, [merge.groupId], { action: 'undo: merge entities', reviewer: 'Ana' });
    expect(refused.ok).toBe(false);
    expect(await snapshot(db)).toEqual(before);
  });

  it('undoes a step of several groups (coalesced typing) last first, and redoes it', async () => {
    const db = freshDb();
    await setup(db);
    const before = await records(db);
    const groups = [];
    for (const note of ['t', 'ty', 'typ']) groups.push(ok(await updateFields(db, 'c1', { note }, 'Ana', 'note')).groupId);
    const typed = await records(db);
    const undo = ok(await revertGroups(db, groups, { action: 'undo: edit note', reviewer: 'Ana' }));
    expect(await records(db)).toEqual(before);
    ok(await revertGroups(db, [undo.groupId], { action: 'redo: edit note', reviewer: 'Ana' }));
    expect(await records(db)).toEqual(typed);
  });

  it('historyOf finds the events concerning a record, oldest first, including undos', async () => {
    const db = freshDb();
    const { person, attribution } = await setup(db);
    // Events are ordered by time, and two actions within one millisecond have no order between them
    // (there is no sequence across groups): keep these apart.
    const tick = () => new Promise((resolve) => setTimeout(resolve, 3));
    await tick();
    const attribute = ok(await updateFields(db, 'c1', { attribution }, 'Ana', 'attribution'));
    await tick();
    const status = ok(await updateFields(db, 'c1', { status: 'attributed' }, 'Ana', 'status'));
    await tick();
    const undo = ok(await revertGroups(db, [status.groupId], { action: 'undo: edit status', reviewer: 'Ana' }));
    const ofClaim = await historyOf(db, ['c1']);
    expect(ofClaim.map((e) => [e.action, e.field])).toEqual([
      ['tag claim', null],
      ['edit attribution', 'fields.attribution'],
      ['edit status', 'fields.status'],
      ['undo: edit status', 'fields.status'],
    ]);
    expect(ofClaim.map((e) => e.groupId)).toEqual([expect.any(String), attribute.groupId, status.groupId, undo.groupId]);
    const ofPerson = await historyOf(db, [person.id]);
    expect(ofPerson.map((e) => e.action)).toEqual(['create entity “Rahim Iskandarov”', 'create entity “Rahim Iskandarov”', 'edit attribution', 'edit status', 'undo: edit status']);
    expect(await historyOf(db, ['nothing'])).toEqual([]);
  });
});
