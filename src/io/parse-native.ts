/**
 * Reading a native export back: bytes or text → a checked `NativeExport`, or the reasons it cannot be
 * imported, with the JSON path of each problem ("annotations[3].anchor.start: expected a whole number ≥ 0").
 *
 * Why it exists: an import may come from anyone, so nothing in the file is trusted. The checks run in
 * this order, each refusing the file before the next is tried: size (before parsing), encoding, JSON
 * syntax, nesting depth and dangerous keys (native-file-checks.ts), the format and version, every
 * field of every record (native-schema.ts, over the checks of check-values.ts), then what a schema
 * cannot say (native-consistency.ts). Text hashes need Web Crypto and so are checked apart,
 * asynchronously (`verifyTextHashes`). Pure: it runs in the import worker (workers/import-library.worker.ts).
 */
import { BAD, MAX_COLLECTED_ERRORS, type Ctx } from './check-values';
import { sha256Hex } from './hash';
import { consistencyProblems } from './native-consistency';
import { formatProblem, MAX_SHOWN_ERRORS, structureProblems, syntaxProblem } from './native-file-checks';
import type { NativeExport } from './native-json';
import { checkNativeExport } from './native-schema';
import { fail, ok, type Result } from './result';

/**
 * The largest file imported, in bytes. Checked before the file is read or parsed. A library of 1,000
 * documents and 100,000 annotations exports to about 96 MB (bench/results/library-scale.md), so the
 * limit leaves room for twice that; parsing such a file takes well under 1 GB of the tab's memory.
 */
export const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

export { FORBIDDEN_KEYS, MAX_DEPTH, MAX_SHOWN_ERRORS } from './native-file-checks';

/** "52.4 MB" */
export const formatMegabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Why a file of `bytes` bytes is refused before reading it, or null when its size is acceptable. */
export function sizeProblem(bytes: number, fileName: string): string | null {
  if (bytes <= MAX_IMPORT_BYTES) return null;
  return `${fileName} is ${formatMegabytes(bytes)}; Marginalia imports library files of up to ${formatMegabytes(MAX_IMPORT_BYTES)}. Nothing was imported.`;
}

/** UTF-8 length of `s` in bytes, counted without encoding it. */
function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}


/** The first problems, and a count of the others. */
function refusal(fileName: string, errors: readonly string[]): Result<never> {
  const shown = errors.slice(0, MAX_SHOWN_ERRORS);
  const more = errors.length - shown.length;
  const counted = errors.length >= MAX_COLLECTED_ERRORS ? `at least ${more}` : String(more);
  const intro = `${fileName} cannot be imported: ${errors.length === 1 ? 'one problem' : `${errors.length >= MAX_COLLECTED_ERRORS ? 'many' : errors.length} problems`}. Nothing was imported.`;
  return fail(intro, ...shown, ...(more > 0 ? [`…and ${counted} more.`] : []));
}

/**
 * Read a native export from the bytes or text of a file. Nothing in the result shares an object with
 * the file's parse except the contents of history events' `before` and `after`, which hold no
 * forbidden key. Text hashes are not checked here (see `verifyTextHashes`).
 */
export function parseNative(input: string | Uint8Array, fileName = 'The file'): Result<NativeExport> {
  const size = typeof input === 'string' ? utf8Length(input) : input.byteLength;
  const tooBig = sizeProblem(size, fileName);
  if (tooBig) return fail(tooBig);
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch {
      return fail(`${fileName} is not UTF-8 text, so it is not a Marginalia export.`);
    }
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') return fail(`${fileName} is empty.`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return fail(syntaxProblem(text, error, fileName));
  }
  const structure = structureProblems(value, fileName);
  if (structure.length > 0) return structure.length === 1 && structure[0]!.startsWith(fileName) ? fail(structure[0]!) : refusal(fileName, structure);
  const format = formatProblem(value, fileName);
  if (format) return fail(format);
  const ctx: Ctx = { errors: [] };
  const checked = checkNativeExport(value, '', ctx);
  if (checked === BAD) return refusal(fileName, ctx.errors);
  consistencyProblems(checked, ctx);
  return ctx.errors.length > 0 ? refusal(fileName, ctx.errors) : ok(checked);
}

/** Check every document's and annotation's text hash against its document's text. */
export async function verifyTextHashes(x: NativeExport, fileName = 'The file'): Promise<Result<NativeExport>> {
  const errors: string[] = [];
  for (const [i, d] of x.documents.entries()) {
    if ((await sha256Hex(d.text)) !== d.textHash) errors.push(`documents[${i}].textHash: is not the SHA-256 of the document's text; the text or its hash was changed`);
  }
  return errors.length > 0 ? refusal(fileName, errors) : ok(x);
}

/** parseNative, then verifyTextHashes: everything an import needs checked. */
export async function readNativeExport(input: string | Uint8Array, fileName = 'The file'): Promise<Result<NativeExport>> {
  const parsed = parseNative(input, fileName);
  return parsed.ok ? verifyTextHashes(parsed.value, fileName) : parsed;
}
