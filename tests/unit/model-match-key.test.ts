import { describe, expect, it } from 'vitest';
import { boundedDistance, matchKey, matchRank, mixesScripts, soundKey, typoBudget } from '../../src/model/match-key';

describe('matchKey', () => {
  it('folds case, accents, punctuation and whitespace', () => {
    expect(matchKey('  KHOJALY  ')).toBe('khojaly');
    expect(matchKey('Khojalý')).toBe('khojaly');
    expect(matchKey('Ağdam')).toBe('agdam');
    expect(matchKey("O'Brien-Smith,   Jr.")).toBe('o brien smith jr');
    expect(matchKey('Straße')).toBe('strasse');
    expect(matchKey('Łódź')).toBe('lodz');
    expect(matchKey('Søren Kierkegaard')).toBe('soren kierkegaard');
  });

  it('folds look-alike Cyrillic and Greek letters in a word that mixes them with Latin ones', () => {
    // "Кhojaly" typed with a Cyrillic К, "Khojаly" with a Cyrillic а, "ΟIC" with a Greek Omicron.
    expect(matchKey('\u041Ahojaly')).toBe('khojaly');
    expect(matchKey('Khoj\u0430ly')).toBe('khojaly');
    expect(matchKey('\u039FIC')).toBe('oic');
    expect(mixesScripts('\u041Ahojaly')).toBe(true);
    expect(mixesScripts('Khojaly')).toBe(false);
  });

  it('keeps a word written wholly in Cyrillic or Greek as it is', () => {
    expect(matchKey('Ирина')).toBe('ирина');
    // Cyrillic "КОТ" looks like Latin KOT but is a Russian word: it is not folded.
    expect(matchKey('КОТ')).toBe('кот');
    expect(matchKey('Αθήνα')).toBe('αθηνα');
    expect(matchKey('КОТ')).not.toBe(matchKey('KOT'));
  });

  it('is empty for a name without letters or digits', () => {
    expect(matchKey(' – … ')).toBe('');
    expect(matchKey('1992')).toBe('1992');
  });
});

describe('boundedDistance', () => {
  it('is the Levenshtein distance when within the bound', () => {
    expect(boundedDistance('khojaly', 'khojaly', 2)).toBe(0);
    expect(boundedDistance('khojaly', 'khojali', 2)).toBe(1);
    expect(boundedDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedDistance('', 'abc', 3)).toBe(3);
    expect(boundedDistance('abc', 'acb', 2)).toBe(2);
  });

  it('gives up with max + 1 beyond the bound', () => {
    expect(boundedDistance('kitten', 'sitting', 2)).toBe(3);
    expect(boundedDistance('a', 'abcdef', 1)).toBe(2);
    expect(boundedDistance('abcdef', 'uvwxyz', 0)).toBe(1);
  });
});

describe('typoBudget', () => {
  it('forgives nothing in short words, one typo up to 8 letters, two beyond', () => {
    expect([1, 3, 4, 8, 9, 20].map(typoBudget)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});

describe('matchRank', () => {
  it('orders: same name, then name prefix, then word prefix, then typos (fewer first)', () => {
    const q = 'khojaly';
    const same = matchRank(q, 'khojaly')!;
    const prefix = matchRank(q, 'khojaly massacre')!;
    const word = matchRank(q, 'battle of khojaly')!;
    const typo = matchRank(q, 'khojali')!;
    expect(same).toBeLessThan(prefix);
    expect(prefix).toBeLessThan(word);
    expect(word).toBeLessThan(typo);
    const oneTypo = matchRank('iskandarov', 'iskandarom')!;
    const twoTypos = matchRank('iskandarov', 'iskamdarom')!;
    expect(oneTypo).toBeLessThan(twoTypos);
  });

  it('matches every query word against some word of the name, in any order, and word starts', () => {
    expect(matchRank('cooperation islamic', 'organisation of islamic cooperation')).toBeDefined();
    expect(matchRank('organisation isl', 'organisation of islamic cooperation')).toBeDefined();
    expect(matchRank('organisation isx', 'organisation of islamic cooperation')).toBeUndefined();
  });

  it('does not match beyond the typo budget, nor an empty query', () => {
    expect(matchRank('oic', 'oif')).toBeUndefined(); // three letters: no typo forgiven
    expect(matchRank('khojaly', 'khajoli')).toBeUndefined();
    expect(matchRank('', 'anything')).toBeUndefined();
  });
});

describe('sound-alike spellings and initials', () => {
  it('soundKey folds the usual transliteration variants', () => {
    expect(soundKey('tsvetkov')).toBe(soundKey('cvetkov'));
    expect(soundKey('khojaly')).toBe(soundKey('hojali'));
    expect(soundKey('iskandarow')).toBe(soundKey('iskandarov'));
  });

  it('forgives a transliteration beyond the letter typo budget, as at least one typo', () => {
    // "tsvetkov" and "cvetkov" are two edits apart, more than an 8-letter word forgives.
    expect(boundedDistance('tsvetkov', 'cvetkov', 1)).toBe(2);
    const rank = matchRank('tsvetkov', 'cvetkov');
    expect(rank).toBeDefined();
    expect(rank!).toBeGreaterThan(matchRank('tsvetkov', 'tsvetkov anna')!);
  });

  it('matches the initials of a name, leaving out little words', () => {
    expect(matchRank('oic', 'organisation of islamic cooperation')).toBeDefined();
    expect(matchRank('oic', 'organisation of islamic cooperation')!).toBeLessThan(matchRank('khojaly', 'khojali')!);
    expect(matchRank('ooic', 'organisation of islamic cooperation')).toBeUndefined();
  });

  it('does not let a sound key shortened by repeated letters match almost anything', () => {
    // soundKey("zzzz") is "z": with the four-letter word's typo it would be one edit from any first letter.
    expect(matchRank('zzzz', 'battle of khojaly')).toBeUndefined();
    expect(matchRank('zzzz', 'khojaly')).toBeUndefined();
    // "anna" sounds as "ana", one edit from "alan": not a spelling of the same name.
    expect(matchRank('anna', 'alan')).toBeUndefined();
    expect(matchRank('anna', 'anne')).toBeDefined();
  });
});
