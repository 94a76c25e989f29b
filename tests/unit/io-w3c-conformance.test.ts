/**
 * Every annotation the W3C export writes passes the 54 MUST assertions of the W3C Web Annotation test
 * suite (../shared/conformance/web-annotation, checked by tests/validate-w3c.ts). The annotations are
 * made on real spans of the sample articles (fixtures/articles), one or more of every kind and shape:
 * claims with and without a verdict, with a rationale, a note and an attribution with its cue; entity
 * mentions linked to an entity with a Wikidata id, to one without, and not linked; opinions with and
 * without a holder; a document with a URL and one without. Skipped when ../shared is absent.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { importBytes } from '../../src/io/import-document';
import { createAnnotation, createCue, type Annotation } from '../../src/model/annotation';
import { DEFAULT_VERDICT_SCALE, type Attribution } from '../../src/model/claim';
import type { DocumentRecord } from '../../src/model/document';
import { createEntity, type EntityRecord, type EntityType } from '../../src/model/entity';
import { asUtf16 } from '../../src/model/units';
import { createCodePointIndex } from '../../src/anchoring/code-points';
import { describeSpan } from '../../src/anchoring/describe';
import { serializeW3cAnnotations, type W3cAnnotation, type W3cAnnotationCollection } from '../../src/io/w3c-annotations';
import type { ManifestEntry } from '../../src/ui/samples';
import { W3C_SUITE_AVAILABLE, checkW3cAnnotation, w3cMustFailures } from '../validate-w3c';

const dir = new URL('../../fixtures/articles/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8')) as ManifestEntry[];

const NOW = '2026-03-01T09:30:00.000Z';
const LATER = '2026-03-02T16:45:12.345Z';
const REVIEWER = 'Ines Okafor';

async function load(file: string, overrides: Partial<ManifestEntry> = {}): Promise<DocumentRecord> {
  const entry = manifest.find((e) => e.file === file);
  if (!entry) throw new Error(`${file} is not in the fixtures manifest`);
  const { file: name, ...meta } = { ...entry, ...overrides };
  const bytes = new Uint8Array(readFileSync(fileURLToPath(new URL(name, dir))));
  const result = await importBytes(bytes, name, NOW, crypto.randomUUID(), meta);
  if (!result.ok) throw new Error(result.errors.join('; '));
  return result.value;
}

/** Builds annotations on real spans of documents, as the app would store them. */
class Library {
  documents: DocumentRecord[] = [];
  annotations: Annotation[] = [];
  entities: EntityRecord[] = [];

  add(doc: DocumentRecord): DocumentRecord {
    this.documents.push(doc);
    return doc;
  }

  /** The anchor of the `occurrence`th `phrase` in `doc`'s plain text. */
  private anchor(doc: DocumentRecord, phrase: string, occurrence = 0) {
    let at = -1;
    for (let i = 0; i <= occurrence; i++) at = doc.text.indexOf(phrase, at + 1);
    if (at < 0) throw new Error(`“${phrase}” is not in ${doc.title}`);
    const index = createCodePointIndex(doc.text);
    return describeSpan(doc.text, index, index.toCodePoint(asUtf16(at)), index.toCodePoint(asUtf16(at + phrase.length)));
  }

  tag(doc: DocumentRecord, kind: 'claim' | 'entity' | 'opinion', phrase: string): Annotation {
    const a = createAnnotation({ id: crypto.randomUUID(), kind, documentId: doc.id, textHash: doc.textHash, anchor: this.anchor(doc, phrase), creator: REVIEWER, now: NOW });
    this.annotations.push(a);
    return a;
  }

  cue(doc: DocumentRecord, phrase: string, forId: string): Annotation {
    const cue = createCue({ id: crypto.randomUUID(), forId, documentId: doc.id, textHash: doc.textHash, anchor: this.anchor(doc, phrase), creator: REVIEWER, now: NOW });
    this.annotations.push(cue);
    return cue;
  }

  entity(name: string, type: EntityType, externalId = ''): EntityRecord {
    const e = { ...createEntity({ id: crypto.randomUUID(), name, type, creator: REVIEWER, now: NOW }), externalId };
    this.entities.push(e);
    return e;
  }

  /** Replace an annotation's fields (as an edit would), marking it modified later. */
  edit(a: Annotation, fields: Record<string, unknown>): void {
    const i = this.annotations.indexOf(a);
    this.annotations[i] = { ...a, fields: { ...a.fields, ...fields }, modified: LATER } as Annotation;
  }
}

