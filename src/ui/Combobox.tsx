/**
 * A text field that offers choices as you type, following the ARIA combobox pattern: the input owns a
 * listbox, arrows move the active option, Enter chooses it, Escape closes the list, the mouse works
 * too. The visible label is the accessible name. What the options are is the caller's business.
 */
import { useId, useState, type KeyboardEvent, type ReactNode } from 'react';

interface Props<T> {
  label: string;
  /** What the field shows while nobody is typing in it (the current choice, or a suggestion). */
  idleText: string;
  /** Start searching with `idleText` when the field gets focus (else with an empty query). */
  searchIdleText?: boolean;
  placeholder?: string;
  hint?: string;
  /** Accessible name of the list of options. */
  listLabel: string;
  /** The options for a query; only asked while the list is open. */
  optionsFor(query: string): readonly T[];
  optionKey(option: T): string;
  renderOption(option: T, query: string): ReactNode;
  optionClass?(option: T): string | undefined;
  onChoose(option: T, query: string): void;
  /** Told when the list opens or closes (to load options lazily). */
  onOpenChange?(open: boolean): void;
}

export function Combobox<T>({ label, idleText, searchIdleText, placeholder, hint, listLabel, optionsFor, optionKey, renderOption, optionClass, onChoose, onOpenChange }: Props<T>) {
  const id = useId();
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpenState] = useState(false);
  const [active, setActive] = useState(0);
  const setOpen = (next: boolean) => {
    setOpenState(next);
    onOpenChange?.(next);
  };
  const text = query ?? (open && !searchIdleText ? '' : idleText);
  const options = open ? optionsFor(text) : [];
  const current = Math.min(active, options.length - 1);
  const shown = open && options.length > 0;

  const choose = (o: T | undefined) => {
    if (o === undefined) return;
    onChoose(o, text.trim());
    setQuery(null);
    setOpen(false);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) setOpen(true);
      if (options.length) setActive((i) => (Math.min(i, options.length - 1) + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length);
    } else if (e.key === 'Enter' && shown) {
      e.preventDefault();
      choose(options[current]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
      setQuery(null);
    }
  };

  const optionId = (i: number) => `${id}-opt-${i}`;
  return (
    <div className="mg-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={`${id}-list`}
        aria-activedescendant={shown ? optionId(current) : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        autoComplete="off"
        value={text}
        placeholder={placeholder}
        onFocus={() => setOpen(true)}
        onBlur={() => {
          setOpen(false);
          setQuery(null);
        }}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          if (!open) setOpen(true);
        }}
        onKeyDown={onKey}
      />
      {hint ? (
        <span id={`${id}-hint`} className="mg-picker-hint">
          {hint}
        </span>
      ) : null}
      <ul id={`${id}-list`} role="listbox" aria-label={listLabel} className="mg-picker-list" hidden={!shown}>
        {options.map((o, i) => (
          <li
            key={optionKey(o)}
            id={optionId(i)}
            role="option"
            aria-selected={i === current}
            className={optionClass?.(o)}
            onMouseDown={(e) => e.preventDefault()}
            onMouseEnter={() => setActive(i)}
            onClick={() => choose(o)}
          >
            {renderOption(o, text.trim())}
          </li>
        ))}
      </ul>
    </div>
  );
}
