/**
 * The standard exports end to end, in headless Chromium against the built app: a reviewer sets the
 * reviewing organisation in Settings, tags a claim in a sample report with a verdict, a rationale, a
 * speaker and its cue (and a second claim without a verdict), then downloads the W3C Web Annotations,
 * the ClaimReview and the claims CSV from the document and from the Library, and each file is checked:
 * every W3C annotation passes the 54 MUST assertions of the W3C suite (when ../shared holds it), the
 * ClaimReview carries the mapping's fields, and the CSV starts with a BOM and reads back.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { browserPerTest, openLibrary } from './harness';
import { selectWithMouse, selectedText } from './page-helpers';
import { W3C_SUITE_AVAILABLE, w3cMustFailures } from '../validate-w3c';
import { CLAIMS_CSV_COLUMNS, parseCsv } from '../../src/io/claims-csv';
import type { W3cAnnotation, W3cAnnotationCollection } from '../../src/io/w3c-annotations';
import type { ClaimReview } from '../../src/io/claim-review';

const HERALD = 'Ostrel Dam Breach Kills 47 in Drenava Valley, Emergency Chief Says';
const HERALD_URL = 'https://example.com/drenava-herald/2025/11/15/ostrel-dam-breach-kills-47';
const CLAIM = 'At least 47 people were killed';
const OTHER_CLAIM = '19 people remain missing';
const RATIONALE = 'The directorate’s bulletin no. 3 confirms 47 deaths, “so far”; two more were found, later.';
const ORG = 'Drenava Fact Desk';
const ORG_URL = 'https://factdesk.example.org';

const openBrowser = browserPerTest();

interface Downloaded {
  name: string;
  bytes: Buffer;
  text: string;
}

/** Click an export button and return the file it downloads. */
async function download(page: Page, where: Locator, button: string): Promise<Downloaded> {
  const pending = page.waitForEvent('download');
  await where.getByRole('button', { name: button, exact: true }).click();
  const file = await pending;
  const bytes = readFileSync(await file.path());
  return { name: file.suggestedFilename(), bytes, text: bytes.toString('utf8') };
}

/** Every annotation of a collection, first page then the included pages by `next`. */
function itemsOf(collection: W3cAnnotationCollection): W3cAnnotation[] {
  const pages = new Map((collection['@included'] ?? []).map((p) => [p.id, p]));
  const out: W3cAnnotation[] = [];
  for (let page = collection.first; page; page = page.next ? pages.get(page.next) : undefined) out.push(...page.items);
  return out;
}

