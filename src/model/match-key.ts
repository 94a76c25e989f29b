/**
 * Names as a fact-checker searches them: "Khojaly", "KHOJALY", "Khojalý" and a "Кhojaly" typed with a
 * Cyrillic К are one name. A match key folds case, diacritics, punctuation and letters of other scripts
 * that look Latin; fuzzy matching then forgives a letter or two ("Khojali", "Iskandarow").
 * Keys are only ever compared: the stored names keep their exact spelling.
 */

/** Cyrillic and Greek lower-case letters that look like (or are read as) a Latin letter. */
const LOOK_ALIKES: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ї: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h', ӏ: 'l', г: 'r',
  // Greek
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', μ: 'u', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ζ: 'z',
};

/** Letters that decomposition does not split into base + accent. */
const SPECIAL: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ł: 'l', ı: 'i', þ: 'th', ð: 'd' };

/** Does `word` mix Latin letters with Cyrillic or Greek ones? (A sign of look-alike substitution.) */
export function mixesScripts(word: string): boolean {
  return /\p{Script=Latin}/u.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word);
}

/**
 * The key two spellings of one name share: lower case, accents removed, look-alike letters folded to
 * Latin, punctuation dropped, whitespace collapsed. A word written wholly in Cyrillic or Greek keeps
 * its letters (only words that mix scripts are folded), so "Ирина" stays searchable as typed.
 */
export function matchKey(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return words
    .map((w) => {
      let out = '';
      const fold = mixesScripts(w);
      for (const ch of w) out += SPECIAL[ch] ?? (fold ? (LOOK_ALIKES[ch] ?? ch) : ch);
      return out;
    })
    .join(' ');
}

/** Levenshtein distance of `a` and `b`, giving up (returning max + 1) once it exceeds `max`. */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Typos forgiven in a word of `length` letters: none below 4, one up to 8, two beyond. */
export function typoBudget(length: number): number {
  return length < 4 ? 0 : length <= 8 ? 1 : 2;
}

/**
 * A word as it sounds, roughly, across the usual transliterations of names: ts/tz/cz → c, kh → h,
 * ph → f, w → v, y → i, x → ks, q → k, ck → k, doubled letters once. "tsvetkov" and "cvetkov",
 * "khojaly" and "hojali" sound alike. Only used to forgive spellings, never shown.
 */
export function soundKey(word: string): string {
  return word
    .replace(/ts|tz|cz/g, 'c')
    .replace(/kh/g, 'h')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/w/g, 'v')
    .replace(/y/g, 'i')
    .replace(/x/g, 'ks')
    .replace(/q/g, 'k')
    .replace(/(.)\1+/g, '$1');
}

/**
 * How well a query key matches a name key; lower is better, undefined is no match.
 * 0 the same name, 1 the name starts with the query, 2 a word of the name starts with it, 3 the query
 * is the name's initials ("nwa" for "national water authority"; little words like "of" may be skipped),
 * 3 + typos: every word of the query is within its typo budget of some word of the name, as spelled
 * or as it sounds (soundKey; a sound-alike spelling counts as at least one typo).
 */
export function matchRank(query: string, name: string): number | undefined {
  if (query === '') return undefined;
  if (name === query) return 0;
  if (name.startsWith(query)) return 1;
  if (name.includes(` ${query}`)) return 2;
  const nameWords = name.split(' ');
  if (!query.includes(' ') && query.length >= 2 && query === initialsOf(nameWords)) return 3;
  let typos = 0;
  for (const q of query.split(' ')) {
    const budget = typoBudget(q.length);
    let best = budget + 1;
    for (const w of nameWords) {
      // A word being typed matches the start of a longer word too.
      const candidate = w.length > q.length + budget ? w.slice(0, q.length) : w;
      best = Math.min(best, boundedDistance(q, candidate, budget));
      if (best === 0) break;
      // The sound key can be much shorter than the word ("zzzz" → "z"): its budget follows its own length.
      const sq = soundKey(q);
      const sw = soundKey(w);
      const soundBudget = Math.min(budget, typoBudget(sq.length));
      const sounds = boundedDistance(sq, sw.length > sq.length + soundBudget ? sw.slice(0, sq.length) : sw, soundBudget);
      if (sounds <= soundBudget) best = Math.min(best, Math.max(1, sounds));
    }
    if (best > budget) return undefined;
    typos += best;
  }
  return 3 + typos;
}

const LITTLE_WORDS = new Set(['of', 'the', 'and', 'for', 'de', 'la', 'du', 'des', 'von', 'van']);

/** The initials of a name's words, little words ("of", "the") left out unless that leaves none. */
function initialsOf(words: readonly string[]): string {
  const main = words.filter((w) => !LITTLE_WORDS.has(w));
  return (main.length ? main : words).map((w) => w[0] ?? '').join('');
}
