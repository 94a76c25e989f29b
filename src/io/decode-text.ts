/**
 * Turning the bytes of an uploaded file into text, or into a message the reviewer can act on.
 *
 * Why it exists: people drop all sorts of files on an import button — a PDF renamed .txt, a Word
 * document, a file saved as Windows-1252, a 40 MB log. Each should fail with a sentence that names
 * the file and says what is wrong, not with mojibake or a frozen tab. The checks run cheapest first:
 * emptiness, known binary signatures, size, then a look at the first 8 KB, then strict decoding.
 *
 * What it does to good text (docs/format.md, "From file to text"):
 * - UTF-8 is the encoding; a UTF-8 byte order mark is removed. UTF-16 with a byte order mark
 *   (FF FE or FE FF) is decoded as UTF-16. Anything else must be valid UTF-8.
 * - CRLF and lone CR line ends become LF.
 * - No Unicode normalization: "e" + combining acute stays two code points, because annotation
 *   offsets count code points and must match the text other tools read from the same file.
 */
import { fail, ok, type Result } from './result';

/** Size limits for decoding. */
export interface DecodeLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
}

/** 10 MB: far more than any article, small enough to parse and render without freezing the tab. */
export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxBytes: 10 * 1024 * 1024 };

/** How much of the start of a file the binary heuristic looks at. */
const SNIFF_BYTES = 8 * 1024;
/** Share of control characters in the sniffed bytes above which a file is taken to be binary. */
const MAX_CONTROL_SHARE = 0.1;

interface Signature {
  bytes: readonly number[];
  name: string;
}

/** File signatures ("magic numbers") of formats people commonly mistake for text. */
const SIGNATURES: readonly Signature[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], name: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61], name: 'a GIF image' }, // GIF87a
  { bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61], name: 'a GIF image' }, // GIF89a
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], name: 'a PDF document' }, // %PDF-
  { bytes: [0x50, 0x4b, 0x03, 0x04], name: 'a ZIP archive' }, // PK.. (also .docx, .xlsx, .epub, .odt)
  { bytes: [0x50, 0x4b, 0x05, 0x06], name: 'a ZIP archive' }, // empty archive
  { bytes: [0x1f, 0x8b], name: 'a gzip-compressed file' },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);

/** Whether the ASCII string `needle` occurs in `bytes` (used to tell a .docx from another ZIP). */
function containsAscii(bytes: Uint8Array, needle: string): boolean {
  const codes = Array.from(needle, (c) => c.charCodeAt(0));
  outer: for (let i = 0; i + codes.length <= bytes.length; i++) {
    for (let j = 0; j < codes.length; j++) if (bytes[i + j] !== codes[j]) continue outer;
    return true;
  }
  return false;
}

/** The name of the binary format `bytes` starts with, or null when it has no known signature. */
function knownFormat(bytes: Uint8Array): string | null {
  const signature = SIGNATURES.find((s) => startsWith(bytes, s.bytes));
  if (!signature) return null;
  // A .docx is a ZIP whose entries live under word/; the name appears in the first local header(s).
  if (signature.name === 'a ZIP archive' && containsAscii(bytes.subarray(0, SNIFF_BYTES), 'word/')) {
    return 'a Word document (.docx)';
  }
  return signature.name;
}

/** Control characters that never occur in text (everything below space except tab, LF, FF, CR; and DEL). */
const isControl = (b: number): boolean => (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f;

/** Whether the first 8 KB of `bytes` hold a NUL or more than 10% control characters. */
function looksBinary(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, SNIFF_BYTES);
  let controls = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (isControl(b)) controls++;
  }
  return controls > head.length * MAX_CONTROL_SHARE;
}

/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence in `bytes`, or -1 if there is none.
 * Follows the well-formed byte sequences of Unicode table 3-7 (no overlongs, no surrogates, nothing
 * above U+10FFFF), which is what a fatal TextDecoder enforces. A sequence cut off by the end of the
 * file is ill-formed at its first byte.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      // Only the second byte has a narrowed range; the rest are plain continuation bytes.
      const min = k === 1 ? lo : 0x80;
      const max = k === 1 ? hi : 0xbf;
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** "20.1 MB": megabytes (2^20 bytes), rounded up to one decimal so a file just over the limit never reads as equal to it. */
function megabytes(n: number): string {
  const mb = Math.ceil((n / (1024 * 1024)) * 10) / 10;
  return `${Number.isInteger(mb) ? mb.toFixed(0) : mb.toFixed(1)} MB`;
}

