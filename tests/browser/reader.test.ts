/** The reader in a real browser: incremental highlight decorations, read-only text, selection to anchor. */
import { describe, expect, it } from 'vitest';
import { TextSelection } from 'prosemirror-state';
import type { Decoration } from 'prosemirror-view';
import type { Reader } from '../../src/editor/reader';
import { openReader } from './open-reader';
import { highlightKey, highlightsAt } from '../../src/editor/highlight-plugin';
import { createAnnotation, type Annotation, type TagKind } from '../../src/model/annotation';
import type { Block } from '../../src/model/document';
import { asCodePoint } from '../../src/model/units';

const CONTENT: Block[] = [
  { type: 'heading', level: 1, content: [{ text: 'Flood 🌊 report' }] },
  { type: 'paragraph', content: [{ text: 'At least 47 people were killed, the minister said.' }] },
  { type: 'blockquote', content: [{ type: 'paragraph', content: [{ text: '“We will rebuild,” she said.' }] }] },
];


const open = (): Reader => openReader(CONTENT);

function annotation(reader: Reader, id: string, kind: TagKind, quote: string, modified = '2026-01-01T00:00:00.000Z'): Annotation {
  const at = [...reader.index.text.slice(0, reader.index.text.indexOf(quote))].length;
  const anchor = reader.describe({ start: asCodePoint(at), end: asCodePoint(at + [...quote].length) });
  return { ...createAnnotation({ id, kind, documentId: 'd', textHash: 'h', anchor, creator: 'T', now: '2026-01-01T00:00:00.000Z' }), modified } as Annotation;
}

const decorations = (r: Reader): Decoration[] => highlightKey.getState(r.view.state)!.decorations.find();

describe('reader', () => {
  it('draws one decoration per annotation, overlapping and nested, as spans in the DOM', () => {
    const r = open();
    const a = annotation(r, 'a', 'claim', 'At least 47 people were killed');
    const b = annotation(r, 'b', 'entity', '47 people');
    const c = annotation(r, 'c', 'opinion', 'We will rebuild');
    r.setAnnotations([a, b, c]);
    expect(decorations(r)).toHaveLength(3);
    expect(r.view.dom.querySelectorAll('[data-annotation-id]').length).toBeGreaterThanOrEqual(3);
    expect(r.view.dom.querySelector('.mg-hl-opinion')?.textContent).toBe('We will rebuild');
    // Inside the nested span both annotations are found, innermost first.
    const pos = r.index.toPos(asCodePoint(r.index.text.indexOf('people')));
    expect(highlightsAt(r.view.state, pos)).toEqual(['b', 'a']);
    // The document itself carries no trace of annotations.
    expect(r.view.state.doc.textContent).not.toContain('data-annotation-id');
    let marks = 0;
    r.view.state.doc.descendants((n) => void (marks += n.marks.length));
    expect(marks).toBe(0);
  });

  // find() hands out positioned copies, but a copy shares its decoration's spec object: the same spec
  // means the decoration was kept, a new one that it was drawn again.
  it('updates incrementally: unchanged highlights keep their decorations', () => {
    const r = open();
    const words = ['Flood', 'report', 'least', '47', 'people', 'were', 'killed', 'minister', 'rebuild', 'she'];
    const list = words.map((w, i) => annotation(r, `w${i}`, 'entity', w));
    r.setAnnotations(list);
    const before = new Map(decorations(r).map((d) => [(d.spec as { id: string }).id, d.spec as object]));
    expect(before.size).toBe(10);
    const changed = { ...list[1]!, modified: '2026-02-01T00:00:00.000Z' } as Annotation;
    const added = annotation(r, 'new', 'opinion', 'We will rebuild');
    r.setAnnotations([list[0]!, changed, ...list.slice(2, 9), added]); // w9 deleted, w1 changed, one added
    const after = new Map(decorations(r).map((x) => [(x.spec as { id: string }).id, x.spec as object]));
    expect(after.size).toBe(10);
    for (let i = 2; i < 9; i++) expect(after.get(`w${i}`)).toBe(before.get(`w${i}`));
    expect(after.get('w0')).toBe(before.get('w0'));
    expect(after.get('w1')).not.toBe(before.get('w1'));
    expect(after.has('w9')).toBe(false);
    expect(r.view.dom.querySelector('[data-annotation-id="w9"]')).toBeNull();
    // The opinion overlaps the entity on "rebuild", so it is drawn in two pieces.
    expect([...r.view.dom.querySelectorAll('.mg-hl-opinion')].map((e) => e.textContent).join('')).toBe('We will rebuild');
  });

  it('draws a list at the next animation frame, the latest list winning, and a list drawn at once cancels a waiting one', async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const r = open();
    const a = annotation(r, 'a', 'claim', 'minister said');
    const b = annotation(r, 'b', 'entity', 'rebuild');
    r.drawNextFrame([a]);
    r.drawNextFrame([a, b]);
    expect(decorations(r)).toHaveLength(0);
    await frame();
    expect(decorations(r).map((d) => (d.spec as { id: string }).id).sort()).toEqual(['a', 'b']);
    r.drawNextFrame([a]);
    r.setAnnotations([b]);
    await frame();
    await frame();
    expect(decorations(r).map((d) => (d.spec as { id: string }).id)).toEqual(['b']);
  });

  it('marks the active highlight and clears it', () => {
    const r = open();
    r.setAnnotations([annotation(r, 'a', 'claim', 'minister said')]);
    r.activate('a');
    expect(r.view.dom.querySelector('.mg-hl-active')?.textContent).toBe('minister said');
    r.activate(null);
    expect(r.view.dom.querySelector('.mg-hl-active')).toBeNull();
  });

  it('refuses every change to the text', () => {
    const r = open();
    const before = r.view.state.doc;
    r.view.dispatch(r.view.state.tr.insertText('X', 3));
    expect(r.view.state.doc).toBe(before);
    const handled = r.view.someProp('handleTextInput', (f) => f(r.view, 3, 3, 'X', () => r.view.state.tr.insertText('X', 3)));
    expect(handled).toBe(true);
    expect(r.view.dom.getAttribute('aria-readonly')).toBe('true');
    expect(r.view.dom.getAttribute('contenteditable')).toBe('true');
  });

  it('turns a selection into an anchor counted in code points, trimmed of surrounding space', () => {
    const r = open();
    const text = r.index.text;
    const from = r.index.toPos(asCodePoint([...text.slice(0, text.indexOf(' report'))].length));
    const to = r.index.toPos(asCodePoint([...text.slice(0, text.indexOf('least') + 5)].length));
    r.view.dispatch(r.view.state.tr.setSelection(TextSelection.create(r.view.state.doc, from, to)));
    const span = r.selectedSpan()!;
    const anchor = r.describe(span);
    // " report\n\nAt least" trimmed to "report\n\nAt least"; the emoji counts as one code point.
    expect(anchor.quote).toBe('report\n\nAt least');
    expect(anchor.start).toBe(8);
    expect(anchor.prefix).toBe('Flood 🌊 ');
    expect(anchor.suffix.startsWith(' 47 people')).toBe(true);
    r.view.dispatch(r.view.state.tr.setSelection(TextSelection.create(r.view.state.doc, from, from + 1)));
    expect(r.selectedSpan()).toBeNull();
  });
});
