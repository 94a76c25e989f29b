/** Paste text: add a document from text on the clipboard. */
import { useState, type FormEvent } from 'react';
import { Dialog, DialogActions } from './Dialog';

export interface PastedText {
  title: string;
  text: string;
  format: 'text' | 'markdown';
}

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
  const [format, setFormat] = useState<'text' | 'markdown'>('text');
  const [error, setError] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') {
      setError('Paste some text first.');
      return;
    }
    void onImport({ title: title.trim(), text, format }).then((problem) => setError(problem ?? ''));
  };
  return (
    <form onSubmit={submit} className="mg-form">
      <label>
        Title
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Defaults to the first line" />
      </label>
      <label>
        Text
        <textarea autoFocus rows={12} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <fieldset className="mg-inline-fieldset">
        <legend>Format</legend>
        <label>
          <input type="radio" name="format" checked={format === 'text'} onChange={() => setFormat('text')} /> Plain text
        </label>
        <label>
          <input type="radio" name="format" checked={format === 'markdown'} onChange={() => setFormat('markdown')} /> Markdown
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
