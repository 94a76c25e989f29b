/**
 * What a tab does when another tab needs the database: when a newer version of the app opens it, this
 * tab closes its connection at once (so the other tab's upgrade is not blocked) and tells the reviewer
 * to reload; when this tab's own upgrade waits on an older tab, the reviewer is told which tab to close.
 */
import type Dexie from 'dexie';

export const UPGRADED_ELSEWHERE =
  'Marginalia was updated in another tab and this tab was disconnected to let it finish. Reload this tab to continue; your data is safe.';
export const BLOCKED_BY_OTHER_TAB =
  'Marginalia is waiting for another open tab to close before it can upgrade its storage. Close the other Marginalia tabs; nothing is lost.';

/** Install the guards on `db`; `notify` receives the messages above. */
export function guardConnection(db: Dexie, notify: (message: string) => void): void {
  db.on('versionchange', () => {
    db.close();
    notify(UPGRADED_ELSEWHERE);
    return false;
  });
  db.on('blocked', () => notify(BLOCKED_BY_OTHER_TAB));
}
