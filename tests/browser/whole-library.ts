/**
 * The whole library as stored, read in one transaction: what the tests compare the app's paged reads
 * and its imports with. (The app itself never reads everything at once: db/library-pages.ts.)
 */
import type { MarginaliaDB } from '../../src/db/database';
import { historyTables } from '../../src/db/history';
import { getSetting, VERDICT_SCALE_KEY, type LibraryContents } from '../../src/db/repository';
import { DEFAULT_VERDICT_SCALE } from '../../src/model/claim';
import type { DocumentRecord } from '../../src/model/document';

export async function readLibrary(db: MarginaliaDB): Promise<LibraryContents> {
  return db.transaction('r', [db.documents, db.texts, db.settings, ...historyTables(db)], async () => {
    const [summaries, texts, annotations, entities, evidence, links, events, verdictScale] = await Promise.all([
      db.documents.toArray(),
      db.texts.toArray(),
      db.annotations.toArray(),
      db.entities.toArray(),
      db.evidence.toArray(),
      db.links.toArray(),
      db.events.toArray(),
      getSetting(db, VERDICT_SCALE_KEY, DEFAULT_VERDICT_SCALE),
    ]);
    const byId = new Map(texts.map((t) => [t.documentId, t]));
    const documents: DocumentRecord[] = [];
    for (const s of summaries) {
      const t = byId.get(s.id);
      if (t) documents.push({ ...s, content: t.content, text: t.text });
    }
    return { documents, annotations, entities, evidence, links, events, verdictScale };
  });
}
