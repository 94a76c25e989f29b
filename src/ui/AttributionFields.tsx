/**
 * Who said a claim or holds an opinion: a speaker from the entity registry (person or organization),
 * whether the words are quoted directly, reported, or the article's own voice, and optionally the span
 * of the attribution cue ("Tsvetkov said"), itself an annotation of kind 'cue'.
 */
import { useState } from 'react';
import { createCue, type ClaimAnnotation, type OpinionAnnotation } from '../model/annotation';
import { QUOTE_TYPE_LABELS, QUOTE_TYPES, type Attribution, type QuoteType } from '../model/claim';
import { SPEAKER_TYPES } from '../model/entity';
import { newId, nowIso } from '../model/ids';
import { attributeToOwnVoice, createEntityFor, markCue } from '../db/actions';
import { db } from '../db/instance';
import type { FieldContext } from './AnnotationFields';
import { EntityPicker } from './EntityPicker';
import { FieldError, SelectField } from './form-fields';
import { perform } from './run-action';
import { entityHref } from './use-hash-route';

interface Props {
  annotation: ClaimAnnotation | OpinionAnnotation;
  ctx: FieldContext;
  /** "Attributed to" for a claim, "Holder" for an opinion. */
  label: string;
}

export function AttributionFields({ annotation, ctx, label }: Props) {
  const [error, setError] = useState<string | null>(null);
  const attribution = annotation.fields.attribution;
  const speaker = attribution ? (ctx.entityById.get(attribution.entityId) ?? null) : null;
  const cue = attribution?.cueId ? ctx.annotationById.get(attribution.cueId) : undefined;
  const errorId = `attribution-error-${annotation.id}`;

  const set = async (next: Attribution | null, field = 'attribution') => setError(await ctx.change(annotation, { attribution: next }, field));
  const report = (result: { ok: boolean; message?: string }) => setError(result.ok ? null : (result.message ?? null));

  const markSelectionAsCue = async () => {
    const anchor = ctx.selectedAnchor();
    if (!anchor) {
      setError('Select the words that attribute it in the text (for example “the minister said”), then press this button again.');
      return;
    }
    const cueAnnotation = createCue({ id: newId(), documentId: ctx.doc.id, textHash: ctx.doc.textHash, anchor, creator: ctx.reviewer, now: nowIso(), forId: annotation.id });
    report(await perform('mark attribution cue', () => markCue(db, cueAnnotation, ctx.reviewer), { quiet: true }));
  };

  return (
    <fieldset className="mg-attribution">
      <legend>Attribution</legend>
      <EntityPicker
        label={label}
        entities={ctx.entities}
        value={speaker}
        types={SPEAKER_TYPES}
        createTypes={SPEAKER_TYPES}
        onPick={(e) => void set({ entityId: e.id, quoteType: attribution?.quoteType ?? 'reported', cueId: attribution?.cueId ?? null })}
        onCreate={async (name, type) =>
          report(
            await perform(
              `create entity “${name}”`,
              () => createEntityFor(db, { name, type }, annotation.id, (entityId) => ({ attribution: { entityId, quoteType: attribution?.quoteType ?? 'reported', cueId: attribution?.cueId ?? null } }), ctx.reviewer),
              { quiet: true },
            ),
          )
        }
      />
      {speaker ? (
        <p className="mg-entity-summary">
          <a href={entityHref(speaker.id)}>{speaker.name}</a> · {speaker.type}
        </p>
      ) : null}
      <SelectField
        label="Quote type"
        value={attribution?.quoteType ?? 'reported'}
        disabled={!attribution}
        options={QUOTE_TYPES.map((q) => ({ value: q, label: QUOTE_TYPE_LABELS[q] }))}
        onSave={(q) => attribution && void set({ ...attribution, quoteType: q as QuoteType }, 'quote type')}
      />
      <p className="mg-cue">
        {cue ? (
          <>
            Cue:{' '}
            <button type="button" className="mg-linkish" onClick={() => ctx.select(cue.id)}>
              “{cue.anchor.quote}”
            </button>
          </>
        ) : (
          'No attribution cue marked.'
        )}
      </p>
      <div className="mg-button-row">
        <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => void markSelectionAsCue()} disabled={!attribution}>
          Mark selected text as cue
        </button>
        {annotation.kind === 'claim' ? (
          <button
            type="button"
            onClick={async () => report(await perform('attribute to the article', () => attributeToOwnVoice(db, annotation.id, ctx.doc, ctx.reviewer), { quiet: true }))}
          >
            Article’s own voice
          </button>
        ) : null}
        {attribution ? (
          <button type="button" className="mg-quiet" onClick={() => void set(null)}>
            Remove attribution
          </button>
        ) : null}
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
