/**
 * Claims linked to this one, possibly in other documents: "same claim", "contradicts", "supports".
 * A link shows on both sides; a claim linked as contradicting counts as evidence for "disputed".
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Annotation, ClaimAnnotation } from '../model/annotation';
import { LINK_RELATIONS, linkLabelFrom, otherEnd, type LinkRelation } from '../model/claim';
import { matchKey } from '../model/match-key';
import { linkClaims, linksOf, removeLink } from '../db/actions';
import { db } from '../db/instance';
import { Combobox } from './Combobox';
import { FieldError } from './form-fields';
import { perform } from './run-action';
import { documentHref } from './use-hash-route';
import { useDocumentTitles } from './use-library-data';

const RELATION_LABELS: Record<LinkRelation, string> = { same: 'same claim', contradicts: 'contradicts', supports: 'supports' };

export function LinkedClaims({ claim, reviewer }: { claim: ClaimAnnotation; reviewer: string }) {
  const titles = useDocumentTitles();
  const linked = useLiveQuery(async () => {
    const links = await linksOf(db, claim.id);
    const others = await db.annotations.bulkGet(links.map((l) => otherEnd(l, claim.id)));
    return links.map((link, i) => ({ link, other: others[i] }));
  }, [claim.id]);
  const [target, setTarget] = useState<Annotation | null>(null);
  const [relation, setRelation] = useState<LinkRelation>('contradicts');
  const [error, setError] = useState<string | null>(null);

  const link = async () => {
    if (!target) {
      setError('Choose the claim to link first: type part of its text in “Link to claim”.');
      return;
    }
    const result = await perform(`link claims (${relation})`, () => linkClaims(db, claim.id, target.id, relation, reviewer), { quiet: true });
    setError(result.ok ? null : result.message);
    if (result.ok) setTarget(null);
  };

  return (
    <section className="mg-links" aria-labelledby={`links-h-${claim.id}`}>
      <h3 id={`links-h-${claim.id}`}>Linked claims</h3>
      {linked?.length ? (
        <ul aria-label="Linked claims" className="mg-link-list">
          {linked.map(({ link, other }) => (
            <li key={link.id}>
              {linkLabelFrom(link, claim.id)}:{' '}
              {other ? (
                <>
                  <a href={documentHref(other.documentId, other.id)}>“{other.anchor.quote}”</a>{' '}
                  <span className="mg-field-help">in {titles.get(other.documentId) ?? 'another document'}</span>
                </>
              ) : (
                'a claim that no longer exists'
              )}{' '}
              <button
                type="button"
                className="mg-quiet"
                aria-label={`Remove link to “${other?.anchor.quote.slice(0, 60) ?? 'claim'}”`}
                onClick={async () => {
                  const result = await perform('remove claim link', () => removeLink(db, link.id, reviewer), { quiet: true });
                  setError(result.ok ? null : result.message);
                }}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mg-hint">No linked claims.</p>
      )}
      <div className="mg-form mg-link-form">
        <ClaimPicker excludeId={claim.id} value={target} onPick={setTarget} titles={titles} />
        <label>
          Link type
          <select value={relation} onChange={(e) => setRelation(e.target.value as LinkRelation)}>
            {LINK_RELATIONS.map((r) => (
              <option key={r} value={r}>
                {RELATION_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => void link()}>
          Link claims
        </button>
      </div>
      <FieldError id={`links-error-${claim.id}`} message={error} />
    </section>
  );
}

/** A combobox over every claim in the library, searched by the words of its quote; claims are read only while it is open. */
function ClaimPicker({ excludeId, value, onPick, titles }: { excludeId: string; value: Annotation | null; onPick(a: Annotation): void; titles: ReadonlyMap<string, string> }) {
  const [open, setOpen] = useState(false);
  const claims = useLiveQuery(async (): Promise<Annotation[] | null> => (open ? await db.annotations.where('kind').equals('claim').toArray() : null), [open]);
  const optionsFor = (query: string): Annotation[] => {
    const words = matchKey(query).split(' ').filter(Boolean);
    if (!claims || words.length === 0) return [];
    const out: Annotation[] = [];
    for (const c of claims) {
      if (c.id === excludeId) continue;
      const key = matchKey(c.anchor.quote);
      if (words.every((w) => key.includes(w))) out.push(c);
      if (out.length === 12) break;
    }
    return out;
  };
  const optionName = (a: Annotation) => `“${a.anchor.quote.slice(0, 90)}” — ${titles.get(a.documentId) ?? 'document'}`;
  return (
    <Combobox<Annotation>
      label="Link to claim"
      idleText={value ? optionName(value) : ''}
      placeholder="Words of the other claim"
      listLabel="Claims to link"
      optionsFor={optionsFor}
      optionKey={(a) => a.id}
      renderOption={optionName}
      onChoose={onPick}
      onOpenChange={setOpen}
    />
  );
}
