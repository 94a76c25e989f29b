/**
 * A seeded revision of a text, for testing and measuring re-anchoring at scale: word-level edits
 * (a word replaced, words inserted, a word deleted, a letter changed) spread through the text until
 * about `rate` of its characters are changed, and the ground truth of where every old span went.
 * Used by tests/unit/anchoring-reanchor-scale.test.ts and bench/scenarios/reanchor.mjs.
 * Everything counts UTF-16 units; edits never split a surrogate pair (they fall on spaces or ASCII letters).
 */
import { seededRandom } from '../scripts/seeded-random.mjs';

const WORDS = 'amended figure corrected statement regional ministry spokesperson quarter percent earlier later revised inquiry tally'.split(' ');

/**
 * Revise `text`: returns the new text, the edits (old `from`..`to` replaced by `insert`, sorted, apart)
 * and `spanAfter(from, to)`, where old span from..to went (an edit touching it is taken in whole).
 */
export function reviseText(text, { seed = 20261124, rate = 0.01 } = {}) {
  const random = seededRandom(seed);
  const budget = Math.round(text.length * rate);
  // One candidate place per ~`gap` units, so the edits are spread through the text.
  const count = Math.max(1, Math.round(budget / 7));
  const gap = text.length / count;
  const edits = [];
  let changed = 0;
  let floor = 0;
  for (let k = 0; k < count && changed < budget; k++) {
    const at = text.indexOf(' ', Math.max(floor, Math.floor(k * gap + random() * gap * 0.8)));
    if (at < 0) break;
    const next = text.indexOf(' ', at + 1);
    if (next < 0 || next - at > 40) continue;
    const word = WORDS[Math.floor(random() * WORDS.length)];
    const r = random();
    let edit;
    if (r < 0.4) edit = { from: at + 1, to: next, insert: word }; // a word replaced
    else if (r < 0.6) edit = { from: at, to: at, insert: ` ${word}${random() < 0.5 ? ` ${WORDS[Math.floor(random() * WORDS.length)]}` : ''}` }; // words inserted
    else if (r < 0.8) edit = { from: at, to: next, insert: '' }; // a word deleted (with its space)
    else {
      const letter = at + 1 + Math.floor(random() * (next - at - 1));
      if (!/[a-z]/.test(text[letter])) continue;
      edit = { from: letter, to: letter + 1, insert: text[letter] === 'e' ? 'a' : 'e' }; // a letter changed
    }
    edits.push(edit);
    changed += Math.max(edit.to - edit.from, edit.insert.length);
    floor = edit.to + 1;
  }
  const parts = [];
  let last = 0;
  for (const e of edits) {
    parts.push(text.slice(last, e.from), e.insert);
    last = e.to;
  }
  parts.push(text.slice(last));
  const newText = parts.join('');

  // shiftBefore[k]: how far the edits before edit k moved the text (new = old + shiftBefore[k]).
  const shiftBefore = [0];
  for (const e of edits) shiftBefore.push(shiftBefore[shiftBefore.length - 1] + e.insert.length - (e.to - e.from));
  /** Number of leading edits for which `test` holds (it holds for a prefix of the sorted edits). */
  const prefixWhere = (test) => {
    let lo = 0;
    let hi = edits.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (test(edits[mid])) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /**
   * Where old span from..to went, and how many characters the edits overlapping it changed (0: its
   * text is untouched). An insertion exactly at either end lies outside the span.
   */
  const spanAfter = (from, to) => {
    const k = prefixWhere((e) => e.to <= from); // edits wholly before the span
    const m = prefixWhere((e) => e.from < to); // edits beginning before its end
    const first = edits[k];
    const start = first && k < m && first.from < from ? first.from + shiftBefore[k] : from + shiftBefore[k];
    const last = edits[m - 1];
    const end = last && m > k && last.to > to ? last.from + shiftBefore[m - 1] + last.insert.length : to + shiftBefore[m];
    let cost = 0;
    for (let i = k; i < m; i++) cost += Math.max(edits[i].to - edits[i].from, edits[i].insert.length);
    return { from: start, to: end, cost };
  };
  return { text: newText, edits, changed, spanAfter };
}
