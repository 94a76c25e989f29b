/** The evidence behind a claim's verdict: sources with their relation to the claim, added and removed here. */
import { useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ClaimAnnotation } from '../model/annotation';
import { EVIDENCE_RELATIONS, type EvidenceRelation } from '../model/claim';
import { addEvidence, removeEvidence } from '../db/actions';
import { db } from '../db/instance';
import { FieldError } from './form-fields';
import { perform } from './run-action';

const today = () => new Date().toISOString().slice(0, 10);

export function EvidenceSection({ claim, reviewer }: { claim: ClaimAnnotation; reviewer: string }) {
  const items = useLiveQuery(() => db.evidence.where('claimId').equals(claim.id).sortBy('created'), [claim.id]) ?? [];
  const [draft, setDraft] = useState({ url: '', title: '', passage: '', accessed: today(), relation: 'supports' as EvidenceRelation });
  const [error, setError] = useState<string | null>(null);
  const errorId = `evidence-error-${claim.id}`;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const result = await perform('add evidence', () => addEvidence(db, claim.id, draft, reviewer), { quiet: true });
    setError(result.ok ? null : result.message);
    if (result.ok) setDraft({ url: '', title: '', passage: '', accessed: today(), relation: draft.relation });
  };

  return (
    <section className="mg-evidence" aria-labelledby={`evidence-h-${claim.id}`}>
      <h3 id={`evidence-h-${claim.id}`}>Evidence</h3>
      {items.length === 0 ? <p className="mg-hint">No evidence yet.</p> : null}
      <ul aria-label="Evidence items" className="mg-evidence-list">
        {items.map((item) => {
          const name = item.title || item.url || item.passage.slice(0, 40);
          return (
            <li key={item.id} className={`mg-evidence-${item.relation}`}>
              <strong>{item.relation}</strong>: {item.url ? <a href={item.url} target="_blank" rel="noreferrer noopener">{item.title || item.url}</a> : item.title}
              {item.passage ? <blockquote>{item.passage}</blockquote> : null}
              <span className="mg-field-help">
                accessed {item.accessed || 'unknown'} · added by {item.creator}
              </span>{' '}
              <button
                type="button"
                className="mg-quiet"
                aria-label={`Remove evidence “${name}”`}
                onClick={async () => {
                  const result = await perform('remove evidence', () => removeEvidence(db, item.id, reviewer), { quiet: true });
                  setError(result.ok ? null : result.message);
                }}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ul>
      <details className="mg-add-evidence">
        <summary>New evidence item…</summary>
        <form className="mg-form" onSubmit={(e) => void add(e)} aria-label="Add evidence">
          <label>
            Source URL
            <input type="url" value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} placeholder="https://…" />
          </label>
          <label>
            Source title
            <input value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
          </label>
          <label>
            Quoted passage
            <textarea rows={2} value={draft.passage} onChange={(e) => setDraft({ ...draft, passage: e.target.value })} />
          </label>
          <label>
            Accessed
            <input type="date" value={draft.accessed} onChange={(e) => setDraft({ ...draft, accessed: e.target.value })} />
          </label>
          <label>
            Relation
            <select value={draft.relation} onChange={(e) => setDraft({ ...draft, relation: e.target.value as EvidenceRelation })}>
              {EVIDENCE_RELATIONS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
          <button type="submit">Add evidence</button>
        </form>
      </details>
      <FieldError id={errorId} message={error} />
    </section>
  );
}
