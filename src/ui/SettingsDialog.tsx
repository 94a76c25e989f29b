/** Settings: the reviewer's name, recorded as the creator of every annotation. */
import { useState, type FormEvent } from 'react';
import { Dialog, DialogActions } from './Dialog';

interface Props {
  open: boolean;
  initialName: string;
  /** Why the dialog opened by itself, if it did. */
  reason?: string;
  onSave(name: string): void;
  onClose(): void;
}

export function SettingsDialog({ open, initialName, reason, onSave, onClose }: Props) {
  return (
    <Dialog title="Settings" open={open} onClose={onClose}>
      <SettingsForm initialName={initialName} reason={reason} onSave={onSave} onClose={onClose} />
    </Dialog>
  );
}

function SettingsForm({ initialName, reason, onSave, onClose }: Omit<Props, 'open'>) {
  const [name, setName] = useState(initialName);
  const [error, setError] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setError('Enter a name: it is stored with every annotation you make.');
      return;
    }
    onSave(name.trim());
  };
  return (
    <form onSubmit={submit} className="mg-form">
      {reason ? <p className="mg-dialog-reason">{reason}</p> : null}
      <label>
        Reviewer name
        <input
          autoFocus
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'settings-error' : undefined}
        />
      </label>
      {error ? (
        <p id="settings-error" className="mg-field-error" role="alert">
          {error}
        </p>
      ) : null}
      <DialogActions submitLabel="Save" onCancel={onClose} />
    </form>
  );
}
