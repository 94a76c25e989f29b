/**
 * Settings: the reviewer's name, recorded as the creator of every annotation, and the verdict scale.
 * One form with one Save: the name goes to `onSave` (the app stores it and closes the dialog); an
 * edited verdict scale is stored here first, and a refused scale keeps the dialog open with the reason.
 * The reviewing organisation (name and web site), the author of every ClaimReview export, is stored
 * with the same Save (ui/export-actions.ts).
 * When the dialog opens by itself to ask for the name (`reason`), it shows the name only.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { fromDrafts, sameLevels, scaleNameFor, toDrafts, validateLevels, type LevelDraft } from '../model/verdict-scale';
import { db } from '../db/instance';
import { describeDbError } from '../db/errors';
import { Dialog, DialogActions } from './Dialog';
import { VerdictScaleEditor } from './verdict-scale-editor';
import { readVerdictScale, saveVerdictScale } from './verdict-scale-store';
import { readReviewingOrganization, saveReviewingOrganization } from './export-actions';
import type { ReviewingOrganization } from '../io/claim-review';
import { isHttpUrl } from '../io/w3c-annotations';
import './claims.css';

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
  const stored = useLiveQuery(() => readVerdictScale(db), []);
  // null until the reviewer edits the scale: until then the stored scale is shown and nothing is saved.
  const [draft, setDraft] = useState<LevelDraft[] | null>(null);
  const [scaleMessage, setScaleMessage] = useState('');
  const [saving, setSaving] = useState(false);
  const idBase = useId();
  const storedDrafts = useMemo(() => (stored ? toDrafts(stored) : undefined), [stored]);
  const levels = draft ?? storedDrafts;
  const storedOrg = useLiveQuery(() => readReviewingOrganization(db), []);
  // null until the reviewer edits the organisation, as for the scale.
  const [orgDraft, setOrgDraft] = useState<ReviewingOrganization | null>(null);
  const [orgError, setOrgError] = useState('');
  const org = orgDraft ?? storedOrg ?? { name: '', url: '' };
  const editOrg = (patch: Partial<ReviewingOrganization>) => {
    setOrgError('');
    setOrgDraft({ ...org, ...patch });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === '') {
      setError('Enter a name: it is stored with every annotation you make.');
      return;
    }
    if (orgDraft !== null && orgDraft.url.trim() !== '' && !isHttpUrl(orgDraft.url)) {
      setOrgError('Enter the organization’s full web address, starting with https://, or leave it empty.');
      return;
    }
    if (draft !== null && stored !== undefined && !saving) {
      const problem = validateLevels(draft);
      if (problem) {
        setScaleMessage(problem);
        return;
      }
      const built = fromDrafts(draft, stored.name, stored.levels.map((l) => l.id));
      const scale = { ...built, name: scaleNameFor(stored.name, built.levels) };
      if (!sameLevels(scale.levels, stored.levels)) {
        setSaving(true);
        let refused: string | null;
        try {
          refused = await saveVerdictScale(db, scale);
        } catch (err) {
          refused = describeDbError(err, 'save the verdict scale');
        } finally {
          setSaving(false);
        }
        if (refused) {
          setScaleMessage(refused);
          return;
        }
      }
    }
    if (orgDraft !== null && (orgDraft.name.trim() !== storedOrg?.name || orgDraft.url.trim() !== storedOrg.url)) {
      try {
        await saveReviewingOrganization(db, orgDraft);
      } catch (err) {
        setOrgError(describeDbError(err, 'save the reviewing organization'));
        return;
      }
    }
    onSave(name.trim());
  };

  return (
    <form onSubmit={(e) => void submit(e)} className="mg-form">
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
      {reason ? null : (
        <>
          <div className="mg-field">
            <label htmlFor={`${idBase}-org`}>Reviewing organization</label>
            <input id={`${idBase}-org`} value={org.name} onChange={(e) => editOrg({ name: e.target.value })} aria-describedby={`${idBase}-org-hint`} />
            <span id={`${idBase}-org-hint`} className="mg-field-help">
              Who publishes your fact-checks: the author of every ClaimReview export.
            </span>
          </div>
          <div className="mg-field">
            <label htmlFor={`${idBase}-org-url`}>Reviewing organization URL</label>
            <input
              id={`${idBase}-org-url`}
              inputMode="url"
              value={org.url}
              onChange={(e) => editOrg({ url: e.target.value })}
              aria-invalid={orgError ? true : undefined}
              aria-describedby={orgError ? `${idBase}-org-error` : undefined}
            />
          </div>
          {orgError ? (
            <p id={`${idBase}-org-error`} className="mg-field-error" role="alert">
              {orgError}
            </p>
          ) : null}
        </>
      )}
      {reason ? null : (
        <VerdictScaleEditor
          levels={levels}
          update={(change) => setDraft((current) => change(current ?? storedDrafts ?? []))}
          message={scaleMessage}
          setMessage={setScaleMessage}
          idBase={idBase}
        />
      )}
      <DialogActions submitLabel="Save" onCancel={onClose} />
    </form>
  );
}
