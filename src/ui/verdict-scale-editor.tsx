/**
 * The verdict scale part of Settings: one group per level (label, description, move up, move down,
 * remove), "Add level" and "Reset to default". It edits drafts held by the Settings form, which saves
 * them with the rest of the form. Removing a level that claims use is refused on the spot (and again
 * when saving, in case another tab used it meanwhile).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { DEFAULT_VERDICT_SCALE } from '../model/claim';
import { levelInUseMessage, moveItem, newDraft, toDrafts, type LevelDraft } from '../model/verdict-scale';
import { newId } from '../model/ids';
import { db } from '../db/instance';
import { describeDbError } from '../db/errors';
import { countVerdictUses } from './verdict-scale-store';

interface Props {
  /** The levels being edited; undefined while the stored scale loads. */
  levels: readonly LevelDraft[] | undefined;
  /** Change the drafts (from their latest value: a removal is decided after an await). */
  update(change: (levels: readonly LevelDraft[]) => LevelDraft[]): void;
  /** A refusal or validation problem to show, '' for none. */
  message: string;
  setMessage(message: string): void;
  /** Prefix of element ids, unique on the page. */
  idBase: string;
}

/** Visible text plus words only screen readers need to tell one level's controls from another's. */
const named = (visible: string, hidden: string): ReactNode => (
  <>
    {visible}
    <span className="mg-visually-hidden"> {hidden}</span>
  </>
);

export function VerdictScaleEditor({ levels, update, message, setMessage, idBase }: Props) {
  const focusNext = useRef<string | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);

  // After adding or removing a level, put focus where the reviewer will continue.
  useEffect(() => {
    const target = focusNext.current;
    if (target === null) return;
    focusNext.current = null;
    if (target === '') addButton.current?.focus();
    else document.getElementById(target)?.focus();
  }, [levels]);

  if (!levels) return <p>Loading the verdict scale…</p>;
  const labelId = (key: string) => `${idBase}-${key}-label`;

  const edit = (key: string, patch: Partial<LevelDraft>) => update((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const move = (index: number, delta: number) => update((ls) => moveItem(ls, index, delta));
  const add = () => {
    const draft = newDraft(newId());
    focusNext.current = labelId(draft.key);
    setMessage('');
    update((ls) => [...ls, draft]);
  };
  const remove = async (level: LevelDraft, index: number) => {
    setMessage('');
    if (level.id !== null) {
      let count: number;
      try {
        count = (await countVerdictUses(db, [level.id])).get(level.id) ?? 0;
      } catch (error) {
        setMessage(describeDbError(error, 'check which claims use this verdict'));
        return;
      }
      if (count > 0) {
        setMessage(levelInUseMessage(level.label.trim() || `Level ${index + 1}`, count));
        return;
      }
    }
    update((ls) => {
      const at = ls.findIndex((l) => l.key === level.key);
      const rest = ls.filter((l) => l.key !== level.key);
      const next = rest[Math.min(at, rest.length - 1)];
      focusNext.current = next ? labelId(next.key) : '';
      return rest;
    });
  };

  return (
    <fieldset className="mg-scale">
      <legend>Verdict scale</legend>
      <p className="mg-scale-help">
        Best verdict first. Claims keep their verdict when a level is renamed or moved; a level that claims use cannot be removed.
      </p>
      <ol className="mg-scale-levels">
        {levels.map((level, i) => {
          const n = i + 1;
          return (
            <li key={level.key}>
              <fieldset className="mg-scale-level">
                <legend>Level {n}</legend>
                <label>
                  {named('Label', `of level ${n}`)}
                  <input id={labelId(level.key)} value={level.label} onChange={(e) => edit(level.key, { label: e.target.value })} />
                </label>
                <label>
                  {named('Description', `of level ${n}`)}
                  <textarea rows={2} value={level.description} onChange={(e) => edit(level.key, { description: e.target.value })} />
                </label>
                <div className="mg-scale-level-actions">
                  <button type="button" aria-disabled={i === 0 ? true : undefined} onClick={() => i > 0 && move(i, -1)}>
                    {named('Move up', `level ${n}`)}
                  </button>
                  <button type="button" aria-disabled={i === levels.length - 1 ? true : undefined} onClick={() => i < levels.length - 1 && move(i, 1)}>
                    {named('Move down', `level ${n}`)}
                  </button>
                  <button type="button" className="mg-danger" onClick={() => void remove(level, i)}>
                    {named('Remove', `level ${n}`)}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      {message ? (
        <p className="mg-field-error" role="alert">
          {message}
        </p>
      ) : null}
      <div className="mg-scale-actions">
        <button type="button" ref={addButton} onClick={add}>
          Add level
        </button>
        <button
          type="button"
          onClick={() => {
            setMessage('');
            update(() => toDrafts(DEFAULT_VERDICT_SCALE));
          }}
        >
          Reset to default
        </button>
      </div>
    </fieldset>
  );
}
