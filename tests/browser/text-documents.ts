/** Documents made from plain text, and annotations on a quote of them, for browser tests. */
import { CodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import { importDocument } from '../../src/io/import-document';
import { createAnnotation, type Annotation, type TagKind } from '../../src/model/annotation';
import type { DocumentRecord } from '../../src/model/document';
import { asCodePoint as cp } from '../../src/model/units';

/** The document record of `text` as the app imports it, with id `id`. */
export async function textDocument(text: string, id: string, now = '2026-01-01T00:00:00.000Z'): Promise<DocumentRecord> {
  const r = await importDocument({ fileName: `${id}.txt`, text, format: 'text' }, now, id);
  if (!r.ok) throw new Error(r.errors.join(' '));
  return r.value;
}

/** An annotation by Ana on the first occurrence of `quote` in `doc`. */
export function tagQuote(doc: DocumentRecord, kind: TagKind, id: string, quote: string): Annotation {
  const at = doc.text.indexOf(quote);
  if (at < 0) throw new Error(`“${quote}” is not in ${doc.id}`);
  const start = Array.from(doc.text.slice(0, at)).length;
  const anchor = describeSpan(doc.text, new CodePointIndex(doc.text), cp(start), cp(start + Array.from(quote).length));
  return createAnnotation({ id, kind, documentId: doc.id, textHash: doc.textHash, anchor, creator: 'Ana', now: '2026-01-01T00:00:00.000Z' });
}
