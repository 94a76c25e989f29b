/**
 * The sample articles in fixtures/articles, bundled with the app and added to the Library the first
 * time it opens on an empty database.
 */
import type { DocumentRecord } from '../model/document';
import { newId, nowIso } from '../model/ids';
import { importDocument } from '../io/import-document';
import { seedOnce } from '../db/repository';
import type { MarginaliaDB } from '../db/database';
import manifest from '../../fixtures/articles/manifest.json';

/** One article of fixtures/articles/manifest.json. */
export interface ManifestEntry {
  file: string;
  title: string;
  publisher: string;
  author: string;
  publishedDate: string;
  sourceUrl: string;
}

const sources = import.meta.glob<string>('../../fixtures/articles/*.md', { query: '?raw', import: 'default', eager: true });

/** Build the sample documents (hashing their text). */
export async function buildSamples(): Promise<DocumentRecord[]> {
  const now = nowIso();
  const docs: DocumentRecord[] = [];
  const entries = manifest as ManifestEntry[];
  // Oldest first, so the first article of the manifest is created last and listed first.
  for (let i = entries.length - 1; i >= 0; i--) {
    const entry = entries[i]!;
    const text = sources[`../../fixtures/articles/${entry.file}`];
    if (text === undefined) throw new Error(`Sample ${entry.file} is listed in the manifest but not bundled`);
    const created = new Date(Date.parse(now) - i * 1000).toISOString();
    const result = await importDocument({ fileName: entry.file, text, format: 'markdown' }, created, newId(), {
      title: entry.title,
      publisher: entry.publisher,
      author: entry.author,
      publishedDate: entry.publishedDate,
      sourceUrl: entry.sourceUrl,
    });
    if (!result.ok) throw new Error(`Sample ${entry.file} does not import: ${result.errors.join('; ')}`);
    docs.push(result.value);
  }
  return docs;
}

/** Add the samples unless this database was seeded before. */
export async function seedSamples(db: MarginaliaDB): Promise<boolean> {
  const samples = await buildSamples();
  return seedOnce(db, () => samples);
}
