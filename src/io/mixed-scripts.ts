/**
 * Words that mix scripts: a Latin word with a Cyrillic or Greek look-alike inside ("Кhojaly" with a
 * Cyrillic К), or a Cyrillic or Greek word with a Latin letter inside.
 *
 * Why it exists: text copied from the web carries such letters (DOMAIN.md). They look right, but
 * a search for "Khojaly" does not find them and a quote compared letter by letter does not match. The
 * reviewer is told on import and can show them in the document; the text itself is never changed —
 * it is the record, and the substitution may itself be evidence.
 *
 * A word is a run of letters and combining marks (digits, apostrophes and hyphens end it). It mixes
 * scripts when it holds a Latin letter and a Cyrillic or Greek one (model/match-key.ts mixesScripts).
 * Its *foreign* letters are those of the script with fewer letters in it: the Cyrillic К of "Кhojaly",
 * the Latin o of a Russian word typed with one.
 */
import { asCodePoint, type CodePoint } from '../model/units';
import { mixesScripts } from '../model/match-key';

/** One letter of a script foreign to the rest of its word. */
export interface ForeignLetter {
  letter: string;
  /** "U+041A" */
  codePoint: string;
  /** The Unicode name, e.g. "CYRILLIC CAPITAL LETTER KA"; the script alone for letters outside the table. */
  name: string;
}

/** A word that mixes scripts, where it is in the plain text (code points, end excluded), and why. */
export interface MixedScriptWord {
  word: string;
  start: CodePoint;
  end: CodePoint;
  foreign: ForeignLetter[];
}

// Unicode names, in code point order, of the letters people substitute. Cyrillic U+0400–U+045F and
// Greek U+0391–U+03C9 follow one pattern each: capital and small letters share the name after it.
const CYRILLIC_0400 = [
  'IE WITH GRAVE', 'IO', 'DJE', 'GJE', 'UKRAINIAN IE', 'DZE', 'BYELORUSSIAN-UKRAINIAN I', 'YI',
  'JE', 'LJE', 'NJE', 'TSHE', 'KJE', 'I WITH GRAVE', 'SHORT U', 'DZHE',
];
const CYRILLIC_0410 = [
  'A', 'BE', 'VE', 'GHE', 'DE', 'IE', 'ZHE', 'ZE', 'I', 'SHORT I', 'KA', 'EL', 'EM', 'EN', 'O', 'PE',
  'ER', 'ES', 'TE', 'U', 'EF', 'HA', 'TSE', 'CHE', 'SHA', 'SHCHA', 'HARD SIGN', 'YERU', 'SOFT SIGN', 'E', 'YU', 'YA',
];
const GREEK_0391 = [
  'ALPHA', 'BETA', 'GAMMA', 'DELTA', 'EPSILON', 'ZETA', 'ETA', 'THETA', 'IOTA', 'KAPPA', 'LAMDA', 'MU', 'NU', 'XI',
  'OMICRON', 'PI', 'RHO', 'FINAL SIGMA', 'SIGMA', 'TAU', 'UPSILON', 'PHI', 'CHI', 'PSI', 'OMEGA',
];
/** Look-alikes outside those ranges. */
const OTHER_NAMES: Record<number, string> = {
  0x04bb: 'CYRILLIC SMALL LETTER SHHA', // һ
  0x04ba: 'CYRILLIC CAPITAL LETTER SHHA',
  0x04cf: 'CYRILLIC SMALL LETTER PALOCHKA', // ӏ
  0x04c0: 'CYRILLIC LETTER PALOCHKA',
  0x0501: 'CYRILLIC SMALL LETTER KOMI DE', // ԁ
  0x051b: 'CYRILLIC SMALL LETTER QA', // ԛ
  0x051d: 'CYRILLIC SMALL LETTER WE', // ԝ
  0x00b5: 'MICRO SIGN',
};

/** The Unicode name of `letter` (one code point), or its script and "LETTER" when not in the table. */
export function letterName(letter: string): string {
  const cp = letter.codePointAt(0) ?? 0;
  if ((cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)) {
    return `LATIN ${cp <= 0x5a ? 'CAPITAL' : 'SMALL'} LETTER ${letter.toUpperCase()}`;
  }
  if (cp >= 0x0400 && cp <= 0x040f) return `CYRILLIC CAPITAL LETTER ${CYRILLIC_0400[cp - 0x0400]}`;
  if (cp >= 0x0410 && cp <= 0x042f) return `CYRILLIC CAPITAL LETTER ${CYRILLIC_0410[cp - 0x0410]}`;
  if (cp >= 0x0430 && cp <= 0x044f) return `CYRILLIC SMALL LETTER ${CYRILLIC_0410[cp - 0x0430]}`;
  if (cp >= 0x0450 && cp <= 0x045f) return `CYRILLIC SMALL LETTER ${CYRILLIC_0400[cp - 0x0450]}`;
  // U+03A2 is unassigned (there is no capital final sigma).
  if (cp >= 0x0391 && cp <= 0x03a9 && cp !== 0x03a2) return `GREEK CAPITAL LETTER ${GREEK_0391[cp - 0x0391]}`;
  if (cp >= 0x03b1 && cp <= 0x03c9) return `GREEK SMALL LETTER ${GREEK_0391[cp - 0x03b1]}`;
  const other = OTHER_NAMES[cp];
  if (other) return other;
  if (/\p{Script=Cyrillic}/u.test(letter)) return 'CYRILLIC LETTER';
  if (/\p{Script=Greek}/u.test(letter)) return 'GREEK LETTER';
  if (/\p{Script=Latin}/u.test(letter)) return 'LATIN LETTER';
  return 'LETTER';
}

