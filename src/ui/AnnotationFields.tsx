/**
 * The fields of the selected annotation, by kind, each with a visible label that is also its accessible
 * name. Claims get the whole fact-checking record (status, verdict, rationale, attribution, evidence,
 * linked claims); entity mentions their registry entry; opinions their holder; cues their claim.
 */
import { useState, type ReactNode } from 'react';
import type { Anchor, Annotation, AnyFields } from '../model/annotation';
import { CLAIM_STATUSES, STATUS_LABELS, type ClaimStatus } from '../model/claim';
import { ENTITY_TYPES, type EntityRecord } from '../model/entity';
import { createEntityFor } from '../db/actions';
import { db } from '../db/instance';
import { AttributionFields } from './AttributionFields';
import { EntityPicker } from './EntityPicker';
import { EvidenceSection } from './EvidenceSection';
import { FieldError, SelectField, TextField } from './form-fields';
import { LinkedClaims } from './LinkedClaims';
import { perform } from './run-action';
import { entityHref } from './use-hash-route';
import { useVerdictScale } from './use-library-data';

/** What the fields need from the open document. */
export interface FieldContext {
  reviewer: string;
  doc: { id: string; author: string; publisher: string; textHash: string };
  entities: readonly EntityRecord[];
  entityById: ReadonlyMap<string, EntityRecord>;
  /** Annotations of this document by id. */
  annotationById: ReadonlyMap<string, Annotation>;
  /** The text selected in the document, as an anchor; null when nothing is selected. */
  selectedAnchor(): Anchor | null;
  /** Change fields of an annotation; resolves to the message of a rule that refused it, or null. */
  change(annotation: Annotation, patch: Partial<AnyFields>, field: string, reason?: string): Promise<string | null>;
  select(id: string): void;
}

interface Props {
  annotation: Annotation;
  ctx: FieldContext;
}

export function AnnotationFields({ annotation, ctx }: Props) {
  let fields: ReactNode;
  switch (annotation.kind) {
    case 'claim':
      fields = <ClaimForm annotation={annotation} ctx={ctx} />;
      break;
    case 'entity':
      fields = <MentionForm annotation={annotation} ctx={ctx} />;
      break;
    case 'opinion':
      fields = (
        <>
          <AttributionFields annotation={annotation} ctx={ctx} label="Holder" />
          <TextField label="Note" multiline value={annotation.fields.note} onSave={(note) => void ctx.change(annotation, { note }, 'note')} />
        </>
      );
      break;
    case 'cue': {
      const target = ctx.annotationById.get(annotation.fields.forId);
      fields = (
        <p>
          The words that attribute{' '}
          {target ? (
            <button type="button" className="mg-linkish" onClick={() => ctx.select(target.id)}>
              the {target.kind} “{target.anchor.quote.slice(0, 80)}”
            </button>
          ) : (
            'a claim or opinion that no longer exists'
          )}
          .
        </p>
      );
      break;
    }
  }
  return <div className="mg-form mg-fields">{fields}</div>;
}

function ClaimForm({ annotation, ctx }: { annotation: Extract<Annotation, { kind: 'claim' }>; ctx: FieldContext }) {
  const scale = useVerdictScale();
  const [statusError, setStatusError] = useState<string | null>(null);
  // Why the next status or verdict change is made; recorded on its history events, then cleared.
  const [reason, setReason] = useState('');
  const { fields } = annotation;
  const decide = async (patch: Parameters<FieldContext['change']>[1], field: string) => {
    const refused = await ctx.change(annotation, patch, field, reason);
    if (!refused) setReason('');
    return refused;
  };
  const level = fields.verdict ? scale.levels.find((l) => l.id === fields.verdict) : undefined;
  const verdictOptions = [
    { value: '', label: 'No verdict yet' },
    ...scale.levels.map((l) => ({ value: l.id, label: l.label })),
    ...(fields.verdict && !level ? [{ value: fields.verdict, label: `${fields.verdict} (not on the current scale)` }] : []),
  ];
  return (
    <>
      <div className="mg-field">
        <label htmlFor={`reason-${annotation.id}`}>Reason for the change</label>
        <input
          id={`reason-${annotation.id}`}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="Optional: why the status or verdict changes"
          aria-describedby={`reason-help-${annotation.id}`}
        />
        <span id={`reason-help-${annotation.id}`} className="mg-field-help">
          Type it first: it is kept in the history with the next status or verdict change.
        </span>
      </div>
      <SelectField
        label="Status"
        value={fields.status}
        options={CLAIM_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
        describedBy={statusError ? `status-error-${annotation.id}` : undefined}
        onSave={async (status) => setStatusError(await decide({ status: status as ClaimStatus }, 'status'))}
      />
      <FieldError id={`status-error-${annotation.id}`} message={statusError} />
      <SelectField
        label="Verdict"
        value={fields.verdict ?? ''}
        options={verdictOptions}
        onSave={(v) => void decide({ verdict: v || null }, 'verdict')}
      />
      {level ? <p className="mg-field-help">{level.description}</p> : null}
      <TextField label="Rationale" multiline value={fields.rationale} onSave={(rationale) => void ctx.change(annotation, { rationale }, 'rationale')} />
      <AttributionFields annotation={annotation} ctx={ctx} label="Attributed to" />
      <TextField label="Note" multiline value={fields.note} onSave={(note) => void ctx.change(annotation, { note }, 'note')} />
      <EvidenceSection claim={annotation} reviewer={ctx.reviewer} />
      <LinkedClaims claim={annotation} reviewer={ctx.reviewer} />
    </>
  );
}

function MentionForm({ annotation, ctx }: { annotation: Extract<Annotation, { kind: 'entity' }>; ctx: FieldContext }) {
  const linked = annotation.fields.entityId ? (ctx.entityById.get(annotation.fields.entityId) ?? null) : null;
  return (
    <>
      <EntityPicker
        label="Entity"
        entities={ctx.entities}
        value={linked}
        suggestion={annotation.anchor.quote}
        hint={linked ? undefined : 'Not linked yet: choose an entity or create one.'}
        onPick={(e) => void ctx.change(annotation, { entityId: e.id }, 'linked entity')}
        createTypes={ENTITY_TYPES}
        onCreate={(name, type) =>
          void perform(`create entity “${name}”`, () => createEntityFor(db, { name, type }, annotation.id, (entityId) => ({ entityId }), ctx.reviewer))
        }
      />
      {linked ? (
        <p className="mg-entity-summary">
          <a href={entityHref(linked.id)}>{linked.name}</a> · {linked.type}
          {linked.aliases.length ? ` · also ${linked.aliases.join(', ')}` : ''}
          {linked.externalId ? ` · ${linked.externalId}` : ''}{' '}
          <button type="button" className="mg-quiet" onClick={() => void ctx.change(annotation, { entityId: null }, 'linked entity')}>
            Unlink
          </button>
        </p>
      ) : null}
    </>
  );
}
