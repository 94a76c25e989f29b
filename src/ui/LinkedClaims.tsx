/**
 * Claims linked to this one, possibly in other documents: "same claim", "contradicts", "supports".
 * A link shows on both sides; a claim linked as contradicting counts as evidence for "disputed".
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Annotation, ClaimAnnotation } from '../model/annotation';
import { LINK_RELATIONS, linkLabelFrom, otherEnd, type LinkRelation } from '../model/claim';
import { matchKey } from '../model/match-key';
import { linkClaims, linksOf, removeLink } from '../db/actions';
import { db } from '../db/instance';
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

/** A combobox over every claim in the library, searched by the words of its quote. */
function ClaimPicker({ excludeId, value, onPick, titles }: { excludeId: string; value: Annotation | null; onPick(a: Annotation): void; titles: ReadonlyMap<string, string> }) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const claims = useLiveQuery(async (): Promise<Annotation[] | null> => (open ? await db.annotations.where('kind').equals('claim').toArray() : null), [open]);
  const options = useMemo(() => {
    const words = matchKey(query).split(' ').filter(Boolean);
    if (!claims || words.length === 0) return [];
    return claims
      .filter((c) => c.id !== excludeId)
      .filter((c) => {
        const key = matchKey(c.anchor.quote);
        return words.every((w) => key.includes(w));
      })
      .slice(0, 12);
  }, [claims, query, excludeId]);
  const shown = open && options.length > 0;
  const choose = (a: Annotation | undefined) => {
    if (!a) return;
    onPick(a);
    setQuery('');
    setOpen(false);
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter' && shown) {
      e.preventDefault();
      choose(options[Math.min(active, options.length - 1)]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  };
  const optionName = (a: Annotation) => `“${a.anchor.quote.slice(0, 90)}” — ${titles.get(a.documentId) ?? 'document'}`;
  return (
    <div className="mg-picker">
      <label htmlFor={`${id}-input`}>Link to claim</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown ? `${id}-opt-${Math.min(active, options.length - 1)}` : undefined}
        autoComplete="off"
        placeholder="Words of the other claim"
        value={open ? query : value ? optionName(value) : query}
        onFocus={() => {
          setOpen(true);
          setQuery('');
        }}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKey}
      />
      <ul id={`${id}-list`} role="listbox" aria-label="Claims to link" className="mg-picker-list" hidden={!shown}>
        {options.map((a, i) => (
          <li
            key={a.id}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === Math.min(active, options.length - 1)}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(a)}
          >
            {optionName(a)}
          </li>
        ))}
      </ul>
    </div>
  );
}
