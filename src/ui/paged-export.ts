/**
 * The library's two big exports, native JSON and W3C Web Annotations, built a page of records at a
 * time: db/library-pages.ts reads a page while the writer of the format (io/native-json.ts,
 * io/w3c-annotations.ts) turns the one before into text, and the text goes into a Blob in chunks
 * (ui/download.ts TextBlobBuilder), made in a worker while this thread writes the next page. So the
 * page holds the library's annotations as records (read whole by primary key, then handed over a
 * page of documents at a time: see db/library-pages.ts), a page of any other list and a chunk of
 * text, never the file as strings nor the records' converted copies; no task converts more than a
 * page, and the file is byte for byte what the whole-library serializers give for the same records
 * (tests/browser/paged-export.test.ts).
 */
import { NATIVE_SECTIONS, NativeExportWriter } from '../io/native-json';
import { JsonWriter } from '../io/json-parts';
import type { W3cHead } from '../io/w3c-annotations';
import type { EntityRecord } from '../model/entity';
import type { MarginaliaDB } from '../db/database';
import { readLibraryPages, type PageSizes } from '../db/library-pages';
import { TextBlobBuilder } from './download';

/** Records written of `total`; total 0 while nothing is known yet. */
export type ProgressCallback = (done: number, total: number) => void;

export interface PagedExportOptions {
  onProgress?: ProgressCallback;
  /** Records per page read (db/library-pages.ts DEFAULT_PAGE_SIZES unless given; tests use small pages). */
  sizes?: PageSizes;
}

/** The whole library as a native export made at `exportedAt`: the file, and how many records it holds. */
export async function nativeLibraryBlob(db: MarginaliaDB, exportedAt: string, options: PagedExportOptions = {}): Promise<{ blob: Blob; records: number }> {
  const out = new JsonWriter();
  const file = new TextBlobBuilder();
  let writer: NativeExportWriter | undefined;
  let total = 0;
  try {
    await readLibraryPages(db, { sections: NATIVE_SECTIONS, ...(options.sizes ? { sizes: options.sizes } : {}) }, {
      start({ verdictScale, counts }) {
        total = Object.values(counts).reduce((a, b) => a + b, 0);
        writer = new NativeExportWriter(out, { verdictScale, exportedAt });
        options.onProgress?.(0, total);
      },
      page(section, records) {
        writer!.add(section, records);
        file.add(out.take());
        options.onProgress?.(Math.min(writer!.written, total), total);
      },
    });
  } catch (e) {
    file.dispose();
    throw e;
  }
  writer!.finish();
  file.add(out.take());
  const blob = await file.toBlob('application/json');
  options.onProgress?.(total, total);
  return { blob, records: writer!.written };
}

/** What a W3C collection of the whole library is named and labelled with (everything but its annotations and entities). */
export type W3cLibraryHead = Omit<W3cHead, 'total' | 'entities' | 'verdictScale'>;

/** Every annotation of the library as a W3C AnnotationCollection: the file, and how many annotations it holds. */
export async function w3cLibraryBlob(db: MarginaliaDB, head: W3cLibraryHead, options: PagedExportOptions = {}): Promise<{ blob: Blob; annotations: number }> {
  // The format module loads on first use: it is not needed to read and annotate.
  const { W3cCollectionWriter } = await import('../io/w3c-annotations');
  const out = new JsonWriter();
  const file = new TextBlobBuilder();
  const entities: EntityRecord[] = [];
  let total = 0;
  let scale: W3cHead['verdictScale'] | undefined;
  let writer: InstanceType<typeof W3cCollectionWriter> | undefined;
  // Bodies name entities and verdict labels: the registry is read first, whole (it is small beside the annotations).
  const writerNow = () => (writer ??= new W3cCollectionWriter(out, { ...head, total, entities, verdictScale: scale! }));
  try {
    await readLibraryPages(db, { sections: ['entities', 'annotations'], annotationDocuments: true, ...(options.sizes ? { sizes: options.sizes } : {}) }, {
      start({ verdictScale, counts }) {
        scale = verdictScale;
        total = counts.annotations;
        options.onProgress?.(0, total);
      },
      page(section, records, documents) {
        if (section === 'entities') {
          entities.push(...(records as EntityRecord[]));
          return;
        }
        const w = writerNow();
        w.add(records as Parameters<typeof w.add>[0], documents ?? new Map());
        file.add(out.take());
        options.onProgress?.(w.written, total);
      },
    });
  } catch (e) {
    file.dispose();
    throw e;
  }
  const w = writerNow();
  w.finish();
  file.add(out.take());
  const blob = await file.toBlob('application/ld+json');
  options.onProgress?.(total, total);
  return { blob, annotations: w.written };
}
