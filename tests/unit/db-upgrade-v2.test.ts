import { describe, expect, it } from 'vitest';
import { UPGRADE_REVIEWER, upgradeAnnotationsToV2, type V1Annotation } from '../../src/db/upgrade-v2';
import type { Annotation } from '../../src/model/annotation';
import { asCodePoint } from '../../src/model/units';

const NOW = '2026-05-01T12:00:00.000Z';

function base(id: string, quote: string, creator = 'Ana') {
  return {
    id,
    documentId: 'd1',
    textHash: 'f'.repeat(64),
    anchor: { quote, prefix: `before ${id} `, suffix: ` after ${id}`, start: asCodePoint(10), end: asCodePoint(10 + [...quote].length) },
    creator,
    created: `2025-0${id.length}-01T00:00:00.000Z`,
    modified: `2025-0${id.length}-02T00:00:00.000Z`,
  };
}

const v1: V1Annotation[] = [
  { ...base('m1', 'Khojaly'), kind: 'entity', fields: { entityType: 'place', canonicalName: 'Khojaly' } },
  // Same match key and type: the same entity; spelled differently in the text, the quote becomes an alias.
  { ...base('m2', 'Xocalı'), kind: 'entity', fields: { entityType: 'place', canonicalName: 'KHOJALY' } },
  { ...base('m3', '\u041Ahojaly'), kind: 'entity', fields: { entityType: 'place', canonicalName: 'Khojalý' } },
  // Same name, another type: another entity.
  { ...base('m4', 'Khojaly'), kind: 'entity', fields: { entityType: 'event', canonicalName: 'Khojaly' } },
  // No canonical name: the quote is the name.
  { ...base('m5', ' OIC '), kind: 'entity', fields: { entityType: 'organization', canonicalName: '  ' } },
  { ...base('c1', '613 people were killed', 'Bo'), kind: 'claim', fields: { status: 'disputed', attributedTo: 'Rahim Iskandarov', note: 'check HRW' } },
  { ...base('c2', 'the town was shelled'), kind: 'claim', fields: { status: 'unverified', attributedTo: '  ', note: '' } },
  { ...base('c3', 'aid arrived'), kind: 'claim', fields: { status: 'supported', attributedTo: 'rahim iskandarov', note: '' } },
  { ...base('o1', 'a shameful act'), kind: 'opinion', fields: { holder: 'Rahim Iskandarov', note: 'op-ed' } },
  { ...base('o2', 'a tragedy'), kind: 'opinion', fields: { holder: '', note: 'unsigned' } },
];

/** A copy of `o` without `key`. */
function without<T extends object, K extends keyof T>(o: T, key: K): Omit<T, K> {
  const copy: Partial<T> = { ...o };
  delete copy[key];
  return copy as Omit<T, K>;
}

let n = 0;
const result = upgradeAnnotationsToV2(v1, NOW, () => `id${n++}`);
const byId = new Map(result.annotations.map((a) => [a.id, a]));
const entityOf = (id: string) => {
  const a = byId.get(id);
  const entityId = a?.kind === 'entity' ? a.fields.entityId : a?.kind === 'claim' || a?.kind === 'opinion' ? a.fields.attribution?.entityId : undefined;
  return result.entities.find((e) => e.id === entityId);
};

