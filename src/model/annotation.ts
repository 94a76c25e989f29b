/**
 * Annotations: a tagged span of a document's text with its fields and provenance.
 * The list of kinds lives here; claim statuses and verdicts in claim.ts, entity types in entity.ts.
 */
import type { CodePoint } from './units';
import { STATUS_LABELS, type Attribution, type ClaimStatus } from './claim';

/** Every kind of annotation. 'cue' spans the words that attribute a claim or opinion ("X said"). */
export const ANNOTATION_KINDS = ['claim', 'entity', 'opinion', 'cue'] as const;
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number];

/** The kinds a reviewer tags directly from a selection (toolbar buttons and keys c, e, o). */
export const TAG_KINDS = ['claim', 'entity', 'opinion'] as const satisfies readonly AnnotationKind[];
export type TagKind = (typeof TAG_KINDS)[number];

export const KIND_LABELS: Record<AnnotationKind, string> = {
  claim: 'Claim',
  entity: 'Entity',
  opinion: 'Opinion',
  cue: 'Cue',
};

export interface ClaimFields {
  status: ClaimStatus;
  /** A level id of the verdict scale, or null before a verdict is reached. */
  verdict: string | null;
  rationale: string;
  attribution: Attribution | null;
  note: string;
}
export interface EntityFields {
  /** The registry entry this mention refers to; null until the reviewer links one. */
  entityId: string | null;
}
export interface OpinionFields {
  /** The holder of the opinion. */
  attribution: Attribution | null;
  note: string;
}
export interface CueFields {
  /** The claim or opinion this cue attributes. */
  forId: string;
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

/** How re-anchoring onto a new version of the document placed an annotation. */
export const ANCHORING_STATUSES = ['exact', 'moved', 'fuzzy', 'orphan', 'reattached'] as const;
export type AnchoringStatus = (typeof ANCHORING_STATUSES)[number];

export interface AnchoringResult {
  status: AnchoringStatus;
  /** The fuzzy match's score, 0–1 (fuzzy only). */
  score?: number;
  /** The version the annotation was carried from. */
  fromDocumentId: string;
  /** ISO 8601, UTC. */
  at: string;
}

/** Where an annotation sat on an earlier version of its document. */
export interface PriorAnchor {
  documentId: string;
  textHash: string;
  anchor: Anchor;
}

interface AnnotationBase {
  id: string;
  /** The document (version) the annotation belongs to: the newest version of its article. */
  documentId: string;
  /**
   * SHA-256 of the text the anchor was made on or carried to. It differs from the document's own hash
   * only for an orphan, whose anchor is still the one of the version it could not leave.
   */
  textHash: string;
  anchor: Anchor;
  creator: string;
  /** ISO 8601, UTC. */
  created: string;
  modified: string;
  /** How the last new version placed it; absent when it was made on its document's text. */
  anchoring?: AnchoringResult;
  /** Its anchors on earlier versions, oldest first, so those versions show it as it was. */
  priorAnchors?: PriorAnchor[];
}

export type ClaimAnnotation = AnnotationBase & { kind: 'claim'; fields: ClaimFields };
export type EntityAnnotation = AnnotationBase & { kind: 'entity'; fields: EntityFields };
export type OpinionAnnotation = AnnotationBase & { kind: 'opinion'; fields: OpinionFields };
export type CueAnnotation = AnnotationBase & { kind: 'cue'; fields: CueFields };
export type Annotation = ClaimAnnotation | EntityAnnotation | OpinionAnnotation | CueAnnotation;

/** Every field any kind has, for patches. */
export type AnyFields = ClaimFields & EntityFields & OpinionFields & CueFields;

export type FieldsOf<K extends AnnotationKind> = Extract<Annotation, { kind: K }>['fields'];

/** The fields a new annotation of `kind` starts with. */
export function defaultFields<K extends TagKind>(kind: K): FieldsOf<K>;
export function defaultFields(kind: TagKind): ClaimFields | EntityFields | OpinionFields {
  switch (kind) {
    case 'claim':
      return { status: 'unverified', verdict: null, rationale: '', attribution: null, note: '' };
    case 'entity':
      return { entityId: null };
    case 'opinion':
      return { attribution: null, note: '' };
  }
}

export interface NewAnnotationInput {
  id: string;
  kind: TagKind;
  documentId: string;
  textHash: string;
  anchor: Anchor;
  creator: string;
  now: string;
}

/** What every new annotation starts with: its place, its creator and its times. */
function baseOf(input: Omit<NewAnnotationInput, 'kind'>): AnnotationBase {
  return {
    id: input.id,
    documentId: input.documentId,
    textHash: input.textHash,
    anchor: input.anchor,
    creator: input.creator,
    created: input.now,
    modified: input.now,
  };
}

/** Build a new annotation with default fields. Pure: the caller supplies id and time. */
export function createAnnotation(input: NewAnnotationInput): Annotation {
  const base = baseOf(input);
  switch (input.kind) {
    case 'claim':
      return { ...base, kind: 'claim', fields: defaultFields('claim') };
    case 'entity':
      return { ...base, kind: 'entity', fields: defaultFields('entity') };
    case 'opinion':
      return { ...base, kind: 'opinion', fields: defaultFields('opinion') };
  }
}

/** A new cue annotation spanning the attribution cue of the claim or opinion `forId`. */
export function createCue(input: Omit<NewAnnotationInput, 'kind'> & { forId: string }): CueAnnotation {
  return { ...baseOf(input), kind: 'cue', fields: { forId: input.forId } };
}

/** Return a copy of `a` with some fields changed and `modified` set to `now`. */
export function withFields(a: Annotation, patch: Partial<AnyFields>, now: string): Annotation {
  const fields = { ...a.fields } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) if (k in fields && v !== undefined) fields[k] = v;
  return { ...a, fields, modified: now } as unknown as Annotation;
}

/** The status shown in lists: a claim's status; other kinds have none. */
export function statusOf(a: Annotation): string {
  return a.kind === 'claim' ? STATUS_LABELS[a.fields.status] : '';
}

/** The entity an annotation is about or attributed to, if any. */
export function speakerOf(a: Annotation): string | null {
  return a.kind === 'claim' || a.kind === 'opinion' ? (a.fields.attribution?.entityId ?? null) : null;
}

/** Text order: by start, then longer spans first, then id for stability. */
function compareInTextOrder(x: Annotation, y: Annotation): number {
  return x.anchor.start - y.anchor.start || y.anchor.end - x.anchor.end || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/** Sort by start, then longer spans first, then id for stability. NOTE mutates `list`. */
export function sortInTextOrder<T extends Annotation>(list: T[]): T[] {
  return list.sort(compareInTextOrder);
}

/** A copy of `list` (in text order) with `item` inserted at its place in text order. */
export function insertInTextOrder<T extends Annotation>(list: readonly T[], item: T): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareInTextOrder(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return [...list.slice(0, lo), item, ...list.slice(lo)];
}
