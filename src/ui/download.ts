/** Save a value as a file through the browser's download. */
import { createTextBlobSink, type TextBlobSink } from '../workers/text-blob-client';

/** Offer `blob` as a download named `fileName`. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Save a value as a JSON file (pretty-printed). `mimeType` may name a JSON dialect, e.g. application/ld+json. */
export function downloadJson(fileName: string, value: unknown, mimeType = 'application/json'): void {
  downloadBlob(fileName, new Blob([JSON.stringify(value, null, 2)], { type: mimeType }));
}

/** Save text as a file, encoded as UTF-8 (a leading U+FEFF in `text` becomes the UTF-8 byte order mark). */
export function downloadText(fileName: string, text: string, mimeType: string): void {
  downloadBlob(fileName, new Blob([text], { type: mimeType }));
}

/**
 * Characters of text gathered before they become a Blob of their own. The strings then become garbage
 * and the bytes go to the browser's blob store, so a file of 100+ MB never sits in the page's heap as
 * strings (two bytes a character once any character is outside Latin-1) plus its UTF-8 copy.
 */
const BLOB_CHUNK_CHARS = 1 << 20;

/**
 * A file built from pieces of text, as a Blob of Blobs of about BLOB_CHUNK_CHARS characters each,
 * made in a worker where there is one (workers/text-blob-client.ts). Call `toBlob` once at the end,
 * or `dispose` when giving up.
 */
export class TextBlobBuilder {
  private strings: string[] = [];
  private chars = 0;

  constructor(private readonly sink: TextBlobSink = createTextBlobSink()) {}

  /** Append `text` (encoded as UTF-8). */
  add(text: string): void {
    if (text === '') return;
    this.strings.push(text);
    this.chars += text.length;
    if (this.chars >= BLOB_CHUNK_CHARS) this.flush();
  }

  /** The whole file. */
  toBlob(mimeType: string): Promise<Blob> {
    this.flush();
    return this.sink.finish(mimeType);
  }

  /** Drop what was added (the export failed). */
  dispose(): void {
    this.strings = [];
    this.sink.dispose();
  }

  private flush(): void {
    if (this.strings.length === 0) return;
    this.sink.add(this.strings);
    this.strings = [];
    this.chars = 0;
  }
}

/**
 * How often a long export reports its progress, in ms: often enough to move, seldom enough not to cost
 * (each report re-renders the Library's head; before its documents table was kept apart (memo), at
 * 100 ms the re-rendered table was some 10% of a 1,000-document export's main-thread time).
 */
const PROGRESS_MS = 250;

/** A progress callback called at most every PROGRESS_MS (the last call, at the total, always goes through). */
export function throttledProgress(onProgress?: (done: number, total: number) => void): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = performance.now();
    if (done < total && now - last < PROGRESS_MS) return;
    last = now;
    onProgress?.(done, total);
  };
}
