/** The browser project runs on real Chromium: a raw IndexedDB round trip, without Dexie. */
import { expect, it } from 'vitest';

/** Resolves an IDBRequest (or rejects with its error). */
function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

it('writes and reads a record in IndexedDB', async () => {
  expect(navigator.userAgent).toMatch(/Chrome\//);
  const name = `smoke-${Date.now()}`;
  const open = indexedDB.open(name, 1);
  open.onupgradeneeded = () => open.result.createObjectStore('notes', { keyPath: 'id' });
  const db = await done(open);
  try {
    const write = db.transaction('notes', 'readwrite');
    write.objectStore('notes').put({ id: 'n1', text: 'Hello, 世界 😀' });
    await new Promise<void>((resolve, reject) => {
      write.oncomplete = () => resolve();
      write.onerror = () => reject(write.error);
    });
    const read = await done(db.transaction('notes').objectStore('notes').get('n1'));
    expect(read).toEqual({ id: 'n1', text: 'Hello, 世界 😀' });
  } finally {
    db.close();
    await done(indexedDB.deleteDatabase(name));
  }
});
