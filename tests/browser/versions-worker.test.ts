/**
 * "Import new version" as the app runs it: read (prepareVersion), compute in the Web Worker
 * (workers/reanchor-client.ts), write (storeVersion, then the carry's batches). The worker gives what
 * the calling thread gives, an annotation edited or re-attached meanwhile is carried safely, and a
 * write whose reading went stale (an annotation added) changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { tagAnnotation, updateFields } from '../../src/db/actions';
import { addDocuments } from '../../src/db/repository';
import { prepareVersion, reattach, storeVersion } from '../../src/db/add-version';
import { carryAnnotations } from '../../src/db/carry';
import { annotationsOfVersion } from '../../src/db/versions';
import { reanchorAll } from '../../src/anchoring/reanchor-all';
import { CodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import { startReanchor } from '../../src/workers/reanchor-client';
import { importDocument } from '../../src/io/import-document';
import { createAnnotation, type Annotation } from '../../src/model/annotation';
import type { DocumentRecord } from '../../src/model/document';
import { asCodePoint as cp } from '../../src/model/units';
import { freshDb } from './fresh-db';

const V1 = 'The reservoir held about 18 million cubic metres when the wall gave way.\n\nEmergency chief Dragan Tsvetkov said 47 people were killed and 19 remain missing.';
const V2 = 'Updated on Sunday.\n\nThe reservoir held about 18 million cubic metres when the wall gave way.\n\nEmergency chief Dragan Tsvetkov said 52 people were killed and 14 remain missing.';

async function parse(text: string, id: string): Promise<DocumentRecord> {
  const r = await importDocument({ fileName: `${id}.txt`, text, format: 'text' }, '2026-02-01T00:00:00.000Z', id);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.value;
}

function claim(doc: DocumentRecord, id: string, quote: string): Annotation {
  const start = Array.from(doc.text.slice(0, doc.text.indexOf(quote))).length;
  const anchor = describeSpan(doc.text, new CodePointIndex(doc.text), cp(start), cp(start + Array.from(quote).length));
  return createAnnotation({ id, kind: 'claim', documentId: doc.id, textHash: doc.textHash, anchor, creator: 'Ana', now: '2026-01-01T00:00:00.000Z' });
}

/** Version 1 stored with claims on the toll (`toll`, a quote of it) and on the cubic metres, and version 2 parsed. */
async function twoClaims(toll: string) {
  const db = freshDb();
  const v1 = await parse(V1, 'v1');
  await addDocuments(db, [v1]);
  for (const a of [claim(v1, 'a-toll', toll), claim(v1, 'a-cubic', '18 million cubic metres')]) expect((await tagAnnotation(db, a, 'Ana')).ok).toBe(true);
  return { db, v1, v2: await parse(V2, 'v2') };
}

