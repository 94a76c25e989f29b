/**
 * "Import library JSON": a button that opens a file chooser, then a dialog that previews the merge
 * (new / identical / conflicting per kind of record, every conflict with keep mine / take theirs),
 * imports with a progress bar, and reports what was added, updated and skipped. A refused file shows
 * its first problems; Cancel and a refused file change nothing. The file is read, checked and planned
 * in a worker (import-library-actions.ts), with a progress bar meanwhile; the worker ends with the dialog.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Dialog, DialogActions } from './Dialog';
import type { ImportReport } from '../db/import-native';
import type { ReadStep } from '../io/import-session';
import { defaultChoices, RECORD_TYPES, type Choice, type Conflict, type PlanItem, type PlanSummary } from '../io/merge-plan';
import type { ImportClient } from '../workers/import-library-client';
import { ITEM_LABELS, mergeLibraryFile, previewLibraryFile, summaryLine, type PreviewProgress } from './import-library-actions';
import { postStatus } from './notices';
import { setLibraryImportWriting } from './library-import-activity';

/** Conflicts listed with their choice; the rest keep their defaults (said in the dialog). */
const MAX_LISTED_CONFLICTS = 200;
const ITEMS: PlanItem[] = [...RECORD_TYPES, 'verdictScale'];

/** The steps of reading a file, in order, as the progress bar counts them. */
const READ_STEPS: readonly ReadStep[] = ['reading', 'checking', 'hashing', 'comparing'];
const READ_STEP_TEXT: Record<ReadStep, (fileName: string, p: PreviewProgress) => string> = {
  reading: (name) => `Reading ${name}…`,
  checking: (name) => `Checking every record of ${name}…`,
  hashing: (name) => `Checking the texts of ${name}…`,
  comparing: (name, p) => `Comparing ${name} with your library: ${p.done} of ${p.total} records`,
};

type Step =
  | { step: 'reading'; progress: PreviewProgress }
  | { step: 'refused'; errors: string[] }
  | { step: 'preview'; plan: PlanSummary; session: ImportClient }
  | { step: 'importing'; done: number; total: number }
  | { step: 'done'; writes: ImportReport }
  | { step: 'failed'; message: string };

/** The button, its hidden file chooser and the dialog, for the Library's actions. */
export function ImportLibraryButton({ reviewer }: { reviewer: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        Import library JSON
      </button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".json,application/json"
        aria-label="Choose a library JSON file to import"
        onChange={(e) => {
          const chosen = e.target.files?.[0] ?? null;
          e.target.value = '';
          setFile(chosen);
        }}
      />
      {file ? <ImportLibraryDialog key={`${file.name} ${file.lastModified} ${file.size}`} file={file} reviewer={reviewer} onClose={() => setFile(null)} /> : null}
    </>
  );
}

function ImportLibraryDialog({ file, reviewer, onClose }: { file: File; reviewer: string; onClose(): void }) {
  const [state, setState] = useState<Step>({ step: 'reading', progress: { step: 'reading', done: 0, total: 0 } });
  const [choices, setChoices] = useState<Map<string, Choice>>(new Map());
  useEffect(() => {
    let live = true;
    let session: ImportClient | null = null;
    const reading = new AbortController();
    void previewLibraryFile(file, (progress) => live && setState({ step: 'reading', progress }), reading.signal).then((preview) => {
      if (!preview.ok) return live && setState({ step: 'refused', errors: preview.errors });
      session = preview.session;
      if (!live) return session.close();
      setChoices(defaultChoices(preview.plan));
      setState({ step: 'preview', plan: preview.plan, session: preview.session });
    });
    return () => {
      live = false;
      // The worker holds the parsed file: end it with the dialog (an import under way stops after its current batch).
      reading.abort();
      session?.close();
    };
  }, [file]);
  const importing = state.step === 'importing';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (state.step !== 'preview') return;
    setState({ step: 'importing', done: 0, total: 0 });
    setLibraryImportWriting(true);
    void mergeLibraryFile(state.session, choices, file.name, reviewer, (done, total) => setState({ step: 'importing', done, total })).then((merged) => {
      setLibraryImportWriting(false);
      if (!merged.ok) return setState({ step: 'failed', message: merged.message });
      setState({ step: 'done', writes: merged.writes });
      postStatus(`Imported ${file.name}: ${summaryLine(merged.writes)}`);
    });
  };
  return (
    <Dialog title="Import library JSON" open onClose={() => (importing ? undefined : onClose())}>
      {state.step === 'reading' ? <ReadingProgress fileName={file.name} progress={state.progress} /> : null}
      {state.step === 'refused' ? <Problems errors={state.errors} onClose={onClose} /> : null}
      {state.step === 'failed' ? <Problems errors={[state.message]} onClose={onClose} /> : null}
      {state.step === 'preview' ? (
        <form onSubmit={submit} className="mg-form">
          <p>
            {file.name}: exported {state.plan.exportedAt.replace('T', ' ').slice(0, 16)} by {state.plan.generator.name} {state.plan.generator.version}. Nothing is
            changed until you press Import.
          </p>
          <Counts plan={state.plan} />
          <Conflicts conflicts={state.plan.conflicts} choices={choices} onChoose={(key, choice) => setChoices(new Map(choices).set(key, choice))} />
          <DialogActions submitLabel="Import" onCancel={onClose} />
        </form>
      ) : null}
      {state.step === 'importing' ? (
        <p>
          <label>
            Importing {state.done} of {state.total} records <progress aria-label="Importing" max={state.total || 1} value={state.done} />
          </label>
        </p>
      ) : null}
      {state.step === 'done' ? <Report writes={state.writes} onClose={onClose} /> : null}
    </Dialog>
  );
}

