/**
 * Sanitized HTML → blocks, and the metadata a web page declares about itself.
 *
 * Why it exists: a saved web page or a Word document (via mammoth) arrives as HTML. We keep the
 * structure the model knows (model/document.ts) and the text a reader sees; everything else is
 * dropped. This module only *reads* a DOM it is given — parsing, article extraction and sanitizing
 * need a browser and live in ui/read-html.ts — so it never creates, inserts or runs anything.
 *
 * The mapping (also in docs/format.md, "HTML and Word documents"):
 *
 * | HTML                                     | Block / run                                              |
 * |------------------------------------------|----------------------------------------------------------|
 * | h1 … h6                                  | heading of that level                                    |
 * | p, and text directly inside a container  | paragraph                                                |
 * | blockquote                               | blockquote                                               |
 * | ul, ol (nested freely), li               | list (ordered for ol), one Block[] per item              |
 * | pre                                      | one paragraph whose single run is marked `code`          |
 * | table rows                               | one paragraph per row, cells joined by " \| "            |
 * | dl (dt, dd), figcaption                  | paragraphs                                               |
 * | div, section, article, main, figure, …   | their content (no block of their own)                    |
 * | em, i / strong, b / code, kbd, samp, tt  | runs marked em / strong / code                           |
 * | a href (http, https, mailto, relative)   | runs with `href`; other schemes keep only the text       |
 * | br                                       | "\n"                                                     |
 * | script, style, img, svg, iframe, form, … | nothing (also removed by the sanitizer before this runs) |
 *
 * White space collapses as a browser shows it (runs of spaces, tabs and line ends become one space,
 * except inside pre). Never produces an empty text block or an empty container (see parse-markdown.ts).
 */
import type { Block, DocumentMeta, InlineRun, MarkName } from '../model/document';

/** DOM node types, as numbers: `Node` itself is a browser global this layer does not touch. */
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** Elements whose content is never text a reader sees. */
const SKIP = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'canvas', 'img', 'picture', 'video', 'audio', 'source', 'track', 'map', 'area',
  'form', 'button', 'input', 'select', 'option', 'textarea', 'head', 'title', 'meta', 'link', 'base', 'hr',
]);

const HEADINGS: Record<string, 1 | 2 | 3 | 4 | 5 | 6> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

const MARK_OF: Record<string, MarkName> = {
  em: 'em', i: 'em', cite: 'em', dfn: 'em',
  strong: 'strong', b: 'strong',
  code: 'code', kbd: 'code', samp: 'code', tt: 'code', var: 'code',
};

/** Elements that hold text as a paragraph of their own (their inline content, children blocks aside). */
const PARAGRAPH_LIKE = new Set(['p', 'dt', 'dd', 'figcaption', 'caption', 'summary', 'address']);

/** Elements that separate blocks but have no block of their own: their content is walked. */
const CONTAINERS = new Set([
  'body', 'html', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'figure',
  'details', 'dl', 'center', 'hgroup', 'fieldset', 'legend', 'tbody', 'thead', 'tfoot',
]);

const MARK_ORDER: readonly MarkName[] = ['em', 'strong', 'code'];

/** A link target kept as metadata: web and mail addresses and relative references only. */
export function safeHref(raw: string | null): string | null {
  if (raw === null) return null;
  const href = raw.trim();
  if (href === '') return null;
  // Browsers ignore control characters and spaces inside a scheme ("java\tscript:"): so do we.
  const compact = Array.from(href).filter((ch) => ch.charCodeAt(0) > 0x20).join('');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(compact);
  if (!scheme) return href; // relative: "/news/1", "#notes", "page.html"
  return ['http', 'https', 'mailto'].includes(scheme[1]!.toLowerCase()) ? href : null;
}

interface Style {
  marks: ReadonlySet<MarkName>;
  href: string | null;
  pre: boolean;
}

/** Collects the inline runs of the text block being read. */
class RunBuffer {
  runs: InlineRun[] = [];

  push(text: string, style: Style): void {
    if (text === '') return;
    const marks = MARK_ORDER.filter((m) => style.marks.has(m));
    const last = this.runs[this.runs.length - 1];
    if (last && (last.marks ?? []).join() === marks.join() && (last.href ?? null) === style.href) {
      last.text += text;
      return;
    }
    const run: InlineRun = { text };
    if (marks.length > 0) run.marks = marks;
    if (style.href !== null) run.href = style.href;
    this.runs.push(run);
  }

