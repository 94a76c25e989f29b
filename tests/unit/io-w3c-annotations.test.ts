/**
 * The W3C export's mapping (docs/format.md, "W3C Web Annotation"): motivations and bodies per kind, entity IRIs,
 * the target's source and selectors in code points, agents and dates, and the paging of the collection.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_SCALE } from '../../src/model/claim';
import type { Annotation, ClaimFields } from '../../src/model/annotation';
import type { DocumentRecord } from '../../src/model/document';
import type { EntityRecord } from '../../src/model/entity';
import { asCodePoint } from '../../src/model/units';
import {
  ANNO_CONTEXT,
  entityIri,
  isHttpUrl,
  serializeW3cAnnotations,
  wikidataQid,
  type W3cAnnotation,
  type W3cExportInput,
} from '../../src/io/w3c-annotations';

const T0 = '2026-01-05T08:00:00.000Z';
const T1 = '2026-01-06T17:20:00.000Z';
const HASH = 'a'.repeat(64);
const DOC_ID = '00000000-0000-4000-8000-00000000d0c1';
const COLLECTION = '00000000-0000-4000-8000-0000000c0113';

const doc = (over: Partial<DocumentRecord> = {}): DocumentRecord => ({
  id: DOC_ID,
  title: 'Flood toll rises',
  sourceUrl: 'https://example.com/news/flood',
  publisher: 'The Herald',
  author: 'Mira Stanek',
  publishedDate: '2025-11-15',
  retrievedAt: '2025-11-16T10:00:00.000Z',
  format: 'text',
  fileName: 'flood.txt',
  content: [],
  text: 'Officials said 47 people died.',
  textHash: HASH,
  length: 30,
  created: T0,
  modified: T0,
  ...over,
});

const entity = (id: string, name: string, type: EntityRecord['type'], externalId = ''): EntityRecord => ({ id, name, type, aliases: [], externalId, creator: 'Ana', created: T0, modified: T0 });

const base = (id: string, start: number, end: number, quote: string) => ({
  id,
  documentId: DOC_ID,
  textHash: HASH,
  anchor: { quote, prefix: 'pre ', suffix: ' post', start: asCodePoint(start), end: asCodePoint(end) },
  creator: 'Ana Reviewer',
  created: T0,
  modified: T1,
});

const claim = (id: string, fields: Partial<ClaimFields> = {}, start = 15): Annotation => ({
  ...base(id, start, start + 15, '47 people died'),
  kind: 'claim',
  fields: { status: 'unverified', verdict: null, rationale: '', attribution: null, note: '', ...fields },
});

const CASTELL = entity('00000000-0000-4000-8000-0000000e0001', 'Mira Castell', 'person', 'Q4115189');
const AUTHORITY = entity('00000000-0000-4000-8000-0000000e0002', 'Varnek Water Authority', 'organization');

function exportOf(annotations: Annotation[], over: Partial<W3cExportInput> = {}) {
  return serializeW3cAnnotations({
    documents: [doc()],
    annotations,
    entities: [CASTELL, AUTHORITY],
    verdictScale: DEFAULT_VERDICT_SCALE,
    collectionId: COLLECTION,
    label: 'Flood toll rises',
    exportedAt: T1,
    ...over,
  });
}

const only = (annotations: Annotation[], over: Partial<W3cExportInput> = {}): W3cAnnotation => {
  const item = exportOf(annotations, over).first?.items[0];
  if (!item) throw new Error('nothing exported');
  return item;
};

describe('W3C annotation mapping', () => {
  it('writes a claim with a verdict as assessing, with tag, verdict label, rationale, speaker and note bodies', () => {
    const a = only([
      claim('00000000-0000-4000-8000-0000000a0001', {
        verdict: 'mostly-false',
        rationale: 'The ministry counts 41.',
        attribution: { entityId: CASTELL.id, quoteType: 'reported', cueId: null },
        note: 'Ask the ministry.',
      }),
    ]);
    expect(a).toEqual({
      '@context': ANNO_CONTEXT,
      id: 'urn:uuid:00000000-0000-4000-8000-0000000a0001',
      type: 'Annotation',
      motivation: 'assessing',
      body: [
        { type: 'TextualBody', value: 'claim', format: 'text/plain', purpose: 'tagging' },
        { type: 'TextualBody', value: 'Mostly false', format: 'text/plain', purpose: 'assessing' },
        { type: 'TextualBody', value: 'The ministry counts 41.', format: 'text/plain', purpose: 'describing' },
        { type: 'SpecificResource', source: 'http://www.wikidata.org/entity/Q4115189', purpose: 'linking' },
        { type: 'TextualBody', value: 'Attributed to Mira Castell (reported speech)', format: 'text/plain', purpose: 'describing' },
        { type: 'TextualBody', value: 'Ask the ministry.', format: 'text/plain', purpose: 'commenting' },
      ],
      target: {
        source: 'https://example.com/news/flood',
        state: { type: 'TimeState', sourceDate: '2025-11-16T10:00:00.000Z' },
        selector: [
          { type: 'TextQuoteSelector', exact: '47 people died', prefix: 'pre ', suffix: ' post' },
          { type: 'TextPositionSelector', start: 15, end: 30 },
        ],
      },
      creator: { type: 'Person', name: 'Ana Reviewer' },
      created: T0,
      modified: T1,
      generator: { type: 'Software', name: 'Marginalia', 'schema:softwareVersion': '0.1.0' },
    });
  });

  it('writes a claim without a verdict as classifying with only its tag; empty texts add no body', () => {
    const a = only([claim('00000000-0000-4000-8000-0000000a0002', { rationale: '  ', note: '' })]);
    expect(a.motivation).toBe('classifying');
    expect(a.body).toEqual([{ type: 'TextualBody', value: 'claim', format: 'text/plain', purpose: 'tagging' }]);
  });

  it('names a verdict by its label, or by its id when the scale no longer has the level', () => {
    const scale = { name: 'Renamed', levels: [{ id: 'true', label: 'Correct', description: '' }] };
    const [unknown, renamed] = exportOf([claim('00000000-0000-4000-8000-0000000a0003', { verdict: 'true' }), claim('00000000-0000-4000-8000-0000000a0004', { verdict: 'pants-on-fire' }, 0)], { verdictScale: scale }).first!.items;
    expect(unknown!.body.find((b) => b.purpose === 'assessing')).toMatchObject({ value: 'pants-on-fire' });
    expect(renamed!.body.find((b) => b.purpose === 'assessing')).toMatchObject({ value: 'Correct' });
  });

  it('identifies an entity mention by its Wikidata IRI, or by urn:uuid without a QID; unlinked mentions only classify', () => {
    const mention = (id: string, entityId: string | null): Annotation => ({ ...base(id, 0, 9, 'Officials'), kind: 'entity', fields: { entityId } });
    const [withQid, withoutQid, unlinked] = exportOf([
      mention('00000000-0000-4000-8000-0000000b0001', CASTELL.id),
      { ...mention('00000000-0000-4000-8000-0000000b0002', AUTHORITY.id), anchor: { ...base('', 1, 9, 'fficials').anchor } },
      { ...mention('00000000-0000-4000-8000-0000000b0003', null), anchor: { ...base('', 2, 9, 'ficials').anchor } },
    ]).first!.items;
    expect(withQid!.motivation).toBe('identifying');
    expect(withQid!.body).toEqual([
      { type: 'TextualBody', value: 'entity', format: 'text/plain', purpose: 'tagging' },
      { type: 'SpecificResource', source: 'http://www.wikidata.org/entity/Q4115189', purpose: 'identifying' },
      { type: 'TextualBody', value: 'person', format: 'text/plain', purpose: 'classifying' },
      { type: 'TextualBody', value: 'Mira Castell', format: 'text/plain', purpose: 'describing' },
    ]);
    expect(withoutQid!.body[1]).toEqual({ type: 'SpecificResource', source: `urn:uuid:${AUTHORITY.id}`, purpose: 'identifying' });
    expect(unlinked!.motivation).toBe('classifying');
    expect(unlinked!.body).toEqual([{ type: 'TextualBody', value: 'entity', format: 'text/plain', purpose: 'tagging' }]);
  });

  it('writes an opinion as classifying with its holder, and a cue as linking to its claim', () => {
    const opinion: Annotation = {
      ...base('00000000-0000-4000-8000-0000000c0001', 0, 9, 'Officials'),
      kind: 'opinion',
      fields: { attribution: { entityId: AUTHORITY.id, quoteType: 'own-voice', cueId: '00000000-0000-4000-8000-0000000c0002' }, note: '' },
    };
    const cue: Annotation = { ...base('00000000-0000-4000-8000-0000000c0002', 10, 14, 'said'), kind: 'cue', fields: { forId: opinion.id } };
    const [o, c] = exportOf([opinion, cue]).first!.items;
    expect(o!.motivation).toBe('classifying');
    expect(o!.body).toEqual([
      { type: 'TextualBody', value: 'opinion', format: 'text/plain', purpose: 'tagging' },
      { type: 'SpecificResource', source: `urn:uuid:${AUTHORITY.id}`, purpose: 'linking' },
      { type: 'TextualBody', value: "Held by Varnek Water Authority (the article's own voice)", format: 'text/plain', purpose: 'describing' },
    ]);
    expect(c!.motivation).toBe('linking');
    expect(c!.body).toEqual([
      { type: 'TextualBody', value: 'cue', format: 'text/plain', purpose: 'tagging' },
      { type: 'SpecificResource', source: `urn:uuid:${opinion.id}`, purpose: 'linking' },
    ]);
  });

  it('targets urn:sha256 of the anchored text when the document has no http(s) URL, or the anchor is on another text', () => {
    const a = claim('00000000-0000-4000-8000-0000000a0005');
    for (const sourceUrl of ['', 'example.com/news', 'ftp://example.com/a', 'file:///tmp/a.txt']) {
      expect(only([a], { documents: [doc({ sourceUrl })] }).target).toEqual({
        source: `urn:sha256:${HASH}`,
        selector: expect.any(Array),
      });
    }
    // An orphan still anchored in an earlier version's text: the URL now serves other text.
    const orphan = { ...a, textHash: 'b'.repeat(64) };
    expect(only([orphan]).target.source).toBe(`urn:sha256:${'b'.repeat(64)}`);
    // No retrieval time with a timezone: no TimeState.
    expect(only([a], { documents: [doc({ retrievedAt: '' })] }).target).not.toHaveProperty('state');
  });

  it('counts selector offsets in code points (emoji and Arabic unchanged from the anchor)', () => {
    // "a😀 قال" — the emoji is one code point (two UTF-16 units).
    const text = 'a😀 قال الوزير';
    const a: Annotation = { ...base('00000000-0000-4000-8000-0000000a0006', 3, 6, 'قال'), kind: 'claim', fields: claim('x').fields as ClaimFields };
    const item = only([a], { documents: [doc({ text, length: [...text].length })] });
    expect(item.target.selector[1]).toEqual({ type: 'TextPositionSelector', start: 3, end: 6 });
    expect([...text].slice(3, 6).join('')).toBe(item.target.selector[0].exact);
  });

  it('leaves out the creator when the annotation has none', () => {
    const a = { ...claim('00000000-0000-4000-8000-0000000a0007'), creator: '' };
    expect(only([a])).not.toHaveProperty('creator');
  });
});

describe('entity IRIs', () => {
  it('turns a QID (any case, or a Wikidata URL) into the Wikidata entity IRI', () => {
    expect(wikidataQid('Q42')).toBe('Q42');
    expect(wikidataQid(' q42 ')).toBe('Q42');
    expect(wikidataQid('https://www.wikidata.org/wiki/Q42')).toBe('Q42');
    expect(wikidataQid('http://www.wikidata.org/entity/Q42')).toBe('Q42');
    for (const notQid of ['', 'Q', 'Q0', 'Q042', 'P31', 'Q42a', 'geonames:123', 'https://example.com/Q42']) expect(wikidataQid(notQid)).toBeUndefined();
    expect(entityIri({ id: 'e1', externalId: 'q42' })).toBe('http://www.wikidata.org/entity/Q42');
    expect(entityIri({ id: 'e1', externalId: 'viaf:1234' })).toBe('urn:uuid:e1');
  });

  it('accepts only absolute http(s) URLs as sources', () => {
    expect(isHttpUrl('https://example.com/a?b#c')).toBe(true);
    expect(isHttpUrl('HTTP://EXAMPLE.COM')).toBe(true);
    for (const bad of ['', 'https://', 'example.com', '/news/a', 'mailto:a@b.c', 'https://exa mple.com']) expect(isHttpUrl(bad)).toBe(false);
  });
});

describe('the AnnotationCollection', () => {
  const many = Array.from({ length: 7 }, (_, i) => claim(`00000000-0000-4000-8000-00000000000${i}`, {}, i));

  it('holds one embedded page when everything fits, with total, label, generator and last', () => {
    const c = exportOf(many);
    expect(c).toMatchObject({
      '@context': ANNO_CONTEXT,
      id: `urn:uuid:${COLLECTION}`,
      type: 'AnnotationCollection',
      label: 'Flood toll rises',
      total: 7,
      generated: T1,
      last: `urn:uuid:${COLLECTION}#page-1`,
    });
    expect(c.first).toMatchObject({ id: `urn:uuid:${COLLECTION}#page-1`, type: 'AnnotationPage', partOf: `urn:uuid:${COLLECTION}`, startIndex: 0 });
    expect(c.first).not.toHaveProperty('next');
    expect(c.first).not.toHaveProperty('prev');
    expect(c).not.toHaveProperty('@included');
    // In text order.
    expect(c.first!.items.map((a) => a.target.selector[1].start)).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('chains pages of at most pageSize items by next, prev and partOf', () => {
    const c = exportOf(many, { pageSize: 3 });
    const pages = [c.first!, ...(c['@included'] ?? [])];
    expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
    expect(pages.map((p) => p.startIndex)).toEqual([0, 3, 6]);
    expect(pages.map((p) => p.id)).toEqual([1, 2, 3].map((n) => `urn:uuid:${COLLECTION}#page-${n}`));
    expect(pages.map((p) => p.next)).toEqual([pages[1]!.id, pages[2]!.id, undefined]);
    expect(pages.map((p) => p.prev)).toEqual([undefined, pages[0]!.id, pages[1]!.id]);
    expect(pages.every((p) => p.partOf === c.id)).toBe(true);
    expect(c.last).toBe(pages[2]!.id);
    expect(c.total).toBe(7);
  });

  it('has no pages when there are no annotations', () => {
    const c = exportOf([]);
    expect(c.total).toBe(0);
    expect(c).not.toHaveProperty('first');
    expect(c).not.toHaveProperty('last');
  });

  it('refuses a page size that is not a positive integer', () => {
    expect(() => exportOf(many, { pageSize: 0 })).toThrow(RangeError);
    expect(() => exportOf(many, { pageSize: 2.5 })).toThrow(RangeError);
  });

  it('does not change its inputs and gives the same result twice', () => {
    const input = structuredClone(many);
    expect(exportOf(input)).toEqual(exportOf(input));
    expect(input).toEqual(many);
  });
});
