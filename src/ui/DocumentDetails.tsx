/** The document's metadata, editable at any time. The text itself is not. */
import type { DocumentMeta } from '../model/document';
import type { DocumentSummary } from '../db/database';
import { useDraft } from './use-draft';

interface Props {
  doc: DocumentSummary;
  onChange(patch: Partial<DocumentMeta>): void;
}

function MetaField({ label, value, type = 'text', onSave }: { label: string; value: string; type?: string; onSave(v: string): void }) {
  const draft = useDraft(value, onSave);
  return (
    <label>
      {label}
      <input type={type} value={draft.value} onChange={(e) => draft.onChange(e.target.value)} onFocus={draft.onFocus} onBlur={draft.onBlur} />
    </label>
  );
}

/** `YYYY-MM-DDTHH:mm` for a datetime-local input, in UTC. */
const toLocalInput = (iso: string) => (iso ? iso.slice(0, 16) : '');
const fromLocalInput = (v: string) => (v ? new Date(`${v}:00Z`).toISOString() : '');

export function DocumentDetails({ doc, onChange }: Props) {
  return (
    <details className="mg-details">
      <summary>Document details</summary>
      <div className="mg-form mg-meta-grid">
        <MetaField label="Title" value={doc.title} onSave={(title) => onChange({ title })} />
        <MetaField label="Source URL" type="url" value={doc.sourceUrl} onSave={(sourceUrl) => onChange({ sourceUrl })} />
        <MetaField label="Publisher" value={doc.publisher} onSave={(publisher) => onChange({ publisher })} />
        <MetaField label="Author" value={doc.author} onSave={(author) => onChange({ author })} />
        <MetaField label="Published date" type="date" value={doc.publishedDate} onSave={(publishedDate) => onChange({ publishedDate })} />
        <MetaField
          label="Retrieved (UTC)"
          type="datetime-local"
          value={toLocalInput(doc.retrievedAt)}
          onSave={(v) => onChange({ retrievedAt: fromLocalInput(v) })}
        />
        <p className="mg-hash">
          Text SHA-256: <code>{doc.textHash}</code> · {doc.length.toLocaleString()} characters{doc.fileName ? ` · from ${doc.fileName}` : ''}
        </p>
      </div>
    </details>
  );
}
