/**
 * Marks words that mix scripts (io/mixed-scripts.ts) with a decoration of their own, class
 * `mg-mixed-script`, when the reviewer asks to see them.
 *
 * Why separate from the highlight plugin: these are not annotations. They are never stored, never
 * clicked to select an annotation, and are switched on and off as a whole; keeping them in their own
 * plugin state (own PluginKey) means they cannot disturb the incremental annotation highlights.
 */
import { Plugin, PluginKey, type EditorState, type Transaction } from 'prosemirror-state';
import { Decoration, DecorationSet } from 'prosemirror-view';

/** A word to mark, as ProseMirror positions. */
export interface MixedScriptRange {
  from: number;
  to: number;
  /** Shown as the mark's title: the foreign letters, named. */
  title: string;
}

export const mixedScriptKey = new PluginKey<DecorationSet>('mixed-scripts');

/** The plugin holding the marks; empty until `setMixedScriptMarks` fills it. */
export function mixedScriptPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: mixedScriptKey,
    state: {
      init: () => DecorationSet.empty,
      apply(tr: Transaction, set: DecorationSet): DecorationSet {
        const ranges = tr.getMeta(mixedScriptKey) as readonly MixedScriptRange[] | undefined;
        if (ranges) {
          const size = tr.doc.content.size;
          const decos = ranges
            .filter((r) => r.from >= 0 && r.to <= size && r.from < r.to)
            .map((r) => Decoration.inline(r.from, r.to, { class: 'mg-mixed-script', title: r.title }));
          return DecorationSet.create(tr.doc, decos);
        }
        return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
      },
    },
    props: {
      decorations(state: EditorState) {
        return mixedScriptKey.getState(state);
      },
    },
  });
}

/** A transaction that replaces the marked words with `ranges` (an empty list clears them). */
export function setMixedScriptMarks(state: EditorState, ranges: readonly MixedScriptRange[]): Transaction {
  return state.tr.setMeta(mixedScriptKey, ranges).setMeta('addToHistory', false);
}
