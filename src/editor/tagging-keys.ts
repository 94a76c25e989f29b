/**
 * Single-key commands of the reading view: c, e and o tag the selection as a claim, entity or
 * opinion; Delete removes the active annotation; Escape clears it. Keys with modifiers pass through.
 */
import { Plugin } from 'prosemirror-state';
import type { TagKind } from '../model/annotation';

export interface TaggingHandlers {
  /** Tag the current selection. Returns false when nothing was done. */
  tag(kind: TagKind): boolean;
  /** Delete the active annotation. Returns false when there is none. */
  deleteActive(): boolean;
  /** Clear the active annotation. */
  escape(): boolean;
}

const KEY_KINDS: Record<string, TagKind> = { c: 'claim', e: 'entity', o: 'opinion' };

export function taggingKeysPlugin(handlers: TaggingHandlers): Plugin {
  return new Plugin({
    props: {
      handleKeyDown(view, event) {
        if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return false;
        const kind = KEY_KINDS[event.key.toLowerCase()];
        if (kind && !event.shiftKey) {
          handlers.tag(kind);
          return true;
        }
        if (event.key === 'Delete') return handlers.deleteActive() || true;
        if (event.key === 'Escape') return handlers.escape();
        return false;
      },
    },
  });
}