describe('re-anchoring in a Web Worker', () => {
  it('computes in the worker what the calling thread computes, with progress, and stores it', async () => {
    const { db, v2 } = await twoClaims('47 people were killed and 19 remain missing');
    const prepared = await prepareVersion(db, 'v1', v2);
    if (!prepared.ok) throw new Error(prepared.message);
    const progress: number[] = [];
    const computed = await startReanchor().run(prepared.oldText, v2.text, prepared.inputs, (done) => progress.push(done));
    expect(computed.inWorker).toBe(true);
    expect(progress.at(-1)).toBe(2);
    expect(computed.carried).toEqual(reanchorAll(prepared.oldText, v2.text, prepared.inputs).carried);
    const stored = await storeVersion(db, 'v1', v2, 'Bo', prepared.annotations, computed.carried);
    expect(stored).toEqual({ ok: true, documentId: 'v2', version: 2, counts: { exact: 0, moved: 1, fuzzy: 1, orphan: 0, reattached: 0 } });
    // Stored with its carry: the new version reads its annotations in place before their records move.
    const v2Summary = (await db.documents.get('v2'))!;
    expect((await annotationsOfVersion(db, v2Summary)).find((a) => a.id === 'a-toll')!.anchor.quote).toBe('52 people were killed and 14 remain missing');
    await carryAnnotations(db, 'v2');
    expect((await db.annotations.get('a-toll'))!.anchor.quote).toBe('52 people were killed and 14 remain missing');
  });

  it('carries an annotation edited after it was read with its edit, moves one re-attached meanwhile as an orphan, and refuses when one was added', async () => {
    const { db, v1, v2 } = await twoClaims('47 people were killed');
    const prepared = await prepareVersion(db, 'v1', v2);
    if (!prepared.ok) throw new Error(prepared.message);
    const { carried } = reanchorAll(prepared.oldText, v2.text, prepared.inputs);
    // Edited, and re-attached elsewhere, in the meantime (another tab, say).
    expect((await updateFields(db, 'a-toll', { note: 'checked' }, 'Ana', 'note')).ok).toBe(true);
    const wall = claim(v1, 'x', 'the wall gave way').anchor;
    expect((await reattach(db, 'a-cubic', wall, v1.textHash, 'Ana')).ok).toBe(true);
    expect(await storeVersion(db, 'v1', v2, 'Bo', prepared.annotations, carried)).toMatchObject({ ok: true, version: 2 });
    await carryAnnotations(db, 'v2');
    const toll = (await db.annotations.get('a-toll')) as Extract<Annotation, { kind: 'claim' }>;
    expect([toll.documentId, toll.fields.note, toll.anchor.quote, toll.anchoring?.status]).toEqual(['v2', 'checked', '52 people were killed', 'fuzzy']);
    // Its result was computed for where it was before: not applied to where it is now.
    const cubic = (await db.annotations.get('a-cubic'))!;
    expect([cubic.documentId, cubic.anchor.quote, cubic.textHash, cubic.anchoring?.status]).toEqual(['v2', 'the wall gave way', v1.textHash, 'orphan']);

    // A new annotation in the meantime makes the results stale: refused, changing nothing.
    const v3 = await parse(`${V2}\n\nA line added later.`, 'v3');
    const again = await prepareVersion(db, 'v2', v3);
    if (!again.ok) throw new Error(again.message);
    expect((await tagAnnotation(db, claim(v2, 'a-update', 'Updated on Sunday'), 'Ana')).ok).toBe(true);
    expect(await storeVersion(db, 'v2', v3, 'Bo', again.annotations, reanchorAll(again.oldText, v3.text, again.inputs).carried)).toEqual({ ok: false, message: expect.stringMatching(/changed while they were being re-anchored/) });
    expect(await db.documents.count()).toBe(2);
    expect(await db.carries.count()).toBe(0);
  });
  it('takes the annotations the reader holds instead of reading them again, and refuses a list that lacks one', async () => {
    const { db, v2 } = await twoClaims('47 people were killed');
    const read = await prepareVersion(db, 'v1', v2);
    const stored = await db.annotations.toArray();
    const shown = await prepareVersion(db, 'v1', v2, stored);
    if (!read.ok || !shown.ok) throw new Error('refused');
    expect(shown.inputs).toEqual(read.inputs.map((_, i) => read.inputs[read.annotations.findIndex((a) => a.id === shown.annotations[i]!.id)]));
    // A list lagging behind the database (one annotation missing) is refused when storing.
    const lagging = await prepareVersion(db, 'v1', v2, stored.slice(1));
    if (!lagging.ok) throw new Error(lagging.message);
    const { carried } = reanchorAll(lagging.oldText, v2.text, lagging.inputs);
    expect(await storeVersion(db, 'v1', v2, 'Bo', lagging.annotations, carried)).toEqual({ ok: false, message: expect.stringMatching(/changed while they were being re-anchored/) });
    expect(await db.documents.count()).toBe(1);
  });
});
