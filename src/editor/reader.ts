/**
 * The reading view of one document: a ProseMirror EditorView over the immutable text, with highlight
 * decorations, single-key tagging and click-to-select. Imperative and framework-free; the React layer
 * creates one per open document and destroys it on close.
 *
 * Highlights are drawn only around what is on screen: the reader follows the page's scrolling (once
 * per frame at most) and moves the highlight window when the screen nears its edge.
 */
import { EditorState, TextSelection } from 'prosemirror-state';
import { EditorView } from 'prosemirror-view';
import type { Annotation, TagKind } from '../model/annotation';
import type { Anchor } from '../model/annotation';
import type { Block } from '../model/document';
import { asCodePoint, asPmPos, type CodePoint } from '../model/units';
import { createTextIndex, type TextIndex } from '../anchoring/text-index';
import { describeSpan } from '../anchoring/describe';
import { changedStretch } from './changed-stretch';
import { activateHighlight, drawnSpan, highlightPlugin, highlightsAt, highlightWindow, patchHighlights, setHighlights, setHighlightWindow, type HighlightSpec } from './highlight-plugin';
import { mixedScriptPlugin, setMixedScriptMarks } from './mixed-script-plugin';
import { readOnlyPlugin } from './read-only-plugin';
import { taggingKeysPlugin } from './tagging-keys';
import { toDoc } from './to-doc';
import { blockStarts, onScreenRange } from './visible-window';

export interface ReaderCallbacks {
  /** The selection changed; `hasText` is true when a non-empty span is selected. */
  onSelectionChange(hasText: boolean): void;
  onTagKey(kind: TagKind): void;
  onDeleteKey(): boolean;
  onEscape(): boolean;
  /** A click landed on one or more highlights (innermost first). */
  onHighlightClick(ids: string[], at: { left: number; top: number; bottom: number }): void;
}

/** A span of the text in code points, end excluded. */
export interface TextSpan {
  start: CodePoint;
  end: CodePoint;
}

const isSpace = (ch: string): boolean => /\s/u.test(ch);

/** Highlights are drawn for the screen and this many screen heights above and below it… */
const DRAW_MARGIN = 1.5;
/** …and drawn again for where the screen is once it comes within this many of the drawn range's edge. */
const REDRAW_MARGIN = 0.5;
/** Scrolling this many screen heights between two checks of the screen is a fling: drawing waits… */
const FLING_SCREENS = 0.5;
/** …until the screen has stayed put this long (ms). */
const SETTLE_MS = 100;

/**
 * React saves the selection of the focused element before every commit and puts it back after, when
 * that element is editable; it measures it by walking all the element's text up to the selection (in
 * a 1 MB text, about 25 ms per commit, several commits per tag). The reader's DOM is ProseMirror's,
 * never React's, so there is nothing for React to put back: its check reads the `contentEditable`
 * property, which is answered here with "inherit" for the reader's root. The attribute stays, so the
 * browser still gives the text a caret and keyboard selection; writes go to the attribute.
 */
function hideEditableFromReact(dom: HTMLElement): void {
  Object.defineProperty(dom, 'contentEditable', {
    configurable: true,
    get: () => 'inherit',
    set: (value: string) => dom.setAttribute('contenteditable', value),
  });
}

