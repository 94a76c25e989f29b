/**
 * The schema.org ClaimReview export: one ClaimReview (JSON-LD) for every claim that has a verdict.
 *
 * Why it exists: ClaimReview is how fact-checks travel between fact-checkers, search engines and
 * platforms (Google Fact Check Tools, the Duke Reporters' Lab, Meedan Check). A claim's verdict becomes
 * the review's Rating, named by the level's label and numbered from the scale (model/claim.ts
 * ratingOf); the claim's speaker becomes the Claim's author and the article it was quoted from its
 * appearance. The file is a JSON array of self-contained ClaimReview objects, each with its own
 * @context, so any one of them can be pasted into a page's `<script type="application/ld+json">`.
 * The mapping is written out in docs/format.md ("Standard exports", "ClaimReview"). Values are built field by field, in a stable
 * order (by document, then in text order), like the native export.
 */
import type { Annotation, ClaimAnnotation } from '../model/annotation';
import { ratingOf, type VerdictScale } from '../model/claim';
import type { DocumentLabel } from '../model/document';
import type { EntityRecord } from '../model/entity';
import { isHttpUrl, wikidataQid } from './w3c-annotations';

/** The organisation that publishes the reviews: the reviewer's employer, set in Settings. */
export interface ReviewingOrganization {
  name: string;
  /** Its web site; '' when not given. */
  url: string;
}

export interface SchemaAgent {
  '@type': 'Person' | 'Organization';
  name: string;
  url?: string;
  sameAs?: string;
}

export interface SchemaRating {
  '@type': 'Rating';
  alternateName: string;
  ratingValue?: number;
  bestRating?: number;
  worstRating?: number;
  ratingExplanation?: string;
}

export interface SchemaCreativeWork {
  '@type': 'CreativeWork';
  url?: string;
  headline?: string;
  author?: SchemaAgent;
  publisher?: SchemaAgent;
  datePublished?: string;
}

export interface SchemaClaim {
  '@type': 'Claim';
  author?: SchemaAgent;
  datePublished?: string;
  appearance: SchemaCreativeWork;
}

export interface ClaimReview {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  /** `urn:uuid:` of the claim annotation, so a review can be traced back to its claim. */
  identifier: string;
  claimReviewed: string;
  reviewRating: SchemaRating;
  itemReviewed: SchemaClaim;
  author?: SchemaAgent;
  datePublished: string;
}

/** What to export: the records of a library or of one document (db/repository.ts LibraryContents fits). */
export interface ClaimReviewInput {
  /** The documents' metadata is enough (their text is not read). */
  documents: readonly DocumentLabel[];
  annotations: readonly Annotation[];
  entities: readonly EntityRecord[];
  verdictScale: VerdictScale;
  organization: ReviewingOrganization;
}

/** A YYYY-MM-DD date at the start of a string (a date or an ISO date-time), if there is one. */
const dateOf = (value: string): string | undefined => /^\d{4}-\d{2}-\d{2}/.exec(value)?.[0];

/** An entity as a schema.org agent: Person or Organization, and sameAs its Wikidata IRI when known. */
export function agentOfEntity(entity: EntityRecord): SchemaAgent {
  const qid = wikidataQid(entity.externalId);
  return {
    '@type': entity.type === 'person' ? 'Person' : 'Organization',
    name: entity.name,
    ...(qid ? { sameAs: `http://www.wikidata.org/entity/${qid}` } : {}),
  };
}

/** The article a claim was quoted from: its URL, title, author, publisher and published date, as given. */
function appearanceOf(doc: DocumentLabel | undefined): SchemaCreativeWork {
  if (!doc) return { '@type': 'CreativeWork' };
  const published = dateOf(doc.publishedDate);
  return {
    '@type': 'CreativeWork',
    ...(isHttpUrl(doc.sourceUrl) ? { url: doc.sourceUrl.trim() } : {}),
    ...(doc.title.trim() ? { headline: doc.title } : {}),
    ...(doc.author.trim() ? { author: { '@type': 'Person' as const, name: doc.author } } : {}),
    ...(doc.publisher.trim() ? { publisher: { '@type': 'Organization' as const, name: doc.publisher } } : {}),
    ...(published ? { datePublished: published } : {}),
  };
}

/** The reviewing organisation as the review's author; absent until its name is set. */
function organizationOf(org: ReviewingOrganization): SchemaAgent | undefined {
  if (org.name.trim() === '') return undefined;
  return { '@type': 'Organization', name: org.name.trim(), ...(isHttpUrl(org.url) ? { url: org.url.trim() } : {}) };
}

/** The Rating of a verdict: its label, the numbers of rated levels, and the rationale. */
function ratingFor(scale: VerdictScale, verdict: string, rationale: string): SchemaRating {
  const level = scale.levels.find((l) => l.id === verdict);
  const numbers = ratingOf(scale, verdict);
  return {
    '@type': 'Rating',
    alternateName: level?.label ?? verdict,
    ...(numbers ? { ratingValue: numbers.value, bestRating: numbers.best, worstRating: numbers.worst } : {}),
    ...(rationale.trim() ? { ratingExplanation: rationale } : {}),
  };
}

/** One claim with a verdict as a ClaimReview. */
export function toClaimReview(claim: ClaimAnnotation & { fields: { verdict: string } }, input: Omit<ClaimReviewInput, 'annotations'>, lookups = lookupsOf(input)): ClaimReview {
  const doc = lookups.documents.get(claim.documentId);
  const speakerId = claim.fields.attribution?.entityId;
  const speaker = speakerId === undefined ? undefined : lookups.entities.get(speakerId);
  const appearance = appearanceOf(doc);
  const author = organizationOf(input.organization);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    identifier: `urn:uuid:${claim.id}`,
    claimReviewed: claim.anchor.quote,
    reviewRating: ratingFor(input.verdictScale, claim.fields.verdict, claim.fields.rationale),
    itemReviewed: {
      '@type': 'Claim',
      ...(speaker ? { author: agentOfEntity(speaker) } : {}),
      ...(appearance.datePublished ? { datePublished: appearance.datePublished } : {}),
      appearance,
    },
    ...(author ? { author } : {}),
    datePublished: dateOf(claim.modified) ?? claim.modified,
  };
}

function lookupsOf(input: Pick<ClaimReviewInput, 'documents' | 'entities'>) {
  return { documents: new Map(input.documents.map((d) => [d.id, d])), entities: new Map(input.entities.map((e) => [e.id, e])) };
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether `a` is a claim that has a verdict. */
export const isReviewedClaim = (a: Annotation): a is ClaimAnnotation & { fields: { verdict: string } } => a.kind === 'claim' && a.fields.verdict !== null;

/** The ClaimReviews of every claim with a verdict in `input`, by document then in text order. */
export function serializeClaimReviews(input: ClaimReviewInput): ClaimReview[] {
  const lookups = lookupsOf(input);
  return input.annotations
    .filter(isReviewedClaim)
    .sort((x, y) => compareStrings(x.documentId, y.documentId) || x.anchor.start - y.anchor.start || y.anchor.end - x.anchor.end || compareStrings(x.id, y.id))
    .map((claim) => toClaimReview(claim, input, lookups));
}
