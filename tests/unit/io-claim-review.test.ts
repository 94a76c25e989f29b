/**
 * The ClaimReview export (docs/format.md, "ClaimReview"): one review per claim with a verdict, the Rating
 * from the scale (no numbers for unrated levels), the claim's author and appearance, the reviewing
 * organisation as author, and dates as YYYY-MM-DD.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_SCALE } from '../../src/model/claim';
import type { Annotation, ClaimFields } from '../../src/model/annotation';
import type { DocumentRecord } from '../../src/model/document';
import type { EntityRecord } from '../../src/model/entity';
import { asCodePoint } from '../../src/model/units';
import { agentOfEntity, serializeClaimReviews, type ClaimReviewInput } from '../../src/io/claim-review';

const T0 = '2026-01-05T08:00:00.000Z';
const DOC: DocumentRecord = {
  id: 'd1',
  title: 'Ostrel Dam Breach Kills 47',
  sourceUrl: 'https://example.com/herald/ostrel',
  publisher: 'The Drenava Herald',
  author: 'Mirela Stanek',
  publishedDate: '2025-11-15',
  retrievedAt: '2025-11-16T10:00:00.000Z',
  format: 'markdown',
  fileName: 'herald.md',
  content: [],
  text: '',
  textHash: 'a'.repeat(64),
  length: 0,
  created: T0,
  modified: T0,
};
const person = (id: string, name: string, externalId = ''): EntityRecord => ({ id, name, type: 'person', aliases: [], externalId, creator: 'Ana', created: T0, modified: T0 });
const TSVETKOV = person('e1', 'Dragan Tsvetkov', 'Q1234567');
const MINISTRY: EntityRecord = { ...person('e2', 'Interior Ministry'), type: 'organization' };

const claim = (id: string, start: number, quote: string, fields: Partial<ClaimFields>, modified = '2026-01-07T23:59:00.000Z'): Annotation => ({
  id,
  documentId: 'd1',
  textHash: DOC.textHash,
  anchor: { quote, prefix: '', suffix: '', start: asCodePoint(start), end: asCodePoint(start + [...quote].length) },
  creator: 'Ana',
  created: T0,
  modified,
  kind: 'claim',
  fields: { status: 'unverified', verdict: null, rationale: '', attribution: null, note: '', ...fields },
});

const input = (annotations: Annotation[], over: Partial<ClaimReviewInput> = {}): ClaimReviewInput => ({
  documents: [DOC],
  annotations,
  entities: [TSVETKOV, MINISTRY],
  verdictScale: DEFAULT_VERDICT_SCALE,
  organization: { name: 'Drenava Fact Desk', url: 'https://factdesk.example.org' },
  ...over,
});

describe('ClaimReview export', () => {
  it('writes one ClaimReview for a claim with a verdict, with every field of the mapping', () => {
    const reviews = serializeClaimReviews(
      input([
        claim('c1', 10, 'At least 47 people were killed', {
          verdict: 'mostly-true',
          rationale: 'The bulletin confirms 47; two more were found later.',
          attribution: { entityId: TSVETKOV.id, quoteType: 'reported', cueId: null },
        }),
      ]),
    );
    expect(reviews).toEqual([
      {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        identifier: 'urn:uuid:c1',
        claimReviewed: 'At least 47 people were killed',
        reviewRating: {
          '@type': 'Rating',
          alternateName: 'Mostly true',
          ratingValue: 4,
          bestRating: 5,
          worstRating: 1,
          ratingExplanation: 'The bulletin confirms 47; two more were found later.',
        },
        itemReviewed: {
          '@type': 'Claim',
          author: { '@type': 'Person', name: 'Dragan Tsvetkov', sameAs: 'http://www.wikidata.org/entity/Q1234567' },
          datePublished: '2025-11-15',
          appearance: {
            '@type': 'CreativeWork',
            url: 'https://example.com/herald/ostrel',
            headline: 'Ostrel Dam Breach Kills 47',
            author: { '@type': 'Person', name: 'Mirela Stanek' },
            publisher: { '@type': 'Organization', name: 'The Drenava Herald' },
            datePublished: '2025-11-15',
          },
        },
        author: { '@type': 'Organization', name: 'Drenava Fact Desk', url: 'https://factdesk.example.org' },
        datePublished: '2026-01-07',
      },
    ]);
  });

  it('skips claims without a verdict and other kinds, and orders reviews by document then text', () => {
    const other: Annotation = { ...claim('x', 0, 'Officials', {}), kind: 'entity', fields: { entityId: null } } as Annotation;
    const reviews = serializeClaimReviews(
      input([claim('late', 50, 'second', { verdict: 'false' }), claim('none', 0, 'no verdict', {}), other, claim('early', 5, 'first', { verdict: 'true' })]),
    );
    expect(reviews.map((r) => r.claimReviewed)).toEqual(['first', 'second']);
  });

  it('rates from the worst level (1) to the best, and leaves the numbers out for unverifiable', () => {
    const rating = (verdict: string) => serializeClaimReviews(input([claim('c', 0, 'q', { verdict })]))[0]!.reviewRating;
    expect(rating('true')).toEqual({ '@type': 'Rating', alternateName: 'True', ratingValue: 5, bestRating: 5, worstRating: 1 });
    expect(rating('false')).toMatchObject({ alternateName: 'False', ratingValue: 1 });
    expect(rating('unverifiable')).toEqual({ '@type': 'Rating', alternateName: 'Unverifiable' });
    // A level the scale no longer has is named by its id, without numbers.
    expect(rating('pants-on-fire')).toEqual({ '@type': 'Rating', alternateName: 'pants-on-fire' });
  });

  it('uses the configured scale and its labels', () => {
    const meedan = { name: 'Check', levels: [{ id: 'verified', label: 'Verified', description: '' }, { id: 'inconclusive', label: 'Inconclusive', description: '' }, { id: 'false', label: 'False', description: '' }] };
    const [review] = serializeClaimReviews(input([claim('c', 0, 'q', { verdict: 'inconclusive' })], { verdictScale: meedan }));
    expect(review!.reviewRating).toEqual({ '@type': 'Rating', alternateName: 'Inconclusive', ratingValue: 2, bestRating: 3, worstRating: 1 });
  });

  it('makes an organisation speaker an Organization without sameAs when it has no QID', () => {
    const [review] = serializeClaimReviews(input([claim('c', 0, 'q', { verdict: 'false', attribution: { entityId: MINISTRY.id, quoteType: 'own-voice', cueId: null } })]));
    expect(review!.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'Interior Ministry' });
    expect(agentOfEntity({ ...MINISTRY, externalId: 'q42' })).toEqual({ '@type': 'Organization', name: 'Interior Ministry', sameAs: 'http://www.wikidata.org/entity/Q42' });
  });

  it('leaves out what is not known: no speaker, URL, author, publisher, date or organisation', () => {
    const bare = { ...DOC, sourceUrl: 'not a url', author: '', publisher: ' ', publishedDate: '' };
    const [review] = serializeClaimReviews(input([claim('c', 0, 'q', { verdict: 'false' })], { documents: [bare], organization: { name: ' ', url: '' } }));
    expect(review!.itemReviewed).toEqual({ '@type': 'Claim', appearance: { '@type': 'CreativeWork', headline: DOC.title } });
    expect(review).not.toHaveProperty('author');
    expect(review!.reviewRating).not.toHaveProperty('ratingExplanation');
  });

  it('gives the organisation without its URL when the URL is not an http(s) address', () => {
    const [review] = serializeClaimReviews(input([claim('c', 0, 'q', { verdict: 'false' })], { organization: { name: ' Desk ', url: 'factdesk' } }));
    expect(review!.author).toEqual({ '@type': 'Organization', name: 'Desk' });
  });

  it('gives an empty list when no claim has a verdict', () => {
    expect(serializeClaimReviews(input([claim('c', 0, 'q', {})]))).toEqual([]);
  });
});
