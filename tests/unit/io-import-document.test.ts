import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_EXTENSIONS, extensionOf, formatOfFileName, importBytes, importDocument, truncateTitle } from '../../src/io/import-document';
import { sha256Hex } from '../../src/io/hash';
import type { Result } from '../../src/io/result';
import { codePointLength, plainTextOf, type DocumentRecord } from '../../src/model/document';

const NOW = '2026-11-22T10:30:00.000Z';
const ID = '0b6f5a8e-3c1d-4e2f-9a7b-5c4d3e2f1a0b';

function value<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected ok, got ${r.errors.join('; ')}`);
  return r.value;
}
function errors<T>(r: Result<T>): string {
  if (r.ok) throw new Error('expected a failure');
  return r.errors.join(' ');
}
const load = async (fileName: string, text: string, format?: 'text' | 'markdown'): Promise<DocumentRecord> =>
  value(await importDocument({ fileName, text, format }, NOW, ID));

describe('sha256Hex', () => {
  it('is the lower-case hex SHA-256 of the UTF-8 bytes', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    // UTF-8, not UTF-16: "é" is C3 A9.
    for (const s of ['\u00e9', 'Привет 😀', 'a\r\nb']) {
      expect(await sha256Hex(s)).toBe(createHash('sha256').update(Buffer.from(s, 'utf8')).digest('hex'));
    }
    expect(await sha256Hex('e\u0301')).not.toBe(await sha256Hex('\u00e9'));
  });
});

describe('file names and formats', () => {
  it('takes the format from the extension, case-insensitively', () => {
    expect(value(formatOfFileName('a.md'))).toBe('markdown');
    expect(value(formatOfFileName('a.MARKDOWN'))).toBe('markdown');
    expect(value(formatOfFileName('a.TXT'))).toBe('text');
    expect(value(formatOfFileName('a.text'))).toBe('text');
    expect(value(formatOfFileName('README'))).toBe('text');
    expect(value(formatOfFileName(''))).toBe('text');
    expect(extensionOf('.hidden')).toBe('');
    expect(extensionOf('dir.v2/notes')).toBe('');
    expect(extensionOf('Report.Final.MD')).toBe('.md');
  });

  it('rejects other extensions with a clear message', () => {
    expect(errors(formatOfFileName('notes.pdf'))).toContain('notes.pdf: Marginalia imports .txt, .md, .html and .docx files');
    expect(errors(formatOfFileName('page.odt'))).toContain('page.odt:');
    expect(value(formatOfFileName('page.HTM'))).toBe('html');
    expect(value(formatOfFileName('report.docx'))).toBe('docx');
    expect(SUPPORTED_EXTENSIONS).toEqual(['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.docx']);
  });
});

describe('importDocument', () => {
  it('derives the plain text, its hash and length, and fills the record', async () => {
    const doc = await load('story.md', '# Title\n\nBody with *em* 😀.\n');
    expect(doc).toEqual({
      id: ID,
      title: 'Title',
      sourceUrl: '',
      publisher: '',
      author: '',
      publishedDate: '',
      retrievedAt: NOW,
      format: 'markdown',
      fileName: 'story.md',
      content: [
        { type: 'heading', level: 1, content: [{ text: 'Title' }] },
        { type: 'paragraph', content: [{ text: 'Body with ' }, { text: 'em', marks: ['em'] }, { text: ' 😀.' }] },
      ],
      text: 'Title\n\nBody with em 😀.',
      textHash: await sha256Hex('Title\n\nBody with em 😀.'),
      length: codePointLength('Title\n\nBody with em 😀.'),
      created: NOW,
      modified: NOW,
    });
    expect(doc.length).toBe(22); // the emoji is one code point (two UTF-16 units)
    expect(doc.text.length).toBe(23);
    expect(doc.text).toBe(plainTextOf(doc.content));
  });

  it('hashes exactly the plain text: "abc" gives the known SHA-256', async () => {
    const doc = await load('abc.txt', 'abc\n');
    expect(doc.text).toBe('abc');
    expect(doc.textHash).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('uses the first heading as the title, wherever it is', async () => {
    expect((await load('a.md', 'Intro paragraph\n\n## Section *one*\n\n# Later')).title).toBe('Section one');
    // A setext heading broken over two lines by a hard break becomes a one-line title.
    expect((await load('a.md', 'Dam breach\\\n  kills 47\n===\n\nBody')).title).toBe('Dam breach kills 47');
  });

  it('falls back to the first line, trimmed and cut at 120 characters with an ellipsis', async () => {
    expect((await load('a.txt', '\n\n   First line here  \nsecond line\n\nmore')).title).toBe('First line here');
    const long = 'word '.repeat(60).trim();
    const title = (await load('long.txt', long)).title;
    expect(codePointLength(title)).toBeLessThanOrEqual(120);
    expect(title.endsWith('…')).toBe(true);
    expect(title).toMatch(/^(word )+word…$/);
    // Never cuts an astral character in half.
    const emoji = truncateTitle('😀'.repeat(200));
    expect(emoji).toBe('😀'.repeat(119) + '…');
    expect(truncateTitle('short')).toBe('short');
  });

  it('prefers a given title and other metadata; a blank title counts as not given', async () => {
    const meta = { title: '  Given  ', publisher: 'Herald', author: 'A. Writer', publishedDate: '2026-11-15', sourceUrl: 'https://h.example/x', retrievedAt: '2026-11-20T08:00:00.000Z' };
    const doc = value(await importDocument({ fileName: 'x.md', text: '# Heading' }, NOW, ID, meta));
    expect(doc).toMatchObject({ ...meta, title: 'Given', created: NOW, modified: NOW });
    expect(value(await importDocument({ fileName: '', text: 'Pasted first line', format: 'text' }, NOW, ID, { title: ' ' })).title).toBe('Pasted first line');
  });

  it('takes the format from the extension unless one is given', async () => {
    expect((await load('a.txt', '# Not a heading')).content).toEqual([{ type: 'paragraph', content: [{ text: '# Not a heading' }] }]);
    expect((await load('a.txt', '# A heading', 'markdown')).content[0]!.type).toBe('heading');
    expect((await load('', 'no name')).format).toBe('text');
    expect(errors(await importDocument({ fileName: 'a.pdf', text: 'x' }, NOW, ID))).toContain('a.pdf: Marginalia imports .txt, .md, .html and .docx files');
    // HTML needs the browser's readers; without them the reviewer is told, nothing is guessed.
    expect(errors(await importDocument({ fileName: 'a.html', text: '<p>x</p>' }, NOW, ID))).toContain('a.html is a web page, and web pages can only be imported in the browser');
  });

  it('fails when there is no text to annotate', async () => {
    expect(errors(await importDocument({ fileName: 'rules.md', text: '---\n\n![](a.png)\n' }, NOW, ID))).toContain('rules.md has no text');
    expect(errors(await importDocument({ fileName: '', text: '  \n ', format: 'text' }, NOW, ID))).toContain('The pasted text has no text');
  });

  it('drops a leading byte order mark from pasted text', async () => {
    expect((await load('', '\uFEFFHello')).text).toBe('Hello');
  });
});

describe('importBytes', () => {
  const utf8 = (s: string) => new TextEncoder().encode(s);

  it('decodes and imports a UTF-8 file, CRLF and BOM included', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Заголовок\r\n\r\nТекст статьи.\r\n')]);
    const doc = value(await importBytes(bytes, 'статья.txt', NOW, ID));
    expect(doc.text).toBe('Заголовок\n\nТекст статьи.');
    expect(doc.title).toBe('Заголовок');
    expect(doc.fileName).toBe('статья.txt');
  });

  it('rejects unsupported extensions before reading, and passes decoding errors through', async () => {
    expect(errors(await importBytes(utf8('%PDF-1.4'), 'notes.pdf', NOW, ID))).toBe(
      'notes.pdf: Marginalia imports .txt, .md, .html and .docx files (plain text, Markdown, web pages and Word documents).',
    );
    // A .docx that is not a ZIP (an old .doc renamed), and a Word document named .txt, go the .docx way.
    expect(errors(await importBytes(utf8('\u00d0\u00cf old doc'), 'old.docx', NOW, ID))).toContain('old.docx is not a Word document (.docx)');
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('....word/document.xml')]);
    expect(errors(await importBytes(zip, 'report.txt', NOW, ID))).toContain('report.txt is a Word document');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    expect(errors(await importBytes(png, 'photo.txt', NOW, ID))).toContain('photo.txt looks like a PNG image, not text');
    expect(errors(await importBytes(new Uint8Array(0), 'empty.md', NOW, ID))).toContain('empty.md is empty');
  });

  it('keeps Arabic, Cyrillic and emoji text exactly, including combining marks', async () => {
    const text = 'قال المتحدث إن السد انهار.\n\nПлотина — 😀 — e\u0301';
    const doc = value(await importBytes(utf8(text), 'mixed.md', NOW, ID));
    expect(doc.text).toBe(text);
    expect(doc.textHash).toBe(await sha256Hex(text));
    expect(doc.length).toBe(Array.from(text).length);
  });
});