/** Line number (1-based) of byte `offset`, counting LF bytes before it. */
function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Decode UTF-16 after its byte order mark; null if it is not well-formed (odd length, lone surrogate). */
function decodeUtf16(body: Uint8Array, bigEndian: boolean): string | null {
  if (body.length % 2 !== 0) return null;
  let le = body;
  if (bigEndian) {
    le = new Uint8Array(body.length);
    for (let i = 0; i < body.length; i += 2) {
      le[i] = body[i + 1]!;
      le[i + 1] = body[i]!;
    }
  }
  try {
    return new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(le);
  } catch {
    return null;
  }
}

/** Strict UTF-8 decoding (no replacement characters); null if `body` is not well-formed UTF-8. */
function decodeUtf8(body: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    return null;
  }
}

/** Whether decoded text holds a NUL or more than 10% control characters in its first 8 K code units. */
function textLooksBinary(text: string): boolean {
  const head = text.slice(0, SNIFF_BYTES);
  let controls = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 0) return true;
    if (isControl(c)) controls++;
  }
  return controls > head.length * MAX_CONTROL_SHARE;
}

/** LF line ends only. */
const normalizeLineEnds = (text: string): string => text.replace(/\r\n?/g, '\n');

/**
 * The text of the file `fileName` whose content is `bytes`, or the reasons it cannot be read as text.
 * Messages name the file. Line ends are normalized to LF and a byte order mark is removed; nothing
 * else about the text changes. Does not look at the extension (import-document.ts does).
 */
export function decodeTextFile(bytes: Uint8Array, fileName: string, limits: Partial<DecodeLimits> = {}): Result<string> {
  const { maxBytes } = { ...DEFAULT_DECODE_LIMITS, ...limits };
  const emptyMessage = `${fileName} is empty: there is no text to import.`;
  if (bytes.length === 0) return fail(emptyMessage);

  const format = knownFormat(bytes);
  if (format) {
    return fail(`${fileName} looks like ${format}, not text. Marginalia imports plain text (.txt), Markdown (.md), web pages (.html) and Word documents (.docx); save or export it as one of those first.`);
  }
  if (bytes.length > maxBytes) {
    return fail(`${fileName} is ${megabytes(bytes.length)}; Marginalia imports text files of up to ${megabytes(maxBytes)}. Split it into smaller files.`);
  }

  let text: string;
  const utf16le = startsWith(bytes, [0xff, 0xfe]);
  const utf16be = startsWith(bytes, [0xfe, 0xff]);
  if (utf16le || utf16be) {
    const decoded = decodeUtf16(bytes.subarray(2), utf16be);
    if (decoded === null) {
      return fail(`${fileName} starts like a UTF-16 text file but is not valid UTF-16. Save it as UTF-8 and import it again.`);
    }
    if (textLooksBinary(decoded)) return fail(`${fileName} looks like a binary file, not text.`);
    text = decoded;
  } else {
    if (looksBinary(bytes)) return fail(`${fileName} looks like a binary file, not text.`);
    const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
    const decoded = decodeUtf8(body);
    if (decoded === null) {
      // Only on failure: walk the bytes ourselves, since TextDecoder does not say where it failed.
      const offset = Math.max(0, firstInvalidUtf8Offset(body)) + (bytes.length - body.length);
      return fail(
        `${fileName} is not valid UTF-8: the first bad byte is at byte ${offset} (line ${lineOf(bytes, offset)}). ` +
          'It was probably saved in another encoding (such as Windows-1252 or Latin-1); save it as UTF-8 and import it again.',
      );
    }
    text = decoded;
  }

  if (text.trim() === '') return fail(emptyMessage);
  return ok(normalizeLineEnds(text));
}
