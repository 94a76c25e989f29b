/**
 * The two lists of an entity's page: where it is mentioned (with a control to move a mention that was
 * linked to the wrong entry) and what is attributed to it, both across every document.
 */
import { useId } from 'react';
import { sortInTextOrder, KIND_LABELS, type Annotation, type ClaimAnnotation, type EntityAnnotation, type OpinionAnnotation } from '../model/annotation';
import { DEFAULT_CONTEXT_LENGTH } from '../anchoring/describe';
import { QUOTE_TYPE_LABELS, STATUS_LABELS } from '../model/claim';
import type { EntityRecord } from '../model/entity';
import { createEntityFor, updateFields } from '../db/actions';
import { db } from '../db/instance';
import { EntityPicker } from './EntityPicker';
import { postStatus } from './notices';
import { perform } from './run-action';
import { documentHref } from './use-hash-route';

export type Said = ClaimAnnotation | OpinionAnnotation;


/** Annotations by document, documents by title, each document's annotations in text order. */
function byDocument<T extends Annotation>(list: readonly T[], titles: ReadonlyMap<string, string>): { documentId: string; title: string; items: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const a of list) groups.set(a.documentId, [...(groups.get(a.documentId) ?? []), a]);
  return [...groups]
    .map(([documentId, items]) => ({ documentId, title: titles.get(documentId) ?? 'Untitled document', items: sortInTextOrder(items) }))
    .sort((x, y) => x.title.localeCompare(y.title));
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ');

/**
 * The stored context of a quote (up to 32 code points either side, model/annotation.ts Anchor) for
 * display: when it was clipped, the word cut at its far side is dropped and an ellipsis shown instead.
 */
function context(raw: string, side: 'before' | 'after'): string {
  const s = oneLine(raw);
  if ([...raw].length < DEFAULT_CONTEXT_LENGTH) return s;
  const cut = side === 'before' ? s.indexOf(' ') : s.lastIndexOf(' ');
  const kept = cut < 0 ? s : side === 'before' ? s.slice(cut) : s.slice(0, cut);
  return side === 'before' ? `…${kept}` : `${kept}…`;
}

/** A mention in its sentence: a little of the text either side, the quote itself a link into the document. */
function InContext({ a }: { a: Annotation }) {
  return (
    <p className="mg-in-context">
      {context(a.anchor.prefix, 'before')}
      <a href={documentHref(a.documentId, a.id)} className="mg-mention-link">
        {oneLine(a.anchor.quote)}
      </a>
      {context(a.anchor.suffix, 'after')}
    </p>
  );
}

interface MentionsProps {
  entity: EntityRecord;
  mentions: readonly EntityAnnotation[];
  entities: readonly EntityRecord[];
  titles: ReadonlyMap<string, string>;
  reviewer: string;
}

export function MentionsSection({ entity, mentions, entities, titles, reviewer }: MentionsProps) {
  const headingId = useId();
  const groups = byDocument(mentions, titles);
  const move = async (m: EntityAnnotation, target: EntityRecord) => {
    const result = await perform('move mention', () => updateFields(db, m.id, { entityId: target.id }, reviewer, 'linked entity'));
    if (result.ok) postStatus(`Moved “${m.anchor.quote}” to “${target.name}”. Press Ctrl+Z to undo.`);
  };
  const moveToNew = async (m: EntityAnnotation, name: string, type: EntityRecord['type']) => {
    const result = await perform(`create entity “${name}”`, () => createEntityFor(db, { name, type }, m.id, (entityId) => ({ entityId }), reviewer));
    if (result.ok) postStatus(`Moved “${m.anchor.quote}” to a new entity, “${name}”.`);
  };
  return (
    <section className="mg-entity-section" aria-labelledby={headingId}>
      <h3 id={headingId}>Mentions</h3>
      {groups.length === 0 ? (
        <p className="mg-hint">No document mentions {entity.name} yet.</p>
      ) : (
        <>
          <p className="mg-count">
            {mentions.length} {mentions.length === 1 ? 'mention' : 'mentions'} in {groups.length} {groups.length === 1 ? 'document' : 'documents'}
          </p>
          {groups.map((g) => (
            <section key={g.documentId} className="mg-mention-doc" aria-label={g.title}>
              <h4>
                <a href={documentHref(g.documentId)}>{g.title}</a>
              </h4>
              <ul className="mg-mention-list">
                {g.items.map((m) => (
                  <li key={m.id} className="mg-mention">
                    <InContext a={m} />
                    <EntityPicker
                      label={`Move “${oneLine(m.anchor.quote)}” to`}
                      entities={entities}
                      value={null}
                      excludeId={entity.id}
                      onPick={(target) => void move(m, target)}
                      createTypes={[entity.type]}
                      onCreate={(name, type) => void moveToNew(m, name, type)}
                    />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </section>
  );
}

export function WhatTheySaidSection({ entity, said, titles }: { entity: EntityRecord; said: readonly Said[]; titles: ReadonlyMap<string, string> }) {
  const headingId = useId();
  const rows = byDocument(said, titles).flatMap((g) => g.items.map((a) => ({ a, title: g.title })));
  return (
    <section className="mg-entity-section" aria-labelledby={headingId}>
      <h3 id={headingId}>What they said</h3>
      {rows.length === 0 ? (
        <p className="mg-hint">No claim or opinion is attributed to {entity.name} yet.</p>
      ) : (
        <table className="mg-doc-table mg-said-table" aria-labelledby={headingId}>
          <thead>
            <tr>
              <th scope="col">Kind</th>
              <th scope="col">Quote</th>
              <th scope="col">Status</th>
              <th scope="col">Quote type</th>
              <th scope="col">Document</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ a, title }) => (
              <tr key={a.id}>
                <td>
                  <span className={`mg-kind mg-kind-${a.kind}`}>{KIND_LABELS[a.kind]}</span>
                </td>
                <td>
                  <a href={documentHref(a.documentId, a.id)} className="mg-said-quote">
                    {oneLine(a.anchor.quote)}
                  </a>
                </td>
                <td>{a.kind === 'claim' ? STATUS_LABELS[a.fields.status] : ''}</td>
                <td>{a.fields.attribution ? QUOTE_TYPE_LABELS[a.fields.attribution.quoteType] : ''}</td>
                <td>{title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
