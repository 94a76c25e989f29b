/**
 * The ProseMirror schema of a source document. It mirrors model/document.ts block for block (a long
 * document's top-level blocks are grouped in sections, which have no counterpart in the model);
 * annotations are never part of it (they are decorations, see highlight-plugin.ts).
 */
import { Schema } from 'prosemirror-model';

export const schema = new Schema({
  nodes: {
    // A long text is grouped into sections of blocks (to-doc.ts), so the browser lays out a changed
    // paragraph among a few dozen siblings instead of thousands, and lays out and paints only the
    // sections near the screen (content-visibility in app.css). Until a section has been shown, its
    // height is estimated from its lines (at about 100 characters a line) and blocks.
    doc: { content: 'section+ | block+' },
    section: {
      content: 'block+',
      parseDOM: [{ tag: 'div.mg-section' }],
      toDOM: (node) => {
        let lines = 0;
        node.forEach((block) => (lines += Math.max(1, Math.ceil(block.textContent.length / 100))));
        return ['div', { class: 'mg-section', style: `--mg-lines: ${lines}; --mg-blocks: ${node.childCount}` }, 0];
      },
    },
    paragraph: {
      group: 'block',
      content: 'text*',
      marks: '_',
      parseDOM: [{ tag: 'p' }],
      toDOM: () => ['p', 0],
    },
    heading: {
      group: 'block',
      content: 'text*',
      marks: '_',
      attrs: { level: { default: 1 } },
      defining: true,
      parseDOM: [1, 2, 3, 4, 5, 6].map((level) => ({ tag: `h${level}`, attrs: { level } })),
      toDOM: (node) => [`h${node.attrs.level as number}`, 0],
    },
    blockquote: {
      group: 'block',
      content: 'block+',
      parseDOM: [{ tag: 'blockquote' }],
      toDOM: () => ['blockquote', 0],
    },
    bullet_list: {
      group: 'block',
      content: 'list_item+',
      parseDOM: [{ tag: 'ul' }],
      toDOM: () => ['ul', 0],
    },
    ordered_list: {
      group: 'block',
      content: 'list_item+',
      parseDOM: [{ tag: 'ol' }],
      toDOM: () => ['ol', 0],
    },
    list_item: {
      content: 'block+',
      parseDOM: [{ tag: 'li' }],
      toDOM: () => ['li', 0],
    },
    text: {},
  },
  marks: {
    em: { parseDOM: [{ tag: 'em' }, { tag: 'i' }], toDOM: () => ['em', 0] },
    strong: { parseDOM: [{ tag: 'strong' }, { tag: 'b' }], toDOM: () => ['strong', 0] },
    code: { parseDOM: [{ tag: 'code' }], toDOM: () => ['code', 0] },
    link: {
      attrs: { href: {} },
      inclusive: false,
      parseDOM: [{ tag: 'a[href]', getAttrs: (dom) => ({ href: (dom as HTMLElement).getAttribute('href') }) }],
      // Links are kept as metadata and shown, but never followed from the reading view.
      toDOM: (mark) => ['span', { class: 'mg-link', title: mark.attrs.href as string }, 0],
    },
  },
});
