/**
 * Choose an entity from the registry as you type (ARIA combobox with a listbox of matches), or create
 * a new one. Matching forgives case, accents, look-alike letters from other scripts and small typos
 * (model/entity.ts searchEntities). The visible label is the accessible name ("Entity", "Attributed to").
 */
import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { searchEntities, type EntityRecord, type EntityType } from '../model/entity';

interface Props {
  label: string;
  entities: readonly EntityRecord[];
  /** The entity chosen now, if any: shown when the field is idle. */
  value: EntityRecord | null;
  /** Text to search for when nothing is chosen yet (the mention's quote). */
  suggestion?: string;
  /** Only entities of these types are offered. */
  types?: readonly EntityType[];
  /** An entity not to offer (the one being merged). */
  excludeId?: string;
  onPick(entity: EntityRecord): void;
  /** Offer "Create <type> “text”" options, one per type in `createTypes`. */
  onCreate?(name: string, type: EntityType): void;
  createTypes?: readonly EntityType[];
  /** Shown under the field. */
  hint?: string;
}

type Option = { kind: 'pick'; entity: EntityRecord; matched: string } | { kind: 'create'; type: EntityType };

export function EntityPicker({ label, entities, value, suggestion, types, excludeId, onPick, onCreate, createTypes, hint }: Props) {
  const id = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const text = query ?? (value ? value.name : (suggestion ?? ''));

  const options = useMemo((): Option[] => {
    if (!open) return [];
    const hits = searchEntities(entities, text, { types, limit: 12 }).filter((h) => h.entity.id !== excludeId);
    const out: Option[] = hits.map((h) => ({ kind: 'pick', entity: h.entity, matched: h.matched }));
    const exact = hits.some((h) => h.rank === 0);
    if (onCreate && text.trim() && !exact) for (const type of createTypes ?? []) out.push({ kind: 'create', type });
    return out;
  }, [open, entities, text, types, excludeId, onCreate, createTypes]);

  const choose = (o: Option | undefined) => {
    if (!o) return;
    if (o.kind === 'pick') onPick(o.entity);
    else onCreate?.(text.trim(), o.type);
    setQuery(null);
    setOpen(false);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (options.length) setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter') {
      if (open && options.length) {
        e.preventDefault();
        choose(options[Math.min(active, options.length - 1)]);
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setQuery(null);
      }
    }
  };

  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-opt-${i}`;
  const shown = open && options.length > 0;
  return (
    <div className="mg-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown ? optionId(Math.min(active, options.length - 1)) : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        autoComplete="off"
        value={text}
        placeholder="Type a name"
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKey}
      />
      {hint ? (
        <span id={`${id}-hint`} className="mg-picker-hint">
          {hint}
        </span>
      ) : null}
      <ul id={listId} role="listbox" aria-label={`${label} suggestions`} className="mg-picker-list" hidden={!shown}>
        {options.map((o, i) => (
          <li
            key={o.kind === 'pick' ? o.entity.id : `create-${o.type}`}
            id={optionId(i)}
            role="option"
            aria-selected={i === Math.min(active, options.length - 1)}
            className={o.kind === 'create' ? 'mg-picker-create' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(o)}
          >
            {o.kind === 'pick' ? (
              <>
                {o.entity.name} ({o.entity.type}){o.matched !== o.entity.name ? ` — also “${o.matched}”` : ''}
              </>
            ) : (
              <>
                Create {o.type} “{text.trim()}”
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
