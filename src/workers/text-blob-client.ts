/**
 * Where the library exports' text becomes Blob parts (ui/download.ts TextBlobBuilder): in a Web
 * Worker (text-blob.worker.ts) when there are workers, so that encoding and copying the text into the
 * blob store runs beside the page writing the next records; on this thread otherwise.
 */
import type { TextBlobReply, TextBlobRequest } from './text-blob-protocol';

/** Receives chunks of text in order and makes the file of them. */
export interface TextBlobSink {
  add(strings: string[]): void;
  /** The file of every chunk added, in order. The sink is spent after this. */
  finish(mimeType: string): Promise<Blob>;
  /** Give up (the export failed): drop what was added. Safe to call at any time, more than once. */
  dispose(): void;
}

/** Makes each chunk a Blob on this thread. */
export function localTextBlobSink(): TextBlobSink {
  let parts: Blob[] = [];
  return {
    add: (strings) => void parts.push(new Blob(strings)),
    finish: (mimeType) => Promise.resolve(new Blob(parts, { type: mimeType })),
    dispose: () => void (parts = []),
  };
}

/** A worker's sink where there are workers; this thread's otherwise. */
export function createTextBlobSink(): TextBlobSink {
  return typeof Worker === 'undefined' ? localTextBlobSink() : workerTextBlobSink();
}

function workerTextBlobSink(): TextBlobSink {
  const worker = new Worker(new URL('./text-blob.worker.ts', import.meta.url), { type: 'module', name: 'text-blob' });
  const send = (request: TextBlobRequest) => worker.postMessage(request);
  // The worker only answers `finish`; a failure before that (it could not load, a Blob could not be
  // made) is kept and reported by `finish`.
  let failure: Error | null = null;
  let settle: ((reply: TextBlobReply | Error) => void) | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    settle?.(error);
  };
  worker.addEventListener('message', (event: MessageEvent<TextBlobReply>) => (settle ? settle(event.data) : event.data.type === 'error' && fail(new Error(event.data.message))));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail(new Error(`The export's file worker could not run: ${event.message || 'it failed to load'}`));
  });
  return {
    add: (strings) => send({ type: 'add', strings }),
    finish(mimeType) {
      return new Promise<Blob>((resolve, reject) => {
        settle = (reply) => {
          worker.terminate();
          if (reply instanceof Error) reject(reply);
          else if (reply.type === 'error') reject(new Error(`The export's file could not be made: ${reply.message}`));
          else resolve(reply.blob);
        };
        if (failure) settle(failure);
        else send({ type: 'finish', mimeType });
      });
    },
    dispose: () => worker.terminate(),
  };
}
