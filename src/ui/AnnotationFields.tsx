/** The fields of one annotation, by kind, each with a visible label that is also its accessible name. */
import type { ReactNode } from 'react';
import { CLAIM_STATUSES, ENTITY_TYPES, type Annotation, type ClaimFields, type EntityFields, type OpinionFields } from '../model/annotation';
import { useDraft } from './use-draft';

type Patch = Partial<ClaimFields & EntityFields & OpinionFields>;

interface Props {
  annotation: Annotation;
  onChange(patch: Patch, field: string): void;
}

function TextField({ label, value, onSave, multiline }: { label: string; value: string; onSave(v: string): void; multiline?: boolean }) {
  const draft = useDraft(value, onSave);
  const common = {
    value: draft.value,
    onFocus: draft.onFocus,
    onBlur: draft.onBlur,
  };
  return (
    <label>
      {label}
      {multiline ? (
        <textarea rows={3} {...common} onChange={(e) => draft.onChange(e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => draft.onChange(e.target.value)} />
      )}
    </label>
  );
}

function SelectField<T extends string>({ label, value, options, onSave }: { label: string; value: T; options: readonly T[]; onSave(v: T): void }) {
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onSave(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AnnotationFields({ annotation, onChange }: Props) {
  let fields: ReactNode;
  switch (annotation.kind) {
    case 'claim':
      fields = (
        <>
          <SelectField label="Status" value={annotation.fields.status} options={CLAIM_STATUSES} onSave={(status) => onChange({ status }, 'status')} />
          <TextField label="Attributed to" value={annotation.fields.attributedTo} onSave={(attributedTo) => onChange({ attributedTo }, 'attributedTo')} />
          <TextField label="Note" multiline value={annotation.fields.note} onSave={(note) => onChange({ note }, 'note')} />
        </>
      );
      break;
    case 'entity':
      fields = (
        <>
          <SelectField label="Type" value={annotation.fields.entityType} options={ENTITY_TYPES} onSave={(entityType) => onChange({ entityType }, 'entityType')} />
          <TextField label="Canonical name" value={annotation.fields.canonicalName} onSave={(canonicalName) => onChange({ canonicalName }, 'canonicalName')} />
        </>
      );
      break;
    case 'opinion':
      fields = (
        <>
          <TextField label="Holder" value={annotation.fields.holder} onSave={(holder) => onChange({ holder }, 'holder')} />
          <TextField label="Note" multiline value={annotation.fields.note} onSave={(note) => onChange({ note }, 'note')} />
        </>
      );
      break;
  }
  return <div className="mg-form mg-fields">{fields}</div>;
}
