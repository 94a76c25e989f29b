/**
 * The app's single database, and what happens when another tab upgrades it: this tab closes its
 * connection (so the upgrade is not blocked) and tells the reviewer to reload.
 */
import { MarginaliaDB } from './database';

export const db = new MarginaliaDB();

type Listener = (message: string) => void;
const listeners = new Set<Listener>();

/** Be told when the database can no longer be used in this tab. */
export function onDatabaseLost(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

db.on('versionchange', () => {
  db.close();
  for (const l of listeners) l('Marginalia was updated in another tab and this tab was disconnected to let it finish. Reload this tab to continue; your data is safe.');
  return false;
});

db.on('blocked', () => {
  for (const l of listeners) l('Marginalia is waiting for another open tab to close before it can upgrade its storage. Close the other Marginalia tabs.');
});
