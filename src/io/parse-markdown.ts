/**
 * Markdown → blocks, through markdown-it's token stream (CommonMark plus tables and strikethrough).
 *
 * Why it exists: Markdown is how most reviewers save an article with its headings and quotes. We keep
 * the structure the model knows (model/document.ts) and turn everything else into text, so the plain
 * text stays what a reader sees. The mapping (also in docs/format.md):
 *
 * | Markdown                         | Block / run                                                   |
 * |----------------------------------|---------------------------------------------------------------|
 * | `#` … `######`, setext headings  | heading of that level                                         |
 * | paragraph                        | paragraph                                                     |
 * | `>` quote                        | blockquote                                                    |
 * | `-`, `*`, `+`, `1.` lists        | list (ordered or not), one Block[] per item, nested freely    |
 * | fenced or indented code          | one paragraph whose single run is marked `code`               |
 * | table                            | one paragraph per row, cells joined by " \| "                 |
 * | `---` thematic break             | nothing                                                       |
 * | `*em*`, `**strong**`, `` `code` ``| runs marked em / strong / code (`~~strike~~` keeps only text) |
 * | `[text](href)`, `<https://…>`    | runs with `href`; also listed in `links`                      |
 * | `![alt](src)`                    | the alt text                                                  |
 * | soft or hard line break          | "\n" in the text                                              |
 * | raw HTML (`<b>`, `<div>`)        | literal text — never interpreted (`html: false`)              |
 *
 * Never produces an empty text block or an empty container: a heading or paragraph with no text,
 * a quote or list item with no blocks, a list with no items are all dropped, because the ProseMirror
 * document (editor/to-doc.ts) would gain a text block the plain text does not count.
 */
import MarkdownIt, { type Token } from 'markdown-it';
import type { Block, InlineRun, MarkName } from '../model/document';

/** The result of parsing: the blocks, and every link in document order. */
export interface ParsedMarkdown {
  blocks: Block[];
  links: { text: string; href: string }[];
}

// One parser for the module: markdown-it instances are reusable and stateless between parse() calls.
const md = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

/** Marks in a fixed order so equal formatting always compares equal. */
const MARK_ORDER: readonly MarkName[] = ['em', 'strong', 'code'];

const sameMarks = (a: readonly MarkName[] | undefined, b: readonly MarkName[] | undefined): boolean =>
  (a ?? []).join() === (b ?? []).join();

/** Append a run, merging it into the previous one when the formatting is the same. NOTE mutates `runs`. */
function pushRun(runs: InlineRun[], text: string, marks: ReadonlySet<MarkName>, href: string | null): void {
  if (text === '') return;
  const list = MARK_ORDER.filter((m) => marks.has(m));
  const last = runs[runs.length - 1];
  if (last && sameMarks(last.marks, list) && (last.href ?? null) === href) {
    last.text += text;
    return;
  }
  const run: InlineRun = { text };
  if (list.length > 0) run.marks = list;
  if (href !== null) run.href = href;
  runs.push(run);
}

/** Remove whitespace at the start of the first runs and the end of the last runs; drop runs left empty. */
function trimRuns(runs: InlineRun[]): InlineRun[] {
  const out = runs.map((r) => ({ ...r }));
  while (out.length > 0) {
    const first = out[0]!;
    first.text = first.text.replace(/^\s+/, '');
    if (first.text !== '') break;
    out.shift();
  }
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    last.text = last.text.replace(/\s+$/, '');
    if (last.text !== '') break;
    out.pop();
  }
  return out;
}

/** The plain text of an image's alt (its children), ignoring their formatting. */
function altText(tokens: readonly Token[]): string {
  let s = '';
  for (const t of tokens) {
    if (t.type === 'softbreak' || t.type === 'hardbreak') s += '\n';
    else if (t.type === 'image') s += altText(t.children ?? []);
    else if (t.type === 'text' || t.type === 'text_special' || t.type === 'code_inline') s += t.content;
  }
  return s;
}

