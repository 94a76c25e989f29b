/** When a click lands on overlapping highlights, a small menu lets the reviewer pick one. */
import { useEffect, useRef } from 'react';
import type { Annotation } from '../model/annotation';
import { entryLabel } from './AnnotationsPanel';

interface Props {
  choices: readonly Annotation[];
  at: { left: number; top: number; bottom: number };
  onChoose(id: string): void;
  onClose(): void;
}

export function HighlightChooser({ choices, at, onChoose, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);
  return (
    <div
      ref={ref}
      className="mg-chooser"
      role="menu"
      aria-label="Choose annotation"
      style={{ left: at.left, top: at.bottom + 4 }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const items = [...(ref.current?.querySelectorAll('button') ?? [])];
          const i = items.indexOf(document.activeElement as HTMLButtonElement);
          items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      {choices.map((a) => (
        <button key={a.id} type="button" role="menuitem" onClick={() => onChoose(a.id)}>
          {entryLabel(a)}
        </button>
      ))}
    </div>
  );
}
