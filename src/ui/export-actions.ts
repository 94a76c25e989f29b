/**
 * What the standard-format export buttons do, in a document (that document) and in the Library
 * (everything): W3C Web Annotations, schema.org ClaimReview and the claims CSV. Each reads the
 * records the native export would hold (db/repository.ts; for the library's claims, only the claims
 * and what they name), turns them into the format with the pure adapter in src/io/, and offers the
 * file as a download; a library's file is made a part at a time. Also reads and stores the
 * reviewing organisation, the author of every ClaimReview, which Settings edits.
 */
import type { DocumentRecord } from '../model/document';
import { newId, nowIso } from '../model/ids';
import { slugOf } from '../io/native-json';
import type { ReviewingOrganization } from '../io/claim-review';
import type { MarginaliaDB } from '../db/database';
import { getSetting, readDocumentContents, setSetting, type LibraryContents } from '../db/repository';
import { readLibraryClaims, type LibraryClaims } from '../db/library-pages';
import { db } from '../db/instance';
import { JsonWriter, stringifyParts } from '../io/json-parts';
import { downloadBlob, downloadJson, downloadText, TextBlobBuilder, throttledProgress } from './download';
import { w3cLibraryBlob } from './paged-export';
import { postStatus } from './notices';

/** The settings key of the reviewing organisation. */
export const REVIEWING_ORGANIZATION_KEY = 'reviewingOrganization';

/** The reviewing organisation as stored, or a blank one when it was never set. */
export async function readReviewingOrganization(database: MarginaliaDB): Promise<ReviewingOrganization> {
  const stored = await getSetting<Partial<ReviewingOrganization> | null>(database, REVIEWING_ORGANIZATION_KEY, null);
  return { name: typeof stored?.name === 'string' ? stored.name : '', url: typeof stored?.url === 'string' ? stored.url : '' };
}

export async function saveReviewingOrganization(database: MarginaliaDB, org: ReviewingOrganization): Promise<void> {
  await setSetting(database, REVIEWING_ORGANIZATION_KEY, { name: org.name.trim(), url: org.url.trim() });
}

/** What one of these files is called after: which format, and its extension. */
const FILES = {
  w3c: { part: 'annotations', ext: 'jsonld' },
  claimReview: { part: 'claimreview', ext: 'jsonld' },
  csv: { part: 'claims', ext: 'csv' },
} as const;

/**
 * The download name, like the native export's (native-json.ts exportFileName) with the format named:
 * `marginalia-<slug of the title, or "library">-<annotations|claimreview|claims>-YYYY-MM-DD.<ext>`.
 */
export function standardExportFileName(doc: DocumentRecord | undefined, format: keyof typeof FILES, exportedAt: string): string {
  const { part, ext } = FILES[format];
  const slug = doc ? slugOf(doc.title) : 'library';
  const date = /^\d{4}-\d{2}-\d{2}/.exec(exportedAt)?.[0];
  return `marginalia-${slug}-${part}${date ? `-${date}` : ''}.${ext}`;
}

/**
 * The records to export: one document's (as its native export holds them) or the library's claims
 * (`onProgress`: annotations read of the total).
 */
const contentsOf = (doc: DocumentRecord | undefined, onProgress?: (done: number, total: number) => void): Promise<LibraryContents | LibraryClaims> =>
  doc ? readDocumentContents(db, doc) : readLibraryClaims(db, onProgress && throttledProgress(onProgress));

/**
 * A file of text made a part at a time, the page getting a turn between parts (a library's claims
 * make tens of megabytes: made in one go, the text and its Blob held the page for over half a second).
 */
async function blobOfParts(parts: Iterable<string>, mimeType: string): Promise<Blob> {
  const file = new TextBlobBuilder();
  try {
    for (const part of parts) {
      file.add(part);
      await new Promise((resolve) => setTimeout(resolve));
    }
  } catch (e) {
    file.dispose();
    throw e;
  }
  return file.toBlob(mimeType);
}