async function sampleLibrary(): Promise<Library> {
  const lib = new Library();
  const herald = lib.add(await load('flood-report-herald.md'));
  const meridian = lib.add(await load('flood-report-meridian.md'));
  // No URL: the target source is the text's hash.
  const review = lib.add(await load('government-response-review.md', { sourceUrl: '' }));
  const ledger = lib.add(await load('heat-pump-study-ledger.md'));

  const tsvetkov = lib.entity('Dragan Tsvetkov', 'person');
  const nwa = lib.entity('National Water Authority', 'organization', 'Q98765432');
  const kersova = lib.entity('Kersova', 'place', 'geonames:123');
  const vrabel = lib.entity('Tomas Vrabel', 'person', 'q4115189');
  const meridianPost = lib.entity('Meridian Post', 'organization');

  // Herald: a claim with a verdict, rationale, note and an attribution with its cue; mentions.
  const toll = lib.tag(herald, 'claim', 'At least 47 people were killed');
  const cue = lib.cue(herald, 'according to', toll.id);
  const attribution: Attribution = { entityId: tsvetkov.id, quoteType: 'reported', cueId: cue.id };
  lib.edit(toll, { status: 'attributed', verdict: 'mostly-true', rationale: 'The directorate’s bulletin confirms 47 deaths; two more were found later.', attribution, note: 'Check bulletin no. 4.' });
  lib.edit(lib.tag(herald, 'entity', 'Dragan Tsvetkov'), { entityId: tsvetkov.id });
  lib.edit(lib.tag(herald, 'entity', 'National Water Authority'), { entityId: nwa.id });
  lib.edit(lib.tag(herald, 'entity', 'Kersova'), { entityId: kersova.id });
  lib.tag(herald, 'entity', 'Velgrad'); // not linked to an entity yet
  const quote = lib.tag(herald, 'claim', 'We are dealing with the worst flood this valley has seen in living memory');
  lib.edit(quote, { attribution: { entityId: tsvetkov.id, quoteType: 'direct', cueId: null }, verdict: 'unverifiable' });

  // Meridian: a claim without a verdict, one in the article's own voice, a false one.
  lib.tag(meridian, 'claim', '74 people were killed');
  const own = lib.tag(meridian, 'claim', 'Those repairs were never carried out.');
  lib.edit(own, { attribution: { entityId: meridianPost.id, quoteType: 'own-voice', cueId: null }, verdict: 'false', status: 'refuted' });

  // Review (no URL): an opinion with its holder and cue, one without a holder.
  const prevented = lib.tag(review, 'opinion', 'the collapse could have been prevented');
  const believes = lib.cue(review, 'believes', prevented.id);
  lib.edit(prevented, { attribution: { entityId: vrabel.id, quoteType: 'reported', cueId: believes.id }, note: 'Former member of the national dam safety panel.' });
  lib.edit(lib.tag(review, 'entity', 'Professor Tomas Vrabel'), { entityId: vrabel.id });
  lib.tag(review, 'opinion', 'the current system is stretched too thin');

  // Ledger: a claim with a verdict but no rationale, and an overlapping entity mention.
  const cut = lib.tag(ledger, 'claim', 'Heat Pumps Cut Household Energy Bills by 31 Percent');
  lib.edit(cut, { verdict: 'half-true' });
  lib.tag(ledger, 'entity', 'Heat Pumps');
  return lib;
}

/** Every annotation of a collection, page after page (first, then the included pages by `next`). */
function itemsOf(collection: W3cAnnotationCollection): W3cAnnotation[] {
  const pages = new Map((collection['@included'] ?? []).map((p) => [p.id, p]));
  const out: W3cAnnotation[] = [];
  for (let page = collection.first; page; page = page.next ? pages.get(page.next) : undefined) out.push(...page.items);
  return out;
}

describe.skipIf(!W3C_SUITE_AVAILABLE)('W3C Web Annotation conformance of the export (../shared/conformance/web-annotation)', () => {
  let lib: Library;
  let collection: W3cAnnotationCollection;
  let items: W3cAnnotation[];

  beforeAll(async () => {
    lib = await sampleLibrary();
    const collectionId = crypto.randomUUID();
    // Small pages, so the annotations are spread over several pages as a large library's would be.
    collection = serializeW3cAnnotations({ ...lib, verdictScale: DEFAULT_VERDICT_SCALE, collectionId, label: 'Sample articles', exportedAt: LATER, pageSize: 4 });
    items = itemsOf(JSON.parse(JSON.stringify(collection)) as W3cAnnotationCollection);
  });

  it('exports every annotation of every kind and shape', () => {
    expect(items).toHaveLength(lib.annotations.length);
    expect(collection.total).toBe(lib.annotations.length);
    expect(new Set(items.map((a) => a.motivation))).toEqual(new Set(['assessing', 'classifying', 'identifying', 'linking']));
    const tags = new Set(items.flatMap((a) => a.body.flatMap((b) => (b.type === 'TextualBody' && b.purpose === 'tagging' ? [b.value] : []))));
    expect(tags).toEqual(new Set(['claim', 'entity', 'opinion', 'cue']));
    expect(items.some((a) => a.body.some((b) => b.type === 'SpecificResource' && b.source.startsWith('http://www.wikidata.org/entity/Q')))).toBe(true);
    expect(collection['@included']?.length).toBeGreaterThan(1);
    expect(new Set(items.map((a) => a.target.source.split(':')[0]))).toEqual(new Set(['https', 'urn']));
  });

  it('runs all 54 MUST assertions of the suite', () => {
    const first = items[0];
    expect(first).toBeDefined();
    expect(checkW3cAnnotation(first).counts.must).toBe(54);
  });

  it('every exported annotation passes all 54 MUST assertions', () => {
    const failures = items.flatMap((a) => w3cMustFailures(a).map((f) => `${a.id} (${a.motivation}): ${f}`));
    expect(failures).toEqual([]);
    expect(items.every((a) => checkW3cAnnotation(a).conforms)).toBe(true);
  });

  it('a deliberately broken annotation fails the MUST assertions (the check is not vacuous)', () => {
    const good = items[0]!;
    const broken = { ...good, id: 'anno-1', '@context': 'http://example.org/context', created: 'yesterday' };
    const failed = w3cMustFailures(broken);
    expect(failed.some((f) => f.startsWith('annotations/3.1-annotationIdValidated.json'))).toBe(true);
    expect(failed.some((f) => f.startsWith('annotations/3.1-annotationContextValidated.json'))).toBe(true);
    expect(failed.some((f) => f.startsWith('annotations/3.3.1-annotationCreatedValidated.json'))).toBe(true);
    const noTarget: Record<string, unknown> = { ...good };
    delete noTarget.target;
    expect(w3cMustFailures(noTarget).some((f) => f.startsWith('annotations/3.1-targetKeyFound.json'))).toBe(true);
  });
});
