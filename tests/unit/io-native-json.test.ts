import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import schema from '../../src/io/native-v1.schema.json';
import { GENERATOR, NATIVE_FORMAT, NATIVE_VERSION, exportFileName, serializeLibrary, slugOf, type NativeExport } from '../../src/io/native-json';
import { importDocument } from '../../src/io/import-document';
import { ANNOTATION_KINDS, CLAIM_STATUSES, ENTITY_TYPES, createAnnotation, withFields, type Annotation, type AnnotationKind } from '../../src/model/annotation';
import type { DocumentRecord } from '../../src/model/document';
import { asCodePoint } from '../../src/model/units';
import { createCodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

/** Schema errors of `value` as readable lines ([] when valid). */
function schemaErrors(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** A JSON round trip: what a reader of the downloaded file sees. */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const MARKDOWN = [
  '# Dam breach kills 47',
  '',
  'KERSOVA — At least **47 people** were killed, said [Dragan Tsvetkov](https://example.org/tsvetkov).',
  '',
  '> "We are dealing with the worst flood," he said.',
  '',
  '- Displaced: 1,200',
  '  1. in shelters',
  '  2. with relatives',
  '',
  '```',
  'raw figures',
  '```',
].join('\n');
const TEXT = 'Плотина прорвалась 😀 в пятницу.\n\nВторой абзац: e\u0301 и 𝔘.';

async function buildDocument(fileName: string, text: string, created: string): Promise<DocumentRecord> {
  const result = await importDocument({ fileName, text }, created, crypto.randomUUID(), { publisher: 'Herald', publishedDate: '2026-11-15' });
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
}

function annotate(doc: DocumentRecord, quote: string, kind: AnnotationKind, now: string): Annotation {
  const from = doc.text.indexOf(quote);
  if (from < 0) throw new Error(`${quote} not in ${doc.title}`);
  const start = Array.from(doc.text.slice(0, from)).length;
  const end = start + Array.from(quote).length;
  const anchor = describeSpan(doc.text, createCodePointIndex(doc.text), asCodePoint(start), asCodePoint(end));
  return createAnnotation({ id: crypto.randomUUID(), kind, documentId: doc.id, textHash: doc.textHash, anchor, creator: 'Reviewer Ř', now });
}

async function buildLibrary(): Promise<{ documents: DocumentRecord[]; annotations: Annotation[] }> {
  const md = await buildDocument('herald.md', MARKDOWN, '2026-11-20T09:00:00.000Z');
  const txt = await buildDocument('статья.txt', TEXT, '2026-11-19T09:00:00.000Z');
  const later = '2026-11-21T12:00:00.000Z';
  const annotations = [
    withFields(annotate(md, '47 people', 'claim', later), { status: 'attributed', attributedTo: 'Dragan Tsvetkov', note: 'Briefing' }, later),
    annotate(md, 'Dragan Tsvetkov', 'entity', later),
    withFields(annotate(md, 'Dragan Tsvetkov', 'entity', later), { entityType: 'person' }, later),
    annotate(md, 'the worst flood', 'opinion', later),
    annotate(txt, '😀 в пятницу', 'claim', later),
    annotate(txt, 'e\u0301 и 𝔘', 'entity', later),
  ];
  return { documents: [md, txt], annotations };
}

describe('native JSON export', () => {
  it('validates against native-v1.schema.json, round-tripped through JSON', async () => {
    const library = await buildLibrary();
    const exported = viaJson(serializeLibrary({ ...library, exportedAt: '2026-11-22T10:00:00.000Z' }));
    expect(schemaErrors(exported)).toEqual([]);
    expect(exported.format).toBe(NATIVE_FORMAT);
    expect(exported.version).toBe(NATIVE_VERSION);
    expect(exported.generator).toEqual(GENERATOR);
    expect(exported.documents).toHaveLength(2);
    expect(exported.annotations).toHaveLength(6);
    // An export of nothing is valid too.
    expect(schemaErrors(viaJson(serializeLibrary({ documents: [], annotations: [], exportedAt: '2026-11-22T10:00:00Z' })))).toEqual([]);
  });

  it('is lossless: the JSON holds every record exactly as stored', async () => {
    const library = await buildLibrary();
    const exported = viaJson(serializeLibrary({ ...library, exportedAt: '2026-11-22T10:00:00.000Z' }));
    for (const doc of library.documents) expect(exported.documents.find((d) => d.id === doc.id)).toEqual(doc);
    for (const a of library.annotations) expect(exported.annotations.find((x) => x.id === a.id)).toEqual(a);
  });

  it('orders documents oldest first and annotations by document, then text order', async () => {
    const library = await buildLibrary();
    const exported = serializeLibrary({ documents: [...library.documents].reverse(), annotations: [...library.annotations].reverse(), exportedAt: '2026-11-22T10:00:00.000Z' });
    expect(exported.documents.map((d) => d.fileName)).toEqual(['статья.txt', 'herald.md']);
    const keys = exported.annotations.map((a) => [a.documentId, a.anchor.start, -a.anchor.end, a.id].join('\u0000'));
    expect(keys).toEqual([...keys].sort((x, y) => {
      const [dx, sx, ex, ix] = x.split('\u0000');
      const [dy, sy, ey, iy] = y.split('\u0000');
      return dx! < dy! ? -1 : dx! > dy! ? 1 : Number(sx) - Number(sy) || Number(ex) - Number(ey) || (ix! < iy! ? -1 : ix! > iy! ? 1 : 0);
    }));
    // The same library in another order gives the same export.
    expect(serializeLibrary({ ...library, exportedAt: '2026-11-22T10:00:00.000Z' })).toEqual(exported);
  });

  it('copies records without changing the inputs and leaves out properties the model does not have', async () => {
    const library = await buildLibrary();
    const before = structuredClone(library);
    const withExtra = { ...library.documents[0]!, dexieInternal: 1 } as DocumentRecord;
    const exported = serializeLibrary({ documents: [withExtra], annotations: library.annotations, exportedAt: '2026-11-22T10:00:00.000Z' });
    expect(library).toEqual(before);
    expect(exported.documents[0]).not.toHaveProperty('dexieInternal');
    expect(exported.documents[0]).not.toBe(library.documents[0]);
  });

  it('takes its enums from the model, so the two cannot drift apart', () => {
    const defs = schema.$defs;
    expect(defs.annotation.properties.kind.enum).toEqual([...ANNOTATION_KINDS]);
    expect(defs.claimFields.properties.status.enum).toEqual([...CLAIM_STATUSES]);
    expect(defs.entityFields.properties.entityType.enum).toEqual([...ENTITY_TYPES]);
    expect(schema.properties.format.const).toBe(NATIVE_FORMAT);
    expect(schema.properties.version.const).toBe(NATIVE_VERSION);
  });
});

describe('native-v1.schema.json rejects broken exports', () => {
  /** A valid export, and a function to break a copy of it. */
  async function valid(): Promise<NativeExport> {
    const library = await buildLibrary();
    return viaJson(serializeLibrary({ ...library, exportedAt: '2026-11-22T10:00:00.000Z' }));
  }
  async function broken(change: (e: NativeExport & Record<string, unknown>) => void): Promise<string[]> {
    const e = (await valid()) as NativeExport & Record<string, unknown>;
    change(e);
    return schemaErrors(e);
  }
  // Loosely typed access for deliberately breaking records.
  type Loose = Record<string, unknown>;
  const loose = (x: unknown): Loose => x as Loose;

  it('a missing field', async () => {
    expect(await broken((e) => delete loose(e.documents[0]).textHash)).toContainEqual(expect.stringContaining("must have required property 'textHash'"));
    expect(await broken((e) => delete loose(e.annotations[0]!.anchor).prefix)).toContainEqual(expect.stringContaining("'prefix'"));
    expect(await broken((e) => delete loose(e.annotations[0]!.fields).note)).toContainEqual(expect.stringContaining("'note'"));
    expect(await broken((e) => delete loose(e).generator)).toContainEqual(expect.stringContaining("'generator'"));
  });

  it('a wrong kind, status, entity type or block type', async () => {
    expect((await broken((e) => (loose(e.annotations[0]).kind = 'note'))).join()).toContain('/annotations/0/kind');
    expect((await broken((e) => (loose(e.annotations.find((a) => a.kind === 'claim')!.fields).status = 'true')))).not.toEqual([]);
    expect((await broken((e) => (loose(e.annotations.find((a) => a.kind === 'entity')!.fields).entityType = 'animal')))).not.toEqual([]);
    expect((await broken((e) => (loose(e.documents[0]!.content[0]).type = 'table')))).not.toEqual([]);
    expect((await broken((e) => (loose(e.documents[0]!.content[0]).level = 7)))).not.toEqual([]);
    // Fields of another kind: a claim carrying entity fields.
    expect(await broken((e) => (loose(e.annotations.find((a) => a.kind === 'claim')!).fields = { entityType: 'person', canonicalName: 'X' }))).not.toEqual([]);
  });

  it('a bad hash', async () => {
    expect((await broken((e) => (e.documents[0]!.textHash = e.documents[0]!.textHash.toUpperCase()))).join()).toContain('/documents/0/textHash must match pattern');
    expect(await broken((e) => (e.annotations[0]!.textHash = 'abc'))).not.toEqual([]);
  });

  it('an extra property, at any depth', async () => {
    expect((await broken((e) => (e.extra = true))).join()).toContain('must NOT have additional properties');
    expect(await broken((e) => (loose(e.documents[0]).wordCount = 12))).not.toEqual([]);
    expect(await broken((e) => (loose(e.annotations[0]).color = 'red'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.annotations[0]!.fields).confidence = 1))).not.toEqual([]);
    expect(await broken((e) => (loose(e.annotations[0]!.anchor).exact = 'x'))).not.toEqual([]);
    expect(await broken((e) => (loose(e.documents[0]!.content[0]).ordered = true))).not.toEqual([]);
    // An inline run inside a list item inside the Markdown document.
    const inListRun = (e: NativeExport): Loose => {
      const list = e.documents.find((d) => d.format === 'markdown')!.content.find((b) => b.type === 'list');
      const first = list?.type === 'list' ? list.items[0]?.[0] : undefined;
      if (first?.type !== 'paragraph') throw new Error('fixture has no list paragraph');
      return loose(first.content[0]);
    };
    expect(await broken((e) => (inListRun(e).bold = true))).not.toEqual([]);
    expect(await broken((e) => (inListRun(e).marks = ['underline']))).not.toEqual([]);
  });

  it('wrong formats: ids, dates, format and version', async () => {
    expect(await broken((e) => (e.documents[0]!.id = 'doc-1'))).not.toEqual([]);
    expect(await broken((e) => (e.annotations[0]!.created = '22/11/2026'))).not.toEqual([]);
    expect(await broken((e) => (e.documents[0]!.publishedDate = '2026-13-45'))).not.toEqual([]);
    expect(await broken((e) => (loose(e).format = 'hypothesis'))).not.toEqual([]);
    expect(await broken((e) => (loose(e).version = 2))).not.toEqual([]);
    expect(await broken((e) => (e.annotations[0]!.anchor.start = -1 as never))).not.toEqual([]);
    expect(await broken((e) => (e.documents[0]!.length = 1.5))).not.toEqual([]);
  });

  it('context longer than 32 code points, counting code points, not UTF-16 units', async () => {
    expect(await broken((e) => (e.annotations[0]!.anchor.prefix = 'x'.repeat(33)))).not.toEqual([]);
    expect(await broken((e) => (e.annotations[0]!.anchor.suffix = '😀'.repeat(32)))).toEqual([]);
  });

  it('accepts empty metadata the reviewer may have cleared', async () => {
    expect(await broken((e) => Object.assign(e.documents[0]!, { title: '', sourceUrl: '', publishedDate: '', retrievedAt: '' }))).toEqual([]);
  });
});

describe('exportFileName', () => {
  it('names library and document exports with the UTC date of the export', () => {
    expect(exportFileName('library', '2026-11-22T23:59:59.000Z')).toBe('marginalia-library-2026-11-22.json');
    expect(exportFileName('Dam Breach Kills 47: What We Know', '2026-11-22T10:00:00.000Z')).toBe('marginalia-dam-breach-kills-47-what-we-know-2026-11-22.json');
  });

  it('keeps only characters safe in a file name, in any script', () => {
    expect(slugOf('a/b\\c:d*e?f"g<h>i|j')).toBe('a-b-c-d-e-f-g-h-i-j');
    expect(slugOf('Плотина прорвалась')).toBe('плотина-прорвалась');
    expect(slugOf('  ...  ')).toBe('document');
    expect(slugOf('😀')).toBe('document');
    expect(exportFileName('', '2026-11-22T10:00:00.000Z')).toBe('marginalia-document-2026-11-22.json');
    const long = slugOf('word '.repeat(40));
    expect(Array.from(long).length).toBeLessThanOrEqual(60);
    expect(long).toMatch(/^(word-)+word$/);
  });
});
