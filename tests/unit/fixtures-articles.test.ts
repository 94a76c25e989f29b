/**
 * Every sample article in fixtures/articles/manifest.json imports cleanly: a realistic length, at least
 * one heading, and a ProseMirror document whose text blocks give exactly the stored plain text.
 * The manifest is read with fs at test time, so articles added to it are covered without editing this file.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importBytes } from '../../src/io/import-document';
import { plainTextOf, textBlocksOf, type DocumentRecord } from '../../src/model/document';
import { toDoc } from '../../src/editor/to-doc';
import type { ManifestEntry } from '../../src/ui/samples';

const dir = new URL('../../fixtures/articles/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as ManifestEntry[];

const NOW = '2026-11-22T10:00:00.000Z';

/** Words as a reader counts them: runs of non-space characters holding at least one letter or digit. */
const wordCount = (text: string): number => text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

async function load(entry: ManifestEntry): Promise<DocumentRecord> {
  const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL(entry.file, dir))));
  const { file, ...meta } = entry;
  const result = await importBytes(bytes, file, NOW, crypto.randomUUID(), meta);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
}

describe('fixture articles', () => {
  it('has a manifest listing articles', () => {
    expect(manifest.length).toBeGreaterThan(0);
    for (const entry of manifest) expect(entry.file).toMatch(/\.(md|txt)$/);
  });

  describe.each(manifest.map((entry) => [entry.file, entry] as const))('%s', (_file, entry) => {
    it('imports with 600–2,000 words and at least one heading', async () => {
      const doc = await load(entry);
      expect(doc.title).toBe(entry.title);
      const words = wordCount(doc.text);
      expect(words).toBeGreaterThanOrEqual(600);
      expect(words).toBeLessThanOrEqual(2000);
      expect(textBlocksOf(doc.content).some((b) => b.type === 'heading')).toBe(true);
    });

    it('gives a ProseMirror document whose text blocks, joined by a blank line, are the plain text', async () => {
      const doc = await load(entry);
      const parts: string[] = [];
      toDoc(doc.content).descendants((node) => {
        if (node.isTextblock) {
          expect(node.content.size).toBeGreaterThan(0); // no empty text blocks
          parts.push(node.textContent);
          return false;
        }
        return true;
      });
      expect(parts.join('\n\n')).toBe(doc.text);
      expect(doc.text).toBe(plainTextOf(doc.content));
    });
  });
});
