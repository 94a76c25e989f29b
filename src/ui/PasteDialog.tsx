/**
 * Paste text: add a document from text on the clipboard — plain text, Markdown, or HTML (the source
 * of a page, or what a browser copies from one: with HTML chosen, pasting takes the clipboard's HTML).
 */
import { useState, type ClipboardEvent, type FormEvent } from 'react';
import { Dialog, DialogActions } from './Dialog';

export interface PastedText {
  title: string;
  text: string;
  format: PasteFormat;
}

export type PasteFormat = 'text' | 'markdown' | 'html';

interface Props {
  open: boolean;
  /** Import the text; resolves to an error to show in the dialog, or undefined when it was imported. */
  onImport(pasted: PastedText): Promise<string | undefined>;
  onClose(): void;
}

export function PasteDialog({ open, onImport, onClose }: Props) {
  return (
    <Dialog title="Paste text" open={open} onClose={onClose}>
      <PasteForm onImport={onImport} onClose={onClose} />
    </Dialog>
  );
}

function PasteForm({ onImport, onClose }: Omit<Props, 'open'>) {
  const [title, setTitle] = useState('');
  const [text, setText] = useState('');
  const [format, setFormat] = useState<PasteFormat>('text');
  const [error, setError] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') {
      setError('Paste some text first.');
      return;
    }
    void onImport({ title: title.trim(), text, format }).then((problem) => setError(problem ?? ''));
  };
  // With HTML chosen, a paste copied from a web page brings its markup (the browser's text/html), not
  // only its words. The markup is read later, inertly (read-html.ts); here it is just text in a box.
  const onPasteHtml = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const html = format === 'html' ? e.clipboardData.getData('text/html') : '';
    if (!html) return;
    e.preventDefault();
    const box = e.currentTarget;
    setText(text.slice(0, box.selectionStart) + html + text.slice(box.selectionEnd));
  };
  return (
    <form onSubmit={submit} className="mg-form">
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Defaults to the first line" />
      </label>
      <label>
        Text
        <textarea autoFocus rows={12} value={text} onChange={(e) => setText(e.target.value)} onPaste={onPasteHtml} />
      </label>
      <fieldset className="mg-inline-fieldset">
        <legend>Format</legend>
        <label>
          <input type="radio" name="format" checked={format === 'text'} onChange={() => setFormat('text')} /> Plain text
        </label>
        <label>
          <input type="radio" name="format" checked={format === 'markdown'} onChange={() => setFormat('markdown')} /> Markdown
        </label>
        <label>
          <input type="radio" name="format" checked={format === 'html'} onChange={() => setFormat('html')} /> HTML
        </label>
      </fieldset>
      {error ? (
        <p className="mg-field-error" role="alert">
          {error}
        </p>
      ) : null}
      <DialogActions submitLabel="Import" onCancel={onClose} />
    </form>
  );
}
