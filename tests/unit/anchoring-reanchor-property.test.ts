/**
 * Properties of re-anchoring over generated revisions (fast-check, seeded): a span whose text was not
 * touched is found exactly where it went; a span edited inside is either placed over where it went or
 * left an orphan — never placed somewhere else.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import { reanchor } from '../../src/anchoring/reanchor';
import { asCodePoint as cp } from '../../src/model/units';

// A vocabulary large enough that a run of several words is rarely repeated by chance, with some
// astral and right-to-left words so offsets are tested in code points.
const VOCABULARY = [
  ...'river dam wall water valley town village chief minister report engineer gates spillway crest warning inspection figure toll missing killed injured displaced shelter school hall road bridge night morning evening official directorate authority survey reservoir cubic metres million rain storm flood breach crack repair budget contract council mayor resident farmer witness photo'.split(' '),
  ...'said told claimed denied confirmed estimated reported warned argued insisted'.split(' '),
  'Kersova', 'Velgrad', 'Tsvetkov', 'Ostrel', '🌊', '𝔙𝔬𝔩', 'السد', 'المياه', 'Ирина', '2019', '47', '1,200',
];

type Edit = { at: number; op: 'insert' | 'delete' | 'replace'; word: number };

const words = fc.array(fc.nat(VOCABULARY.length - 1), { minLength: 40, maxLength: 120 });
const edits = fc.array(fc.record({ at: fc.nat(200), op: fc.constantFrom('insert', 'delete', 'replace'), word: fc.nat(VOCABULARY.length - 1) }), { minLength: 1, maxLength: 12 }) as fc.Arbitrary<Edit[]>;

const textOf = (ws: readonly string[]) => ws.join(' ');
/** Code-point offset of word `i` in `ws` joined by spaces. */
const offsetOf = (ws: readonly string[], i: number) => Array.from(ws.slice(0, i).map((w) => `${w} `).join('')).length;

/** Apply edits at word positions outside [from, to); returns the new words and the span's new word range. */
function revise(ws: string[], from: number, to: number, list: readonly Edit[]): { ws: string[]; from: number; to: number } {
  const out = [...ws];
  let a = from;
  let b = to;
  for (const e of list) {
    const at = e.at % (out.length + 1);
    if (at >= a && at <= b && !(e.op === 'insert' && (at === a || at === b))) continue; // only outside the span
    if (e.op === 'insert') {
      out.splice(at, 0, VOCABULARY[e.word]!);
      if (at <= a) {
        a++;
        b++;
      }
    } else if (at < out.length && (at < a || at >= b)) {
      if (e.op === 'delete') {
        out.splice(at, 1);
        if (at < a) {
          a--;
          b--;
        }
      } else out[at] = VOCABULARY[e.word]!;
    }
  }
  return { ws: out, from: a, to: b };
}

/** Occurrences of `needle` in `hay`. */
const count = (hay: string, needle: string) => hay.split(needle).length - 1;

describe('reanchor properties', () => {
  it('finds an untouched span exactly where the edits around it moved it', () => {
    fc.assert(
      fc.property(words, fc.nat(1000), fc.integer({ min: 3, max: 8 }), edits, (ids, pos, len, list) => {
        const ws = ids.map((i) => VOCABULARY[i]!);
        const from = pos % (ws.length - len);
        const to = from + len;
        const old = textOf(ws);
        const anchor = describeSpan(old, new CodePointIndex(old), cp(offsetOf(ws, from)), cp(offsetOf(ws, to) - 1));
        const revised = revise(ws, from, to, list);
        const text = textOf(revised.ws);
        fc.pre(count(text, anchor.quote) === 1); // a phrase repeated word for word is ambiguous by nature
        const r = reanchor(text, anchor);
        expect(r.status === 'exact' || r.status === 'moved').toBe(true);
        if (r.status === 'exact' || r.status === 'moved') {
          expect([r.start, r.end]).toEqual([offsetOf(revised.ws, revised.from), offsetOf(revised.ws, revised.to) - 1]);
        }
      }),
      { seed: 20261122, numRuns: 300 },
    );
  });

  it('places a span edited inside over where it went, or leaves it an orphan, never elsewhere', () => {
    fc.assert(
      fc.property(words, fc.nat(1000), fc.integer({ min: 5, max: 10 }), fc.nat(100), fc.nat(VOCABULARY.length - 1), edits, (ids, pos, len, inner, word, list) => {
        const ws = ids.map((i) => VOCABULARY[i]!);
        const from = pos % (ws.length - len);
        const to = from + len;
        const old = textOf(ws);
        const anchor = describeSpan(old, new CodePointIndex(old), cp(offsetOf(ws, from)), cp(offsetOf(ws, to) - 1));
        const revised = revise(ws, from, to, list);
        revised.ws[revised.from + 1 + (inner % (len - 2))] = VOCABULARY[word]!; // one word inside changes
        const text = textOf(revised.ws);
        const r = reanchor(text, anchor);
        if (r.status === 'orphan') return;
        const start = offsetOf(revised.ws, revised.from);
        const end = offsetOf(revised.ws, revised.to) - 1;
        // Placed: it must overlap the true span by most of its length.
        const overlap = Math.min(end, r.end) - Math.max(start, r.start);
        expect(overlap).toBeGreaterThan((end - start) * 0.5);
      }),
      { seed: 20261123, numRuns: 300 },
    );
  });
});
