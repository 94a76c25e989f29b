/**
 * The claim board (`#/claims`): every claim of the library in one table, filtered by status, verdict,
 * document, speaker and text, sorted by any column, with a chart of statuses per document. The work
 * is done by model/claim-board.ts; this view reads the records and renders at most MAX_ROWS rows, so a
 * library of tens of thousands of claims stays responsive.
 */
import { useDeferredValue, useId, useMemo, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { ClaimAnnotation } from '../model/annotation';
import { CLAIM_STATUSES, STATUS_LABELS, type ClaimStatus } from '../model/claim';
import { filterClaimRows, optionsOf, sortClaimRows, statusCountsByDocument, toClaimRows, type ClaimFilter, type ClaimSort } from '../model/claim-board';
import { db } from '../db/instance';
import { ClaimStatusChart } from './claim-board-chart';
import { ClaimTable } from './claim-board-table';
import { useDocumentTitles, useEntities, useVerdictScale } from './use-library-data';
import './claims.css';

/** Rows rendered at most; the rest are counted and the reviewer is asked to narrow the filters. */
export const MAX_ROWS = 500;

/**
 * Filter select values: 'all', 'none', or 'is:' and an id (level, document and entity ids are free
 * text, so they are prefixed). Status options are the status ids themselves (none is 'all').
 */
type Choice = string;
const ALL = 'all';
const NONE = 'none';
const is = (id: string): Choice => `is:${id}`;
/** undefined for all, null for none, the id otherwise. */
const chosen = (choice: Choice): string | null | undefined => (choice === ALL ? undefined : choice === NONE ? null : choice.slice(3));

const isClaim = (a: { kind: string }): a is ClaimAnnotation => a.kind === 'claim';

export function ClaimBoard() {
  const claims = useLiveQuery(() => db.annotations.where('kind').equals('claim').toArray(), []);
  const entities = useEntities();
  const titles = useDocumentTitles();
  const scale = useVerdictScale();
  const names = useMemo(() => new Map(entities.map((e) => [e.id, e.name])), [entities]);
  const rows = useMemo(() => toClaimRows((claims ?? []).filter(isClaim), { titles, names, scale }), [claims, titles, names, scale]);

  const [status, setStatus] = useState<Choice>(ALL);
  const [verdict, setVerdict] = useState<Choice>(ALL);
  const [documentId, setDocumentId] = useState<Choice>(ALL);
  const [speaker, setSpeaker] = useState<Choice>(ALL);
  const [text, setText] = useState('');
  const deferredText = useDeferredValue(text);
  const [sort, setSort] = useState<ClaimSort>({ key: 'document', direction: 'ascending' });

  // Sort only when the rows or the order change; filtering keeps the order and runs on every keystroke.
  const sorted = useMemo(() => sortClaimRows(rows, sort, scale), [rows, sort, scale]);
  const filter = useMemo<ClaimFilter>(
    () => ({
      status: status === ALL ? undefined : (status as ClaimStatus),
      verdict: chosen(verdict),
      documentId: chosen(documentId) ?? undefined,
      speakerId: chosen(speaker),
      text: deferredText,
    }),
    [status, verdict, documentId, speaker, deferredText],
  );
  const matching = useMemo(() => filterClaimRows(sorted, filter), [sorted, filter]);
  const bars = useMemo(() => statusCountsByDocument(matching), [matching]);
  const documents = useMemo(() => optionsOf(rows, (r) => [r.documentId, r.documentTitle]), [rows]);
  const speakers = useMemo(() => optionsOf(rows, (r) => (r.speakerId === null ? null : [r.speakerId, r.speakerName])), [rows]);

  const headingId = useId();
  const hidden = matching.length - MAX_ROWS;

  return (
    <section className="mg-board" aria-labelledby={headingId}>
      <h2 id={headingId}>Claims</h2>
      <form className="mg-board-filters" role="search" aria-label="Claim filters" onSubmit={(e) => e.preventDefault()}>
        <Select label="Status" value={status} onChange={setStatus}>
          <option value={ALL}>All statuses</option>
          {CLAIM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </Select>
        <Select label="Verdict" value={verdict} onChange={setVerdict}>
          <option value={ALL}>All verdicts</option>
          <option value={NONE}>No verdict</option>
          {scale.levels.map((l) => (
            <option key={l.id} value={is(l.id)}>
              {l.label}
            </option>
          ))}
        </Select>
        <Select label="Document" value={documentId} onChange={setDocumentId}>
          <option value={ALL}>All documents</option>
          {documents.map((d) => (
            <option key={d.id} value={is(d.id)}>
              {d.label}
            </option>
          ))}
        </Select>
        <Select label="Attributed to" value={speaker} onChange={setSpeaker}>
          <option value={ALL}>Anyone</option>
          <option value={NONE}>Not attributed</option>
          {speakers.map((s) => (
            <option key={s.id} value={is(s.id)}>
              {s.label}
            </option>
          ))}
        </Select>
        <label className="mg-board-text">
          Text
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="In quote, rationale or note" />
        </label>
      </form>
      {claims === undefined ? (
        <p>Loading…</p>
      ) : (
        <>
          <p className="mg-count" role="status">
            {matching.length} of {rows.length} claim{rows.length === 1 ? '' : 's'}
          </p>
          {rows.length === 0 ? (
            <p className="mg-empty">No claims yet. Open a document, select a sentence and press c to tag it as a claim.</p>
          ) : matching.length === 0 ? (
            <p className="mg-empty">No claim matches these filters.</p>
          ) : (
            <>
              <ClaimTable rows={hidden > 0 ? matching.slice(0, MAX_ROWS) : matching} sort={sort} onSort={setSort} />
              {hidden > 0 ? (
                <p className="mg-board-more">
                  Showing the first {MAX_ROWS} of {matching.length} matching claims; {hidden} more are hidden. Narrow the filters to see them.
                </p>
              ) : null}
              <ClaimStatusChart bars={bars} />
            </>
          )}
        </>
      )}
    </section>
  );
}

function Select({ label, value, onChange, children }: { label: string; value: string; onChange(v: string): void; children: ReactNode }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </select>
    </label>
  );
}
