/** Save a value as a file through the browser's download. */
import { countRecords, stringifyParts } from '../io/json-parts';

/** Offer `blob` as a download named `fileName`. */
function downloadBlob(fileName: string, blob: Blob): void {
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

/** Let the page paint and handle input: resolves in a new task (a message, which no timer clamping delays). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Work done between two yields to the event loop, in ms: well under the 50 ms of a long task. */
const SLICE_MS = 25;

export interface PartsOptions {
  mimeType?: string;
  /** Depth of the values written whole, as records (io/json-parts.ts): 2 for a native export's records. */
  splitDepth: number;
  /** Records written so far, of `total`. */
  onProgress?(done: number, total: number): void;
}

/**
 * Save a large value as a JSON file, byte for byte what downloadJson writes, but built as a Blob of
 * parts a record at a time, yielding to the event loop every SLICE_MS so the page stays responsive and
 * a progress bar can move; the whole text never exists as one string. Resolves to the file's size.
 */
export async function downloadJsonInParts(fileName: string, value: unknown, options: PartsOptions): Promise<number> {
  const total = countRecords(value, options.splitDepth);
  const parts: string[] = [];
  options.onProgress?.(0, total);
  let slice = performance.now();
  for (const part of stringifyParts(value, options.splitDepth, 256 * 1024)) {
    parts.push(part.text);
    if (performance.now() - slice >= SLICE_MS) {
      options.onProgress?.(part.records, total);
      await nextTask();
      slice = performance.now();
    }
  }
  options.onProgress?.(total, total);
  const blob = new Blob(parts, { type: options.mimeType ?? 'application/json' });
  downloadBlob(fileName, blob);
  return blob.size;
}
