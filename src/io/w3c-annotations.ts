/**
 * The W3C Web Annotation export: every annotation of a library (or of one document) as a Web
 * Annotation (JSON-LD, http://www.w3.org/ns/anno.jsonld), gathered in an AnnotationCollection whose
 * pages hold at most `pageSize` annotations each.
 *
 * Why it exists: it is the interchange format other annotation tools read (Hypothesis, Recogito, IIIF
 * viewers, triple stores). It is lossy on purpose — the workflow status, evidence, links and history
 * stay in the native export — but every span keeps both selectors, so another tool can find it again.
 * The mapping from Marginalia's kinds and fields to motivations and bodies is the contract, written out
 * in docs/format.md ("Standard exports", "W3C Web Annotation"); every exported annotation must pass the 54 MUST assertions of the W3C
 * test suite (tests/unit/io-w3c-conformance.test.ts). Values are built field by field and the order is
 * stable, like the native export (native-json.ts).
 */
import type { Annotation } from '../model/annotation';
import type { Attribution, VerdictScale } from '../model/claim';
import { assertNever, type DocumentRecord } from '../model/document';
import type { EntityRecord } from '../model/entity';
import type { JsonWriter } from './json-parts';
import { GENERATOR, type Generator } from './native-json';

/** The JSON-LD context of every Web Annotation. */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Annotations per AnnotationPage unless the caller says otherwise. */
export const DEFAULT_PAGE_SIZE = 1000;

/** A W3C motivation, spelled as the model spells it (only those this export uses). */
export type Motivation = 'assessing' | 'classifying' | 'identifying' | 'linking';
/** A body's purpose, spelled as the model spells it (only those this export uses). */
export type Purpose = 'tagging' | 'classifying' | 'assessing' | 'commenting' | 'describing' | 'identifying' | 'linking';

export interface TextualBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain';
  purpose: Purpose;
}

/** A resource outside the annotation (an entity, another annotation) used for a purpose. */
export interface SpecificResourceBody {
  type: 'SpecificResource';
  source: string;
  purpose: Purpose;
}

export type W3cBody = TextualBody | SpecificResourceBody;

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** Offsets in code points, start included, end excluded (docs/format.md section 4). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export interface W3cTarget {
  source: string;
  /** When the source URL was read: the text the selectors count in is the text retrieved then. */
  state?: { type: 'TimeState'; sourceDate: string };
  selector: [TextQuoteSelector, TextPositionSelector];
}

export interface W3cAgent {
  type: 'Person' | 'Software';
  name: string;
  'schema:softwareVersion'?: string;
}

export interface W3cAnnotation {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'Annotation';
  motivation: Motivation;
  body: W3cBody[];
  target: W3cTarget;
  creator?: W3cAgent;
  created: string;
  modified: string;
  generator: W3cAgent;
}

export interface W3cAnnotationPage {
  id: string;
  type: 'AnnotationPage';
  partOf: string;
  startIndex: number;
  next?: string;
  prev?: string;
  items: W3cAnnotation[];
}

export interface W3cAnnotationCollection {
  '@context': typeof ANNO_CONTEXT;
  id: string;
  type: 'AnnotationCollection';
  label: string;
  total: number;
  generator: W3cAgent;
  generated: string;
  /** The first page, embedded; absent when there are no annotations. */
  first?: W3cAnnotationPage;
  /** The IRI of the last page. */
  last?: string;
  /** Pages after the first, in order (JSON-LD 1.1 included nodes), each found from the one before by `next`. */
  '@included'?: W3cAnnotationPage[];
}

/** What to export: the records of a library or of one document (db/repository.ts LibraryContents fits). */
export interface W3cExportInput {
  documents: readonly DocumentRecord[];
  annotations: readonly Annotation[];
  entities: readonly EntityRecord[];
  verdictScale: VerdictScale;
  /** A UUID naming this collection; the caller makes one per export. */
  collectionId: string;
  /** The collection's label, e.g. the document's title. */
  label: string;
  /** ISO 8601 date-time of the export. */
  exportedAt: string;
  generator?: Generator;
  pageSize?: number;
}

/** The IRI of a record id (annotation, entity, collection): `urn:uuid:<id>`. */
export const uuidIri = (id: string): string => `urn:uuid:${id}`;

/** A Wikidata item id: Q followed by digits, no leading zero. */
const WIKIDATA_QID = /^Q[1-9]\d*$/;

/**
 * The IRI of an entity: its Wikidata entity IRI when its external identifier is a QID (as typed, any
 * case, or a wikidata.org URL ending in one), else `urn:uuid:` of its id.
 */
