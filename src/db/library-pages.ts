/**
 * The whole library read a page at a time, for exports that must not hold it all at once (a library
 * of 1,000 documents and 100,000 annotations is some 100 MB as JSON; read whole, its records and
 * their copies took more than the tab's memory budget and one 1 s task). Annotations are the
 * exception: all of them are read before their first page is handed over (annotationPages says why),
 * but not the texts, the events or the output's copies.
 *
 * Everything is read in one read transaction, so the pages are one consistent state of the library
 * (an export whose annotation points at an entity created between two pages could not be imported).
 * The transaction never waits on anything but its own requests: while the caller handles a page
 * (converts it, writes its text), the next page is already being read (or, for annotations, a one-key
 * request is pending), so the transaction stays alive, and between two pages the page can paint and
 * handle input (each request finishing is a task of its own). Writes from other tabs wait until the
 * export has read everything.
 *
 * The reads are plain IndexedDB requests on the connection Dexie opened, not Dexie queries: Dexie's
 * per-request and per-record bookkeeping (promise zones, middleware) adds up over 100,000 records on
 * the thread that also writes the file, and plain requests let several reads be in flight at once.
 * Nothing here depends on Dexie's hooks or middleware (the app registers none).
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
 * - annotations: every annotation is read first, by primary key, and grouped by document; then handed
 *   over in pages of whole documents by document id (the export orders annotations by document
 *   first), so a page is never smaller than one document's annotations. Reading through the
 *   `documentId` index instead cost the backend about twice as much (see annotationPages).
 * - links: there is no index on `created`, and links are small; they are read in one page.
 * A list whose index misses some records (a record without the field: not written by the app) is
 * read in one page, so nothing is ever left out.
 */
import type { Annotation } from '../model/annotation';
import { DEFAULT_VERDICT_SCALE, type VerdictScale } from '../model/claim';
import type { DocumentRecord } from '../model/document';
import type { LibraryRecords } from '../model/library';
import type { DocumentSummary, MarginaliaDB, TextRecord } from './database';
import { VERDICT_SCALE_KEY } from './repository';
import { settleCarries } from './carry';

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

/** Enough per page that the per-request cost does not dominate; small enough to keep memory flat and each page's task short. */
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

/** The result of `request`. A failed request rejects (and aborts its transaction). */
function result<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('An IndexedDB request failed'));
  });
}

/** Where the next page of an index starts: at `key` (`open`: just after it), or at the start. */
type From = { key: string; open: boolean } | undefined;

/**
 * Records of `store` in pages of about `size` by the index `index` on the field `lead` reads, never
 * ending a page inside a run of records with equal `lead` values. Each page is one request for the
 * next `size` records from where the last page ended (getAll over a key range); the records of the
 * run it ends in are left for the next page, which starts at that key. A run longer than a page is
 * read whole in a request of its own. `complete` adds what a page needs from other stores.
 */
async function byIndex<S, T = S>(
  store: IDBObjectStore,
  index: string,
  lead: (r: S) => string,
  count: number,
  size: number,
  complete: (records: S[]) => Promise<T[]> | T[],
  use: (records: T[]) => void,
): Promise<void> {
  const source = store.index(index);
  if ((await result(source.count())) !== count) {
    use(await complete((await result(store.getAll())) as S[]));
    return;
  }
  type Read = { records: T[]; next: From };
  const readFrom = async (from: From): Promise<Read> => {
    const records = (await result(source.getAll(from === undefined ? null : IDBKeyRange.lowerBound(from.key, from.open), size))) as S[];
    if (records.length < size) return { records: await complete(records), next: undefined };
    const last = lead(records[records.length - 1]!);
    let cut = records.length;
    while (cut > 0 && lead(records[cut - 1]!) === last) cut--;
    if (cut > 0) return { records: await complete(records.slice(0, cut)), next: { key: last, open: false } };
    // One run fills the page: read all of it.
    const run = (await result(source.getAll(IDBKeyRange.only(last)))) as S[];
    return { records: await complete(run), next: { key: last, open: true } };
  };
  let pending: Promise<Read> | undefined = readFrom(undefined);
  while (pending) {
    const page: Read = await pending;
    // The next read starts before this page is handed over, so the transaction always has a request.
    pending = page.next === undefined ? undefined : readFrom(page.next);
    try {
      if (page.records.length > 0) use(page.records);
    } catch (e) {
      pending?.catch(() => undefined);
      throw e;
    }
  }
}

/** Documents with their content and text (a document without its text is left out). */
async function withTexts(texts: IDBObjectStore, summaries: DocumentSummary[]): Promise<DocumentRecord[]> {
  const found = await Promise.all(summaries.map((s) => result<TextRecord | undefined>(texts.get(s.id))));
  const out: DocumentRecord[] = [];
  summaries.forEach((s, i) => {
    const t = found[i];
    if (t) out.push({ ...s, content: t.content, text: t.text });
  });
  return out;
}