export class Reader {
  readonly view: EditorView;
  readonly index: TextIndex;
  private hasText = false;
  private readonly starts: number[];
  /** The spans of the annotations last drawn, per annotation object (a new object is measured again). */
  private readonly specs = new WeakMap<Annotation, HighlightSpec>();
  /** The list last drawn, to find what a new one changes. */
  private shown: readonly Annotation[] | null = null;
  private frame = 0;
  /** A list waiting to be drawn at the next animation frame (drawNextFrame), and that frame's request. */
  private pending: readonly Annotation[] | null = null;
  private pendingFrame = 0;
  /** Where the text's top was at the last check (px from the viewport's top), and when. */
  private lastCheck: { top: number; at: number } | null = null;
  private settleTimer = 0;
  private readonly onViewportChange = () => {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      const win = this.view.dom.ownerDocument.defaultView;
      const top = this.view.dom.getBoundingClientRect().top;
      const at = performance.now();
      const last = this.lastCheck;
      this.lastCheck = { top, at };
      if (win) win.clearTimeout(this.settleTimer);
      // Flying by (half a screen or more since a check a moment ago): what passes is never read, and
      // drawing it costs more than a frame. Draw where the screen comes to rest instead.
      if (win && last && at - last.at < SETTLE_MS && Math.abs(top - last.top) >= FLING_SCREENS * win.innerHeight) {
        this.settleTimer = win.setTimeout(() => {
          this.lastCheck = null;
          this.followScreen();
        }, SETTLE_MS);
        return;
      }
      this.followScreen();
    });
  };

  constructor(mount: HTMLElement, content: readonly Block[], private readonly callbacks: ReaderCallbacks) {
    const doc = toDoc(content);
    this.index = createTextIndex(doc);
    const state = EditorState.create({
      doc,
      plugins: [
        readOnlyPlugin(),
        taggingKeysPlugin({
          tag: (kind) => {
            callbacks.onTagKey(kind);
            return true;
          },
          deleteActive: () => callbacks.onDeleteKey(),
          escape: () => callbacks.onEscape(),
        }),
        highlightPlugin(),
        mixedScriptPlugin(),
      ],
    });
    this.view = new EditorView(mount, {
      state,
      dispatchTransaction: (tr) => {
        this.view.updateState(this.view.state.apply(tr));
        const hasText = !this.view.state.selection.empty;
        if (hasText !== this.hasText) {
          this.hasText = hasText;
          callbacks.onSelectionChange(hasText);
        }
      },
      handleClick: (view, pos, event) => {
        const ids = highlightsAt(view.state, pos);
        if (ids.length === 0) return false;
        const coords = view.coordsAtPos(pos);
        callbacks.onHighlightClick(ids, { left: coords.left, top: coords.top, bottom: coords.bottom });
        void event;
        return false;
      },
    });
    hideEditableFromReact(this.view.dom);
    this.starts = blockStarts(doc);
    const win = mount.ownerDocument.defaultView;
    win?.addEventListener('scroll', this.onViewportChange, { capture: true, passive: true });
    win?.addEventListener('resize', this.onViewportChange, { passive: true });
    this.followScreen();
  }

  /**
   * Move the highlight window to the screen when the screen has come near its edge (or always, with
   * `force`). Not laid out (detached, hidden): everything is drawn.
   */
  followScreen(force = false): void {
    const drawn = highlightWindow(this.view.state);
    if (!force && drawn) {
      const near = onScreenRange(this.view, this.starts, REDRAW_MARGIN);
      if (near && near.from >= drawn.from && near.to <= drawn.to) return;
    }
    const range = onScreenRange(this.view, this.starts, DRAW_MARGIN);
    if (!range && !drawn) return;
    const tr = setHighlightWindow(this.view.state, range);
    // Redrawing puts ProseMirror's selection back into the DOM. A selection the browser has just
    // made (and ProseMirror not read yet) would be lost: take it into the same transaction.
    const dom = this.domSelection();
    const { anchor, head } = this.view.state.selection;
    if (dom && (dom.anchor !== anchor || dom.head !== head)) tr.setSelection(TextSelection.create(tr.doc, dom.anchor, dom.head));
    this.view.dispatch(tr);
  }

  /** The selected span, trimmed of surrounding white space; null when nothing but space is selected. */
  selectedSpan(): TextSpan | null {
    const { from, to } = this.currentSelection();
    if (from === to) return null;
    const range = this.index.rangeToOffsets(asPmPos(from), asPmPos(to));
    let start = range.start as number;
    let end = range.end as number;
    const chars = this.index.codePointsOf(asCodePoint(start), asCodePoint(end));
    let i = 0;
    let j = chars.length;
    while (i < j && isSpace(chars[i]!)) i++;
    while (j > i && isSpace(chars[j - 1]!)) j--;
    if (i === j) return null;
    end = start + j;
    start = start + i;
    return { start: asCodePoint(start), end: asCodePoint(end) };
  }

  /**
   * The selection as the reader sees it. The browser may have moved the DOM selection (Shift+arrow)
   * before ProseMirror has read it back, so a key pressed right after uses the DOM selection when it
   * lies inside the document.
   */
  private currentSelection(): { from: number; to: number } {
    const dom = this.domSelection();
    return dom ? { from: Math.min(dom.anchor, dom.head), to: Math.max(dom.anchor, dom.head) } : this.view.state.selection;
  }

  /** The DOM selection as positions, when it lies inside the document and ProseMirror can map it. */
  private domSelection(): { anchor: number; head: number } | null {
    const dom = this.view.dom.ownerDocument.getSelection();
    if (dom && dom.anchorNode && dom.focusNode && this.view.dom.contains(dom.anchorNode) && this.view.dom.contains(dom.focusNode)) {
      try {
        return { anchor: this.view.posAtDOM(dom.anchorNode, dom.anchorOffset), head: this.view.posAtDOM(dom.focusNode, dom.focusOffset) };
      } catch {
        // A DOM position ProseMirror cannot map (inside a widget).
      }
    }
    return null;
  }

  /** The anchor (quote, context, offsets) of a span. */
  describe(span: TextSpan): Anchor {
    return describeSpan(this.index.text, this.index.codePoints, span.start, span.end);
  }

  /**
   * Draw exactly these annotations; only the difference with what is drawn is redrawn. After the first
   * list, only the stretch where a list differs from the last one (by object) is looked at: one
   * annotation added, changed or removed costs that one.
   */
  setAnnotations(annotations: readonly Annotation[]): void {
    this.cancelPending();
    const change = this.shown ? changedStretch(this.shown, annotations) : null;
    this.shown = annotations;
    // The plugin redraws afresh when a patch is large, so every later list goes in as a patch.
    if (change) {
      if (change.added.length === 0 && change.removed.length === 0) return;
      const kept = new Set(change.added.map((a) => a.id));
      const remove = change.removed.filter((a) => !kept.has(a.id)).map((a) => a.id);
      this.view.dispatch(patchHighlights(this.view.state, change.added.map((a) => this.specOf(a)), remove));
      return;
    }
    this.view.dispatch(setHighlights(this.view.state, annotations.map((a) => this.specOf(a))));
  }

  /**
   * Draw this list at the next animation frame: painted in that same frame, but outside the key press
   * or click being handled. Redrawing a highlight puts ProseMirror's selection back into the DOM, and
   * a selection changed while Chrome handles an input event makes it compute the text-input state of
   * the focused editable element from its whole text, there and then (about 15–20 ms for a 1 MB text,
   * the largest part of a tag's key press); outside an input event it does not. A later list, drawn
   * either way, replaces a waiting one.
   */
  drawNextFrame(annotations: readonly Annotation[]): void {
    this.pending = annotations;
    if (this.pendingFrame) return;
    this.pendingFrame = requestAnimationFrame(() => {
      this.pendingFrame = 0;
      const list = this.pending;
      if (list) this.setAnnotations(list);
    });
  }

  private cancelPending(): void {
    if (this.pendingFrame) cancelAnimationFrame(this.pendingFrame);
    this.pendingFrame = 0;
    this.pending = null;
  }

  /** The highlight of an annotation object (kept per object, so an unchanged one costs a lookup). */
  private specOf(a: Annotation): HighlightSpec {
    let spec = this.specs.get(a);
    if (!spec) {
      const range = this.index.offsetsToRange(a.anchor.start, a.anchor.end);
      spec = { id: a.id, kind: a.kind, from: range.from, to: range.to, version: a.modified };
      this.specs.set(a, spec);
    }
    return spec;
  }

  /** Mark one annotation as active, or none. */
  activate(id: string | null): void {
    this.view.dispatch(activateHighlight(this.view.state, id));
  }

  /** Scroll an annotation's span into view, its highlight drawn. */
  scrollTo(id: string): void {
    const span = drawnSpan(this.view.state, id);
    if (!span) return;
    // Bring the span's place on screen first, so that its highlight is drawn, then centre the highlight.
    const dom = this.view.domAtPos(span.from);
    const node = dom.node.nodeType === Node.TEXT_NODE ? dom.node.parentElement : (dom.node as HTMLElement);
    node?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
    this.followScreen();
    const el = this.view.dom.querySelector(`[data-annotation-id="${CSS.escape(id)}"]`);
    if (el && el !== node) el.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
  }

  /** Collapse the selection to its end, so the toolbar goes back to its idle state after tagging. */
  collapseSelection(): void {
    const { to } = this.view.state.selection;
    this.view.dispatch(this.view.state.tr.setSelection(TextSelection.create(this.view.state.doc, to)));
  }

  /** Mark these words (spans with a title naming their foreign letters); an empty list clears the marks. */
  setMixedScriptWords(words: readonly (TextSpan & { title: string })[]): void {
    const ranges = words.map((w) => ({ ...this.index.offsetsToRange(w.start, w.end), title: w.title }));
    this.view.dispatch(setMixedScriptMarks(this.view.state, ranges));
  }

  /** Select a span of the text and scroll it into the middle of the view. */
  revealSpan(span: TextSpan): void {
    const { from, to } = this.index.offsetsToRange(span.start, span.end);
    this.view.focus();
    this.view.dispatch(this.view.state.tr.setSelection(TextSelection.create(this.view.state.doc, from, to)));
    const dom = this.view.domAtPos(from);
    const el = dom.node.nodeType === Node.TEXT_NODE ? dom.node.parentElement : (dom.node as HTMLElement);
    el?.scrollIntoView({ block: 'center', behavior: 'instant' as ScrollBehavior });
  }

  destroy(): void {
    const win = this.view.dom.ownerDocument.defaultView;
    win?.removeEventListener('scroll', this.onViewportChange, { capture: true });
    win?.removeEventListener('resize', this.onViewportChange);
    if (this.frame) cancelAnimationFrame(this.frame);
    this.cancelPending();
    win?.clearTimeout(this.settleTimer);
    this.view.destroy();
  }
}
