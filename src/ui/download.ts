/** Save a value as a file through the browser's download. */

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
