/**
 * The browser half of HTML and .docx import: parse, extract the article, sanitize, then hand the
 * clean DOM to the pure converter (io/html-to-blocks.ts). These are the `MarkupReaders` that
 * io/import-document.ts routes files to.
 *
 * Why it exists, and why here: parsing needs DOMParser and the sanitizer needs `window`, which the io
 * layer may not touch. Safety rests on three rules, each enough alone for scripts:
 * 1. Imported HTML is only ever parsed with DOMParser, into a document that has no browsing context:
 *    its scripts never run, its images never load, its event handlers never fire. Nothing imported is
 *    inserted into the live page; the reader later shows the blocks, as text.
 * 2. DOMPurify (which also parses into an inert document) keeps only the elements the converter
 *    understands and one attribute, href, whose value must be a safe address.
 * 3. The converter reads text and href only, and drops script-like elements itself.
 * The libraries are loaded on demand, so the main chunk does not carry them.
 */
import type { Config } from 'dompurify';
import { textBlocksOf, textOfBlock, type Block } from '../model/document';
import { htmlMetadataOf, htmlToBlocks, cleanByline, isoDateOf } from '../io/html-to-blocks';
import type { MarkupRead, MarkupReaders } from '../io/import-document';
import { fail, ok, type Result } from '../io/result';