describe('upgradeAnnotationsToV2', () => {
  it('keeps every annotation: id, kind, document, anchor, creator, dates', () => {
    expect(result.annotations).toHaveLength(v1.length);
    for (const old of v1) {
      expect(without(byId.get(old.id)!, 'fields'), old.id).toEqual(without(old, 'fields'));
    }
  });

  it('turns entity mentions into entities: one per match key and type, the differently spelled quote kept as an alias', () => {
    const khojaly = entityOf('m1')!;
    expect(khojaly).toMatchObject({ name: 'Khojaly', type: 'place', creator: 'Ana', created: NOW, modified: NOW });
    expect(entityOf('m2')).toBe(khojaly);
    expect(entityOf('m3')).toBe(khojaly);
    // "KHOJALY", "Khojalý" and "Кhojaly" share the name's key; "Xocalı" does not and is kept.
    expect(khojaly.aliases).toEqual(['Xocalı']);
    const event = entityOf('m4')!;
    expect(event).not.toBe(khojaly);
    expect(event).toMatchObject({ name: 'Khojaly', type: 'event' });
    expect(entityOf('m5')).toMatchObject({ name: 'OIC', type: 'organization', aliases: [] });
    expect(result.entities.map((e) => e.name).sort()).toEqual(['Khojaly', 'Khojaly', 'OIC', 'Rahim Iskandarov']);
  });

  it('turns who said a claim and who holds an opinion into person entities and attributions', () => {
    const c1 = byId.get('c1');
    expect(c1?.kind === 'claim' && c1.fields).toEqual({
      status: 'disputed',
      verdict: null,
      rationale: '',
      attribution: { entityId: entityOf('c1')!.id, quoteType: 'reported', cueId: null },
      note: 'check HRW',
    });
    expect(entityOf('c1')).toMatchObject({ name: 'Rahim Iskandarov', type: 'person', creator: 'Bo' });
    expect(entityOf('c3')).toBe(entityOf('c1'));
    expect(entityOf('o1')).toBe(entityOf('c1'));
    const c2 = byId.get('c2');
    expect(c2?.kind === 'claim' && c2.fields).toEqual({ status: 'unverified', verdict: null, rationale: '', attribution: null, note: '' });
    const o1 = byId.get('o1');
    expect(o1?.kind === 'opinion' && o1.fields).toEqual({ attribution: { entityId: entityOf('c1')!.id, quoteType: 'reported', cueId: null }, note: 'op-ed' });
    const o2 = byId.get('o2');
    expect(o2?.kind === 'opinion' && o2.fields).toEqual({ attribution: null, note: 'unsigned' });
  });

  it('loses no typed text: every v1 field value is in the new record, the registry, or the events', () => {
    for (const old of v1) {
      const now = byId.get(old.id)!;
      const kept = JSON.stringify([now, result.entities, result.events.filter((e) => e.targetId === old.id)]);
      for (const value of Object.values(old.fields)) expect(kept, `${old.id} ${String(value)}`).toContain(JSON.stringify(String(value).trim()).slice(1, -1));
    }
  });

  it('records the conversion as one group of events by the upgrade, entity creations first', () => {
    const groups = new Set(result.events.map((e) => e.groupId));
    expect(groups.size).toBe(1);
    expect(result.events.every((e) => e.reviewer === UPGRADE_REVIEWER && e.at === NOW && e.action === 'upgrade storage to version 2')).toBe(true);
    expect(result.events.map((e) => e.seq)).toEqual(result.events.map((_, i) => i));
    const creates = result.events.filter((e) => e.op === 'create');
    expect(creates.map((e) => e.targetId).sort()).toEqual(result.entities.map((e) => e.id).sort());
    expect(result.events.slice(0, creates.length).every((e) => e.op === 'create')).toBe(true);
    // Each annotation has update events saying what its text fields became.
    const c1Events = result.events.filter((e) => e.targetId === 'c1');
    expect(c1Events.find((e) => e.field === 'fields.attributedTo')).toMatchObject({ before: 'Rahim Iskandarov', after: undefined });
    expect(c1Events.find((e) => e.field === 'fields.attribution')).toMatchObject({ before: undefined, after: { entityId: entityOf('c1')!.id } });
    expect(c1Events.every((e) => e.subjects.includes(entityOf('c1')!.id))).toBe(true);
    const updated = new Set(result.events.filter((e) => e.op === 'update').map((e) => e.targetId));
    expect([...updated].sort()).toEqual(v1.map((a) => a.id).sort());
  });

  it('does not touch its input and converts nothing into nothing', () => {
    expect(v1[5]!.fields).toEqual({ status: 'disputed', attributedTo: 'Rahim Iskandarov', note: 'check HRW' });
    expect(upgradeAnnotationsToV2([], NOW, () => 'x')).toEqual({ annotations: [], entities: [], events: [] });
  });

  it('gives each new record a distinct id', () => {
    const ids = [...result.entities.map((e) => e.id), ...result.events.map((e) => e.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const annotations: Annotation[] = result.annotations;
    expect(annotations.every((a) => a.kind !== 'cue')).toBe(true);
  });
});