/** A page of annotations as handed over, with the documents when asked for. */
interface AnnotationPage {
  records: Annotation[];
  documents?: Map<string, DocumentSummary>;
}

/** Annotations read by one request of the scan. */
const SCAN_PAGE = 1000;

/**
 * Where the scan's stretches of the key space begin (the first starts at the lowest key). Ids are
 * UUIDs written in lowercase hexadecimal, so sixteen stretches of about the same size; any other key
 * still falls in exactly one of them.
 */
const SCAN_SPLITS = ['', ...'123456789abcdef'];

/** Stretch `i` of the key space, from just after `after` when given. */
function scanRange(i: number, after?: string): IDBKeyRange | null {
  const upper = SCAN_SPLITS[i + 1];
  const lower = after ?? SCAN_SPLITS[i]!;
  const openLower = after !== undefined;
  if (lower === '' && !openLower) return upper === undefined ? null : IDBKeyRange.upperBound(upper, true);
  return upper === undefined ? IDBKeyRange.lowerBound(lower, openLower) : IDBKeyRange.bound(lower, upper, openLower, true);
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Every annotation, in pages of whole documents (about `size` annotations each) by document id. The
 * store is scanned by primary key first, SCAN_PAGE records a request, in sixteen stretches of the
 * key space read side by side (a request of each in flight, so the backend never waits for this
 * thread to ask for the next records: in a probe, a 100,000-annotation export took 0.1–0.7 s less
 * than with one request at a time), and the records grouped by document: the backend reads a store
 * in key order for about half what reading the same records through the `documentId` index costs it
 * (each index entry is another lookup), and that read was the slowest part of an export. So all
 * annotations are held at once (some 100 MB for 100,000), each document's let go as its page is
 * handed over. Between two pages, a one-key request of the same transaction both keeps the
 * transaction alive (there may be lists to read after this one) and lets the page paint (its answer
 * is a task of its own). An annotation without a document id (not written by the app) puts
 * everything in one page, as the writers can still sort it.
 */
async function annotationPages(tx: IDBTransaction, names: StoreNames, size: number, withDocuments: boolean, use: (page: AnnotationPage) => void): Promise<void> {
  const store = tx.objectStore(names.annotations);
  const summaries = withDocuments ? (result(tx.objectStore(names.documents).getAll()) as Promise<DocumentSummary[]>) : undefined;
  const byDocument = new Map<string, Annotation[]>();
  let keyed = true;
  const group = (records: readonly Annotation[]) => {
    for (const a of records) {
      if (typeof a.documentId !== 'string') keyed = false;
      const list = byDocument.get(a.documentId);
      if (list) list.push(a);
      else byDocument.set(a.documentId, [a]);
    }
  };
  // One chain of requests per stretch of the key space, all in flight at once: the backend always has
  // the next request queued while this thread reads the answer of the last one.
  const chains = SCAN_SPLITS.map(async (_, i) => {
    let range = scanRange(i);
    for (;;) {
      const records = (await result(store.getAll(range, SCAN_PAGE))) as Annotation[];
      if (records.length < SCAN_PAGE) return records;
      const last = records[records.length - 1]!.id;
      range = scanRange(i, last);
      group(records);
    }
  });
  for (const records of await Promise.all(chains)) group(records);
  const documents = summaries ? new Map((await summaries).map((d) => [d.id, d])) : undefined;
  const withDocs = (records: Annotation[]): AnnotationPage => (documents ? { records, documents } : { records });
  if (!keyed) {
    if (byDocument.size > 0) use(withDocs([...byDocument.values()].flat()));
    return;
  }
  const ids = [...byDocument.keys()].sort(compareStrings);
  let page: Annotation[] = [];
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    for (const a of byDocument.get(id)!) page.push(a);
    byDocument.delete(id);
    if (page.length < size && i < ids.length - 1) continue;
    use(withDocs(page));
    page = [];
    if (i < ids.length - 1) await result(store.getKey(''));
  }
}

/** The object store names of the tables read (Dexie's table names are the stores' names). */
type StoreNames = Record<LibrarySection | 'texts' | 'settings', string>;

/**
 * Read the lists `options.sections` of the library, in that order, a page at a time, in one read
 * transaction, handing each page to `visitor` (see the module's header for the order of the pages).
 * Resolves when every page has been handed over; rejects when reading fails or `visitor` throws.
 */
