/**
 * A text field that edits a stored value: typing updates a local draft at once and saves after a short
 * pause (and on blur), while changes from elsewhere (undo, another tab) show when the field is idle.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export const SAVE_DELAY_MS = 400;

export function useDraft(value: string, save: (next: string) => void) {
  const [draft, setDraft] = useState(value);
  const focused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef({ draft: value, value, save });
  latest.current.save = save;
  latest.current.value = value;

  const flush = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const { draft: d, value: v, save: s } = latest.current;
    if (d !== v) s(d);
  }, []);

  useEffect(() => {
    if (!focused.current && timer.current === null) {
      setDraft(value);
      latest.current.draft = value;
    }
  }, [value]);

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
    onFocus: () => {
      focused.current = true;
    },
    onBlur: () => {
      focused.current = false;
      flush();
    },
  };
}
