/**
 * Which part of the document is on screen, as a range of ProseMirror positions made of whole
 * top-level blocks (or blocks of its sections): what the highlights are drawn for (highlight-plugin.ts). Measured from the
 * blocks' boxes against the window's viewport, with a binary search over the blocks, so it costs a
 * dozen box reads however long the document is.
 */
import type { Node as PmNode } from 'prosemirror-model';
import type { EditorView } from 'prosemirror-view';
import type { PosRange } from './highlight-plugin';

/** The position at which each top-level block of `doc` starts, in order (the blocks inside its sections, when it has them). */
export function blockStarts(doc: PmNode): number[] {
  const starts: number[] = [];
  doc.forEach((node, offset) => {
    if (node.type.name === 'section') node.forEach((_block, inner) => starts.push(offset + 1 + inner));
    else starts.push(offset);
  });
  return starts;
}

/**
 * The blocks whose boxes meet the viewport grown by `margin` times its height above and below; null
 * when the view is not laid out (detached or hidden), where nothing can be said to be on screen. In a
 * text grouped in sections, the sections are searched first by their own boxes and then the blocks of
 * the sections at the two edges: the browser does not lay out a section away from the screen
 * (content-visibility in app.css), and reading the box of a block inside one would make it.
 */
export function onScreenRange(view: EditorView, starts: readonly number[], margin: number): PosRange | null {
  const win = view.dom.ownerDocument.defaultView;
  if (!win || !view.dom.isConnected || starts.length === 0) return null;
  const box = view.dom.getBoundingClientRect();
  if (box.height === 0) return null;
  const height = win.innerHeight;
  const top = -margin * height;
  const bottom = height + margin * height;
  const rectAt = (pos: number): DOMRect | null => {
    const dom = view.nodeDOM(pos);
    return dom instanceof Element ? dom.getBoundingClientRect() : null;
  };
  // The first of `positions[lo, hi)` whose box passes `test` (boxes are in order down the page), or hi.
  const firstWhere = (positions: readonly number[], lo: number, hi: number, test: (r: DOMRect) => boolean): number => {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = rectAt(positions[mid]!);
      if (r && test(r)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const ends = (r: DOMRect) => r.bottom >= top;
  const begins = (r: DOMRect) => r.top > bottom;
  // Where the blocks of each section begin in `starts` (one group of all the blocks without sections).
  const groups: number[] = [];
  const groupStarts: number[] = [];
  const doc = view.state.doc;
  if (doc.firstChild?.type.name === 'section') {
    let at = 0;
    doc.forEach((section, offset) => {
      groups.push(at);
      groupStarts.push(offset);
      at += section.childCount;
    });
  } else groups.push(0);
  groups.push(starts.length);
  const sections = groupStarts.length;
  // The sections holding the first and the last block on screen (the only group when there are none).
  const firstGroup = sections === 0 ? 0 : Math.min(firstWhere(groupStarts, 0, sections, ends), sections - 1);
  const lastGroup = sections === 0 ? 0 : Math.max(firstWhere(groupStarts, firstGroup, sections, begins) - 1, firstGroup);
  const first = Math.min(firstWhere(starts, groups[firstGroup]!, groups[firstGroup + 1]!, ends), starts.length - 1);
  const end = Math.max(firstWhere(starts, Math.max(groups[lastGroup]!, first), groups[lastGroup + 1]!, begins), first + 1);
  const to = end < starts.length ? starts[end]! : view.state.doc.content.size;
  return { from: starts[first]!, to };
}