/** What survives sanitizing: the structure the converter maps to blocks, and link targets. */
const SANITIZE = {
  ALLOWED_TAGS: [
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'blockquote', 'ul', 'ol', 'li', 'pre',
    'em', 'i', 'cite', 'dfn', 'strong', 'b', 'code', 'kbd', 'samp', 'tt', 'var', 'a',
    'div', 'span', 'section', 'article', 'main', 'header', 'footer', 'figure', 'figcaption',
    'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'dl', 'dt', 'dd',
    'sup', 'sub', 'small', 'mark', 'u', 's', 'del', 'ins', 'abbr', 'q', 'time', 'address', 'center',
  ],
  ALLOWED_ATTR: ['href'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  // Controls and embedded content go with their text ("Subscribe", a select's options).
  ADD_FORBID_CONTENTS: ['button', 'select', 'textarea', 'form', 'object', 'embed', 'canvas', 'picture', 'nav'],
  RETURN_DOM: true as const,
} satisfies Config;

/** A placeholder base for pages that do not say where they live, so relative links stay relative. */
const NO_BASE = 'https://relative.invalid/';

/** An href resolved against NO_BASE made relative again; any other href unchanged. */
function unbase(href: string): string {
  return href.startsWith(NO_BASE) ? `/${href.slice(NO_BASE.length)}` : href;
}

function unbaseBlocks(blocks: Block[]): Block[] {
  for (const b of blocks) {
    if (b.type === 'heading' || b.type === 'paragraph') {
      for (const run of b.content) if (run.href !== undefined) run.href = unbase(run.href);
    } else if (b.type === 'blockquote') unbaseBlocks(b.content);
    else for (const item of b.items) unbaseBlocks(item);
  }
  return blocks;
}

/**
 * Prepare the parsed page. NOTE mutates `doc` (an inert copy nobody else sees):
 * - event-handler attributes are removed at once, so no later parse or copy meets them again (the
 *   app's Content Security Policy reports each one it meets as blocked; DOMPurify would drop them anyway);
 * - relative links are made absolute against the page's address — its <base>, else its canonical
 *   URL, else a placeholder removed again afterwards — because Readability resolves them against the
 *   document's base, which for a parsed string is this app's own address (and the app's policy
 *   forbids a <base>). In-page links ("#notes") are left alone.
 */
function prepare(doc: Document, sourceUrl: string | undefined): void {
  for (const el of Array.from(doc.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) if (/^on/i.test(attr.name)) el.removeAttribute(attr.name);
  }
  const declared = doc.querySelector('base[href]')?.getAttribute('href') ?? '';
  const base = /^https?:\/\//i.test(declared) ? declared : sourceUrl || NO_BASE;
  for (const a of Array.from(doc.querySelectorAll('a[href]'))) {
    const href = (a.getAttribute('href') ?? '').trim();
    if (href.startsWith('#') || /^[a-z][a-z0-9+.-]*:/i.test(href)) continue;
    try {
      a.setAttribute('href', new URL(href, base).href);
    } catch {
      a.removeAttribute('href');
    }
  }
}

const collapse = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

/**
 * Readability removes the headline that repeats the page title; a fact-checker needs it (headlines
 * carry claims). When the page has an h1 or h2 whose text is the article's title and the blocks do
 * not hold it, it goes back in front, as a level-1 heading with the page's own words.
 */
function keepHeadline(doc: Document, title: string | null | undefined, blocks: Block[]): Block[] {
  const wanted = collapse(title).toLowerCase();
  if (!wanted) return blocks;
  const headline = Array.from(doc.querySelectorAll('h1, h2'))
    .map((h) => collapse(h.textContent))
    .find((t) => t !== '' && wanted.includes(t.toLowerCase()) && t.length >= wanted.length / 2);
  if (!headline || textBlocksOf(blocks).some((b) => collapse(textOfBlock(b)) === headline)) return blocks;
  return [{ type: 'heading', level: 1, content: [{ text: headline }] }, ...blocks];
}

/** Whether the source is a whole page (it names html, head or body), not a fragment copied from one. */
const isWholePage = (source: string): boolean => /<(html|head|body)[\s>]/i.test(source);

/** Sanitize HTML (DOMPurify parses it into its own inert document) and convert it to blocks. */
async function sanitizeToBlocks(html: string): Promise<Block[]> {
  const { default: DOMPurify } = await import('dompurify');
  const clean = DOMPurify.sanitize(html, SANITIZE);
  return unbaseBlocks(htmlToBlocks(clean));
}

/**
 * HTML source → blocks and metadata. A whole page that reads as an article (Readability's
 * isProbablyReaderable) goes through Readability, which finds the article among navigation,
 * advertising and comments; a fragment (pasted from a selection) is kept whole, as the reviewer chose
 * it, and so is a short page that is not an article. When Readability finds nothing, the whole body
 * is used.
 */
export async function readHtml(source: string): Promise<MarkupRead> {
  const doc = new DOMParser().parseFromString(source, 'text/html');
  const meta = htmlMetadataOf(doc);
  prepare(doc, meta.sourceUrl);
  if (!isWholePage(source)) return { blocks: await sanitizeToBlocks(doc.body.innerHTML), meta };

  const { Readability, isProbablyReaderable } = await import('@mozilla/readability');
  // A short page that does not read as an article (a notice, a list of links) would lose most of its
  // text to Readability's clean-up: it is kept whole, like a fragment.
  if (!isProbablyReaderable(doc)) return { blocks: await sanitizeToBlocks(doc.body.innerHTML), meta };
  // Readability changes the document it reads, so it gets a copy; it gives back the article's HTML.
  const article = new Readability(doc.cloneNode(true) as Document).parse();
  const fromArticle = article?.content ? await sanitizeToBlocks(article.content) : [];
  const blocks = fromArticle.length > 0 ? keepHeadline(doc, article?.title, fromArticle) : await sanitizeToBlocks(doc.body.innerHTML);
  if (article) {
    if (article.title?.trim()) meta.title = article.title.replace(/\s+/g, ' ').trim();
    const byline = cleanByline(article.byline);
    if (byline && !meta.author && byline.length <= 200) meta.author = byline;
    if (article.siteName?.trim() && !meta.publisher) meta.publisher = article.siteName.trim();
    if (!meta.publishedDate) {
      const date = isoDateOf(article.publishedTime);
      if (date) meta.publishedDate = date;
    }
  }
  return { blocks, meta };
}

/**
 * A .docx → blocks, through mammoth's HTML (images left out), the same sanitizer and converter,
 * without Readability: the whole document is the article. The title is left to the first heading or
 * the file name (import-document.ts).
 */
export async function readDocx(bytes: Uint8Array, fileName: string): Promise<Result<MarkupRead>> {
  const { default: mammoth } = await import('mammoth');
  let html: string;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const result = await mammoth.convertToHtml(
      { arrayBuffer: buffer },
      // Images are not imported: do not spend time encoding them.
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })), externalFileAccess: false },
    );
    html = result.value;
  } catch (error) {
    return fail(`${fileName} could not be read as a Word document (${error instanceof Error ? error.message : String(error)}). Open it in Word or LibreOffice and save it again as .docx, or as plain text.`);
  }
  return ok({ blocks: await sanitizeToBlocks(html), meta: {} });
}

/** The readers io/import-document.ts routes HTML and .docx files to. */
export const MARKUP_READERS: MarkupReaders = {
  readHtml: (source) => readHtml(source),
  readDocx,
};
