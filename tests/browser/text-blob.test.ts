/**
 * The exports' file builder (ui/download.ts TextBlobBuilder) gives the same bytes whether its Blobs
 * are made in the worker (workers/text-blob.worker.ts) or on this thread: pieces in order, chunks of a
 * megabyte and more, text outside Latin-1, nothing for empty pieces; a worker that cannot run is reported.
 */
import { describe, expect, it } from 'vitest';
import { TextBlobBuilder } from '../../src/ui/download';
import { createTextBlobSink, localTextBlobSink } from '../../src/workers/text-blob-client';

/** About 3 MB of text in pieces of every size, with characters of two, three and four UTF-8 bytes. */
function pieces(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 400; i++) out.push(`{"n": ${i}, "q": "613 people — «Кhojaly» 😀 e\\u0301"}`.repeat(1 + (i % 17) * 20), i % 50 === 0 ? '' : ',\n');
  out.push('x'.repeat(1 << 20)); // one piece larger than a chunk
  return out;
}

async function build(builder: TextBlobBuilder, parts: readonly string[]): Promise<Blob> {
  for (const p of parts) builder.add(p);
  return builder.toBlob('application/json');
}

describe('TextBlobBuilder', () => {
  it('makes the same file in the worker as on this thread', async () => {
    const parts = pieces();
    const expected = parts.join('');
    const inWorker = await build(new TextBlobBuilder(createTextBlobSink()), parts);
    const here = await build(new TextBlobBuilder(localTextBlobSink()), parts);
    expect(inWorker.type).toBe('application/json');
    expect(inWorker.size).toBe(new TextEncoder().encode(expected).length);
    expect(await inWorker.text()).toBe(expected);
    expect(await here.text()).toBe(expected);
  });

  it('makes an empty file of nothing', async () => {
    const blob = await new TextBlobBuilder().toBlob('text/plain');
    expect(blob.size).toBe(0);
    expect(blob.type).toBe('text/plain');
  });

  it('can be given up midway, and reports a worker that cannot run', async () => {
    const builder = new TextBlobBuilder();
    builder.add('{"a": 1}');
    builder.dispose();
    // A sink whose worker fails to load says so when the file is asked for.
    const OriginalWorker = globalThis.Worker;
    globalThis.Worker = class extends OriginalWorker {
      constructor() {
        super(URL.createObjectURL(new Blob(['throw new Error("broken on purpose")'], { type: 'text/javascript' })));
      }
    } as typeof Worker;
    try {
      const broken = new TextBlobBuilder(createTextBlobSink());
      broken.add('x'.repeat(2 << 20));
      await expect(broken.toBlob('text/plain')).rejects.toThrow(/file worker could not run|could not be made/);
    } finally {
      globalThis.Worker = OriginalWorker;
    }
  });
});
