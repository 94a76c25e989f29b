/**
 * A text field that edits a stored value: typing updates a local draft at once and saves after a short
 * pause (and on blur), while changes from elsewhere (undo, another tab) show when the field is idle.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export const SAVE_DELAY_MS = 400;

export function useDraft(value: string, save: (next: string) => void) {
  const [draft, setDraft] = useState(value);
  const [editing, setEditing] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ draft: value, value, save });
  useLayoutEffect(() => {
    latest.current = { draft, value, save };
  });

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const { draft: d, value: v, save: s } = latest.current;
    if (d !== v) s(d);
  }, []);

  // Show a value changed elsewhere unless the reviewer is typing here (adjusting state during render).
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (!editing) setDraft(value);
  }

  // Save what was typed when the field goes away (another annotation selected, view closed).
  useEffect(() => flush, [flush]);

  return {
    value: draft,
    onChange: (next: string) => {
      setDraft(next);
      latest.current.draft = next;
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(flush, SAVE_DELAY_MS);
    },
    onFocus: () => setEditing(true),
    onBlur: () => {
      setEditing(false);
      flush();
    },
  };
}
