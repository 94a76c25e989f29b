import { describe, expect, it } from 'vitest';
import { cleanAliases, createEntity, findExact, mergedInto, searchEntities, type EntityRecord, type EntityType } from '../../src/model/entity';

const NOW = '2026-03-01T00:00:00.000Z';
let n = 0;
function entity(name: string, type: EntityType = 'place', aliases: string[] = []): EntityRecord {
  return createEntity({ id: `e${n++}`, name, type, creator: 'Ana', now: NOW, aliases });
}

const names = (hits: { entity: EntityRecord }[]) => hits.map((h) => h.entity.name);

describe('createEntity and cleanAliases', () => {
  it('trims, drops blanks, repeats and spellings of the name itself, by match key', () => {
    expect(cleanAliases('Khojaly', [' Khojali ', '', '  ', 'KHOJALY', 'Khojalý', '\u041Ahojaly', 'khojali', 'Xocalı'])).toEqual(['Khojali', 'Xocalı']);
  });

  it('keeps the first spelling of aliases that share a key, in their order', () => {
    expect(cleanAliases('Organisation of Islamic Cooperation', ['OIC', 'O.I.C.', 'oic', 'OIK'])).toEqual(['OIC', 'O.I.C.', 'OIK']);
  });

  it('creates an entity with a trimmed name and clean aliases', () => {
    const e = createEntity({ id: 'x', name: '  OIC ', type: 'organization', creator: 'Ana', now: NOW, aliases: ['OIC', 'O I C '] });
    expect(e).toEqual({ id: 'x', name: 'OIC', type: 'organization', aliases: ['O I C'], externalId: '', creator: 'Ana', created: NOW, modified: NOW });
  });
});

describe('mergedInto', () => {
  it('gives the target the source name and aliases, keeps its own name, id and creation', () => {
    const target = { ...entity('Organisation of Islamic Cooperation', 'organization', ['OIC']), externalId: '' };
    const source = { ...entity('O.I.C', 'organization', ['Organization of the Islamic Conference', 'OIC']), externalId: 'Q190008' };
    const merged = mergedInto(target, source, '2026-04-01T00:00:00.000Z');
    expect(merged.id).toBe(target.id);
    expect(merged.name).toBe('Organisation of Islamic Cooperation');
    expect(merged.created).toBe(NOW);
    expect(merged.modified).toBe('2026-04-01T00:00:00.000Z');
    // "O.I.C" has the key of "OIC"? No: "o i c" differs from "oic", so both are kept.
    expect(merged.aliases).toEqual(['OIC', 'O.I.C', 'Organization of the Islamic Conference']);
    expect(merged.externalId).toBe('Q190008');
  });

  it('keeps the target external id when it has one and does not add its own name as an alias', () => {
    const target = { ...entity('OIC', 'organization'), externalId: 'Q1' };
    const source = { ...entity('oic', 'organization', ['Organisation of Islamic Cooperation']), externalId: 'Q2' };
    const merged = mergedInto(target, source, NOW);
    expect(merged.externalId).toBe('Q1');
    expect(merged.aliases).toEqual(['Organisation of Islamic Cooperation']);
    // The inputs are not changed.
    expect(target.aliases).toEqual([]);
  });
});

