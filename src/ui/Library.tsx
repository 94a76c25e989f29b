/** The Library: every document, import (file chooser, drag and drop, paste) and export. */
import { memo, useRef, useState, type DragEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../db/instance';
import { annotationCounts, deleteDocument, listDocuments } from '../db/repository';
import type { DocumentSummary } from '../db/database';
import { describeDbError } from '../db/errors';
import { documentHref, navigate } from './use-hash-route';
import { PasteDialog, type PastedText } from './PasteDialog';
import { exportLibrary, importFiles, importPasted, type FileResult } from './library-actions';
import { exportClaimReview, exportClaimsCsv, exportW3cAnnotations } from './export-actions';
import { postError, postStatus } from './notices';
import { ImportLibraryButton } from './ImportLibraryDialog';
import { paused, useLibraryImportWriting } from './library-import-activity';

export function Library({ reviewer }: { reviewer: string }) {
  const docs = useLiveQuery(() => listDocuments(db), []);
  // Paused while a library import writes (the last counts stay shown): it re-reads every annotation.
  const importWriting = useLibraryImportWriting();
  const counts = useLiveQuery(() => (importWriting ? paused<Map<string, number>>() : annotationCounts(db)), [importWriting]);
  const fileInput = useRef<HTMLInputElement>(null);
  const [pasteOpen, setPasteOpen] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [results, setResults] = useState<FileResult[]>([]);
  // A long export (JSON, W3C) shows its progress; total 0 while the library is being read.
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const runExport = (run: (onProgress: (done: number, total: number) => void) => Promise<void>, what: string) => {
    if (exporting) return;
    setExporting({ done: 0, total: 0 });
    void run((done, total) => setExporting({ done, total }))
      .catch((e: unknown) => postError(describeDbError(e, what)))
      .finally(() => setExporting(null));
  };

  const runImport = async (files: File[]) => {
    if (files.length === 0) return;
    setResults([]);
    setProgress({ done: 0, total: files.length });
    const out = await importFiles(files, (done, total) => setProgress({ done, total }));
    setProgress(null);
    setResults(out);
    const ok = out.filter((r) => r.ok);
    postStatus(`${ok.length} of ${out.length} file${out.length === 1 ? '' : 's'} imported.`);
    if (out.length === 1 && ok[0]?.documentId) navigate(documentHref(ok[0].documentId));
  };

  // A failed paste is reported inside the dialog (the page behind a modal dialog cannot be read).
  const onPaste = async (pasted: PastedText): Promise<string | undefined> => {
    const result = await importPasted(pasted);
    if (!result.ok || !result.documentId) return result.message;
    setPasteOpen(false);
    postStatus(result.message);
    navigate(documentHref(result.documentId));
    return undefined;
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void runImport([...e.dataTransfer.files]);
  };

  return (
    <section
      className={`mg-library${dragging ? ' mg-dragging' : ''}`}
      aria-labelledby="library-heading"
      onDragOver={(e) => {
        if ([...e.dataTransfer.types].includes('Files')) {
          e.preventDefault();
          setDragging(true);
        }
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="mg-library-head">
        <h2 id="library-heading">Library</h2>
        <div className="mg-actions" role="group" aria-label="Library actions">
          <button type="button" className="mg-primary" onClick={() => fileInput.current?.click()}>
            Import document
          </button>
          <button type="button" onClick={() => setPasteOpen(true)}>
            Paste text
          </button>
          <button type="button" disabled={exporting !== null} onClick={() => runExport(exportLibrary, 'export the library')}>
            Export JSON
          </button>
          <ImportLibraryButton reviewer={reviewer} />
          <button type="button" disabled={exporting !== null} onClick={() => runExport((onProgress) => exportW3cAnnotations(undefined, onProgress), 'export the library as W3C annotations')}>
            Export W3C annotations
          </button>
          <button type="button" disabled={exporting !== null} onClick={() => runExport((onProgress) => exportClaimReview(undefined, onProgress), 'export the library as ClaimReview')}>
            Export ClaimReview
          </button>
          <button type="button" disabled={exporting !== null} onClick={() => runExport((onProgress) => exportClaimsCsv(undefined, onProgress), 'export the library as claims CSV')}>
            Export claims CSV
          </button>
        </div>
        <input
          ref={fileInput}
          type="file"
          hidden
          multiple
          accept=".txt,.md,.markdown,.text,.html,.htm,.docx,text/plain,text/markdown,text/html,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-label="Choose documents to import"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void runImport(files);
          }}
        />
      </div>
      <p className="mg-hint">Import text (.txt), Markdown (.md), saved web pages (.html) or Word documents (.docx), several at once, with the button or by dropping them here. The text is stored as imported and never edited.</p>
      {progress ? (
        <div className="mg-progress">
          <label>
            Importing {progress.done} of {progress.total}
            <progress max={progress.total} value={progress.done} />
          </label>
        </div>
      ) : null}
      {exporting ? (
        <div className="mg-progress">
          <label>
            {exporting.total === 0 ? 'Exporting: reading the library…' : `Exporting ${exporting.done} of ${exporting.total} records`}
            <progress aria-label="Exporting" max={exporting.total || undefined} value={exporting.total === 0 ? undefined : exporting.done} />
          </label>
        </div>
      ) : null}
      {results.length > 0 ? (
        <ul className="mg-results" aria-label="Import results" aria-live="polite">
          {results.map((r, i) => (
            <li key={i} className={r.ok ? 'mg-ok' : 'mg-bad'}>
              <strong>{r.ok ? 'Imported' : 'Not imported'}:</strong> {r.message}
            </li>
          ))}
        </ul>
      ) : null}
      {docs === undefined ? (
        <p>Loading…</p>
      ) : docs.length === 0 ? (
        <p className="mg-empty">The library is empty. Import a document to begin.</p>
      ) : (
        <DocumentTable docs={docs} counts={counts} reviewer={reviewer} />
      )}
      <PasteDialog open={pasteOpen} onImport={onPaste} onClose={() => setPasteOpen(false)} />
      {dragging ? <div className="mg-drop-overlay" aria-hidden="true">Drop .txt, .md, .html or .docx files to import</div> : null}
    </section>
  );
}

/**
 * The documents, one row each. Its own component, kept (memo) while only the Library's progress
 * changes: a long export reports progress several times a second, and re-rendering 1,000 rows each
 * time took about a tenth of the export's main-thread time.
 */
const DocumentTable = memo(function DocumentTable({ docs, counts, reviewer }: { docs: DocumentSummary[]; counts: Map<string, number> | undefined; reviewer: string }) {
  const onDelete = async (id: string, title: string) => {
    if (!window.confirm(`Delete “${title}” and all its annotations? This cannot be undone.`)) return;
    try {
      await deleteDocument(db, id, reviewer || 'unknown reviewer');
      postStatus(`Deleted “${title}”.`);
    } catch (error) {
      postError(describeDbError(error, `delete “${title}”`));
    }
  };

  return (
    <table className="mg-doc-table">
      <caption className="mg-visually-hidden">Documents</caption>
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Publisher</th>
          <th scope="col">Published</th>
          <th scope="col">Annotations</th>
          <th scope="col">
            <span className="mg-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {docs.map((d) => (
          <tr key={d.id}>
            <td>
              <a href={documentHref(d.id)}>{d.title}</a>
            </td>
            <td>{d.publisher}</td>
            <td>{d.publishedDate}</td>
            <td>{counts?.get(d.id) ?? 0}</td>
            <td>
              <button type="button" className="mg-quiet" aria-label={`Delete ${d.title}`} onClick={() => void onDelete(d.id, d.title)}>
                Delete
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});
