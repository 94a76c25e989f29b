/** .docx import in a real browser: mammoth's HTML, sanitized and converted like a web page. */
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../src/io/import-document';
import { plainTextOf, type Block } from '../../src/model/document';
import { MARKUP_READERS } from '../../src/ui/read-html';
import { makeDocx, para, run, sampleDocx, zip } from '../docx-fixture';

const NOW = '2026-04-02T10:00:00.000Z';

const errorsOf = (r: { ok: boolean; errors?: string[] }): string => (r.ok ? '' : (r.errors ?? []).join(' '));

describe('importing a .docx', () => {
  it('keeps the heading, paragraphs, bold, italic and the link target; the title is the first heading', async () => {
    const result = await importBytes(sampleDocx(), 'kelmar.docx', NOW, 'doc-1', {}, MARKUP_READERS);
    expect(errorsOf(result)).toBe('');
    if (!result.ok) return;
    const doc = result.value;
    expect(doc.format).toBe('docx');
    expect(doc.title).toBe('Crane collapse at Kelmar harbour');
    expect(doc.content).toEqual<Block[]>([
      { type: 'heading', level: 1, content: [{ text: 'Crane collapse at Kelmar harbour' }] },
      {
        type: 'paragraph',
        content: [
          { text: 'A loading crane fell across berth 4 on ' },
          { text: 'Monday', marks: ['strong'] },
          { text: ', the port authority said in a ' },
          { text: 'notice', href: 'https://port.example/notice' },
          { text: '.' },
        ],
      },
      { type: 'paragraph', content: [{ text: 'Two workers', marks: ['em'] }, { text: ' were treated for minor injuries; the berth stays closed until 12 May.' }] },
    ]);
    expect(doc.text).toBe(plainTextOf(doc.content));
    expect(doc.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes the file name as the title when there is no heading, and reads a Word document whatever its name', async () => {
    const noHeading = makeDocx([para(run('Only a paragraph about the berth.'))]);
    const result = await importBytes(noHeading, 'berth notes.txt', NOW, 'doc-2', {}, MARKUP_READERS);
    expect(result.ok && result.value.title).toBe('berth notes');
    expect(result.ok && result.value.format).toBe('docx');
  });

  it('refuses a document with no text, a damaged archive and a ZIP that is not a Word document', async () => {
    expect(errorsOf(await importBytes(makeDocx([para('')]), 'blank.docx', NOW, 'd', {}, MARKUP_READERS))).toContain('blank.docx has no text to annotate');
    const damaged = sampleDocx().slice(0, 300);
    expect(errorsOf(await importBytes(damaged, 'cut.docx', NOW, 'd', {}, MARKUP_READERS))).toContain('cut.docx could not be read as a Word document');
    const other = zip({ 'mimetype': 'application/epub+zip', 'content.opf': '<package/>' });
    expect(errorsOf(await importBytes(other, 'book.docx', NOW, 'd', {}, MARKUP_READERS))).toContain('book.docx could not be read as a Word document');
  });
});
