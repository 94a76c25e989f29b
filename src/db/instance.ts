/** The app's single database, guarded against other tabs upgrading it (see connection.ts). */
import { guardConnection } from './connection';
import { MarginaliaDB } from './database';

export const db = new MarginaliaDB();

type Listener = (message: string) => void;
const listeners = new Set<Listener>();

/** Be told when the database can no longer be used in this tab, or waits on another tab. */
export function onDatabaseLost(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

guardConnection(db, (message) => listeners.forEach((l) => l(message)));