describe('searchEntities', () => {
  const khojaly = entity('Khojaly');
  const khojaliMassacre = entity('Khojali massacre', 'event');
  const cyrillic = entity('\u041Ahojaly', 'place');
  const battle = entity('Battle of Khojaly', 'event');
  const oic = entity('Organisation of Islamic Cooperation', 'organization', ['OIC']);
  const aliyev = entity('Ilham Aliyev', 'person', ['İlham Əliyev']);
  const iskandarov = entity('Rahim Iskandarov', 'person');
  const all = [khojaly, khojaliMassacre, cyrillic, battle, oic, aliyev, iskandarov];

  it('finds "Khojali", "Khojaly" and a "Кhojaly" typed with a Cyrillic К together, whichever is typed', () => {
    for (const q of ['Khojaly', 'khojali', '\u041Ahojaly', 'KHOJALÝ']) {
      const found = names(searchEntities(all, q));
      expect(found, q).toEqual(expect.arrayContaining(['Khojaly', '\u041Ahojaly', 'Khojali massacre', 'Battle of Khojaly']));
    }
  });

  it('ranks exact names first, then name prefixes, then word prefixes, then typos; ties by name', () => {
    // Exact: "Khojaly" and "Кhojaly" (same key; ordered by name). Typo in the first word: "Khojali massacre".
    // Word prefix: "Battle of Khojaly".
    expect(names(searchEntities(all, 'Khojaly'))).toEqual(['Khojaly', '\u041Ahojaly', 'Battle of Khojaly', 'Khojali massacre']);
    // A name prefix before the three one-typo hits, which tie and so come by name.
    expect(names(searchEntities(all, 'Khojali'))).toEqual(['Khojali massacre', 'Battle of Khojaly', 'Khojaly', '\u041Ahojaly']);
    // A word prefix before a typo in a first word.
    const battleOfKhojali = entity('Battle of Khojali', 'event');
    expect(names(searchEntities([khojaly, battleOfKhojali], 'khojali'))).toEqual(['Battle of Khojali', 'Khojaly']);
  });

  it('forgives a typo in a longer name and finds names by a later word', () => {
    expect(names(searchEntities(all, 'Iskandarow'))).toEqual(['Rahim Iskandarov']);
    expect(names(searchEntities(all, 'aliyev'))).toEqual(['Ilham Aliyev']);
    expect(names(searchEntities(all, 'Iskndarov rahim'))).toEqual(['Rahim Iskandarov']);
    expect(searchEntities(all, 'Zzzz')).toEqual([]);
  });

  it('matches aliases and says which spelling matched', () => {
    const [hit] = searchEntities(all, 'oic');
    expect(hit?.entity).toBe(oic);
    expect(hit?.matched).toBe('OIC');
    const [byName] = searchEntities(all, 'islamic coop');
    expect(byName?.matched).toBe('Organisation of Islamic Cooperation');
    const [accented] = searchEntities(all, 'Elmar Əliyev');
    expect(accented).toBeUndefined();
    expect(searchEntities(all, 'ilham aliyev')[0]?.matched).toBe('Ilham Aliyev');
  });

  it('an exact alias ranks above a name prefix of another entity', () => {
    const oicCity = entity('Oicville', 'place');
    expect(names(searchEntities([oicCity, oic], 'OIC'))).toEqual(['Organisation of Islamic Cooperation', 'Oicville']);
  });

  it('restricts to the given types and honours the limit', () => {
    expect(names(searchEntities(all, 'khojaly', { types: ['event'] }))).toEqual(['Battle of Khojaly', 'Khojali massacre']);
    expect(names(searchEntities(all, 'khojaly', { types: ['person', 'organization'] }))).toEqual([]);
    expect(names(searchEntities(all, 'khojaly', { limit: 2 }))).toEqual(['Khojaly', '\u041Ahojaly']);
  });

  it('finds nothing for a query without letters or digits', () => {
    expect(searchEntities(all, ' ... ')).toEqual([]);
  });
});

describe('findExact', () => {
  const oic = entity('Organisation of Islamic Cooperation', 'organization', ['OIC']);
  const khojaly = entity('Khojaly', 'place');
  it('finds by name or alias by match key, optionally of one type, never by a typo', () => {
    expect(findExact([oic, khojaly], '\u039FIC')).toBe(oic);
    expect(findExact([oic, khojaly], 'KHOJALÝ')).toBe(khojaly);
    expect(findExact([oic, khojaly], 'Khojaly', 'place')).toBe(khojaly);
    expect(findExact([oic, khojaly], 'Khojaly', 'person')).toBeUndefined();
    expect(findExact([oic, khojaly], 'Khojali')).toBeUndefined();
    expect(findExact([oic, khojaly], '  ')).toBeUndefined();
  });
});
