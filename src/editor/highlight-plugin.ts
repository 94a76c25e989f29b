/**
 * Highlights of annotations as ProseMirror decorations held in plugin state. The document itself is
 * never touched: spans can overlap and nest, and the text stays pristine.
 *
 * The set is updated incrementally: `setHighlights` compares the wanted spans with the ones drawn and
 * only removes and adds the difference, so one new annotation costs one decoration, not a rebuild.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';
import type { Node as PmNode } from 'prosemirror-model';
import type { AnnotationKind } from '../model/annotation';

/** One span to draw. `version` changes whenever the annotation does (its `modified` time). */
export interface HighlightSpec {
  id: string;
  kind: AnnotationKind;
  from: number;
  to: number;
  version: string;
}

interface DecoSpec {
  id: string;
  kind: AnnotationKind;
  active?: boolean;
}

interface HighlightState {
  decorations: DecorationSet;
  /** What is drawn, by annotation id. */
  drawn: Map<string, HighlightSpec>;
  activeId: string | null;
}

type Meta = { type: 'set'; specs: readonly HighlightSpec[] } | { type: 'activate'; id: string | null };

export const highlightKey = new PluginKey<HighlightState>('highlights');

function decorationFor(spec: HighlightSpec, active: boolean): Decoration {
  const attrs = {
    class: `mg-hl mg-hl-${spec.kind}${active ? ' mg-hl-active' : ''}`,
    'data-annotation-id': spec.id,
  };
  return Decoration.inline(spec.from, spec.to, attrs, { id: spec.id, kind: spec.kind, active } satisfies DecoSpec);
}

function sameSpan(a: HighlightSpec, b: HighlightSpec): boolean {
  return a.from === b.from && a.to === b.to && a.kind === b.kind && a.version === b.version;
}

/** Remove the decorations of `ids` from `set`. */
function removeIds(set: DecorationSet, ids: ReadonlySet<string>): DecorationSet {
  if (ids.size === 0) return set;
  const found = set.find(undefined, undefined, (spec: DecoSpec) => ids.has(spec.id));
  return set.remove(found);
}

function applyMeta(state: HighlightState, meta: Meta, doc: PmNode): HighlightState {
  if (meta.type === 'activate') {
    if (meta.id === state.activeId) return state;
    const touched = new Set([state.activeId, meta.id].filter((x): x is string => x !== null && state.drawn.has(x)));
    let decorations = removeIds(state.decorations, touched);
    decorations = decorations.add(
      doc,
      [...touched].map((id) => decorationFor(state.drawn.get(id)!, id === meta.id)),
    );
    return { ...state, decorations, activeId: meta.id };
  }
  const wanted = new Map(meta.specs.map((s) => [s.id, s]));
  const stale = new Set<string>();
  for (const [id, spec] of state.drawn) {
    const next = wanted.get(id);
    if (!next || !sameSpan(spec, next)) stale.add(id);
  }
  const fresh: HighlightSpec[] = [];
  for (const spec of meta.specs) {
    const old = state.drawn.get(spec.id);
    if (!old || stale.has(spec.id)) fresh.push(spec);
  }
  if (stale.size === 0 && fresh.length === 0) return state;
  const size = doc.content.size;
  const valid = fresh.filter((s) => s.from >= 0 && s.to <= size && s.from < s.to);
  const decos = valid.map((s) => decorationFor(s, s.id === state.activeId));
  // Building from scratch is cheaper than removing almost everything.
  const decorations =
    state.drawn.size === 0 || stale.size > state.drawn.size / 2
      ? DecorationSet.create(doc, [...wanted.values()].filter((s) => s.from >= 0 && s.to <= size && s.from < s.to).map((s) => decorationFor(s, s.id === state.activeId)))
      : removeIds(state.decorations, stale).add(doc, decos);
  return { decorations, drawn: wanted, activeId: wanted.has(state.activeId ?? '') ? state.activeId : null };
}

/** The plugin that holds and draws highlights. */
export function highlightPlugin(): Plugin<HighlightState> {
  return new Plugin<HighlightState>({
    key: highlightKey,
    state: {
      init: () => ({ decorations: DecorationSet.empty, drawn: new Map(), activeId: null }),
      apply(tr: Transaction, value: HighlightState): HighlightState {
        const meta = tr.getMeta(highlightKey) as Meta | undefined;
        let next = value;
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

/** A transaction that makes the drawn highlights equal `specs`. */
export function setHighlights(state: EditorState, specs: readonly HighlightSpec[]): Transaction {
  return state.tr.setMeta(highlightKey, { type: 'set', specs } satisfies Meta).setMeta('addToHistory', false);
}

/** A transaction that marks one highlight as the active one (or none). */
export function activateHighlight(state: EditorState, id: string | null): Transaction {
  return state.tr.setMeta(highlightKey, { type: 'activate', id } satisfies Meta);
}

/** Ids of the annotations whose highlight covers `pos`, innermost (shortest) first. */
export function highlightsAt(state: EditorState, pos: number): string[] {
  const st = highlightKey.getState(state);
  if (!st) return [];
  const found = st.decorations.find(pos, pos, (spec: DecoSpec) => typeof spec.id === 'string');
  const hits = found.filter((d) => d.from <= pos && pos <= d.to).sort((a, b) => a.to - a.from - (b.to - b.from));
  return [...new Set(hits.map((d) => (d.spec as DecoSpec).id))];
}

/** The span drawn for an annotation, if any. */
export function drawnSpan(state: EditorState, id: string): HighlightSpec | undefined {
  return highlightKey.getState(state)?.drawn.get(id);
}
