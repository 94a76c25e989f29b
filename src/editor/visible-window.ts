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
 * when the view is not laid out (detached or hidden), where nothing can be said to be on screen.
 */
export function onScreenRange(view: EditorView, starts: readonly number[], margin: number): PosRange | null {
  const win = view.dom.ownerDocument.defaultView;
  if (!win || !view.dom.isConnected || starts.length === 0) return null;
  const box = view.dom.getBoundingClientRect();
  if (box.height === 0) return null;
  const height = win.innerHeight;
  const top = -margin * height;
  const bottom = height + margin * height;
  const rectOf = (i: number): DOMRect | null => {
    const dom = view.nodeDOM(starts[i]!);
    return dom instanceof Element ? dom.getBoundingClientRect() : null;
  };
  // The first block that ends below `top`, then the first block that starts below `bottom`.
  const firstWhere = (test: (r: DOMRect) => boolean): number => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const r = rectOf(mid);
      if (r && test(r)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const first = Math.min(firstWhere((r) => r.bottom >= top), starts.length - 1);
  const end = Math.max(firstWhere((r) => r.top > bottom), first + 1);
  const to = end < starts.length ? starts[end]! : view.state.doc.content.size;
  return { from: starts[first]!, to };
}
