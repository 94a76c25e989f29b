/** The messages between the page and the text-to-Blob worker (text-blob.worker.ts). */
export type TextBlobRequest = { type: 'add'; strings: string[] } | { type: 'finish'; mimeType: string };

export type TextBlobReply = { type: 'blob'; blob: Blob } | { type: 'error'; message: string };
