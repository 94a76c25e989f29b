/** Small labelled form controls shared by the annotation and entity forms. */
import { useId } from 'react';
import { useDraft } from './use-draft';

/** A text field that saves after a pause (use-draft.ts); its label is its accessible name. */
interface TextFieldProps {
  label: string;
  value: string;
  onSave(v: string): void;
  multiline?: boolean;
  /** Shown under the field and read as its description. */
  hint?: string;
  className?: string;
}

export function TextField({ label, value, onSave, multiline, hint, className = 'mg-field' }: TextFieldProps) {
  const id = useId();
  const draft = useDraft(value, onSave);
  const common = { id, value: draft.value, onFocus: draft.onFocus, onBlur: draft.onBlur, 'aria-describedby': hint ? `${id}-hint` : undefined };
  // The label sits beside its control rather than around it, so the accessible name is the label
  // alone and not the label followed by the value.
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea rows={3} {...common} onChange={(e) => draft.onChange(e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => draft.onChange(e.target.value)} />
      )}
      {hint ? (
        <span id={`${id}-hint`} className="mg-field-help">
          {hint}
        </span>
      ) : null}
    </div>
  );
}

export interface Choice {
  value: string;
  label: string;
}

export function SelectField({ label, value, options, onSave, describedBy, disabled, className = 'mg-field' }: { label: string; value: string; options: readonly Choice[]; onSave(v: string): void; describedBy?: string; disabled?: boolean; className?: string }) {
  const id = useId();
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} disabled={disabled} aria-describedby={describedBy} onChange={(e) => onSave(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Why a rule refused the last change of a field; announced at once. */
export function FieldError({ id, message }: { id: string; message: string | null }) {
  return message ? (
    <p id={id} className="mg-field-error" role="alert">
      {message}
    </p>
  ) : null;
}
