import { describe, expect, it } from 'vitest';
import type { ClaimAnnotation, ClaimFields } from '../../src/model/annotation';
import { DEFAULT_VERDICT_SCALE, type ClaimStatus } from '../../src/model/claim';
import {
  describeStatusCounts,
  filterClaimRows,
  optionsOf,
  sortClaimRows,
  statusCountsByDocument,
  toClaimRows,
  type ClaimRow,
  type RowContext,
} from '../../src/model/claim-board';
import type { CodePoint } from '../../src/model/units';

let serial = 0;
function claim(documentId: string, quote: string, fields: Partial<ClaimFields> = {}, modified = '2026-01-01T00:00:00.000Z'): ClaimAnnotation {
  serial += 1;
  return {
    id: `c${String(serial).padStart(3, '0')}`,
    kind: 'claim',
    documentId,
    textHash: 'h',
    anchor: { quote, prefix: '', suffix: '', start: (serial * 10) as CodePoint, end: (serial * 10 + quote.length) as CodePoint },
    creator: 'Ana',
    created: modified,
    modified,
    fields: { status: 'unverified', verdict: null, rationale: '', attribution: null, note: '', ...fields },
  };
}

const context: RowContext = {
  titles: new Map([
    ['d1', 'Flood report'],
    ['d2', 'Heat pump study'],
  ]),
  names: new Map([
    ['e1', 'Mira Castell'],
    ['e2', 'Tomas Ilvane'],
  ]),
  scale: DEFAULT_VERDICT_SCALE,
};

const attributed = (entityId: string) => ({ attribution: { entityId, quoteType: 'direct' as const, cueId: null } });

function sample(): ClaimRow[] {
  serial = 0;
  return toClaimRows(
    [
      claim('d1', '613 people were killed', { status: 'disputed', verdict: 'false', ...attributed('e1') }, '2026-01-03T00:00:00.000Z'),
      claim('d1', 'The dam was inspected in 2019', { status: 'supported', verdict: 'true', rationale: 'Inspection report of the Authority' }, '2026-01-01T00:00:00.000Z'),
      claim('d2', 'Heat pumps cut bills by 31 percent', { status: 'in-review', note: 'Ask the Société Énergie' }, '2026-01-02T00:00:00.000Z'),
      claim('d2', 'Bills fell in every household', { status: 'in-review', verdict: 'mostly-false', ...attributed('e2') }, '2026-01-04T00:00:00.000Z'),
    ],
    context,
  );
}

const quotes = (rows: readonly ClaimRow[]) => rows.map((r) => r.quote);

describe('claim rows', () => {
  it('resolve titles, verdict labels and speaker names; unknown ids stay visible', () => {
    const rows = sample();
    expect(rows[0]).toMatchObject({ documentTitle: 'Flood report', verdictLabel: 'False', speakerName: 'Mira Castell', status: 'disputed' });
    expect(rows[2]).toMatchObject({ verdict: null, verdictLabel: '', speakerId: null, speakerName: '' });
    const [odd] = toClaimRows([claim('d9', 'x', { verdict: 'gone', ...attributed('e9') })], context);
    expect(odd).toMatchObject({ documentTitle: 'Untitled document', verdictLabel: '[gone]', speakerName: 'Unknown entity' });
  });
});

describe('filtering claims', () => {
  it('by status, document, verdict (or none) and speaker (or none)', () => {
    const rows = sample();
    expect(quotes(filterClaimRows(rows, { status: 'in-review' }))).toEqual(['Heat pumps cut bills by 31 percent', 'Bills fell in every household']);
    expect(filterClaimRows(rows, { documentId: 'd1' })).toHaveLength(2);
    expect(quotes(filterClaimRows(rows, { verdict: 'true' }))).toEqual(['The dam was inspected in 2019']);
    expect(quotes(filterClaimRows(rows, { verdict: null }))).toEqual(['Heat pumps cut bills by 31 percent']);
    expect(quotes(filterClaimRows(rows, { speakerId: 'e2' }))).toEqual(['Bills fell in every household']);
    expect(filterClaimRows(rows, { speakerId: null })).toHaveLength(2);
    expect(filterClaimRows(rows, {})).toHaveLength(4);
    expect(filterClaimRows(rows, { status: 'in-review', speakerId: null, documentId: 'd2' })).toHaveLength(1);
  });

  it('by text in quote, rationale and note, ignoring case and accents, not across fields', () => {
    const rows = sample();
    expect(quotes(filterClaimRows(rows, { text: 'PEOPLE were' }))).toEqual(['613 people were killed']);
    expect(quotes(filterClaimRows(rows, { text: 'inspection report' }))).toEqual(['The dam was inspected in 2019']);
    expect(quotes(filterClaimRows(rows, { text: 'societe energie' }))).toEqual(['Heat pumps cut bills by 31 percent']);
    expect(quotes(filterClaimRows(rows, { text: 'Énergie' }))).toEqual(['Heat pumps cut bills by 31 percent']);
    expect(filterClaimRows(rows, { text: '2019 inspection' })).toHaveLength(0);
    expect(filterClaimRows(rows, { text: '  ' })).toHaveLength(4);
  });
});

