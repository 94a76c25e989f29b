/** A throw-away database per test, on Chromium's real IndexedDB, deleted when the test ends. */
import { afterEach } from 'vitest';
import Dexie from 'dexie';
import { MarginaliaDB } from '../../src/db/database';

const opened: Dexie[] = [];
let counter = 0;

/** A database name no other test uses. */
export function freshName(prefix = 'marginalia-test'): string {
  return `${prefix}-${Date.now()}-${counter++}`;
}

/** Delete `db` (and close it) when the current test ends. */
export function dropAfterTest<T extends Dexie>(db: T): T {
  opened.push(db);
  return db;
}

/** A new, empty database of the current version, deleted after the test. */
export function freshDb(): MarginaliaDB {
  return dropAfterTest(new MarginaliaDB(freshName()));
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});