export function entityIri(entity: Pick<EntityRecord, 'id' | 'externalId'>): string {
  const qid = wikidataQid(entity.externalId);
  return qid ? `http://www.wikidata.org/entity/${qid}` : uuidIri(entity.id);
}

/** The Wikidata QID in an external identifier ("Q42", "q42", "https://www.wikidata.org/wiki/Q42"), if any. */
export function wikidataQid(externalId: string): string | undefined {
  const trimmed = externalId.trim();
  const candidate = /^https?:\/\/(www\.)?wikidata\.org\/(wiki|entity)\/(Q\d+)$/i.exec(trimmed)?.[3] ?? trimmed;
  const upper = candidate.toUpperCase();
  return WIKIDATA_QID.test(upper) ? upper : undefined;
}

/** Whether `url` is an absolute http(s) URL (only such a URL is used as a target source). */
export function isHttpUrl(url: string): boolean {
  return /^https?:\/\/[^\s/?#]+[^\s]*$/i.test(url.trim());
}

/** An xsd:dateTime with a timezone, which the model requires of created, modified and sourceDate. */
const DATE_TIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

const textual = (value: string, purpose: Purpose): TextualBody => ({ type: 'TextualBody', value, format: 'text/plain', purpose });
const specific = (source: string, purpose: Purpose): SpecificResourceBody => ({ type: 'SpecificResource', source, purpose });

/** What a target needs of the annotated document: metadata only, never its text. */
export type TargetDocument = Pick<DocumentRecord, 'sourceUrl' | 'textHash' | 'retrievedAt'>;

/** What the bodies of one annotation are built from. */
interface Lookup {
  entities: ReadonlyMap<string, EntityRecord>;
  levels: ReadonlyMap<string, string>;
}

/** The name of an entity id, or the id itself when the entity is not in the export. */
const nameOf = (lookup: Lookup, id: string): string => lookup.entities.get(id)?.name ?? id;

function entityIriOf(lookup: Lookup, id: string): string {
  const entity = lookup.entities.get(id);
  return entity ? entityIri(entity) : uuidIri(id);
}

const QUOTE_TYPE_WORDS: Record<Attribution['quoteType'], string> = {
  direct: 'direct quote',
  reported: 'reported speech',
  'own-voice': "the article's own voice",
};

/** A claim's speaker or an opinion's holder: the entity as a linked resource, and in words. */
function attributionBodies(lookup: Lookup, attribution: Attribution | null, verb: string): W3cBody[] {
  if (!attribution) return [];
  const name = nameOf(lookup, attribution.entityId);
  return [
    specific(entityIriOf(lookup, attribution.entityId), 'linking'),
    textual(`${verb} ${name} (${QUOTE_TYPE_WORDS[attribution.quoteType]})`, 'describing'),
  ];
}

const nonEmpty = (value: string, purpose: Purpose): W3cBody[] => (value.trim() === '' ? [] : [textual(value, purpose)]);

/** The motivation and bodies of one annotation (docs/format.md, "Motivation and bodies"). */
function meaningOf(a: Annotation, lookup: Lookup): { motivation: Motivation; body: W3cBody[] } {
  switch (a.kind) {
    case 'claim': {
      const f = a.fields;
      const body: W3cBody[] = [textual('claim', 'tagging')];
      if (f.verdict !== null) body.push(textual(lookup.levels.get(f.verdict) ?? f.verdict, 'assessing'));
      body.push(...nonEmpty(f.rationale, 'describing'), ...attributionBodies(lookup, f.attribution, 'Attributed to'), ...nonEmpty(f.note, 'commenting'));
      return { motivation: f.verdict !== null ? 'assessing' : 'classifying', body };
    }
    case 'entity': {
      const id = a.fields.entityId;
      if (id === null) return { motivation: 'classifying', body: [textual('entity', 'tagging')] };
      const entity = lookup.entities.get(id);
      const body: W3cBody[] = [textual('entity', 'tagging'), specific(entityIriOf(lookup, id), 'identifying')];
      if (entity) body.push(textual(entity.type, 'classifying'), textual(entity.name, 'describing'));
      return { motivation: 'identifying', body };
    }
    case 'opinion': {
      const f = a.fields;
      return {
        motivation: 'classifying',
        body: [textual('opinion', 'tagging'), ...attributionBodies(lookup, f.attribution, 'Held by'), ...nonEmpty(f.note, 'commenting')],
      };
    }
    case 'cue':
      return { motivation: 'linking', body: [textual('cue', 'tagging'), specific(uuidIri(a.fields.forId), 'linking')] };
    default:
      return assertNever(a);
  }
}

/**
 * The target source: the document's URL when it is an absolute http(s) URL and the anchor counts in
 * that document's text, else `urn:sha256:` of the text the anchor was made on (the annotation's own
 * textHash: for an orphan left on an earlier version that is the earlier text, which the URL no longer
 * serves). With a URL, the time the text was retrieved is given as a TimeState.
 */
function targetOf(a: Annotation, doc: TargetDocument | undefined): W3cTarget {
  const selector: W3cTarget['selector'] = [
    { type: 'TextQuoteSelector', exact: a.anchor.quote, prefix: a.anchor.prefix, suffix: a.anchor.suffix },
    { type: 'TextPositionSelector', start: a.anchor.start, end: a.anchor.end },
  ];
  if (doc && isHttpUrl(doc.sourceUrl) && doc.textHash === a.textHash) {
    const state = DATE_TIME_WITH_ZONE.test(doc.retrievedAt) ? { state: { type: 'TimeState' as const, sourceDate: doc.retrievedAt } } : {};
    return { source: doc.sourceUrl.trim(), ...state, selector };
  }
  return { source: `urn:sha256:${a.textHash}`, selector };
}

const generatorAgent = (g: Generator): W3cAgent => ({ type: 'Software', name: g.name, 'schema:softwareVersion': g.version });

/** One annotation as a W3C Web Annotation (with its own @context, so it stands alone out of the collection). */
export function toW3cAnnotation(a: Annotation, doc: TargetDocument | undefined, lookup: Lookup, generator: Generator = GENERATOR): W3cAnnotation {
  const { motivation, body } = meaningOf(a, lookup);
  return {
    '@context': ANNO_CONTEXT,
    id: uuidIri(a.id),
    type: 'Annotation',
    motivation,
    body,
    target: targetOf(a, doc),
    ...(a.creator.trim() === '' ? {} : { creator: { type: 'Person' as const, name: a.creator } }),
    created: a.created,
    modified: a.modified,
    generator: generatorAgent(generator),
  };
}

/** Build the lookup tables of an export. */
export function lookupOf(input: Pick<W3cExportInput, 'entities' | 'verdictScale'>): Lookup {
  return {
    entities: new Map(input.entities.map((e) => [e.id, e])),
    levels: new Map(input.verdictScale.levels.map((l) => [l.id, l.label])),
  };
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** By document, then in text order (start, longer span first, id), as the native export orders them. */
const compareAnnotations = (x: Annotation, y: Annotation): number =>
  compareStrings(x.documentId, y.documentId) || x.anchor.start - y.anchor.start || y.anchor.end - x.anchor.end || compareStrings(x.id, y.id);

/** The IRI of page `n` (from 1) of a collection: a fragment of the collection's IRI. */
export const pageIri = (collectionIri: string, n: number): string => `${collectionIri}#page-${n}`;

/** What the top of a collection is made of: everything but its annotations. */
export type W3cHead = Omit<W3cExportInput, 'documents' | 'annotations'> & {
  /** How many annotations the collection will hold. */
  total: number;
};

/**
 * Writes an AnnotationCollection a page of annotations at a time, to `out` (io/json-parts.ts): the
 * text is exactly `JSON.stringify(serializeW3cAnnotations(input), null, 2)` of the same annotations,
 * but only the page being written is ever held (a collection's `total` and `last` come before its
 * later pages, so the number of annotations is given up front). Call `add` with pages of annotations
 * and the documents they are on, then `finish()`. Each page is sorted here; the pages themselves must
 * come in order (every annotation after those of the pages before: by document, then text order), as
 * db/library-pages.ts reads them. The pages given need not be AnnotationPages: those are cut here.
 * @throws RangeError when pageSize is not a positive integer, a page comes out of order, or the
 * number of annotations differs from `total`.
 */
export class W3cCollectionWriter {
  private readonly pageSize: number;
  private readonly generator: Generator;
  private readonly lookup: Lookup;
  private readonly collectionIri: string;
  private readonly pageCount: number;
  private readonly total: number;
  private last: Annotation | undefined;
  /** Annotations written so far. */
  written = 0;

  constructor(
    private readonly out: JsonWriter,
    head: W3cHead,
  ) {
    this.pageSize = head.pageSize ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) throw new RangeError(`Page size ${this.pageSize} is not a positive integer`);
    this.generator = head.generator ?? GENERATOR;
    this.lookup = lookupOf(head);
    this.collectionIri = uuidIri(head.collectionId);
    this.total = head.total;
    this.pageCount = Math.ceil(head.total / this.pageSize);
    out.openObject();
    out.value(ANNO_CONTEXT, '@context');
    out.value(this.collectionIri, 'id');
    out.value('AnnotationCollection', 'type');
    out.value(head.label, 'label');
    out.value(head.total, 'total');
    out.value(generatorAgent(this.generator), 'generator');
    out.value(head.exportedAt, 'generated');
  }

  /** Write the annotations of `page` (in any order within it); `documents` holds at least the documents they are on. */
  add(page: readonly Annotation[], documents: ReadonlyMap<string, TargetDocument>): void {
    const sorted = [...page].sort(compareAnnotations);
    const first = sorted[0];
    if (first === undefined) return;
    if (this.last !== undefined && compareAnnotations(this.last, first) >= 0) throw new RangeError('W3cCollectionWriter: a page of annotations starts before the end of the page before it');
    if (this.written + sorted.length > this.total) throw new RangeError(`W3cCollectionWriter: more annotations than the total of ${this.total}`);
    // The annotations up to the end of each AnnotationPage are written in one go.
    for (let i = 0; i < sorted.length; ) {
      if (this.written % this.pageSize === 0) this.openPage(this.written / this.pageSize + 1);
      const run = sorted.slice(i, i + this.pageSize - (this.written % this.pageSize));
      this.out.values(run.map((a) => toW3cAnnotation(a, documents.get(a.documentId), this.lookup, this.generator)));
      i += run.length;
      this.written += run.length;
      if (this.written % this.pageSize === 0 || this.written === this.total) this.closePage(Math.ceil(this.written / this.pageSize));
    }
    this.last = sorted[sorted.length - 1];
  }

  /** Close the collection. */
  finish(): void {
    if (this.written !== this.total) throw new RangeError(`W3cCollectionWriter: ${this.written} annotations written of a total of ${this.total}`);
    if (this.total === 0) this.out.close();
  }

  /** Open AnnotationPage `n` (from 1) and its items: the first as `first`, later ones in `@included`. */
  private openPage(n: number): void {
    const { out, collectionIri } = this;
    if (n === 1) out.openObject('first');
    else {
      if (n === 2) out.openArray('@included');
      out.openObject();
    }
    out.value(pageIri(collectionIri, n), 'id');
    out.value('AnnotationPage', 'type');
    out.value(collectionIri, 'partOf');
    out.value((n - 1) * this.pageSize, 'startIndex');
    if (n > 1) out.value(pageIri(collectionIri, n - 1), 'prev');
    if (n < this.pageCount) out.value(pageIri(collectionIri, n + 1), 'next');
    out.openArray('items');
  }

  /** Close the items and the page; after the first, name the last page; after the last, close the collection. */
  private closePage(n: number): void {
    const { out } = this;
    out.close();
    out.close();
    if (n === 1) out.value(pageIri(this.collectionIri, this.pageCount), 'last');
    if (this.written === this.total) {
      if (this.pageCount > 1) out.close();
      out.close();
    }
  }
}

/**
 * Build the AnnotationCollection of `input`'s annotations (copied; the inputs are not changed).
 * The first page is embedded as `first`; later pages follow in `@included`, each linked to its
 * neighbours by `next`/`prev` and to the collection by `partOf`.
 * @throws RangeError when pageSize is not a positive integer.
 */
export function serializeW3cAnnotations(input: W3cExportInput): W3cAnnotationCollection {
  const pageSize = input.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`Page size ${pageSize} is not a positive integer`);
  const generator = input.generator ?? GENERATOR;
  const lookup = lookupOf(input);
  const docs = new Map(input.documents.map((d) => [d.id, d]));
  const items = [...input.annotations].sort(compareAnnotations).map((a) => toW3cAnnotation(a, docs.get(a.documentId), lookup, generator));
  const collectionIri = uuidIri(input.collectionId);
  const pageCount = Math.ceil(items.length / pageSize);
  const pages: W3cAnnotationPage[] = [];
  for (let n = 1; n <= pageCount; n++) {
    pages.push({
      id: pageIri(collectionIri, n),
      type: 'AnnotationPage',
      partOf: collectionIri,
      startIndex: (n - 1) * pageSize,
      ...(n > 1 ? { prev: pageIri(collectionIri, n - 1) } : {}),
      ...(n < pageCount ? { next: pageIri(collectionIri, n + 1) } : {}),
      items: items.slice((n - 1) * pageSize, n * pageSize),
    });
  }
  const collection: W3cAnnotationCollection = {
    '@context': ANNO_CONTEXT,
    id: collectionIri,
    type: 'AnnotationCollection',
    label: input.label,
    total: items.length,
    generator: generatorAgent(generator),
    generated: input.exportedAt,
  };
  const [first, ...rest] = pages;
  if (first) {
    collection.first = first;
    collection.last = pageIri(collectionIri, pageCount);
  }
  if (rest.length > 0) collection['@included'] = rest;
  return collection;
}