/** Check a downloaded W3C collection; returns its annotations. */
function checkW3c(file: Downloaded, total: number): W3cAnnotation[] {
  expect(file.name).toMatch(/^marginalia-[\p{L}\p{N}-]+-annotations-\d{4}-\d{2}-\d{2}\.jsonld$/u);
  const collection = JSON.parse(file.text) as W3cAnnotationCollection;
  expect(collection['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
  expect(collection.type).toBe('AnnotationCollection');
  expect(collection.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
  expect(collection.total).toBe(total);
  const items = itemsOf(collection);
  expect(items).toHaveLength(total);
  if (W3C_SUITE_AVAILABLE) expect(items.flatMap((a) => w3cMustFailures(a).map((f) => `${a.id}: ${f}`))).toEqual([]);
  const claim = items.find((a) => a.target.selector[0].exact === CLAIM);
  expect(claim).toMatchObject({ type: 'Annotation', motivation: 'assessing', creator: { type: 'Person', name: 'Ines Okafor' }, generator: { type: 'Software', name: 'Marginalia' } });
  expect(claim!.id).toMatch(/^urn:uuid:/);
  expect(claim!.target.source).toBe(HERALD_URL);
  expect(claim!.target.selector[1].end - claim!.target.selector[1].start).toBe([...CLAIM].length);
  expect(claim!.body).toEqual(
    expect.arrayContaining([
      { type: 'TextualBody', value: 'claim', format: 'text/plain', purpose: 'tagging' },
      { type: 'TextualBody', value: 'Mostly true', format: 'text/plain', purpose: 'assessing' },
      { type: 'TextualBody', value: RATIONALE, format: 'text/plain', purpose: 'describing' },
      { type: 'TextualBody', value: 'Attributed to Dragan Tsvetkov (reported speech)', format: 'text/plain', purpose: 'describing' },
    ]),
  );
  const cue = items.find((a) => a.motivation === 'linking');
  expect(cue?.body).toContainEqual({ type: 'SpecificResource', source: claim!.id, purpose: 'linking' });
  expect(items.find((a) => a.target.selector[0].exact === OTHER_CLAIM)?.motivation).toBe('classifying');
  return items;
}

/** Check a downloaded ClaimReview file: one review, of the claim with a verdict. */
function checkClaimReview(file: Downloaded): void {
  expect(file.name).toMatch(/^marginalia-[\p{L}\p{N}-]+-claimreview-\d{4}-\d{2}-\d{2}\.jsonld$/u);
  const reviews = JSON.parse(file.text) as ClaimReview[];
  expect(reviews).toHaveLength(1);
  const [review] = reviews;
  expect(review).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    claimReviewed: CLAIM,
    reviewRating: { '@type': 'Rating', alternateName: 'Mostly true', ratingValue: 4, bestRating: 5, worstRating: 1, ratingExplanation: RATIONALE },
    itemReviewed: {
      '@type': 'Claim',
      author: { '@type': 'Person', name: 'Dragan Tsvetkov' },
      datePublished: '2025-11-15',
      appearance: { '@type': 'CreativeWork', url: HERALD_URL, headline: HERALD, datePublished: '2025-11-15', publisher: { '@type': 'Organization', name: 'The Drenava Herald' } },
    },
    author: { '@type': 'Organization', name: ORG, url: ORG_URL },
  });
  expect(review!.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
}

/** Check a downloaded claims CSV: BOM, header, the two claims, values read back. */
function checkCsv(file: Downloaded): void {
  expect(file.name).toMatch(/^marginalia-[\p{L}\p{N}-]+-claims-\d{4}-\d{2}-\d{2}\.csv$/u);
  expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(file.text.endsWith('\r\n')).toBe(true);
  const [header, ...rows] = parseCsv(file.text);
  expect(header).toEqual([...CLAIMS_CSV_COLUMNS]);
  expect(rows).toHaveLength(2);
  const byQuote = new Map(rows.map((r) => [r[CLAIMS_CSV_COLUMNS.indexOf('quote')], Object.fromEntries(CLAIMS_CSV_COLUMNS.map((c, i) => [c, r[i]]))]));
  expect(byQuote.get(CLAIM)).toMatchObject({
    document_title: HERALD,
    document_url: HERALD_URL,
    status: 'unverified',
    verdict: 'Mostly true',
    rationale: RATIONALE,
    attributed_to: 'Dragan Tsvetkov',
    quote_type: 'reported speech',
    evidence_count: '0',
    linked_claims_count: '0',
    creator: 'Ines Okafor',
  });
  expect(Number(byQuote.get(CLAIM)!.end) - Number(byQuote.get(CLAIM)!.start)).toBe([...CLAIM].length);
  expect(byQuote.get(OTHER_CLAIM)).toMatchObject({ verdict: '', rationale: '', attributed_to: '' });
}

describe('standard exports', () => {
  it('downloads W3C annotations, ClaimReview and a claims CSV from a document and from the Library', async () => {
    const session = await openBrowser();
    const { page } = session;
    await openLibrary(page);

    // Settings: the reviewer and the reviewing organisation, kept after Save.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Reviewer name').fill('Ines Okafor');
    await settings.getByLabel('Reviewing organization', { exact: true }).fill(ORG);
    await settings.getByLabel('Reviewing organization URL').fill('factdesk.example.org');
    await settings.getByRole('button', { name: 'Save' }).click();
    // Not a full address: refused with the reason, the dialog stays open.
    await expect.poll(() => settings.getByRole('alert').textContent()).toContain('full web address');
    await settings.getByLabel('Reviewing organization URL').fill(ORG_URL);
    await settings.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByRole('dialog', { name: 'Settings' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Settings' }).click();
    await expect.poll(() => settings.getByLabel('Reviewing organization', { exact: true }).inputValue()).toBe(ORG);
    expect(await settings.getByLabel('Reviewing organization URL').inputValue()).toBe(ORG_URL);
    expect(await settings.getByLabel('Reviewer name').inputValue()).toBe('Ines Okafor');
    await settings.getByRole('button', { name: 'Cancel' }).click();

    // The Herald: a claim with a verdict, a rationale, a speaker and its cue; a claim without a verdict.
    await page.getByRole('link', { name: HERALD }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Document text' }).locator('.ProseMirror').count()).toBe(1);
    const selected = page.getByRole('region', { name: 'Selected annotation' });
    await selectWithMouse(page, CLAIM);
    expect(await selectedText(page)).toBe(CLAIM);
    await page.keyboard.press('c');
    await expect.poll(() => selected.textContent()).toContain(`Claim “${CLAIM}”`);
    await selected.getByLabel('Verdict').selectOption({ label: 'Mostly true' });
    await selected.getByLabel('Rationale').fill(RATIONALE);
    await selected.getByLabel('Rationale').blur();
    const speaker = selected.getByRole('combobox', { name: 'Attributed to' });
    await speaker.fill('Dragan Tsvetkov');
    await selected.getByRole('option', { name: 'Create person “Dragan Tsvetkov”' }).click();
    await expect.poll(() => speaker.inputValue()).toBe('Dragan Tsvetkov');
    await selectWithMouse(page, 'according to');
    await selected.getByRole('button', { name: 'Mark selected text as cue' }).click();
    await expect.poll(() => selected.getByText('Cue:').textContent()).toContain('according to');
    await selectWithMouse(page, OTHER_CLAIM);
    await page.keyboard.press('c');
    await expect.poll(() => selected.textContent()).toContain(`Claim “${OTHER_CLAIM}”`);

    // From the document's toolbar. The rationale is saved after its field loses focus: wait for it.
    const toolbar = page.getByRole('toolbar', { name: 'Annotation tools' });
    let csv = await download(page, toolbar, 'Export claims CSV');
    for (let tries = 0; !csv.text.includes('two more were found') && tries < 20; tries++) {
      await page.waitForTimeout(250);
      csv = await download(page, toolbar, 'Export claims CSV');
    }
    expect(csv.name).toMatch(/^marginalia-ostrel-dam-breach-kills-47-in-drenava-valley-emergency-claims-\d{4}-\d{2}-\d{2}\.csv$/);
    checkCsv(csv);
    checkW3c(await download(page, toolbar, 'Export W3C annotations'), 3);
    checkClaimReview(await download(page, toolbar, 'Export ClaimReview'));
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Exported 1 ClaimReview.');

    // From the Library: the same records, since only this document has annotations.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();
    const actions = page.getByRole('group', { name: 'Library actions' });
    const w3c = await download(page, actions, 'Export W3C annotations');
    expect(w3c.name).toMatch(/^marginalia-library-annotations-\d{4}-\d{2}-\d{2}\.jsonld$/);
    checkW3c(w3c, 3);
    const review = await download(page, actions, 'Export ClaimReview');
    expect(review.name).toMatch(/^marginalia-library-claimreview-/);
    checkClaimReview(review);
    const libraryCsv = await download(page, actions, 'Export claims CSV');
    expect(libraryCsv.name).toMatch(/^marginalia-library-claims-/);
    checkCsv(libraryCsv);
    expect(session.pageErrors).toEqual([]);
  });
});
