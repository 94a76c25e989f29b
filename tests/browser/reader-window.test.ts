/**
 * The reader draws highlights only around the screen: far ones are known (found by position, scrolled
 * to) but not drawn until their place comes on screen, and moving the window keeps a fresh selection.
 */
import { describe, expect, it } from 'vitest';
import type { Reader } from '../../src/editor/reader';
import { openReader } from './open-reader';
import { highlightsAt, highlightWindow } from '../../src/editor/highlight-plugin';
import { createAnnotation, type Annotation } from '../../src/model/annotation';
import type { Block } from '../../src/model/document';
import { asCodePoint } from '../../src/model/units';

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

  it('keeps a selection the browser has just made when the window moves', () => {
    const r = open();
    r.setAnnotations(claims(r));
    const block = r.view.dom.children[200]!;
    block.scrollIntoView({ block: 'center' });
    const node = block.firstChild!.nodeType === Node.TEXT_NODE ? block.firstChild! : block.querySelector('*')!.firstChild!;
    r.view.focus();
    getSelection()!.setBaseAndExtent(node, 0, node, 9);
    r.followScreen(true); // before ProseMirror has read the selection
    expect(getSelection()!.toString()).toBe('Paragraph');
    const span = r.selectedSpan();
    expect(span && r.describe(span).quote).toBe('Paragraph');
  });
});