  /** The runs with collapsed white space trimmed at both ends and around line breaks; empties dropped. */
  take(): InlineRun[] {
    const runs = this.runs;
    this.runs = [];
    for (const r of runs) r.text = r.text.replace(/ *\n */g, '\n');
    // A space at the end of one run and the start of the next shows as one space.
    for (let i = 1; i < runs.length; i++) {
      if (/[ \n]$/.test(runs[i - 1]!.text) && runs[i]!.text.startsWith(' ')) runs[i]!.text = runs[i]!.text.slice(1);
    }
    const out = runs.filter((r) => r.text !== '');
    while (out.length > 0) {
      out[0]!.text = out[0]!.text.replace(/^\s+/, '');
      if (out[0]!.text !== '') break;
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
}

const isElement = (n: Node): n is Element => n.nodeType === ELEMENT_NODE;
const nameOf = (el: Element): string => el.localName.toLowerCase();

/** Text of `el` as plain runs, for a cell or a code block. */
function inlineInto(node: Node, buf: RunBuffer, style: Style): void {
  if (node.nodeType === TEXT_NODE) {
    const data = node.nodeValue ?? '';
    buf.push(style.pre ? data.replace(/\r\n?/g, '\n') : data.replace(/[ \t\n\r\f]+/g, ' '), style);
    return;
  }
  if (!isElement(node)) return;
  const name = nameOf(node);
  if (SKIP.has(name)) return;
  if (name === 'br') {
    buf.push('\n', style);
    return;
  }
  let next = style;
  const mark = MARK_OF[name];
  if (mark) next = { ...style, marks: new Set([...style.marks, mark]) };
  if (name === 'pre') next = { ...next, pre: true };
  if (name === 'a') next = { ...next, href: safeHref(node.getAttribute('href')) };
  for (const child of Array.from(node.childNodes)) inlineInto(child, buf, next);
}

const PLAIN: Style = { marks: new Set(), href: null, pre: false };

/** Whether an element starts a block of its own (anything the walker treats as structure). */
const isBlockName = (name: string): boolean =>
  name in HEADINGS || PARAGRAPH_LIKE.has(name) || CONTAINERS.has(name) ||
  ['blockquote', 'ul', 'ol', 'li', 'pre', 'table', 'tr', 'td', 'th'].includes(name);

const BLOCK_SELECTOR = [...Object.keys(HEADINGS), ...PARAGRAPH_LIKE, ...CONTAINERS, 'blockquote', 'ul', 'ol', 'li', 'pre', 'table'].join(',');

/** Walks block structure, gathering loose inline content into paragraphs. */
class BlockWalker {
  /** The inline content seen since the last block, outside any paragraph element. */
  private loose = new RunBuffer();

  constructor(private readonly sink: Block[]) {}

  /** Turn loose inline content into a paragraph. */
  flush(): void {
    const content = this.loose.take();
    if (content.length > 0) this.sink.push({ type: 'paragraph', content });
  }

  walk(node: Node): void {
    if (!isElement(node)) {
      inlineInto(node, this.loose, PLAIN);
      return;
    }
    const name = nameOf(node);
    if (SKIP.has(name)) return;
    if (!isBlockName(name)) {
      // An inline element wrapping blocks (a pasted Google Docs page is one <b> around everything)
      // is read as a container; otherwise its content is inline text.
      if (node.querySelector(BLOCK_SELECTOR) === null) {
        inlineInto(node, this.loose, PLAIN);
        return;
      }
      for (const child of Array.from(node.childNodes)) this.walk(child);
      return;
    }
    this.flush();
    const level = HEADINGS[name];
    if (level !== undefined) this.textBlock(node, level);
    else if (PARAGRAPH_LIKE.has(name)) this.textBlock(node, null);
    else if (name === 'pre') {
      const buf = new RunBuffer();
      inlineInto(node, buf, { ...PLAIN, pre: true });
      const text = buf.runs.map((r) => r.text).join('').replace(/^\n+/, '').replace(/\n+$/, '');
      if (text.trim() !== '') this.sink.push({ type: 'paragraph', content: [{ text, marks: ['code'] }] });
    } else if (name === 'blockquote') {
      const content = blocksOf(node.childNodes);
      if (content.length > 0) this.sink.push({ type: 'blockquote', content });
    } else if (name === 'ul' || name === 'ol') this.list(node, name === 'ol');
    else if (name === 'table') this.table(node);
    else for (const child of Array.from(node.childNodes)) this.walk(child); // containers, stray li/tr/td
    this.flush();
  }

  /** A heading or paragraph; block elements inside it (invalid HTML, but common) become blocks after it. */
  private textBlock(el: Element, level: 1 | 2 | 3 | 4 | 5 | 6 | null): void {
    const buf = new RunBuffer();
    const after: Node[] = [];
    for (const child of Array.from(el.childNodes)) {
      if (isElement(child) && isBlockName(nameOf(child))) after.push(child);
      else if (after.length === 0) inlineInto(child, buf, PLAIN);
      else after.push(child);
    }
    const content = buf.take();
    if (content.length > 0) this.sink.push(level === null ? { type: 'paragraph', content } : { type: 'heading', level, content });
    for (const node of after) this.walk(node);
    this.flush();
  }

  private list(el: Element, ordered: boolean): void {
    const items: Block[][] = [];
    for (const child of Array.from(el.childNodes)) {
      if (isElement(child) && nameOf(child) === 'li') {
        const item = blocksOf(child.childNodes);
        if (item.length > 0) items.push(item);
      } else if (isElement(child) && (nameOf(child) === 'ul' || nameOf(child) === 'ol')) {
        // A list nested directly in a list (no li around it) belongs to the item before it.
        const nested = blocksOf([child]);
        if (nested.length === 0) continue;
        const last = items[items.length - 1];
        if (last) last.push(...nested);
        else items.push(nested);
      } else {
        const stray = blocksOf([child]);
        if (stray.length > 0) items.push(stray);
      }
    }
    if (items.length > 0) this.sink.push({ type: 'list', ordered, items });
  }

  private table(el: Element): void {
    for (const row of Array.from(el.querySelectorAll('tr'))) {
      if (row.closest('table') !== el) continue; // rows of a nested table are read with that table
      const buf = new RunBuffer();
      let first = true;
      for (const cell of Array.from(row.children)) {
        if (!['td', 'th'].includes(nameOf(cell))) continue;
        const cellBuf = new RunBuffer();
        inlineInto(cell, cellBuf, PLAIN);
        const runs = cellBuf.take();
        if (!first) buf.push(' | ', PLAIN);
        first = false;
        for (const r of runs) buf.push(r.text.replace(/\n/g, ' '), { marks: new Set(r.marks), href: r.href ?? null, pre: false });
      }
      const content = buf.take();
      if (content.some((r) => r.text.replace(/[ |]/g, '') !== '')) this.sink.push({ type: 'paragraph', content });
    }
  }
}

function blocksOf(nodes: Iterable<Node> | ArrayLike<Node>): Block[] {
  const out: Block[] = [];
  const walker = new BlockWalker(out);
  for (const node of Array.from(nodes as ArrayLike<Node>)) walker.walk(node);
  walker.flush();
  return out;
}

/**
 * The blocks of the sanitized HTML under `root` (an element, a body or a document fragment), by the
 * table in this module's header. Reads `root` only; never changes it.
 */
export function htmlToBlocks(root: Node): Block[] {
  return blocksOf(root.childNodes);
}

/** A date-time or date string → "YYYY-MM-DD", or "" when it does not start with a date. */
export function isoDateOf(value: string | null | undefined): string {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  if (!m) return '';
  const [, y, mo, d] = m;
  return Number(mo) >= 1 && Number(mo) <= 12 && Number(d) >= 1 && Number(d) <= 31 ? `${y}-${mo}-${d}` : '';
}

/** An absolute http(s) address, or "" (a relative or scripted address is not a source). */
function webAddress(value: string | null | undefined): string {
  const v = (value ?? '').trim();
  return /^https?:\/\/[^\s]+$/i.test(v) ? v : '';
}

/** "By Jane Doe" → "Jane Doe"; white space collapsed. */
export function cleanByline(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().replace(/^by\s+/i, '').trim();
}

/**
 * What a page says about itself, read from its head (and the first time[datetime]): title
 * (og:title, else <title>), author (meta author, article:author), publisher (og:site_name), published
 * date (article:published_time, else a time element's datetime) and source URL (canonical link, else
 * og:url). Values missing from the page are absent. Reads `doc` only.
 */
export function htmlMetadataOf(doc: Document): Partial<DocumentMeta> {
  const meta = (key: string): string => {
    for (const el of Array.from(doc.querySelectorAll('meta'))) {
      const name = (el.getAttribute('property') ?? el.getAttribute('name') ?? '').trim().toLowerCase();
      if (name === key) return (el.getAttribute('content') ?? '').replace(/\s+/g, ' ').trim();
    }
    return '';
  };
  const out: Partial<DocumentMeta> = {};
  const title = meta('og:title') || (doc.querySelector('title')?.textContent ?? '').replace(/\s+/g, ' ').trim();
  if (title) out.title = title;
  const author = cleanByline(meta('author') || meta('article:author'));
  // article:author is often a profile URL, which is not a name.
  if (author && !/^https?:/i.test(author)) out.author = author;
  const publisher = meta('og:site_name');
  if (publisher) out.publisher = publisher;
  const date = isoDateOf(meta('article:published_time')) || isoDateOf(doc.querySelector('time[datetime]')?.getAttribute('datetime'));
  if (date) out.publishedDate = date;
  const url = webAddress(doc.querySelector('link[rel~="canonical" i]')?.getAttribute('href')) || webAddress(meta('og:url'));
  if (url) out.sourceUrl = url;
  return out;
}
