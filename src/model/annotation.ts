/**
 * Annotations: a tagged span of a document's text with its fields and provenance.
 * The lists of kinds, statuses and entity types live here and only here.
 */
import type { CodePoint } from './units';

export const ANNOTATION_KINDS = ['claim', 'entity', 'opinion'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

export const KIND_LABELS: Record<AnnotationKind, string> = {
  claim: 'Claim',
  entity: 'Entity',
  opinion: 'Opinion',
};

export const CLAIM_STATUSES = ['unverified', 'attributed', 'disputed', 'supported', 'refuted', 'unverifiable'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const ENTITY_TYPES = ['person', 'organization', 'place', 'date', 'quantity', 'event', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export interface ClaimFields {
  status: ClaimStatus;
  attributedTo: string;
  note: string;
}
export interface EntityFields {
  entityType: EntityType;
  canonicalName: string;
}
export interface OpinionFields {
  holder: string;
  note: string;
}

/**
 * Where the annotation sits in the text it was made on: the W3C TextQuoteSelector (quote with up to
 * 32 code points of context either side) and TextPositionSelector (code points, end excluded).
 */
export interface Anchor {
  quote: string;
  prefix: string;
  suffix: string;
  start: CodePoint;
  end: CodePoint;
}

interface AnnotationBase {
  id: string;
  documentId: string;
  /** SHA-256 of the document text the anchor was made on. */
  textHash: string;
  anchor: Anchor;
  creator: string;
  /** ISO 8601, UTC. */
  created: string;
  modified: string;
}

export type ClaimAnnotation = AnnotationBase & { kind: 'claim'; fields: ClaimFields };
export type EntityAnnotation = AnnotationBase & { kind: 'entity'; fields: EntityFields };
export type OpinionAnnotation = AnnotationBase & { kind: 'opinion'; fields: OpinionFields };
export type Annotation = ClaimAnnotation | EntityAnnotation | OpinionAnnotation;

export type FieldsOf<K extends AnnotationKind> = Extract<Annotation, { kind: K }>['fields'];

/** The fields a new annotation of `kind` starts with. */
export function defaultFields<K extends AnnotationKind>(kind: K, quote: string): FieldsOf<K>;
export function defaultFields(kind: AnnotationKind, quote: string): ClaimFields | EntityFields | OpinionFields {
  switch (kind) {
    case 'claim':
      return { status: 'unverified', attributedTo: '', note: '' };
    case 'entity':
      return { entityType: 'other', canonicalName: quote.trim() };
    case 'opinion':
      return { holder: '', note: '' };
  }
}

export interface NewAnnotationInput {
  id: string;
  kind: AnnotationKind;
  documentId: string;
  textHash: string;
  anchor: Anchor;
  creator: string;
  now: string;
}

/** Build a new annotation with default fields. Pure: the caller supplies id and time. */
export function createAnnotation(input: NewAnnotationInput): Annotation {
  const base = {
    id: input.id,
    documentId: input.documentId,
    textHash: input.textHash,
    anchor: input.anchor,
    creator: input.creator,
    created: input.now,
    modified: input.now,
  };
  switch (input.kind) {
    case 'claim':
      return { ...base, kind: 'claim', fields: defaultFields('claim', input.anchor.quote) };
    case 'entity':
      return { ...base, kind: 'entity', fields: defaultFields('entity', input.anchor.quote) };
    case 'opinion':
      return { ...base, kind: 'opinion', fields: defaultFields('opinion', input.anchor.quote) };
  }
}

/** Return a copy of `a` with some fields changed and `modified` set to `now`. */
export function withFields(a: Annotation, patch: Partial<ClaimFields & EntityFields & OpinionFields>, now: string): Annotation {
  const fields = { ...a.fields } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) if (k in fields && v !== undefined) fields[k] = v;
  return { ...a, fields, modified: now } as unknown as Annotation;
}

/** The status shown in lists: a claim's status; other kinds have none. */
export function statusOf(a: Annotation): string {
  return a.kind === 'claim' ? a.fields.status : '';
}

/** Sort by start, then longer spans first, then id for stability. NOTE mutates `list`. */
export function sortInTextOrder<T extends Annotation>(list: T[]): T[] {
  return list.sort(
    (x, y) => x.anchor.start - y.anchor.start || y.anchor.end - x.anchor.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
}
