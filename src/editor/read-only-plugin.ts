/**
 * Keeps the source text read-only while leaving the view focusable with a visible caret, so a reviewer
 * can select with the keyboard (Shift+arrows) as in any editor. Every input that would change the
 * document is refused; transactions that change the document are filtered out as a last line.
 */
import { Plugin } from 'prosemirror-state';

const BLOCKED_KEYS = new Set(['Backspace', 'Enter', 'Tab']);

export function readOnlyPlugin(): Plugin {
  return new Plugin({
    filterTransaction: (tr) => !tr.docChanged,
    props: {
      handleTextInput: () => true,
      handlePaste: () => true,
      handleDrop: () => true,
      handleKeyDown: (_view, event) => BLOCKED_KEYS.has(event.key) && !event.ctrlKey && !event.metaKey,
      handleDOMEvents: {
        beforeinput: (_view, event) => {
          event.preventDefault();
          return true;
        },
        cut: (_view, event) => {
          event.preventDefault();
          return true;
        },
      },
      attributes: { 'aria-label': 'Text of the document (read-only)', 'aria-readonly': 'true', 'aria-multiline': 'true', role: 'textbox', spellcheck: 'false' },
    },
  });
}