/** Runs of an `inline` token's children. Links found are appended to `links`. NOTE mutates `links`. */
function inlineRuns(children: readonly Token[], links: ParsedMarkdown['links']): InlineRun[] {
  const runs: InlineRun[] = [];
  const marks = new Set<MarkName>();
  let href: string | null = null;
  let linkText = '';
  const add = (text: string, extra?: MarkName): void => {
    const set = extra ? new Set([...marks, extra]) : marks;
    pushRun(runs, text, set, href);
    if (href !== null) linkText += text;
  };
  for (const t of children) {
    switch (t.type) {
      case 'text':
      case 'text_special': // an escape or entity not yet merged into text
      case 'html_inline': // only with html: true; shown as written if it ever appears
        add(t.content);
        break;
      case 'code_inline':
        add(t.content, 'code');
        break;
      case 'softbreak':
      case 'hardbreak':
        add('\n');
        break;
      case 'em_open':
        marks.add('em');
        break;
      case 'em_close':
        marks.delete('em');
        break;
      case 'strong_open':
        marks.add('strong');
        break;
      case 'strong_close':
        marks.delete('strong');
        break;
      case 'link_open':
        href = String(t.attrGet('href') ?? '');
        linkText = '';
        break;
      case 'link_close':
        if (href !== null) links.push({ text: linkText, href });
        href = null;
        break;
      case 'image':
        add(altText(t.children ?? []));
        break;
      default:
        // s_open / s_close (strikethrough) and anything unknown: the text inside still arrives as text tokens.
        break;
    }
  }
  return runs;
}

/** Text of a code block without the line end(s) that close it; leading indentation is kept. */
const codeText = (content: string): string => content.replace(/^\n+/, '').replace(/\n+$/, '');

/** Parse Markdown source into blocks and the list of its links (see the table in the module header). */
export function parseMarkdown(source: string): ParsedMarkdown {
  const tokens = md.parse(source, {});
  const links: ParsedMarkdown['links'] = [];
  const root: Block[] = [];
  /** Where blocks go: the document, then the innermost open quote or list item. */
  const sinks: Block[][] = [root];
  /** Open lists, innermost last. */
  const lists: { ordered: boolean; items: Block[][] }[] = [];
  /** The heading level between heading_open and heading_close. */
  let headingLevel: 1 | 2 | 3 | 4 | 5 | 6 | null = null;
  /** The cells of the table row being read, between tr_open and tr_close. */
  let row: InlineRun[][] | null = null;

  const sink = (): Block[] => sinks[sinks.length - 1]!;
  const emitText = (runs: InlineRun[]): void => {
    const content = trimRuns(runs);
    if (content.length === 0) return;
    sink().push(headingLevel === null ? { type: 'paragraph', content } : { type: 'heading', level: headingLevel, content });
  };

  for (const t of tokens) {
    switch (t.type) {
      case 'heading_open':
        headingLevel = Number(t.tag.slice(1)) as 1 | 2 | 3 | 4 | 5 | 6;
        break;
      case 'heading_close':
        headingLevel = null;
        break;
      case 'inline': {
        const runs = inlineRuns(t.children ?? [], links);
        if (row) row.push(trimRuns(runs));
        else emitText(runs);
        break;
      }
      case 'blockquote_open':
      case 'list_item_open':
        sinks.push([]);
        break;
      case 'blockquote_close': {
        const content = sinks.pop()!;
        if (content.length > 0) sink().push({ type: 'blockquote', content });
        break;
      }
      case 'list_item_close': {
        const item = sinks.pop()!;
        if (item.length > 0) lists[lists.length - 1]!.items.push(item);
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: t.type === 'ordered_list_open', items: [] });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close': {
        const list = lists.pop()!;
        if (list.items.length > 0) sink().push({ type: 'list', ordered: list.ordered, items: list.items });
        break;
      }
      case 'fence':
      case 'code_block':
      case 'html_block': {
        // html_block only occurs with html: true; like code, it would be shown exactly as written.
        const text = codeText(t.content);
        const run: InlineRun = t.type === 'html_block' ? { text } : { text, marks: ['code'] };
        if (text.trim() !== '') sink().push({ type: 'paragraph', content: [run] });
        break;
      }
      case 'tr_open':
        row = [];
        break;
      case 'tr_close': {
        const cells = row ?? [];
        row = null;
        const runs: InlineRun[] = [];
        cells.forEach((cell, i) => {
          if (i > 0) pushRun(runs, ' | ', new Set(), null);
          for (const run of cell) pushRun(runs, run.text, new Set(run.marks), run.href ?? null);
        });
        if (cells.some((cell) => cell.length > 0)) emitText(runs);
        break;
      }
      default:
        // paragraph_open/close, hr, table/thead/tbody/th/td open and close: no block of their own.
        break;
    }
  }
  return { blocks: root, links };
}
