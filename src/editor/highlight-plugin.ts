/**
 * Highlights of annotations as ProseMirror decorations held in plugin state. The document itself is
 * never touched: spans can overlap and nest, and the text stays pristine.
 *
 * The plugin knows every span (`setHighlights`) but draws only those that meet its *window*, a range
 * of the document around what is on screen (`setHighlightWindow`; the reader moves it as the page
 * scrolls). A 1 MB text with 10,000 highlights then holds a few hundred highlight elements, not
 * 10,000: opening it costs little more than opening the bare text, and every DOM walk (the
 * browser's selection, React's selection bookkeeping) stays short. Without a window, everything is
 * drawn.
 *
 * Both are updated incrementally: `setHighlights` compares the wanted spans with the known ones and
 * only removes and adds the difference, so one new annotation costs one decoration, not a rebuild.
 * Lookups by position (`highlightsAt`) read the known spans, drawn or not.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PmNode } from 'prosemirror-model';
import type { AnnotationKind } from '../model/annotation';
import { createSpanIndex, type SpanIndex } from './span-index';

/** One span to draw. `version` changes whenever the annotation does (its `modified` time). */
export interface HighlightSpec {
  id: string;
  kind: AnnotationKind;
  from: number;
  to: number;
  version: string;
}

/** A range of ProseMirror positions, end excluded. */
export interface PosRange {
  from: number;
  to: number;
}

interface DecoSpec {
  id: string;
  kind: AnnotationKind;
  active?: boolean;
}

interface HighlightState {
  /** The decorations drawn: the known spans that meet the window. */
  decorations: DecorationSet;
  /** Every known span, by annotation id (drawn or not). */
  known: Map<string, HighlightSpec>;
  /** The known spans in document order, for range lookups. */
  index: SpanIndex<HighlightSpec>;
  /** What is drawn; null draws everything. */
  window: PosRange | null;
  activeId: string | null;
}

type Meta =
  | { type: 'set'; specs: readonly HighlightSpec[] }
  | { type: 'patch'; put: readonly HighlightSpec[]; remove: readonly string[] }
  | { type: 'activate'; id: string | null }
  | { type: 'window'; range: PosRange | null };

export const highlightKey = new PluginKey<HighlightState>('highlights');

/** Inactive decorations, kept per spec object so that redrawing a window reuses them. */
const inactiveDecos = new WeakMap<HighlightSpec, Decoration>();

function decorationFor(spec: HighlightSpec, active: boolean): Decoration {
  if (!active) {
    const kept = inactiveDecos.get(spec);
    if (kept) return kept;
  }
  const attrs = {
    class: `mg-hl mg-hl-${spec.kind}${active ? ' mg-hl-active' : ''}`,
    'data-annotation-id': spec.id,
  };
  const deco = Decoration.inline(spec.from, spec.to, attrs, { id: spec.id, kind: spec.kind, active } satisfies DecoSpec);
  if (!active) inactiveDecos.set(spec, deco);
  return deco;
}

function sameSpan(a: HighlightSpec, b: HighlightSpec): boolean {
  return a === b || (a.from === b.from && a.to === b.to && a.kind === b.kind && a.version === b.version);
}

const meets = (s: HighlightSpec, w: PosRange | null): boolean => w === null || (s.from < w.to && s.to > w.from);

/** Remove the decorations of `ids` from `set`. */
function removeIds(set: DecorationSet, ids: ReadonlySet<string>): DecorationSet {
  if (ids.size === 0) return set;
  const found = set.find(undefined, undefined, (spec: DecoSpec) => ids.has(spec.id));
  return set.remove(found);
}

/** The decorations of a whole window, built afresh (cheap: only what meets the window). */
function drawWindow(doc: PmNode, state: Pick<HighlightState, 'index' | 'window' | 'activeId'>): DecorationSet {
  const size = doc.content.size;
  const specs = state.window ? state.index.overlapping(state.window.from, state.window.to) : state.index.all();
  const valid = specs.filter((s) => s.from >= 0 && s.to <= size && s.from < s.to);
  return DecorationSet.create(doc, valid.map((s) => decorationFor(s, s.id === state.activeId)));
}

function applyMeta(state: HighlightState, meta: Meta, doc: PmNode): HighlightState {
  switch (meta.type) {
    case 'activate': {
      if (meta.id === state.activeId) return state;
      const touched = new Set([state.activeId, meta.id].filter((x): x is string => x !== null && state.known.has(x)));
      let decorations = removeIds(state.decorations, touched);
      const size = doc.content.size;
      const redraw = [...touched].map((id) => state.known.get(id)!).filter((s) => meets(s, state.window) && s.from >= 0 && s.to <= size && s.from < s.to);
      decorations = decorations.add(doc, redraw.map((s) => decorationFor(s, s.id === meta.id)));
      return { ...state, decorations, activeId: meta.id };
    }
    case 'window': {
      const same = meta.range === state.window || (meta.range && state.window && meta.range.from === state.window.from && meta.range.to === state.window.to);
      if (same) return state;
      const next = { ...state, window: meta.range };
      return { ...next, decorations: drawWindow(doc, next) };
    }
    case 'set':
      return applySpecs(state, meta.specs, doc);
    case 'patch':
      return applyPatch(state, meta.put, meta.remove, doc);
  }
}

/**
 * A few spans added, changed or removed, without looking at the others: the known map is copied, but
 * nothing is compared or redrawn but the spans named.
 */
