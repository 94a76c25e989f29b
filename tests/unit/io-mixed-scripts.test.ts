/** Mixed-script words: found with code-point offsets, foreign letters named, the text untouched. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mixesScripts } from '../../src/model/match-key';
import { findMixedScriptWords, letterName, mixedScriptWarning } from '../../src/io/mixed-scripts';
import { importDocument } from '../../src/io/import-document';

const NOW = '2026-04-02T10:00:00.000Z';

describe('findMixedScriptWords', () => {
  it('finds a Latin word with a Cyrillic look-alike and names the letter', () => {
    const text = 'Reports from \u041Ahojaly differ.'; // Cyrillic К
    const [hit, ...rest] = findMixedScriptWords(text);
    expect(rest).toEqual([]);
    expect(hit).toEqual({
      word: '\u041Ahojaly',
      start: 13,
      end: 20,
      foreign: [{ letter: '\u041A', codePoint: 'U+041A', name: 'CYRILLIC CAPITAL LETTER KA' }],
    });
  });

  it('counts offsets in code points, past emoji and astral letters', () => {
    const text = '🌊 𝔙 w\u043Er\u0441 and Gr\u03B5ek'; // Cyrillic о and с, Greek ε
    const words = findMixedScriptWords(text);
    expect(words.map((w) => [w.word, w.start, w.end])).toEqual([
      ['w\u043Er\u0441', 4, 8],
      ['Gr\u03B5ek', 13, 18],
    ]);
    const points = Array.from(text);
    for (const w of words) expect(points.slice(w.start, w.end).join('')).toBe(w.word);
    expect(words[0]!.foreign.map((f) => f.name)).toEqual(['CYRILLIC SMALL LETTER O', 'CYRILLIC SMALL LETTER ES']);
    expect(words[1]!.foreign.map((f) => f.name)).toEqual(['GREEK SMALL LETTER EPSILON']);
  });

  it('names the Latin letter inside a Cyrillic word, and leaves single-script words alone', () => {
    expect(findMixedScriptWords('Ирина Халдеева, Khojaly, Αθήνα, café, naïve')).toEqual([]);
    const [hit] = findMixedScriptWords('\u043C\u043Elok\u043E'.replace('lok', '\u043B' + 'o' + '\u043A')); // молoко with a Latin o
    expect(hit?.foreign).toEqual([{ letter: 'o', codePoint: 'U+006F', name: 'LATIN SMALL LETTER O' }]);
  });

  it('splits words at digits, hyphens and apostrophes', () => {
    expect(findMixedScriptWords('\u041Ahojaly-based 12\u0410b').map((w) => w.word)).toEqual(['\u041Ahojaly', '\u0410b']);
  });

  it('names letters from the table and falls back to the script', () => {
    expect(letterName('\u0456')).toBe('CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I');
    expect(letterName('\u0399')).toBe('GREEK CAPITAL LETTER IOTA');
    expect(letterName('\u03BB')).toBe('GREEK SMALL LETTER LAMDA');
    expect(letterName('\u04BB')).toBe('CYRILLIC SMALL LETTER SHHA');
    expect(letterName('\u0462')).toBe('CYRILLIC LETTER');
  });
});

/** The plain way: every word of the text, matched and checked (what findMixedScriptWords must equal). */
function everyWordChecked(text: string): [string, number, number][] {
  const out: [string, number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    if (!mixesScripts(m[0])) continue;
    const start = Array.from(text.slice(0, m.index)).length;
    out.push([m[0], start, start + Array.from(m[0]).length]);
  }
  return out;
}

describe('findMixedScriptWords looks only around Cyrillic and Greek letters', () => {
  it('finds what checking every word finds, in any mix of scripts, marks, astral letters and emoji', () => {
    const pieces = ['a', 'K', 'o', '\u043E', '\u041A', '\u0441', '\u03B5', '\u0391', '\u0301', '𝔙', '𐐷', '🌊', ' ', '-', "'", '7', '.', '\n', 'ж', 'é'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expect(findMixedScriptWords(text).map((w) => [w.word, w.start, w.end])).toEqual(everyWordChecked(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds none in a long text without Cyrillic or Greek letters, and the one look-alike in it', () => {
    const text = 'The council said the river rose by two metres. '.repeat(20_000);
    expect(findMixedScriptWords(text)).toEqual([]);
    const words = findMixedScriptWords(`${text}Reports from \u041Ahojaly differ.`);
    expect(words.map((w) => w.word)).toEqual(['\u041Ahojaly']);
    expect(words[0]!.start).toBe(Array.from(text).length + 13);
  });
});

describe('mixedScriptWarning', () => {
  it('counts every word, lists a few distinct ones, and says the text is unchanged', () => {
    const words = findMixedScriptWords('\u041Ahojaly, \u041Ahojaly, \u0410ghdam, T\u0435rter and Gr\u03B5ek');
    expect(mixedScriptWarning(words)).toBe(
      '5 words mix Latin with Cyrillic or Greek letters (\u041Ahojaly, \u0410ghdam, T\u0435rter, …); the text is stored exactly as imported.',
    );
    expect(mixedScriptWarning(findMixedScriptWords('One \u041Ahojaly'))).toBe(
      '1 word mixes Latin with Cyrillic letters (\u041Ahojaly); the text is stored exactly as imported.',
    );
    expect(mixedScriptWarning([])).toBe('');
  });

  it('leaves the imported text and its hash as they were', async () => {
    const source = 'Reports from \u041Ahojaly differ.';
    const doc = await importDocument({ fileName: 'a.txt', text: source }, NOW, 'id');
    expect(doc.ok && doc.value.text).toBe(source);
    findMixedScriptWords(doc.ok ? doc.value.text : '');
    const again = await importDocument({ fileName: 'a.txt', text: source }, NOW, 'id');
    expect(again.ok && again.value.textHash).toBe(doc.ok && doc.value.textHash);
    expect(doc.ok && doc.value.text.includes('\u041A')).toBe(true);
  });
});
