/**
 * The whole library read a page at a time, for exports that must not hold it all at once (a library
 * of 1,000 documents and 100,000 annotations is some 100 MB as JSON; read whole, its records and
 * their copies took more than the tab's memory budget and one 1 s task).
 *
 * Everything is read in one read transaction, so the pages are one consistent state of the library
 * (an export whose annotation points at an entity created between two pages could not be imported).
 * The transaction never waits on anything but its own requests: while the caller handles a page
 * (converts it, writes its text), the next page is already being read, so the transaction stays
 * alive, and between two pages the page can paint and handle input (each read finishing is a task
 * of its own). Writes from other tabs wait until the export has read everything.
 *
 * Each list comes in the order of the native export (docs/format.md section 6) page by page: every
 * record of a page sorts after every record of the pages before it; within a page the order is left
 * to the caller (the writers in io/ sort each page). How:
 * - documents, entities, evidence, events: by the index on their first sort key (`created`, `name`,
 *   `claimId`, `at`; an index breaks ties by id), each page one getAll of the next records from where
 *   the last page ended (documents then get their texts). A page never ends inside a run of equal
 *   first keys (the run is left for the next page), since the export orders such a run by other
 *   fields (the events of one instant by group and seq); a run longer than a page is read whole, so
 *   a page is never smaller than the largest such run (an imported library's events share one time).
 * - annotations: whole documents per page, by the `documentId` index (the export orders annotations
 *   by document first); a page is never smaller than one document's annotations.
 * - links: there is no index on `created`, and links are small; they are read in one page.
 * A list whose index misses some records (a record without the field: not written by the app) is
 * read in one page, so nothing is ever left out.
 */
import type { Table } from 'dexie';
import type { Annotation } from '../model/annotation';
import { DEFAULT_VERDICT_SCALE, type VerdictScale } from '../model/claim';
import type { DocumentRecord } from '../model/document';
import type { LibraryRecords } from '../model/library';
import type { DocumentSummary, MarginaliaDB } from './database';
import { historyTables } from './history';
import { getSetting, VERDICT_SCALE_KEY } from './repository';

/** A list of records of a library. */
export type LibrarySection = keyof LibraryRecords;
/** A record of that list. */
export type LibraryRecord<S extends LibrarySection> = LibraryRecords[S][number];

/** How many records of each list there are, when the reading starts. */
export type LibraryCounts = Record<LibrarySection, number>;

/** Records per page: documents with their text, annotations, the other (small) records. */
export interface PageSizes {
  documents: number;
  annotations: number;
  records: number;
}

/** Enough per page that the per-request cost does not dominate; small enough to keep memory flat. */
export const DEFAULT_PAGE_SIZES: PageSizes = { documents: 25, annotations: 500, records: 500 };

/** What receives the pages. Every call is synchronous: the next page is being read meanwhile. */
export interface LibraryPageVisitor {
  /** First: the verdict scale and the number of records of each list. */
  start?(head: { verdictScale: VerdictScale; counts: LibraryCounts }): void;
  /**
   * A page of `section` (documents with their content and text). With `annotationDocuments`, a page
   * of annotations comes with the metadata of the documents they are on.
   */
  page<S extends LibrarySection>(section: S, records: LibraryRecord<S>[], documents?: ReadonlyMap<string, DocumentSummary>): void;
}

export interface ReadPagesOptions {
  /** The lists to read, in this order. */
  sections: readonly LibrarySection[];
  /** Give each annotations page the metadata (not the text) of its documents. */
  annotationDocuments?: boolean;
  sizes?: PageSizes;
}

/** One page as read: records, and the documents of an annotations page. */
interface Page<S extends LibrarySection> {
  records: LibraryRecord<S>[];
  documents?: Map<string, DocumentSummary>;
}

/**
 * Read pages one after another, handing each to `use` while the next is read. `next` starts the read
 * of the page after the one it was last given (undefined at the start), or returns undefined when
 * there is none.
 */
async function pipeline<T>(next: (previous: T | undefined) => Promise<T> | undefined, use: (page: T) => void): Promise<void> {
  let pending = next(undefined);
  while (pending) {
    const page = await pending;
    pending = next(page);
    use(page);
  }
}

const present = <T>(r: T | undefined): r is T => r !== undefined;

/** Whether the index `index` of `table` holds every record (no record lacks the field). */
async function indexIsComplete(table: Table, index: string, count: number): Promise<boolean> {
  return (await table.orderBy(index).count()) === count;
}

/** Where the next page of an index starts: at `key` (`open`: just after it), or at the start. */
type From = { key: string; open: boolean } | undefined;

/**
 * Records of `table` in pages of about `size` by the index `index` on the field `lead` reads, never
 * ending a page inside a run of records with equal `lead` values. Each page is one request for the
 * next `size` records from where the last page ended (getAll over a key range); the records of the
 * run it ends in are left for the next page, which starts at that key. A run longer than a page is
 * read whole in a request of its own. `complete` adds what a page needs from other tables.
 */