function applyPatch(state: HighlightState, put: readonly HighlightSpec[], remove: readonly string[], doc: PmNode): HighlightState {
  const stale = new Map<string, HighlightSpec>();
  const fresh: HighlightSpec[] = [];
  const gone = new Set(remove);
  for (const spec of put) {
    gone.delete(spec.id);
    const known = state.known.get(spec.id);
    if (known && sameSpan(known, spec)) continue;
    if (known) stale.set(spec.id, known);
    fresh.push(spec);
  }
  for (const id of gone) {
    const known = state.known.get(id);
    if (known) stale.set(id, known);
  }
  if (stale.size === 0 && fresh.length === 0) return state;
  const known = new Map(state.known);
  for (const id of gone) known.delete(id);
  for (const spec of fresh) known.set(spec.id, spec);
  if (stale.size + fresh.length > 64) {
    const activeId = state.activeId !== null && known.has(state.activeId) ? state.activeId : null;
    const next = { known, index: createSpanIndex([...known.values()]), window: state.window, activeId };
    return { ...next, decorations: drawWindow(doc, next) };
  }
  return patchState(state, known, stale, fresh, doc);
}

/** With `known` as the known spans: the `stale` spans replaced by the `fresh` ones in the index and the drawn decorations. */
function patchState(state: HighlightState, known: Map<string, HighlightSpec>, stale: ReadonlyMap<string, HighlightSpec>, fresh: readonly HighlightSpec[], doc: PmNode): HighlightState {
  const activeId = state.activeId !== null && known.has(state.activeId) ? state.activeId : null;
  const index = state.index.without(new Set(stale.values())).with(fresh);
  const size = doc.content.size;
  const added = fresh.filter((s) => meets(s, state.window) && s.from >= 0 && s.to <= size && s.from < s.to);
  const decorations = removeIds(state.decorations, new Set(stale.keys())).add(
    doc,
    added.map((s) => decorationFor(s, s.id === activeId)),
  );
  return { decorations, known, index, window: state.window, activeId };
}

function applySpecs(state: HighlightState, specs: readonly HighlightSpec[], doc: PmNode): HighlightState {
  const wanted = new Map<string, HighlightSpec>();
  for (const s of specs) wanted.set(s.id, s);
  const stale = new Map<string, HighlightSpec>();
  for (const [id, spec] of state.known) {
    const next = wanted.get(id);
    if (!next || !sameSpan(spec, next)) stale.set(id, spec);
  }
  const fresh: HighlightSpec[] = [];
  for (const spec of wanted.values()) {
    if (!state.known.has(spec.id) || stale.has(spec.id)) fresh.push(spec);
  }
  if (stale.size === 0 && fresh.length === 0) return state;
  const activeId = wanted.has(state.activeId ?? '') ? state.activeId : null;
  // Many changes (opening, another version): index and draw afresh; a few: patch both.
  if (state.known.size === 0 || stale.size + fresh.length > 64) {
    const next = { known: wanted, index: createSpanIndex([...wanted.values()]), window: state.window, activeId };
    return { ...next, decorations: drawWindow(doc, next) };
  }
  return patchState(state, wanted, stale, fresh, doc);
}

/** The plugin that holds and draws highlights. */
export function highlightPlugin(): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightKey,
    state: {
      init: () => ({ decorations: DecorationSet.empty, known: new Map(), index: createSpanIndex([]), window: null, activeId: null }),
      apply(tr: Transaction, value: HighlightState): HighlightState {
        const meta = tr.getMeta(highlightKey) as Meta | undefined;
        let next = value;
        // The reader refuses every change to the text (read-only-plugin.ts), so spans never move;
        // mapping is kept for safety should a plugin ever change the document.
        if (tr.docChanged) next = { ...next, decorations: next.decorations.map(tr.mapping, tr.doc) };
        if (meta) next = applyMeta(next, meta, tr.doc);
        return next;
      },
    },
    props: {
      decorations(state: EditorState) {
        return highlightKey.getState(state)?.decorations;
      },
    },
  });
}

/** A transaction that makes the known highlights equal `specs` (drawn where they meet the window). */
export function setHighlights(state: EditorState, specs: readonly HighlightSpec[]): Transaction {
  return state.tr.setMeta(highlightKey, { type: 'set', specs } satisfies Meta).setMeta('addToHistory', false);
}

/**
 * A transaction that adds or replaces the highlights `put` and removes those of `remove`, leaving
 * every other known highlight as it is (cheaper than `setHighlights` for a change of a few).
 */
export function patchHighlights(state: EditorState, put: readonly HighlightSpec[], remove: readonly string[]): Transaction {
  return state.tr.setMeta(highlightKey, { type: 'patch', put, remove } satisfies Meta).setMeta('addToHistory', false);
}

/** A transaction that draws only the highlights meeting `range` (null: all of them). */
export function setHighlightWindow(state: EditorState, range: PosRange | null): Transaction {
  return state.tr.setMeta(highlightKey, { type: 'window', range } satisfies Meta).setMeta('addToHistory', false);
}

/** The range the highlights are drawn for; null when all are drawn. */
export function highlightWindow(state: EditorState): PosRange | null {
  return highlightKey.getState(state)?.window ?? null;
}

/** A transaction that marks one highlight as the active one (or none). */
export function activateHighlight(state: EditorState, id: string | null): Transaction {
  return state.tr.setMeta(highlightKey, { type: 'activate', id } satisfies Meta);
}

/** Ids of the annotations whose span covers `pos` (drawn or not), innermost (shortest) first. */
export function highlightsAt(state: EditorState, pos: number): string[] {
  const st = highlightKey.getState(state);
  if (!st) return [];
  const hits = st.index.covering(pos).sort((a, b) => a.to - a.from - (b.to - b.from));
  return [...new Set(hits.map((s) => s.id))];
}

/** The span known for an annotation, if any (drawn or not: see `highlightWindow`). */
export function drawnSpan(state: EditorState, id: string): HighlightSpec | undefined {
  return highlightKey.getState(state)?.known.get(id);
}