function ReadingProgress({ fileName, progress }: { fileName: string; progress: PreviewProgress }) {
  const step = READ_STEPS.indexOf(progress.step);
  const within = progress.step === 'comparing' && progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <p>
      <label>
        <span role="status">{READ_STEP_TEXT[progress.step](fileName, progress)}</span>{' '}
        <progress aria-label="Reading the file" max={READ_STEPS.length} value={step + within} />
      </label>
    </p>
  );
}

function Problems({ errors, onClose }: { errors: string[]; onClose(): void }) {
  const [first, ...rest] = errors;
  return (
    <>
      <div role="alert" className="mg-field-error">
        <p>{first}</p>
        {rest.length > 0 ? (
          <ul aria-label="Problems found">
            {rest.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        ) : null}
      </div>
      <div className="mg-dialog-actions">
        <button type="button" className="mg-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </>
  );
}

/** A table of the record kinds, one row each, with three counts per kind. */
function CountsTable({ caption, columns, row }: { caption: string; columns: readonly [string, string, string]; row(item: (typeof ITEMS)[number]): readonly [number, number, number] }) {
  return (
    <table className="mg-doc-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Records</th>
          {columns.map((c) => (
            <th key={c} scope="col">
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ITEMS.map((item) => (
          <tr key={item}>
            <th scope="row">{ITEM_LABELS[item]}</th>
            {row(item).map((n, i) => (
              <td key={i}>{n}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Counts({ plan }: { plan: PlanSummary }) {
  return (
    <CountsTable
      caption="What the file holds, compared with your library"
      columns={['New', 'Identical', 'Conflicting']}
      row={(item) => [plan.counts[item].new, plan.counts[item].identical, plan.counts[item].conflicting]}
    />
  );
}

function Conflicts({ conflicts, choices, onChoose }: { conflicts: Conflict[]; choices: Map<string, Choice>; onChoose(key: string, choice: Choice): void }) {
  if (conflicts.length === 0) return <p>No conflicts: records with an id you already have are identical to yours.</p>;
  const listed = conflicts.slice(0, MAX_LISTED_CONFLICTS);
  return (
    <section aria-labelledby="import-conflicts-heading">
      <h3 id="import-conflicts-heading">Conflicts ({conflicts.length})</h3>
      {conflicts.length > listed.length ? <p>The first {listed.length} are listed; the others take their default.</p> : null}
      <ul className="mg-results" aria-label="Conflicts">
        {listed.map((c) => (
          <li key={c.key}>
            <fieldset className="mg-inline-fieldset">
              <legend>{c.label.charAt(0).toUpperCase() + c.label.slice(1)}</legend>
              <p>{c.description}</p>
              {(['mine', 'theirs'] as const).map((choice) => (
                <label key={choice}>
                  <input type="radio" name={c.key} checked={(choices.get(c.key) ?? c.defaultChoice) === choice} disabled={!c.choices.includes(choice)} onChange={() => onChoose(c.key, choice)} />{' '}
                  {choice === 'mine' ? 'Keep mine' : 'Take theirs'}
                </label>
              ))}
            </fieldset>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Report({ writes, onClose }: { writes: ImportReport; onClose(): void }) {
  return (
    <>
      <p role="status">Imported: {summaryLine(writes)}</p>
      <CountsTable
        caption="What was imported"
        columns={['Added', 'Updated', 'Skipped']}
        row={(item) => [writes.summary[item].added, writes.summary[item].updated, writes.summary[item].skipped]}
      />
      {writes.notes.map((n, i) => (
        <p key={i}>{n}</p>
      ))}
      <div className="mg-dialog-actions">
        <button type="button" className="mg-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </>
  );
}