/** The text of JSON.stringify(list, null, 2) in parts of whole items. */
function* jsonListParts(list: readonly unknown[]): Generator<string> {
  for (const part of stringifyParts(list, 1)) yield part.text;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Download the annotations of `doc` (or of the whole library) as a W3C Web Annotation collection. The
 * library's is read and written a page of annotations at a time (ui/paged-export.ts), the same bytes
 * as JSON.stringify(serializeW3cAnnotations(…), null, 2), so 100,000 annotations are never held whole
 * nor converted in one long task; `onProgress` gets annotations written of the total (total 0 while
 * reading). A document's is written in one page.
 */
export async function exportW3cAnnotations(doc?: DocumentRecord, onProgress?: (done: number, total: number) => void): Promise<void> {
  onProgress?.(0, 0);
  const exportedAt = nowIso();
  const head = { collectionId: newId(), exportedAt, label: doc ? `Annotations of “${doc.title}”` : 'Annotations of the Marginalia library' };
  const fileName = standardExportFileName(doc, 'w3c', exportedAt);
  if (!doc) {
    const { blob, annotations } = await w3cLibraryBlob(db, head, { onProgress: throttledProgress(onProgress) });
    downloadBlob(fileName, blob);
    postStatus(`Exported ${plural(annotations, 'annotation')} as W3C Web Annotations.`);
    return;
  }
  const contents = await readDocumentContents(db, doc);
  // The format module loads on first use: it is not needed to read and annotate.
  const { W3cCollectionWriter } = await import('../io/w3c-annotations');
  const out = new JsonWriter();
  const writer = new W3cCollectionWriter(out, { ...head, ...contents, total: contents.annotations.length });
  writer.add(contents.annotations, new Map(contents.documents.map((d) => [d.id, d])));
  writer.finish();
  downloadText(fileName, out.take(), 'application/ld+json');
  onProgress?.(writer.written, writer.written);
  postStatus(`Exported ${plural(writer.written, 'annotation')} as W3C Web Annotations.`);
}

/**
 * Download a ClaimReview for every claim with a verdict in `doc` (or in the whole library; `onProgress`
 * hears the library's annotations read).
 */
export async function exportClaimReview(doc?: DocumentRecord, onProgress?: (done: number, total: number) => void): Promise<void> {
  const [contents, organization] = await Promise.all([contentsOf(doc, onProgress), readReviewingOrganization(db)]);
  const exportedAt = nowIso();
  const { serializeClaimReviews } = await import('../io/claim-review');
  const reviews = serializeClaimReviews({ ...contents, organization });
  const fileName = standardExportFileName(doc, 'claimReview', exportedAt);
  if (doc) downloadJson(fileName, reviews, 'application/ld+json');
  else downloadBlob(fileName, await blobOfParts(jsonListParts(reviews), 'application/ld+json'));
  const missing = organization.name.trim() === '' ? ' Set the reviewing organization in Settings: it is the author of every review.' : '';
  postStatus(reviews.length === 0 ? `No claim has a verdict yet, so the ClaimReview file is empty.${missing}` : `Exported ${plural(reviews.length, 'ClaimReview')}.${missing}`);
}

/**
 * Download every claim of `doc` (or of the whole library; `onProgress` as for exportClaimReview) as one
 * CSV row each.
 */
export async function exportClaimsCsv(doc?: DocumentRecord, onProgress?: (done: number, total: number) => void): Promise<void> {
  const contents = await contentsOf(doc, onProgress);
  const exportedAt = nowIso();
  const { claimsCsvParts, serializeClaimsCsv } = await import('../io/claims-csv');
  const fileName = standardExportFileName(doc, 'csv', exportedAt);
  if (doc) downloadText(fileName, serializeClaimsCsv(contents), 'text/csv;charset=utf-8');
  else downloadBlob(fileName, await blobOfParts(claimsCsvParts(contents), 'text/csv;charset=utf-8'));
  const claims = contents.annotations.filter((a) => a.kind === 'claim').length;
  postStatus(`Exported ${plural(claims, 'claim')} as CSV.`);
}
