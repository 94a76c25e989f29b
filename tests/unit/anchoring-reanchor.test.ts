import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import { reanchor, scoreMatch, MIN_FUZZY_LENGTH } from '../../src/anchoring/reanchor';
import type { Anchor } from '../../src/model/annotation';
import { asCodePoint as cp } from '../../src/model/units';

/** The anchor of the first occurrence of `quote` in `text`. */
function anchorOf(text: string, quote: string): Anchor {
  const at = text.indexOf(quote);
  if (at < 0) throw new Error(`"${quote}" not in text`);
  const start = Array.from(text.slice(0, at)).length;
  return describeSpan(text, new CodePointIndex(text), cp(start), cp(start + Array.from(quote).length));
}

/** The text a result points at in `text` (code points). */
const placed = (text: string, r: ReturnType<typeof reanchor>) => (r.status === 'orphan' ? null : Array.from(text).slice(r.start, r.end).join(''));

const V1 = [
  'The reservoir held about 18 million cubic metres when the wall gave way 🌊.',
  'Emergency chief Dragan Tsvetkov said 47 people were killed and 19 remain missing.',
  'Engineers had warned in 2019 that the spillway gates were rusting shut.',
  'The water authority declined to comment on the inspection report.',
  'Residents said the sirens never sounded in the lower villages.',
].join('\n\n');

// The revision: a paragraph added at the top, the toll corrected (one figure and one word changed),
// the engineers' sentence reworded beyond recognition, the authority sentence deleted, the last kept.
const V2 = [
  'Updated on Sunday with figures from the regional directorate.',
  'The reservoir held about 18 million cubic metres when the wall gave way 🌊.',
  'Emergency chief Dragan Tsvetkov said 52 people were killed and 14 remain missing.',
  'A report from two years before the collapse described corroded gates.',
  'Residents said the sirens never sounded in the lower villages.',
].join('\n\n');

describe('reanchor onto a revised text', () => {
  it('places each kind of span as the revision deserves', () => {
    const cases: [string, string, string | null][] = [
      // quote on v1, expected status, expected text on v2 (null: orphan)
      ['18 million cubic metres', 'moved', '18 million cubic metres'],
      ['the wall gave way 🌊', 'moved', 'the wall gave way 🌊'],
      ['47 people were killed and 19 remain missing', 'fuzzy', '52 people were killed and 14 remain missing'],
      ['Engineers had warned in 2019 that the spillway gates were rusting shut', 'orphan', null],
      ['The water authority declined to comment', 'orphan', null],
      ['the sirens never sounded', 'moved', 'the sirens never sounded'],
    ];
    for (const [quote, status, text] of cases) {
      const r = reanchor(V2, anchorOf(V1, quote));
      expect([quote, r.status, placed(V2, r)]).toEqual([quote, status, text]);
    }
  });

  it('keeps an unchanged text exact, offsets and all, with astral characters before the span', () => {
    const anchor = anchorOf(V1, 'sirens never sounded');
    expect(reanchor(V1, anchor)).toEqual({ status: 'exact', start: anchor.start, end: anchor.end });
  });

  it('gives a fuzzy match a score between the minimum and 1', () => {
    const r = reanchor(V2, anchorOf(V1, '47 people were killed and 19 remain missing'));
    expect(r.status).toBe('fuzzy');
    if (r.status === 'fuzzy') expect(r.score).toBeGreaterThan(0.6);
    if (r.status === 'fuzzy') expect(r.score).toBeLessThan(1);
  });

  it('never matches a short quote approximately by chance', () => {
    const anchor = anchorOf('Its toll was 47 in all.', 'was 47');
    expect(anchor.quote.length).toBeLessThanOrEqual(MIN_FUZZY_LENGTH);
    expect(reanchor('The count was 74 by night and 63 by noon.', anchor).status).toBe('orphan');
  });

  it('does not place a short edited quote in a context that does not agree', () => {
    // "killed 47 people" became "injured 48 people": close as a quote, but the context is another story.
    const old = 'In the north the storm killed 47 people, officials said.';
    const revised = 'Far away, a quarrel about football injured 48 people yesterday.';
    expect(reanchor(revised, anchorOf(old, 'killed 47 people')).status).toBe('orphan');
  });

  it('chooses among repeated quotes by their context', () => {
    const old = 'First, the mayor said the bridge is safe. Later, the engineer said the bridge is safe.';
    const quote = 'said the bridge is safe';
    // The engineer's words: the second occurrence.
    const at = old.lastIndexOf(quote);
    const anchor = describeSpan(old, new CodePointIndex(old), cp(at), cp(at + quote.length));
    const revised = 'Later, the engineer said the bridge is safe. First, the mayor said the bridge is safe.';
    const r = reanchor(revised, anchor);
    expect(r.status).toBe('moved');
    if (r.status === 'moved') expect(Array.from(revised).slice(0, r.start).join('')).toBe('Later, the engineer ');
  });

  it('scores a match whose context agrees above one whose context does not', () => {
    const anchor = anchorOf(V1, '19 remain missing');
    const text = 'and 14 remain missing. Elsewhere 14 remain missing too.';
    const first = text.indexOf('14 remain missing');
    const second = text.lastIndexOf('14 remain missing');
    const len = '14 remain missing'.length;
    const good = scoreMatch(text, anchor, { start: first, end: first + len, errors: 1 }, 0);
    const bad = scoreMatch(text, anchor, { start: second, end: second + len, errors: 1 }, 0);
    expect(good).toBeGreaterThan(bad);
  });

  it('prefers the nearer of two equally good matches', () => {
    const anchor: Anchor = { quote: 'gates were rusting', prefix: '', suffix: '', start: cp(100), end: cp(118) };
    const text = `${'x'.repeat(20)}gates were rustinq${'y'.repeat(60)}gates were rustinq${'z'.repeat(40)}`;
    const near = text.lastIndexOf('gates');
    const far = text.indexOf('gates');
    const n = scoreMatch(text, anchor, { start: near, end: near + 18, errors: 1 }, 98);
    const f = scoreMatch(text, anchor, { start: far, end: far + 18, errors: 1 }, 98);
    expect(n).toBeGreaterThan(f);
  });
});
