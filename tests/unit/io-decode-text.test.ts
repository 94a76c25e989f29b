import { describe, expect, it } from 'vitest';
import { decodeTextFile, firstInvalidUtf8Offset } from '../../src/io/decode-text';
import type { Result } from '../../src/io/result';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | Uint8Array)[]): Uint8Array => {
  const out: number[] = [];
  for (const p of parts) out.push(...p);
  return new Uint8Array(out);
};

function value(r: Result<string>): string {
  if (!r.ok) throw new Error(`expected ok, got ${r.errors.join('; ')}`);
  return r.value;
}
function errors(r: Result<string>): string {
  if (r.ok) throw new Error(`expected a failure, got ${JSON.stringify(r.value.slice(0, 40))}`);
  expect(r.errors.length).toBeGreaterThan(0);
  return r.errors.join(' ');
}

/** Deterministic pseudo-random bytes (a linear congruential generator), so failures reproduce. */
function noise(n: number, seed = 42): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

describe('decodeTextFile: bad input becomes a message naming the file', () => {
  it('rejects an empty file and a file of only whitespace', () => {
    expect(errors(decodeTextFile(new Uint8Array(0), 'empty.txt'))).toMatch(/^empty\.txt is empty/);
    expect(errors(decodeTextFile(utf8('  \n\t\r\n  \n'), 'blank.md'))).toMatch(/^blank\.md is empty/);
    expect(errors(decodeTextFile(bytes([0xef, 0xbb, 0xbf]), 'bom-only.txt'))).toMatch(/is empty/);
  });

  it('names known binary formats by their signature', () => {
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], noise(200));
    expect(errors(decodeTextFile(png, 'photo.txt'))).toContain('photo.txt looks like a PNG image, not text');
    expect(errors(decodeTextFile(bytes([0xff, 0xd8, 0xff, 0xe0], noise(50)), 'a.txt'))).toContain('a JPEG image');
    expect(errors(decodeTextFile(bytes(utf8('GIF89a'), noise(50)), 'a.txt'))).toContain('a GIF image');
    expect(errors(decodeTextFile(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'notes.txt'))).toContain('notes.txt looks like a PDF document');
    expect(errors(decodeTextFile(bytes([0x50, 0x4b, 0x03, 0x04], noise(26), utf8('xl/workbook.xml')), 'a.md'))).toContain('a ZIP archive');
    expect(errors(decodeTextFile(bytes([0x1f, 0x8b, 0x08, 0x00], noise(50)), 'a.txt'))).toContain('gzip');
  });

  it('recognizes a Word document among ZIP archives', () => {
    const docx = bytes([0x50, 0x4b, 0x03, 0x04], noise(26), utf8('[Content_Types].xml'), noise(300), utf8('word/document.xml'));
    expect(errors(decodeTextFile(docx, 'report.txt'))).toContain('report.txt looks like a Word document (.docx), not text');
  });

  it('rejects random binary data with no known signature', () => {
    const random = noise(4096, 7);
    expect(errors(decodeTextFile(random, 'data.txt'))).toBe('data.txt looks like a binary file, not text.');
    // NUL bytes alone are enough, even in otherwise readable text.
    expect(errors(decodeTextFile(bytes(utf8('hello'), [0], utf8('world')), 'nul.txt'))).toContain('binary');
    // More than 10% control characters (no NUL) in the first 8 KB.
    const controls = bytes(utf8('a'.repeat(80)), new Array<number>(20).fill(0x01));
    expect(errors(decodeTextFile(controls, 'ctl.txt'))).toContain('binary');
  });

  it('accepts a few control characters (a stray form feed, escape or tab)', () => {
    const text = 'Page one\f\nPage two\twith a tab and an \u001b escape.\n' + 'Plain line.\n'.repeat(5);
    expect(value(decodeTextFile(utf8(text), 'ok.txt'))).toBe(text);
  });

  it('rejects a 20 MB file, saying the size and the limit', () => {
    const big = new Uint8Array(20 * 1024 * 1024).fill(0x61);
    const message = errors(decodeTextFile(big, 'huge.txt'));
    expect(message).toContain('huge.txt is 20 MB');
    expect(message).toContain('up to 10 MB');
    // Just over the limit never reads as "10 MB … up to 10 MB".
    expect(errors(decodeTextFile(new Uint8Array(10 * 1024 * 1024 + 1).fill(0x61), 'edge.txt'))).toContain('edge.txt is 10.1 MB');
    // The limit can be changed.
    expect(errors(decodeTextFile(utf8('0123456789'), 'small.txt', { maxBytes: 5 }))).toContain('small.txt is');
    expect(value(decodeTextFile(new Uint8Array(10 * 1024 * 1024).fill(0x61), 'at-limit.txt')).length).toBe(10 * 1024 * 1024);
  });

  it('rejects invalid UTF-8, giving the offset of the first bad byte and what to do', () => {
    // "café" in Windows-1252: é is the single byte 0xE9 at offset 3.
    const latin1 = bytes(utf8('caf'), [0xe9], utf8(' au lait\n'));
    const message = errors(decodeTextFile(latin1, 'menu.txt'));
    expect(message).toContain('menu.txt is not valid UTF-8');
    expect(message).toContain('byte 3 ');
    expect(message).toContain('line 1');
    expect(message).toContain('save it as UTF-8');
    // Later in the file, after valid multi-byte characters, on line 3.
    const later = bytes(utf8('Привет\nмир 😀\n'), [0xc3, 0x28], utf8(' end'));
    const offset = utf8('Привет\nмир 😀\n').length;
    const laterMessage = errors(decodeTextFile(later, 'later.md'));
    expect(laterMessage).toContain(`byte ${offset} `);
    expect(laterMessage).toContain('line 3');
    // Offsets count from the start of the file, BOM included.
    expect(errors(decodeTextFile(bytes([0xef, 0xbb, 0xbf], utf8('ab'), [0xff]), 'bom.txt'))).toContain('byte 5 ');
  });

  it('finds the first ill-formed UTF-8 sequence exactly as a fatal TextDecoder defines it', () => {
    expect(firstInvalidUtf8Offset(utf8('plain ascii'))).toBe(-1);
    expect(firstInvalidUtf8Offset(utf8('ß中😀'))).toBe(-1);
    expect(firstInvalidUtf8Offset(bytes([0x61, 0x80]))).toBe(1); // lone continuation byte
    expect(firstInvalidUtf8Offset(bytes([0x61, 0xc0, 0xaf]))).toBe(1); // overlong "/"
    expect(firstInvalidUtf8Offset(bytes([0xe0, 0x80, 0xaf]))).toBe(0); // overlong 3-byte
    expect(firstInvalidUtf8Offset(bytes([0x61, 0x62, 0xed, 0xa0, 0x80]))).toBe(2); // UTF-16 surrogate D800
    expect(firstInvalidUtf8Offset(bytes([0xf4, 0x90, 0x80, 0x80]))).toBe(0); // above U+10FFFF
    expect(firstInvalidUtf8Offset(bytes([0x61, 0xe2, 0x82]))).toBe(1); // cut off by the end of the file
    expect(firstInvalidUtf8Offset(bytes([0xf5]))).toBe(0);
    // Agrees with TextDecoder on random input: valid exactly when the offset is -1.
    for (let seed = 1; seed < 200; seed++) {
      const sample = noise(12, seed).map((b) => (b < 0x60 ? b + 0x20 : b));
      let decodes = true;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(sample);
      } catch {
        decodes = false;
      }
      expect(firstInvalidUtf8Offset(sample) === -1).toBe(decodes);
    }
  });
});

