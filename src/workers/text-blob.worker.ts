/**
 * Web Worker entry: turns text into Blob parts for the library exports (ui/download.ts
 * TextBlobBuilder). Making a Blob of a megabyte of text encodes it as UTF-8 and copies it into the
 * browser's blob store; over a 100 MB export that is most of a second of the page's time. The page
 * posts each chunk of strings here instead (copying a string is cheap beside encoding it) and goes on
 * writing the next page of records while this thread makes the Blob.
 *
 * Messages in: `{ type: 'add', strings }` a chunk, in order; `{ type: 'finish', mimeType }` the end.
 * Out: after `finish`, `{ type: 'blob', blob }` the whole file, or `{ type: 'error', message }`.
 */
import type { TextBlobReply, TextBlobRequest } from './text-blob-protocol';

const parts: Blob[] = [];
const post = (reply: TextBlobReply) => (self as unknown as { postMessage(m: TextBlobReply): void }).postMessage(reply);

self.onmessage = (event: MessageEvent<TextBlobRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'add') parts.push(new Blob(request.strings));
    else post({ type: 'blob', blob: new Blob(parts.splice(0), { type: request.mimeType }) });
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
