/**
 * The reader draws highlights only around the screen: far ones are known (found by position, scrolled
 * to) but not drawn until their place comes on screen, and moving the window keeps a fresh selection.
 */
import { describe, expect, it } from 'vitest';
import type { Reader } from '../../src/editor/reader';
import { openReader } from './open-reader';
import { SECTION_BLOCKS } from '../../src/editor/to-doc';
import { drawnSpan, highlightsAt, highlightWindow } from '../../src/editor/highlight-plugin';
import { createAnnotation, insertInTextOrder, type Annotation } from '../../src/model/annotation';
import type { Block } from '../../src/model/document';
import { asCodePoint } from '../../src/model/units';
import appCss from '../../src/ui/app.css?raw';

const PARAGRAPHS = 400;
const CONTENT: Block[] = Array.from({ length: PARAGRAPHS }, (_, i) => ({ type: 'paragraph', content: [{ text: `Paragraph ${i} says the river rose by ${i} centimetres overnight.` }] }));


const open = (): Reader => openReader(CONTENT);

/** One claim on the word "river" of every paragraph, id `p<i>`. */
function claims(r: Reader): Annotation[] {
  const out: Annotation[] = [];
  const text = r.index.text;
  for (let i = 0, at = text.indexOf('river'); at >= 0; i++, at = text.indexOf('river', at + 1)) {
    const start = [...text.slice(0, at)].length;
    const anchor = r.describe({ start: asCodePoint(start), end: asCodePoint(start + 5) });
    out.push(createAnnotation({ id: `p${i}`, kind: 'claim', documentId: 'd', textHash: 'h', anchor, creator: 'T', now: '2026-01-01T00:00:00.000Z' }));
  }
  return out;
}

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
/** The paragraphs' elements, in order (a long text has them inside sections of SECTION_BLOCKS). */
const paragraphs = (r: Reader): HTMLElement[] => [...r.view.dom.querySelectorAll<HTMLElement>('p')];
const drawnIds = (r: Reader) => [...r.view.dom.querySelectorAll<HTMLElement>('.mg-hl')].map((e) => e.dataset.annotationId);

