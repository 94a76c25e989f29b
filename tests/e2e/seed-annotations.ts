/**
 * Storing annotations straight into the app's IndexedDB, as a library that grew over months would
 * hold them, for tests at scale: `seedWordAnnotations` runs in the page (pass it to `page.evaluate`)
 * and is self-contained.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

const WORDS = ['river', 'council', 'dam', 'figure', 'report', 'engineer', 'warning', 'village', 'minister', 'budget'];

/** An ASCII article titled "Scale test article" of `paragraphs` paragraphs of 30 words, each ending "paragraphN.". */
export function wordArticle(paragraphs: number): string {
  const out = ['Scale test article'];
  for (let p = 0; p < paragraphs; p++) {
    const words: string[] = [];
    for (let w = 0; w < 30; w++) words.push(WORDS[(p * 7 + w * 3) % WORDS.length]!);
    out.push(`${words.join(' ')} paragraph${p}.`);
  }
  return out.join('\n\n');
}

/** Import `text` (a `wordArticle`) through "Import document" and return the new document's id once it opens. */
export async function importWordArticle(page: Page, text: string): Promise<string> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import document' }).click();
  await (await chooser).setFiles({ name: 'scale.txt', mimeType: 'text/plain', buffer: Buffer.from(text, 'utf8') });
  await expect.poll(() => page.getByRole('heading', { name: 'Scale test article' }).count()).toBeGreaterThan(0);
  return decodeURIComponent(new URL(page.url()).hash.replace('#/doc/', ''));
}

export interface Seeded {
  n: number;
  /** How many claims quote each word. */
  claimWords: Record<string, number>;
  /** The new annotations' ids, sorted. */
  ids: string[];
}

/**
 * `count` annotations (claim, entity, opinion in turn) on single words of the stored text of
 * `documentId`, a word about every 40 characters so they spread over the whole text. For ASCII texts
 * (UTF-16 indices are then code points).
 */
export async function seedWordAnnotations({ documentId, count }: { documentId: string; count: number }): Promise<Seeded> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open('marginalia');
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('opening the database was blocked'));
  });
  const text = await new Promise<{ text: string; textHash: string }>((resolve, reject) => {
    const req = db.transaction('texts').objectStore('texts').get(documentId);
    req.onsuccess = () => (req.result ? resolve(req.result) : reject(new Error(`no stored text for ${documentId}`)));
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction('annotations', 'readwrite');
  const store = tx.objectStore('annotations');
  const kinds = ['claim', 'entity', 'opinion'] as const;
  let n = 0;
  const claimWords: Record<string, number> = {};
  const ids: string[] = [];
  const re = /\b[a-z]+/g;
  for (let m = re.exec(text.text); m && n < count; m = re.exec(text.text)) {
    if (m.index < 20) continue;
    const kind = kinds[n % 3]!;
    const start = m.index;
    const end = start + m[0].length;
    const fields =
      kind === 'claim'
        ? { status: 'unverified', verdict: null, rationale: '', attribution: null, note: '' }
        : kind === 'entity'
          ? { entityId: null }
          : { attribution: null, note: '' };
    const id = crypto.randomUUID();
    ids.push(id);
    store.put({
      id,
      documentId,
      textHash: text.textHash,
      kind,
      fields,
      anchor: { quote: m[0], prefix: text.text.slice(Math.max(0, start - 32), start), suffix: text.text.slice(end, end + 32), start, end },
      creator: 'Seeder',
      created: '2026-01-01T00:00:00.000Z',
      modified: '2026-01-01T00:00:00.000Z',
    });
    if (kind === 'claim') claimWords[m[0]] = (claimWords[m[0]] ?? 0) + 1;
    n++;
    // Skip words so the spans spread over the whole document.
    re.lastIndex += 40;
  }
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onabort = () => reject(tx.error ?? new Error('the seeding transaction was aborted'));
  });
  db.close();
  return { n, claimWords, ids: ids.sort() };
}
