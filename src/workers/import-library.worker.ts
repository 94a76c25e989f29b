/**
 * Web Worker entry: one library import (io/import-session.ts) off the main thread. Reading a 100 MB
 * file, JSON.parse, the field and consistency checks, the text hashes and the merge planning take
 * seconds; here the page stays responsive meanwhile. Started by import-library-client.ts; one file per
 * worker, which the client ends when the dialog closes.
 */
import { createImportSession } from '../io/import-session';
import type { ImportAnswers, ImportReply, ImportRequest } from './import-library-protocol';

const session = createImportSession();
const post = (reply: ImportReply) => (self as unknown as { postMessage(m: ImportReply): void }).postMessage(reply);

async function answer(request: ImportRequest): Promise<ImportAnswers[keyof ImportAnswers]> {
  switch (request.type) {
    case 'read': {
      post({ type: 'step', step: 'reading' });
      const bytes = new Uint8Array(await request.file.arrayBuffer());
      return session.read(bytes, request.file.name, (step) => post({ type: 'step', step }));
    }
    case 'ids':
      return session.ids(request.item, request.from, request.count);
    case 'stored':
      session.addStored(request.part);
      return null;
    case 'plan':
      return session.plan(request.storedScale);
    case 'resolve':
      return session.resolve(request.choices);
    case 'batch':
      return session.batch(request.index);
  }
}

self.addEventListener('message', (event: MessageEvent<ImportRequest>) => {
  const request = event.data;
  answer(request).then(
    (value) => post({ type: 'answer', id: request.id, value }),
    // A programmer error or an unreadable file (expected refusals are values of `read`).
    (error: unknown) => post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }),
  );
});