/** "U+041A" */
const codePointLabel = (letter: string): string => `U+${(letter.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

const isLatin = (ch: string): boolean => /\p{Script=Latin}/u.test(ch);
const isCyrillicOrGreek = (ch: string): boolean => /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(ch);

/** The letters of the minority script in a word that mixes scripts (ties count the non-Latin letters as foreign). */
function foreignLetters(word: string): ForeignLetter[] {
  const letters = Array.from(word);
  const latin = letters.filter(isLatin).length;
  const other = letters.filter(isCyrillicOrGreek).length;
  const foreign = latin < other ? isLatin : isCyrillicOrGreek;
  return letters.filter(foreign).map((letter) => ({ letter, codePoint: codePointLabel(letter), name: letterName(letter) }));
}

/** One code point that belongs to a word: a letter or a combining mark. */
const WORD_POINT = /^[\p{L}\p{M}]$/u;
/** A Cyrillic or Greek letter: every word that mixes scripts holds one. */
const NON_LATIN = /[\p{Script=Cyrillic}\p{Script=Greek}]/gu;

/**
 * Every word of `text` that mixes Latin with Cyrillic or Greek letters, in text order, with its
 * code-point offsets in `text` (the plain text anchors count in) and its foreign letters named.
 * Reads `text` only.
 *
 * Only the words around a Cyrillic or Greek letter are looked at: a text of 1 MB in Latin script is
 * one regular-expression scan (a few milliseconds), not a match per word (tens of milliseconds and
 * as much garbage, on the way to opening the document).
 */
export function findMixedScriptWords(text: string): MixedScriptWord[] {
  const out: MixedScriptWord[] = [];
  // Code points before `unit` (a UTF-16 index), advanced as the words found move forward.
  let unit = 0;
  let points = 0;
  // Where the last word looked at ends: later letters inside it belong to it.
  let seenTo = 0;
  for (const m of text.matchAll(NON_LATIN)) {
    if (m.index < seenTo) continue;
    let start = m.index;
    for (let before = pointBefore(text, start); before !== null && WORD_POINT.test(before); before = pointBefore(text, start)) start -= before.length;
    let end = m.index;
    for (let at = text.codePointAt(end); at !== undefined && WORD_POINT.test(String.fromCodePoint(at)); at = text.codePointAt(end)) end += at > 0xffff ? 2 : 1;
    seenTo = end;
    const word = text.slice(start, end);
    if (!mixesScripts(word)) continue;
    for (; unit < start; unit++) {
      const c = text.charCodeAt(unit);
      // The high half of a surrogate pair counts the code point; the low half does not.
      if (!(c >= 0xdc00 && c <= 0xdfff && unit > 0 && isHigh(text.charCodeAt(unit - 1)))) points++;
    }
    const length = Array.from(word).length;
    out.push({ word, start: asCodePoint(points), end: asCodePoint(points + length), foreign: foreignLetters(word) });
  }
  return out;
}

/** The code point that ends just before UTF-16 index `at` (a surrogate pair whole), or null at the start. */
function pointBefore(text: string, at: number): string | null {
  if (at <= 0) return null;
  const low = text.charCodeAt(at - 1);
  if (low >= 0xdc00 && low <= 0xdfff && at >= 2 && isHigh(text.charCodeAt(at - 2))) return text.slice(at - 2, at);
  return text[at - 1]!;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;

/** The scripts a list of mixed words involves, in words: "Cyrillic", "Greek" or "Cyrillic or Greek". */
function scriptsOf(words: readonly MixedScriptWord[]): string {
  const all = words.flatMap((w) => Array.from(w.word));
  const cyrillic = all.some((ch) => /\p{Script=Cyrillic}/u.test(ch));
  const greek = all.some((ch) => /\p{Script=Greek}/u.test(ch));
  return cyrillic && greek ? 'Cyrillic or Greek' : greek ? 'Greek' : 'Cyrillic';
}

/**
 * The import warning for `words`, or "" when there are none: "3 words mix Latin with Cyrillic
 * letters (Кhojaly, Аzerbaijan, …); the text is stored exactly as imported." Lists up to `shown`
 * distinct words.
 */
export function mixedScriptWarning(words: readonly MixedScriptWord[], shown = 3): string {
  if (words.length === 0) return '';
  const distinct = [...new Set(words.map((w) => w.word))];
  const list = distinct.slice(0, shown).join(', ') + (distinct.length > shown ? ', …' : '');
  const n = words.length;
  return `${n} word${n === 1 ? '' : 's'} mix${n === 1 ? 'es' : ''} Latin with ${scriptsOf(words)} letters (${list}); the text is stored exactly as imported.`;
}