export async function readLibraryPages(db: MarginaliaDB, options: ReadPagesOptions, visitor: LibraryPageVisitor): Promise<void> {
  // Every annotation on its version and every move in the history, as an export says.
  await settleCarries(db);
  const sizes = options.sizes ?? DEFAULT_PAGE_SIZES;
  const names: StoreNames = {
    documents: db.documents.name,
    texts: db.texts.name,
    settings: db.settings.name,
    annotations: db.annotations.name,
    entities: db.entities.name,
    evidence: db.evidence.name,
    links: db.links.name,
    events: db.events.name,
  };
  await db.open();
  const tx = db.backendDB().transaction(Object.values(names), 'readonly');
  const store = (name: keyof StoreNames) => tx.objectStore(names[name]);
  try {
    const [scale, documents, annotations, entities, evidence, links, events] = await Promise.all([
      result(store('settings').get(VERDICT_SCALE_KEY)) as Promise<{ value: VerdictScale } | undefined>,
      ...(['documents', 'annotations', 'entities', 'evidence', 'links', 'events'] as const).map((s) => result(store(s).count())),
    ]);
    const counts: LibraryCounts = { documents: documents!, annotations: annotations!, entities: entities!, evidence: evidence!, links: links!, events: events! };
    visitor.start?.({ verdictScale: scale === undefined ? DEFAULT_VERDICT_SCALE : scale.value, counts });
    for (const section of options.sections) {
      switch (section) {
        case 'documents': {
          const texts = store('texts');
          await byIndex<DocumentSummary, DocumentRecord>(store('documents'), 'created', (d) => d.created, counts.documents, sizes.documents, (p) => withTexts(texts, p), (p) => visitor.page('documents', p));
          break;
        }
        case 'annotations':
          await annotationPages(tx, names, sizes.annotations, options.annotationDocuments === true, (p) => visitor.page('annotations', p.records, p.documents));
          break;
        case 'entities':
          await byIndex(store('entities'), 'name', (e: LibraryRecord<'entities'>) => e.name, counts.entities, sizes.records, (p) => p, (p) => visitor.page('entities', p));
          break;
        case 'evidence':
          await byIndex(store('evidence'), 'claimId', (e: LibraryRecord<'evidence'>) => e.claimId, counts.evidence, sizes.records, (p) => p, (p) => visitor.page('evidence', p));
          break;
        case 'links':
          visitor.page('links', (await result(store('links').getAll())) as LibraryRecord<'links'>[]);
          break;
        case 'events':
          await byIndex(store('events'), 'at', (e: LibraryRecord<'events'>) => e.at, counts.events, sizes.records, (p) => p, (p) => visitor.page('events', p));
          break;
        default:
          throw new RangeError(`No list ${String(section satisfies never)} in a library`);
      }
    }
  } catch (e) {
    // The visitor failed, or a request did: end the transaction (it may have ended already).
    try {
      tx.abort();
    } catch {
      // Already finished or aborted.
    }
    throw e;
  }
}

/** What the library's exports of claims (ClaimReview, the claims CSV) read. */
export interface LibraryClaims {
  /** Metadata only: the texts are not read. */
  documents: DocumentSummary[];
  /** The claims only. */
  annotations: Annotation[];
  entities: LibraryRecord<'entities'>[];
  evidence: LibraryRecord<'evidence'>[];
  links: LibraryRecord<'links'>[];
  verdictScale: VerdictScale;
}

/**
 * The library's claims with what their exports name: the documents' metadata, the entities, the
 * evidence and links they count, and the verdict scale, read a page at a time in one transaction (see
 * readLibraryPages). Not the texts, the history or the other annotations: for 1,000 documents and
 * 100,000 annotations, reading the whole library held the tab at 0.9 GB for a file of a few megabytes.
 */
export async function readLibraryClaims(db: MarginaliaDB, onProgress?: (annotationsRead: number, total: number) => void): Promise<LibraryClaims> {
  const out: LibraryClaims = { documents: [], annotations: [], entities: [], evidence: [], links: [], verdictScale: DEFAULT_VERDICT_SCALE };
  let documents: ReadonlyMap<string, DocumentSummary> | undefined;
  let total = 0;
  let read = 0;
  await readLibraryPages(db, { sections: ['entities', 'evidence', 'links', 'annotations'], annotationDocuments: true }, {
    start({ verdictScale, counts }) {
      out.verdictScale = verdictScale;
      total = counts.annotations;
      onProgress?.(0, total);
    },
    page(section, records, docs) {
      if (section === 'annotations') {
        for (const a of records as Annotation[]) if (a.kind === 'claim') out.annotations.push(a);
        documents ??= docs;
        read += records.length;
        onProgress?.(read, total);
      } else if (section === 'entities' || section === 'evidence' || section === 'links') {
        // A loop, not push(...page): a list read in one page (see above) may be longer than a call's arguments can be.
        const list = out[section as 'entities' | 'evidence' | 'links'] as unknown[];
        for (const r of records) list.push(r);
      }
    },
  });
  // Each page of annotations comes with every document's metadata; without annotations there is no
  // claim to name a document.
  out.documents = documents ? [...documents.values()] : [];
  return out;
}
