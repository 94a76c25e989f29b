/**
 * Messages for the reviewer: a polite status line (announced by screen readers) and errors shown in
 * an alert until dismissed. A tiny external store so any component can post without prop drilling.
 */
import { useSyncExternalStore } from 'react';

export interface Notice {
  id: number;
  kind: 'status' | 'error';
  text: string;
}

let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((l) => l());

export function postStatus(text: string): void {
  notices = [...notices.filter((n) => n.kind !== 'status'), { id: nextId++, kind: 'status', text }];
  emit();
}

export function postError(text: string): void {
  notices = [...notices, { id: nextId++, kind: 'error', text }];
  emit();
}

export function dismiss(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

export function useNotices(): Notice[] {
  return useSyncExternalStore(
    (cb) => {
      listeners.add(cb);
      return () => listeners.delete(cb);
    },
    () => notices,
  );
}
