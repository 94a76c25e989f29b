/**
 * The one Dexie database of the app. Every schema version is kept here, in order; a version that
 * transforms data keeps its upgrade() forever (see docs/architecture.md).
 *
 * Documents are split in two tables so the Library can list thousands of documents without
 * reading their text: `documents` holds metadata, `texts` holds the immutable content.
 */
import Dexie, { type Table } from 'dexie';
import type { Annotation } from '../model/annotation';
import type { Block, DocumentRecord } from '../model/document';

/** A document without its content: what the Library lists. */
export type DocumentSummary = Omit<DocumentRecord, 'content' | 'text'>;

/** The immutable text of a document, stored once on import. */
export interface TextRecord {
  documentId: string;
  textHash: string;
  content: Block[];
  text: string;
}

/** A key/value setting (reviewer name, seeding flag). */
export interface SettingRecord {
  key: string;
  value: unknown;
}

export const DB_NAME = 'marginalia';

export class MarginaliaDB extends Dexie {
  documents!: Table<DocumentSummary, string>;
  texts!: Table<TextRecord, string>;
  annotations!: Table<Annotation, string>;
  settings!: Table<SettingRecord, string>;

  constructor(name: string = DB_NAME) {
    super(name);
    // Version 1: the first schema. Indexes: documents by creation time for the Library,
    // annotations by document for the document view.
    this.version(1).stores({
      documents: 'id, created',
      texts: 'documentId',
      annotations: 'id, documentId',
      settings: 'key',
    });
  }
}
