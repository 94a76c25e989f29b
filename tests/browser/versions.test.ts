/**
 * Document versions on Chromium's real IndexedDB: a revised text becomes a new version, every
 * annotation is carried to it with its result, older versions keep their annotations as they were.
 */
import { describe, expect, it } from 'vitest';
import { addEvidence, tagAnnotation, updateFields } from '../../src/db/actions';
import { addDocuments, deleteDocument, listDocuments } from '../../src/db/repository';
import { addVersion, reattach } from '../../src/db/add-version';
import { revertGroups, WRITE_SLICE } from '../../src/db/history';
import { fieldChanges } from '../../src/model/history';
import { annotationsOfVersion, versionsOf } from '../../src/db/versions';
import type { Annotation } from '../../src/model/annotation';
import { CodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import { asCodePoint as cp } from '../../src/model/units';
import { freshDb } from './fresh-db';
import { tagQuote, textDocument } from './text-documents';

const V1 = [
  'Dam breach in the valley',
  'The reservoir held about 18 million cubic metres when the wall gave way 🌊.',
  'Emergency chief Dragan Tsvetkov said 47 people were killed and 19 remain missing.',
  'Engineers had warned in 2019 that the spillway gates were rusting shut.',
  'The water authority declined to comment on the inspection report.',
].join('\n\n');

const V2 = [
  'Dam breach in the valley',
  'Updated on Sunday with figures from the regional directorate.',
  'The reservoir held about 18 million cubic metres when the wall gave way 🌊.',
  'Emergency chief Dragan Tsvetkov said 52 people were killed and 14 remain missing.',
  'A report from two years before the collapse described corroded gates.',
].join('\n\n');



describe('document versions', () => {
  it('stores a revision as a new version and carries every annotation to it with its result', async () => {
    const db = freshDb();
    const v1 = await textDocument(V1, 'v1', '2026-01-01T00:00:00.000Z');
    await addDocuments(db, [{ ...v1, title: 'Dam breach', publisher: 'The Herald', sourceUrl: 'https://example.org/dam' }]);
    for (const a of [
      tagQuote(v1, 'entity', 'a-cubic', '18 million cubic metres'),
      tagQuote(v1, 'claim', 'a-toll', '47 people were killed and 19 remain missing'),
      tagQuote(v1, 'claim', 'a-warned', 'Engineers had warned in 2019 that the spillway gates were rusting shut'),
      tagQuote(v1, 'opinion', 'a-comment', 'declined to comment on the inspection report'),
    ]) {
      expect((await tagAnnotation(db, a, 'Ana')).ok).toBe(true);
    }
    // Work done on a claim travels with it.
    expect((await addEvidence(db, 'a-toll', { relation: 'contradicts', url: 'https://example.org/b', title: 'Bulletin', passage: '', accessed: '2026-01-02' }, 'Ana')).ok).toBe(true);
    expect((await updateFields(db, 'a-toll', { status: 'disputed' }, 'Ana', 'status')).ok).toBe(true);

    const v2 = await textDocument(V2, 'v2', '2026-02-01T00:00:00.000Z');
    const result = await addVersion(db, 'v1', v2, 'Bo');
    expect(result).toEqual({ ok: true, documentId: 'v2', version: 2, counts: { exact: 0, moved: 1, fuzzy: 1, orphan: 2, reattached: 0 } });

    // The new version: its own text and hash, the reviewer's metadata, linked both ways.
    const [first, second] = await versionsOf(db, (await db.documents.get('v1'))!);
    expect([first!.id, first!.version, first!.nextVersionId]).toEqual(['v1', 1, 'v2']);
    expect([second!.id, second!.version, second!.previousVersionId, second!.title, second!.publisher]).toEqual(['v2', 2, 'v1', 'Dam breach', 'The Herald']);
    expect(second!.textHash).toBe(v2.textHash);
    expect((await db.texts.get('v1'))!.text).toBe(V1);

    // Each annotation records how it was placed; placed ones quote the new text.
    const byId = new Map((await db.annotations.toArray()).map((a) => [a.id, a]));
    const summary = [...byId.values()].map((a) => [a.id, a.documentId, a.anchoring?.status, a.anchor.quote]).sort();
    expect(summary).toEqual([
      ['a-comment', 'v2', 'orphan', 'declined to comment on the inspection report'],
      ['a-cubic', 'v2', 'moved', '18 million cubic metres'],
      ['a-toll', 'v2', 'fuzzy', '52 people were killed and 14 remain missing'],
      ['a-warned', 'v2', 'orphan', 'Engineers had warned in 2019 that the spillway gates were rusting shut'],
    ]);
    expect(byId.get('a-toll')!.anchoring!.score).toBeGreaterThan(0.6);
    expect(byId.get('a-toll')!.textHash).toBe(v2.textHash);
    expect(byId.get('a-comment')!.textHash).toBe(v1.textHash);
    expect(await db.evidence.where('claimId').equals('a-toll').count()).toBe(1);
    expect((byId.get('a-toll') as Extract<Annotation, { kind: 'claim' }>).fields.status).toBe('disputed');

    // The older version still shows its annotations as they were, at their old offsets.
    const old = await annotationsOfVersion(db, (await db.documents.get('v1'))!);
    expect(old.map((a) => [a.id, a.anchor.quote, a.textHash === v1.textHash]).sort()).toEqual([
      ['a-comment', 'declined to comment on the inspection report', true],
      ['a-cubic', '18 million cubic metres', true],
      ['a-toll', '47 people were killed and 19 remain missing', true],
      ['a-warned', 'Engineers had warned in 2019 that the spillway gates were rusting shut', true],
    ]);

    // The move is in the history, by the reviewer who imported the version.
    const events = await db.events.where('subjects').equals('a-toll').toArray();
    // One event per annotation holds every field the move changed.
    const moves = events.filter((e) => e.action === 're-anchor onto version 2');
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ reviewer: 'Bo', op: 'update', field: null });
    expect(fieldChanges(moves[0]!).map((f) => f.path)).toEqual(expect.arrayContaining(['documentId', 'anchor', 'anchoring', 'priorAnchors']));
    expect(fieldChanges(moves[0]!).find((f) => f.path === 'documentId')).toMatchObject({ before: v1.id, after: v2.id });

    // An orphan is re-attached to a span of the new text.
    const at = V2.indexOf('corroded gates');
    const anchor = describeSpan(V2, new CodePointIndex(V2), cp(Array.from(V2.slice(0, at)).length), cp(Array.from(V2.slice(0, at)).length + 14));
    expect((await reattach(db, 'a-warned', anchor, v2.textHash, 'Bo')).ok).toBe(true);
    const warned = await db.annotations.get('a-warned');
    expect([warned!.anchor.quote, warned!.textHash === v2.textHash, warned!.anchoring!.status]).toEqual(['corroded gates', true, 'reattached']);
  });

  it('lists only the newest version in the Library, and deleting the article deletes every version', async () => {
    const db = freshDb();
    const v1 = await textDocument(V1, 'v1', '2026-01-01T00:00:00.000Z');
    await addDocuments(db, [v1]);
    expect((await tagAnnotation(db, tagQuote(v1, 'claim', 'a1', '47 people were killed'), 'Ana')).ok).toBe(true);
    expect((await addVersion(db, 'v1', await textDocument(V2, 'v2', '2026-02-01T00:00:00.000Z'), 'Bo')).ok).toBe(true);
    expect((await listDocuments(db)).map((d) => d.id)).toEqual(['v2']);
    await deleteDocument(db, 'v2', 'Bo');
    expect(await db.documents.count()).toBe(0);
    expect(await db.texts.count()).toBe(0);
    expect(await db.annotations.count()).toBe(0);
  });

  it('refuses the same text again, and a revision of an older version, changing nothing', async () => {
    const db = freshDb();
    const v1 = await textDocument(V1, 'v1', '2026-01-01T00:00:00.000Z');
    await addDocuments(db, [v1]);
    expect(await addVersion(db, 'v1', await textDocument(V1, 'same', '2026-02-01T00:00:00.000Z'), 'Bo')).toEqual({ ok: false, message: expect.stringMatching(/identical to version 1/) });
    expect((await addVersion(db, 'v1', await textDocument(V2, 'v2', '2026-02-01T00:00:00.000Z'), 'Bo')).ok).toBe(true);
    const count = await db.documents.count();
    expect(await addVersion(db, 'v1', await textDocument(`${V2}\n\nMore.`, 'v3', '2026-03-01T00:00:00.000Z'), 'Bo')).toEqual({ ok: false, message: expect.stringMatching(/already has a newer version/) });
    expect(await db.documents.count()).toBe(count);
  });

  it('re-anchors more annotations than one write slice holds as one action, one event each, taken back by one revert', async () => {
    const db = freshDb();
    const words = Array.from({ length: 1200 }, (_, i) => `word${i}`);
    const text = `Long report\n\n${words.join(' ')} end.`;
    const v1 = await textDocument(text, 'big-v1');
    await addDocuments(db, [v1]);
    const tagged = words.map((w, i) => tagQuote(v1, 'entity', `w${i}`, `${w} `));
    await db.annotations.bulkAdd(tagged);
    const v2 = await textDocument(text.replace('Long report', 'Long report, revised'), 'big-v2', '2026-02-01T00:00:00.000Z');
    const result = await addVersion(db, v1.id, v2, 'Bo');
    expect(result).toMatchObject({ ok: true, version: 2 });
    expect(await db.annotations.where('documentId').equals(v2.id).count()).toBe(WRITE_SLICE * 2 + 200);

    const events = await db.events.toArray();
    expect(events).toHaveLength(1200);
    expect(new Set(events.map((e) => e.groupId)).size).toBe(1);
    expect(new Set(events.map((e) => e.targetId)).size).toBe(1200);

    const undo = await revertGroups(db, [events[0]!.groupId], { action: 'undo: re-anchor', reviewer: 'Bo' });
    expect(undo.ok).toBe(true);
    const back = await db.annotations.toArray();
    expect(back.every((a) => a.documentId === v1.id && a.textHash === v1.textHash && a.anchoring === undefined)).toBe(true);
    expect(back.find((a) => a.id === 'w7')).toEqual({ ...tagged[7], modified: back.find((a) => a.id === 'w7')!.modified });
    // The undo is itself one event per annotation.
    expect(await db.events.count()).toBe(2400);
  });
});