async function byIndex<S, T = S>(
  table: Table<S, string>,
  index: string,
  lead: (r: S) => string,
  count: number,
  size: number,
  complete: (records: S[]) => Promise<T[]> | T[],
  use: (records: T[]) => void,
): Promise<void> {
  if (!(await indexIsComplete(table, index, count))) {
    use(await complete(await table.toArray()));
    return;
  }
  type Read = { records: T[]; next: From; done: boolean };
  const readFrom = async (from: From): Promise<Read> => {
    const range = from === undefined ? table.orderBy(index) : from.open ? table.where(index).above(from.key) : table.where(index).aboveOrEqual(from.key);
    const records = await range.limit(size).toArray();
    if (records.length < size) return { records: await complete(records), next: undefined, done: true };
    const last = lead(records[records.length - 1]!);
    let cut = records.length;
    while (cut > 0 && lead(records[cut - 1]!) === last) cut--;
    if (cut > 0) return { records: await complete(records.slice(0, cut)), next: { key: last, open: false }, done: false };
    // One run fills the page: read all of it.
    const run = await table.where(index).equals(last).toArray();
    return { records: await complete(run), next: { key: last, open: true }, done: false };
  };
  await pipeline<Read>(
    (previous) => (previous === undefined ? readFrom(undefined) : previous.done ? undefined : readFrom(previous.next)),
    (page) => {
      if (page.records.length > 0) use(page.records);
    },
  );
}

/** Documents with their content and text, as readLibrary joins them (a document without its text is left out). */
async function withTexts(db: MarginaliaDB, summaries: DocumentSummary[]): Promise<DocumentRecord[]> {
  const texts = await db.texts.bulkGet(summaries.map((s) => s.id));
  const out: DocumentRecord[] = [];
  summaries.forEach((s, i) => {
    const t = texts[i];
    if (t) out.push({ ...s, content: t.content, text: t.text });
  });
  return out;
}

/** Annotations in pages of whole documents, by document id. */
async function annotationPages(db: MarginaliaDB, count: number, size: number, withDocuments: boolean, use: (page: Page<'annotations'>) => void): Promise<void> {
  const docsOf = async (records: Annotation[]): Promise<Map<string, DocumentSummary> | undefined> => {
    if (!withDocuments) return undefined;
    const ids = [...new Set(records.map((a) => a.documentId))];
    return new Map((await db.documents.bulkGet(ids)).filter(present).map((d) => [d.id, d]));
  };
  if (!(await indexIsComplete(db.annotations, 'documentId', count))) {
    const records = await db.annotations.toArray();
    use({ records, documents: await docsOf(records) });
    return;
  }
  const documentIds = (await db.annotations.orderBy('documentId').uniqueKeys()) as string[];
  // Whole documents per page, as many as make about `size` annotations on average.
  const perPage = Math.max(1, Math.floor((size * documentIds.length) / Math.max(1, count)));
  let at = 0;
  await pipeline<Page<'annotations'>>(
    () => {
      if (at >= documentIds.length) return undefined;
      const first = documentIds[at]!;
      const last = documentIds[Math.min(documentIds.length, at + perPage) - 1]!;
      at += perPage;
      const read = db.annotations.where('documentId').between(first, last, true, true).toArray();
      if (!withDocuments) return read.then((records) => ({ records }));
      const ids = documentIds.slice(at - perPage, at);
      return Promise.all([read, db.documents.bulkGet(ids)]).then(([records, docs]) => ({ records, documents: new Map(docs.filter(present).map((d) => [d.id, d])) }));
    },
    use,
  );
}

/**
 * Read the lists `options.sections` of the library, in that order, a page at a time, in one read
 * transaction, handing each page to `visitor` (see the module's header for the order of the pages).
 * Resolves when every page has been handed over; rejects when reading fails or `visitor` throws.
 */
export async function readLibraryPages(db: MarginaliaDB, options: ReadPagesOptions, visitor: LibraryPageVisitor): Promise<void> {
  const sizes = options.sizes ?? DEFAULT_PAGE_SIZES;
  await db.transaction('r', [db.documents, db.texts, db.settings, ...historyTables(db)], async () => {
    const [verdictScale, documents, annotations, entities, evidence, links, events] = await Promise.all([
      getSetting(db, VERDICT_SCALE_KEY, DEFAULT_VERDICT_SCALE),
      db.documents.count(),
      db.annotations.count(),
      db.entities.count(),
      db.evidence.count(),
      db.links.count(),
      db.events.count(),
    ]);
    const counts: LibraryCounts = { documents, annotations, entities, evidence, links, events };
    visitor.start?.({ verdictScale, counts });
    for (const section of options.sections) {
      switch (section) {
        case 'documents':
          await byIndex(db.documents, 'created', (d) => d.created, counts.documents, sizes.documents, (p) => withTexts(db, p), (p) => visitor.page('documents', p));
          break;
        case 'annotations':
          await annotationPages(db, counts.annotations, sizes.annotations, options.annotationDocuments === true, (p) => visitor.page('annotations', p.records, p.documents));
          break;
        case 'entities':
          await byIndex(db.entities, 'name', (e) => e.name, counts.entities, sizes.records, (p) => p, (p) => visitor.page('entities', p));
          break;
        case 'evidence':
          await byIndex(db.evidence, 'claimId', (e) => e.claimId, counts.evidence, sizes.records, (p) => p, (p) => visitor.page('evidence', p));
          break;
        case 'links':
          visitor.page('links', await db.links.toArray());
          break;
        case 'events':
          await byIndex(db.events, 'at', (e) => e.at, counts.events, sizes.records, (p) => p, (p) => visitor.page('events', p));
          break;
        default:
          throw new RangeError(`No list ${String(section satisfies never)} in a library`);
      }
    }
  });
}
