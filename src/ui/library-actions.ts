/**
 * What the Library's buttons do: import files or pasted text, export everything. Each returns what
 * happened so the component can report it; nothing here throws for bad input.
 */
import type { DocumentRecord } from '../model/document';
import { newId, nowIso } from '../model/ids';
import { importBytes, importDocument, type MarkupReaders } from '../io/import-document';
import { findMixedScriptWords, mixedScriptWarning } from '../io/mixed-scripts';
import { serializeLibrary, exportFileName } from '../io/native-json';
import { addDocuments, readDocumentContents } from '../db/repository';
import { describeDbError } from '../db/errors';
import { db } from '../db/instance';
import { downloadBlob, downloadJson, throttledProgress } from './download';
import { nativeLibraryBlob } from './paged-export';
import type { PastedText } from './PasteDialog';

export interface FileResult {
  fileName: string;
  ok: boolean;
  message: string;
  documentId?: string;
  /** Something the reviewer should know about an imported document (words that mix scripts). */
  warning?: string;
}

/** The HTML and .docx readers (ui/read-html.ts), loaded with their libraries on first use. */
export const MARKUP_READERS: MarkupReaders = {
  readHtml: async (source, fileName) => (await import('./read-html')).MARKUP_READERS.readHtml(source, fileName),
  readDocx: async (bytes, fileName) => (await import('./read-html')).MARKUP_READERS.readDocx(bytes, fileName),
};

/** The largest file read into memory at all; io applies its own (smaller) limit to what it parses. */
const READ_LIMIT = 64 * 1024 * 1024;

async function store(doc: DocumentRecord, label: string): Promise<FileResult> {
  try {
    await addDocuments(db, [doc]);
    // The text is stored as it came; look-alike letters of another script are only pointed out.
    const warning = mixedScriptWarning(findMixedScriptWords(doc.text));
    return {
      fileName: label,
      ok: true,
      message: `Imported “${doc.title}”.${warning ? ` ${warning}` : ''}`,
      documentId: doc.id,
      ...(warning ? { warning } : {}),
    };
  } catch (error) {
    return { fileName: label, ok: false, message: describeDbError(error, `store ${label}`) };
  }
}

/**
 * Import files one by one — text, Markdown, web pages (.html, .htm) and Word documents (.docx), routed
 * by io/import-document.ts — a bad file never stops the others.
 */
export async function importFiles(files: readonly File[], onProgress?: (done: number, total: number) => void): Promise<FileResult[]> {
  const results: FileResult[] = [];
  let done = 0;
  for (const file of files) {
    if (file.size > READ_LIMIT) {
      results.push({
        fileName: file.name,
        ok: false,
        message: `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB, far larger than a text document Marginalia can open.`,
      });
    } else {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const parsed = await importBytes(bytes, file.name, nowIso(), newId(), {}, MARKUP_READERS);
      results.push(parsed.ok ? await store(parsed.value, file.name) : { fileName: file.name, ok: false, message: parsed.errors.join(' ') });
    }
    onProgress?.(++done, files.length);
  }
  return results;
}

/** Import pasted text (plain, Markdown or HTML) as a new document. */
export async function importPasted(pasted: PastedText): Promise<FileResult> {
  const parsed = await importDocument(
    { fileName: '', text: pasted.text.replace(/\r\n?/g, '\n'), format: pasted.format },
    nowIso(),
    newId(),
    pasted.title ? { title: pasted.title } : undefined,
    MARKUP_READERS,
  );
  return parsed.ok ? store(parsed.value, 'pasted text') : { fileName: 'pasted text', ok: false, message: parsed.errors.join(' ') };
}

/** Progress of a long export: records written of `total`; total 0 while the library is still being read. */
export type ExportProgress = (done: number, total: number) => void;

/**
 * Download the whole library as native JSON: documents, annotations, entities, evidence, links, history.
 * The file is read and written a page of records at a time (ui/paged-export.ts), the same bytes as
 * JSON.stringify(serializeLibrary(…), null, 2), so a library of 100,000 annotations is never held
 * whole nor written in one long task; `onProgress` follows it.
 */
export async function exportLibrary(onProgress?: ExportProgress): Promise<void> {
  onProgress?.(0, 0);
  const exportedAt = nowIso();
  const { blob } = await nativeLibraryBlob(db, exportedAt, { onProgress: throttledProgress(onProgress) });
  downloadBlob(exportFileName('library', exportedAt), blob);
}

/**
 * Download one document as native JSON: its annotations with their evidence and links, the entities
 * they point at and the history events that concern them (db/repository.ts readDocumentContents).
 */
export async function exportDocument(doc: DocumentRecord): Promise<void> {
  const contents = await readDocumentContents(db, doc);
  const exportedAt = nowIso();
  downloadJson(exportFileName(doc.title, exportedAt), serializeLibrary({ ...contents, exportedAt }));
}
