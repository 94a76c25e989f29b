/** Build the ProseMirror document of a stored document's content (model/document.ts). */
import type { Mark, Node as PmNode } from 'prosemirror-model';
import { assertNever, type Block, type InlineRun } from '../model/document';
import { schema } from './schema';

function inline(runs: readonly InlineRun[]): PmNode[] {
  const out: PmNode[] = [];
  for (const run of runs) {
    if (run.text === '') continue;
    const marks: Mark[] = (run.marks ?? []).map((m) => schema.marks[m]!.create());
    if (run.href) marks.push(schema.marks.link!.create({ href: run.href }));
    out.push(schema.text(run.text, marks));
  }
  return out;
}

function block(b: Block): PmNode {
  switch (b.type) {
    case 'paragraph':
      return schema.nodes.paragraph!.create(null, inline(b.content));
    case 'heading':
      return schema.nodes.heading!.create({ level: b.level }, inline(b.content));
    case 'blockquote':
      return schema.nodes.blockquote!.create(null, blocks(b.content));
    case 'list':
      return (b.ordered ? schema.nodes.ordered_list! : schema.nodes.bullet_list!).create(
        null,
        (b.items.length > 0 ? b.items : [[]]).map((item) => schema.nodes.list_item!.create(null, blocks(item))),
      );
    default:
      return assertNever(b);
  }
}

function blocks(list: readonly Block[]): PmNode[] {
  const out = list.map(block);
  // A container must hold at least one block; an empty one gets an empty paragraph.
  return out.length > 0 ? out : [schema.nodes.paragraph!.create()];
}

/**
 * Top-level blocks per section in a long document. The browser lays out a block container by going
 * over all its children: a paragraph changed among 3,000 siblings (a new highlight) cost about 8 ms of
 * layout, among 50 in one of 60 sections about 1 ms.
 */
export const SECTION_BLOCKS = 50;

/**
 * The ProseMirror document for `content`. Its text blocks match model textBlocksOf(content) one to one.
 * A document of more than SECTION_BLOCKS top-level blocks has them grouped in sections of that many.
 */
export function toDoc(content: readonly Block[]): PmNode {
  const top = blocks(content);
  if (top.length <= SECTION_BLOCKS) return schema.nodes.doc!.create(null, top);
  const sections: PmNode[] = [];
  for (let i = 0; i < top.length; i += SECTION_BLOCKS) sections.push(schema.nodes.section!.create(null, top.slice(i, i + SECTION_BLOCKS)));
  return schema.nodes.doc!.create(null, sections);
}