describe('reader highlight window', () => {
  it('draws the highlights near the screen, finds and reaches the others', async () => {
    const r = open();
    const list = claims(r);
    expect(list).toHaveLength(PARAGRAPHS);
    r.setAnnotations(list);
    expect(highlightWindow(r.view.state)).not.toBeNull();
    const first = drawnIds(r);
    expect(first).toContain('p0');
    expect(first.length).toBeLessThan(PARAGRAPHS);
    expect(first).not.toContain(`p${PARAGRAPHS - 1}`);
    // A far highlight is still found by position…
    const far = r.index.offsetsToRange(list.at(-1)!.anchor.start, list.at(-1)!.anchor.end);
    expect(highlightsAt(r.view.state, far.from + 1)).toEqual([`p${PARAGRAPHS - 1}`]);
    // …drawn, active and on screen once scrolled to…
    r.activate(`p${PARAGRAPHS - 1}`);
    r.scrollTo(`p${PARAGRAPHS - 1}`);
    const active = r.view.dom.querySelector('.mg-hl-active');
    expect(active?.getAttribute('data-annotation-id')).toBe(`p${PARAGRAPHS - 1}`);
    const box = active!.getBoundingClientRect();
    expect(box.top >= 0 && box.bottom <= window.innerHeight).toBe(true);
    // …and scrolling back up draws the first ones again.
    window.scrollTo(0, 0);
    await frame();
    await frame();
    expect(drawnIds(r)).toContain('p0');
  });

  it('groups a long text in sections of blocks, and the window and the index see through them', () => {
    const r = open();
    expect(r.view.dom.querySelectorAll(':scope > .mg-section')).toHaveLength(Math.ceil(PARAGRAPHS / SECTION_BLOCKS));
    expect(paragraphs(r)).toHaveLength(PARAGRAPHS);
    // The plain text and every offset are those of the blocks alone.
    expect(r.index.text.split('\n\n')).toHaveLength(PARAGRAPHS);
    const at = r.index.text.indexOf('Paragraph 137 ');
    const range = r.index.offsetsToRange(asCodePoint(at), asCodePoint(at + 13));
    expect(r.view.state.doc.textBetween(range.from, range.to)).toBe('Paragraph 137');
    // A claim in the middle of a section, scrolled to, is drawn on screen.
    const list = claims(r);
    r.setAnnotations(list);
    r.scrollTo('p137');
    expect(r.view.dom.querySelector('[data-annotation-id="p137"]')?.closest('p')).toBe(paragraphs(r)[137]);
  });

  it('with the app\'s styles, lays out only the sections near the screen, and still draws and reaches the highlights', async () => {
    const style = document.createElement('style');
    style.textContent = appCss;
    document.head.append(style);
    try {
      const r = open();
      r.view.dom.parentElement!.classList.add('mg-reader');
      const sections = [...r.view.dom.querySelectorAll<HTMLElement>(':scope > .mg-section')];
      // What is inside a skipped section is not rendered; the section's own box stands in for it.
      const rendered = (s: HTMLElement) => s.firstElementChild!.checkVisibility({ contentVisibilityAuto: true });
      await frame();
      await frame();
      expect(rendered(sections[0]!)).toBe(true);
      expect(rendered(sections.at(-1)!)).toBe(false);
      expect(sections.at(-1)!.getBoundingClientRect().height).toBeGreaterThan(100);
      const list = claims(r);
      r.setAnnotations(list);
      await frame();
      expect(drawnIds(r)).toContain('p0');
      expect(drawnIds(r)).not.toContain(`p${PARAGRAPHS - 1}`);
      // Finding what is on screen reads no box inside a skipped section (that would lay it out).
      const read: Element[] = [];
      const original = Element.prototype.getBoundingClientRect;
      Element.prototype.getBoundingClientRect = function (this: Element) {
        read.push(this);
        return original.call(this);
      };
      try {
        r.followScreen(true);
      } finally {
        Element.prototype.getBoundingClientRect = original;
      }
      expect(read.some((el) => el.classList.contains('mg-section'))).toBe(true);
      expect(read.filter((el) => !el.classList.contains('mg-section') && !el.checkVisibility({ contentVisibilityAuto: true }))).toEqual([]);
      const last = `p${PARAGRAPHS - 1}`;
      r.activate(last);
      r.scrollTo(last);
      await frame();
      await frame();
      const active = r.view.dom.querySelector('.mg-hl-active');
      expect(active?.getAttribute('data-annotation-id')).toBe(last);
      const box = active!.getBoundingClientRect();
      expect(box.top >= 0 && box.bottom <= window.innerHeight).toBe(true);
      expect(rendered(sections.at(-1)!)).toBe(true);
      expect(rendered(sections[0]!)).toBe(false);
    } finally {
      style.remove();
    }
  });

  it('keeps a selection the browser has just made when the window moves', () => {
    const r = open();
    r.setAnnotations(claims(r));
    const block = paragraphs(r)[200]!;
    block.scrollIntoView({ block: 'center' });
    const node = block.firstChild!.nodeType === Node.TEXT_NODE ? block.firstChild! : block.querySelector('*')!.firstChild!;
    r.view.focus();
    getSelection()!.setBaseAndExtent(node, 0, node, 9);
    r.followScreen(true); // before ProseMirror has read the selection
    expect(getSelection()!.toString()).toBe('Paragraph');
    const span = r.selectedSpan();
    expect(span && r.describe(span).quote).toBe('Paragraph');
  });

  it('patches a few changes in place and ends exactly as a full redraw would', async () => {
    const r = open();
    let list = claims(r);
    r.setAnnotations(list);
    r.activate('p3');
    const text = r.index.text;
    const spanOf = (a: Annotation) => r.index.offsetsToRange(a.anchor.start, a.anchor.end);
    const check = () => {
      const state = r.view.state;
      for (const a of list) expect(drawnSpan(state, a.id)).toMatchObject({ ...spanOf(a), kind: a.kind });
      const window = highlightWindow(state)!;
      const wanted = list.filter((a) => spanOf(a).from < window.to && spanOf(a).to > window.from).map((a) => a.id);
      expect(new Set(drawnIds(r))).toEqual(new Set(wanted));
      const active = list.some((a) => a.id === 'p3') ? ['p3'] : [];
      expect([...r.view.dom.querySelectorAll<HTMLElement>('.mg-hl-active')].map((e) => e.dataset.annotationId).filter((v, i, all) => all.indexOf(v) === i)).toEqual(active);
    };
    const word = (w: string, n: number, id: string, kind: 'claim' | 'entity' = 'entity') => {
      let at = -1;
      for (let i = 0; i <= n; i++) at = text.indexOf(w, at + 1);
      const start = [...text.slice(0, at)].length;
      return createAnnotation({ id, kind, documentId: 'd', textHash: 'h', anchor: r.describe({ start: asCodePoint(start), end: asCodePoint(start + [...w].length) }), creator: 'T', now: '2026-01-01T00:00:00.000Z' });
    };
    // Added in text order near the top (drawn), far below (known, not drawn), changed, removed.
    list = insertInTextOrder(list, word('rose', 2, 'n1'));
    r.setAnnotations(list);
    check();
    list = insertInTextOrder(list, word('overnight', 350, 'n2'));
    r.setAnnotations(list);
    check();
    list = list.map((a) => (a.id === 'p3' ? { ...word('centimetres', 3, 'p3', 'claim'), modified: '2026-01-02T00:00:00.000Z' } : a));
    r.setAnnotations(list);
    check();
    list = list.filter((a) => a.id !== 'n1' && a.id !== 'p2');
    r.setAnnotations(list);
    check();
    expect(drawnSpan(r.view.state, 'n1')).toBeUndefined();
    expect(drawnSpan(r.view.state, 'p2')).toBeUndefined();
    // The same annotations as new objects (as read back from the database): nothing to redraw.
    const before = r.view.state;
    list = list.map((a) => ({ ...a }));
    r.setAnnotations(list);
    expect(highlightWindow(r.view.state)).toEqual(highlightWindow(before));
    check();
    // A list in another order with many changes takes the full path and ends the same.
    list = [...list.slice(100), ...list.slice(0, 50)].reverse();
    r.setAnnotations(list);
    check();
    list = list.filter((a) => a.id !== 'p3');
    r.setAnnotations(list);
    check();
    expect(drawnSpan(r.view.state, 'p3')).toBeUndefined();
    // Scrolled elsewhere, the window moves and the patched spans are drawn there too.
    paragraphs(r)[350]!.scrollIntoView({ block: 'center' });
    await frame();
    await frame();
    r.followScreen(true);
    check();
    expect(drawnIds(r)).toContain('n2');
  });

  it('waits for a fling to stop before drawing, and draws at once when scrolling at reading pace', async () => {
    const r = open();
    r.setAnnotations(claims(r));
    const last = `p${PARAGRAPHS - 1}`;
    // A fling: a screen and more per frame, to the bottom. Nothing is drawn for the places flown by…
    const el = document.scrollingElement!;
    const drawnOnTheWay = new Set<string>();
    while (el.scrollTop + el.clientHeight < el.scrollHeight - 1) {
      el.scrollTop += el.clientHeight * 1.2;
      await frame();
      await frame();
      drawnIds(r).forEach((id) => drawnOnTheWay.add(id!));
    }
    expect(drawnOnTheWay.has(`p${PARAGRAPHS >> 1}`)).toBe(false);
    expect(drawnIds(r)).not.toContain(last);
    // …and where it stops, the highlights come once the screen has been still for a moment.
    await expect.poll(() => drawnIds(r).includes(last)).toBe(true);
    // At reading pace each step is drawn as it comes.
    window.scrollTo(0, 0);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect.poll(() => drawnIds(r).includes('p0')).toBe(true);
    for (let i = 0; i < 30; i++) {
      el.scrollTop += 60;
      await frame();
    }
    await frame();
    const blocks = paragraphs(r);
    const first = blocks.findIndex((b) => b.getBoundingClientRect().bottom > 0);
    const after = blocks.findIndex((b) => b.getBoundingClientRect().top > window.innerHeight);
    expect(first).toBeGreaterThan(20);
    const drawn = drawnIds(r);
    for (let i = first; i < after; i++) expect(drawn).toContain(`p${i}`);
  });
});