describe('decodeTextFile: good text comes through unchanged apart from BOM and line ends', () => {
  it('strips a UTF-8 byte order mark', () => {
    expect(value(decodeTextFile(bytes([0xef, 0xbb, 0xbf], utf8('Hello')), 'bom.txt'))).toBe('Hello');
  });

  it('normalizes CRLF and lone CR to LF', () => {
    expect(value(decodeTextFile(utf8('one\r\ntwo\r\n\r\nthree\rfour\n'), 'win.txt'))).toBe('one\ntwo\n\nthree\nfour\n');
  });

  it('decodes UTF-16 with a byte order mark, little and big endian', () => {
    const text = 'Grüße, мир 😀\r\nline two';
    const le: number[] = [0xff, 0xfe];
    const be: number[] = [0xfe, 0xff];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le.push(c & 0xff, c >> 8);
      be.push(c >> 8, c & 0xff);
    }
    expect(value(decodeTextFile(new Uint8Array(le), 'le.txt'))).toBe('Grüße, мир 😀\nline two');
    expect(value(decodeTextFile(new Uint8Array(be), 'be.txt'))).toBe('Grüße, мир 😀\nline two');
    // A lone surrogate or an odd number of bytes is not UTF-16.
    expect(errors(decodeTextFile(new Uint8Array([0xff, 0xfe, 0x3d, 0xd8, 0x61, 0x00]), 'bad16.txt'))).toContain('not valid UTF-16');
    expect(errors(decodeTextFile(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x62]), 'odd16.txt'))).toContain('not valid UTF-16');
  });

  it('round-trips Cyrillic, Arabic, CJK, emoji and combining marks without normalizing them', () => {
    const samples = [
      'Министерство заявило, что плотина была проверена в 2019 году.',
      'قالت الوزارة إن السد فُحص عام ٢٠١٩.',
      '水坝于二〇一九年检查过。',
      'Family: 👨‍👩‍👧‍👦, flag: 🇺🇦, skin tone: 👍🏽, astral: 𝔘𠀋',
      'Cafe\u0301 (e + combining acute) and Café (precomposed) stay different.',
      'Hangul jamo: \u1100\u1161 vs 가',
    ];
    for (const s of samples) {
      const out = value(decodeTextFile(utf8(s), 'sample.txt'));
      expect(out).toBe(s);
      expect(out.length).toBe(s.length);
    }
  });
});
