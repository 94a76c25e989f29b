/** Reading a file chosen as the new version of a document: parsed like an import (.txt, .md, .html, .docx), not yet stored. */
import type { DocumentRecord } from '../model/document';
import { importBytes } from '../io/import-document';
import { MARKUP_READERS } from './library-actions';

/** Files larger than this are not read into memory at all (io applies its own, smaller limit). */
const READ_LIMIT = 64 * 1024 * 1024;

export async function parseFileAsDocument(file: File, now: string, id: string): Promise<{ ok: true; value: DocumentRecord } | { ok: false; message: string }> {
  if (file.size > READ_LIMIT) return { ok: false, message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB, far larger than a text document Marginalia can open.` };
  const parsed = await importBytes(new Uint8Array(await file.arrayBuffer()), file.name, now, id, {}, MARKUP_READERS);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.errors.join(' ') };
}