describe('sorting claims', () => {
  const scale = DEFAULT_VERDICT_SCALE;

  it('by quote and document, either way, without changing the input', () => {
    const rows = sample();
    expect(quotes(sortClaimRows(rows, { key: 'quote', direction: 'ascending' }, scale))).toEqual([
      '613 people were killed',
      'Bills fell in every household',
      'Heat pumps cut bills by 31 percent',
      'The dam was inspected in 2019',
    ]);
    expect(quotes(sortClaimRows(rows, { key: 'quote', direction: 'descending' }, scale))[0]).toBe('The dam was inspected in 2019');
    // Ties within a document keep text order.
    expect(quotes(sortClaimRows(rows, { key: 'document', direction: 'descending' }, scale))).toEqual([
      'Heat pumps cut bills by 31 percent',
      'Bills fell in every household',
      '613 people were killed',
      'The dam was inspected in 2019',
    ]);
    expect(quotes(rows)[0]).toBe('613 people were killed');
  });

  it('by status in workflow order and by verdict in scale order, blanks last both ways', () => {
    const rows = sample();
    const statuses = (key: 'status', direction: 'ascending' | 'descending') => sortClaimRows(rows, { key, direction }, scale).map((r) => r.status);
    expect(statuses('status', 'ascending')).toEqual<ClaimStatus[]>(['in-review', 'in-review', 'supported', 'disputed']);
    expect(statuses('status', 'descending')).toEqual<ClaimStatus[]>(['disputed', 'supported', 'in-review', 'in-review']);
    const verdicts = (direction: 'ascending' | 'descending') => sortClaimRows(rows, { key: 'verdict', direction }, scale).map((r) => r.verdict);
    expect(verdicts('ascending')).toEqual(['true', 'mostly-false', 'false', null]);
    expect(verdicts('descending')).toEqual(['false', 'mostly-false', 'true', null]);
  });

  it('by speaker name and by modification time', () => {
    const rows = sample();
    expect(sortClaimRows(rows, { key: 'speaker', direction: 'ascending' }, scale).map((r) => r.speakerName)).toEqual(['Mira Castell', 'Tomas Ilvane', '', '']);
    expect(sortClaimRows(rows, { key: 'speaker', direction: 'descending' }, scale).map((r) => r.speakerName)).toEqual(['Tomas Ilvane', 'Mira Castell', '', '']);
    expect(sortClaimRows(rows, { key: 'modified', direction: 'descending' }, scale).map((r) => r.modified.slice(0, 10))).toEqual(['2026-01-04', '2026-01-03', '2026-01-02', '2026-01-01']);
  });

  it('sorts 20,000 claims and filters them by text', () => {
    serial = 0;
    const statuses: ClaimStatus[] = ['unverified', 'in-review', 'supported', 'refuted'];
    const many = Array.from({ length: 20_000 }, (_, i) => claim(`d${i % 50}`, `claim number ${i} about the river`, { status: statuses[i % 4]!, note: i % 7 === 0 ? 'Follow up' : '' }));
    const rows = toClaimRows(many, context);
    const sorted = sortClaimRows(rows, { key: 'quote', direction: 'ascending' }, scale);
    const found = filterClaimRows(sorted, { text: 'follow', status: 'unverified' });
    expect(found.length).toBe(many.filter((_, i) => i % 7 === 0 && i % 4 === 0).length);
    expect(sorted[1]!.quote).toBe('claim number 1 about the river');
  });
});

describe('chart data', () => {
  it('counts claims per document per status, biggest documents first', () => {
    const bars = statusCountsByDocument(sample());
    expect(bars.map((b) => [b.title, b.total])).toEqual([
      ['Flood report', 2],
      ['Heat pump study', 2],
    ]);
    expect(bars[0]!.counts).toMatchObject({ disputed: 1, supported: 1, unverified: 0, 'in-review': 0 });
    expect(bars[1]!.counts['in-review']).toBe(2);
    const fewer = statusCountsByDocument(sample().slice(1));
    expect(fewer.map((b) => b.title)).toEqual(['Heat pump study', 'Flood report']);
  });

  it('sums the chart up in words', () => {
    expect(describeStatusCounts(statusCountsByDocument(sample()))).toBe(
      '4 claims in 2 documents (2 in review, 1 supported, 1 disputed). Most claims: Flood report (2).',
    );
    expect(describeStatusCounts([])).toBe('No claims.');
  });
});

describe('filter options', () => {
  it('are the distinct values present, by label', () => {
    const speakers = optionsOf(sample(), (r) => (r.speakerId ? [r.speakerId, r.speakerName] : null));
    expect(speakers).toEqual([
      { id: 'e1', label: 'Mira Castell' },
      { id: 'e2', label: 'Tomas Ilvane' },
    ]);
  });
});
