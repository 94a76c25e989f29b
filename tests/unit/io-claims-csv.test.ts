/**
 * The claims CSV (docs/format.md, "Claims CSV"): BOM, header, CRLF, RFC 4180 quoting, formula
 * neutralizing, the columns' values, and reading the file back with parseCsv — with commas, quotes,
 * newlines, emoji and Arabic.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_SCALE, type ClaimLinkRecord, type EvidenceRecord } from '../../src/model/claim';
import type { Annotation, ClaimFields } from '../../src/model/annotation';
import type { DocumentRecord } from '../../src/model/document';
import type { EntityRecord } from '../../src/model/entity';
import { asCodePoint } from '../../src/model/units';
import { CLAIMS_CSV_COLUMNS, claimsCsvParts, csvField, neutralizeFormula, parseCsv, serializeClaimsCsv, type ClaimsCsvInput } from '../../src/io/claims-csv';

const T0 = '2026-01-05T08:00:00.000Z';
const T1 = '2026-01-06T09:15:00.000Z';
const doc = (id: string, title: string, sourceUrl = ''): DocumentRecord => ({
  id,
  title,
  sourceUrl,
  publisher: '',
  author: '',
  publishedDate: '',
  retrievedAt: T0,
  format: 'text',
  fileName: '',
  content: [],
  text: '',
  textHash: 'a'.repeat(64),
  length: 0,
  created: T0,
  modified: T0,
});
const DOC_A = doc('da', 'Flood, "toll" rises', 'https://example.com/a?x=1,2');
const DOC_B = doc('db', 'تقرير الفيضان');
const SPEAKER: EntityRecord = { id: 'e1', name: 'وزير الداخلية', type: 'person', aliases: [], externalId: '', creator: 'Ana', created: T0, modified: T0 };

const claim = (id: string, documentId: string, start: number, quote: string, fields: Partial<ClaimFields> = {}): Annotation => ({
  id,
  documentId,
  textHash: 'a'.repeat(64),
  anchor: { quote, prefix: '', suffix: '', start: asCodePoint(start), end: asCodePoint(start + [...quote].length) },
  creator: 'Ana Reviewer',
  created: T0,
  modified: T1,
  kind: 'claim',
  fields: { status: 'unverified', verdict: null, rationale: '', attribution: null, note: '', ...fields },
});

const evidence = (id: string, claimId: string): EvidenceRecord => ({ id, claimId, relation: 'supports', url: '', title: 't', passage: '', accessed: '', creator: 'Ana', created: T0, modified: T0 });
const link = (id: string, fromId: string, toId: string): ClaimLinkRecord => ({ id, fromId, toId, relation: 'contradicts', creator: 'Ana', created: T0, modified: T0 });

const input = (over: Partial<ClaimsCsvInput> = {}): ClaimsCsvInput => ({
  documents: [DOC_A, DOC_B],
  annotations: [],
  entities: [SPEAKER],
  evidence: [],
  links: [],
  verdictScale: DEFAULT_VERDICT_SCALE,
  ...over,
});

/** The records of a CSV as objects keyed by column. */
function rowsOf(csv: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(csv);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

describe('claims CSV', () => {
  it('starts with a UTF-8 BOM and the header, and ends every record with CRLF', () => {
    const csv = serializeClaimsCsv(input());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv).toBe(`\uFEFF${CLAIMS_CSV_COLUMNS.join(',')}\r\n`);
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('writes one row per claim with every column, and reads back to the same values', () => {
    const annotations: Annotation[] = [
      claim('c2', 'da', 40, 'Second, “quoted” claim', {
        status: 'refuted',
        verdict: 'mostly-false',
        rationale: 'Line one.\nLine two, with "quotes".',
        attribution: { entityId: SPEAKER.id, quoteType: 'direct', cueId: null },
        note: 'Emoji 🌊 and a tab\tinside',
      }),
      claim('c1', 'da', 3, '47 people died', { status: 'in-review' }),
      claim('c3', 'db', 0, 'قال الوزير إن 47 شخصاً لقوا حتفهم', { verdict: 'unverifiable', attribution: { entityId: SPEAKER.id, quoteType: 'own-voice', cueId: null } }),
      { ...claim('n1', 'da', 0, 'not a claim'), kind: 'entity', fields: { entityId: null } } as Annotation,
    ];
    const csv = serializeClaimsCsv(input({ annotations, evidence: [evidence('v1', 'c2'), evidence('v2', 'c2'), evidence('v3', 'c1')], links: [link('l1', 'c1', 'c2'), link('l2', 'c3', 'c2'), link('l3', 'c2', 'elsewhere')] }));
    const rows = rowsOf(csv);
    expect(rows.map((r) => r.claim_id)).toEqual(['c1', 'c2', 'c3']);
    expect(rows[1]).toEqual({
      claim_id: 'c2',
      document_id: 'da',
      document_title: 'Flood, "toll" rises',
      document_url: 'https://example.com/a?x=1,2',
      quote: 'Second, “quoted” claim',
      start: '40',
      end: '62',
      status: 'refuted',
      verdict: 'Mostly false',
      rationale: 'Line one.\nLine two, with "quotes".',
      attributed_to: 'وزير الداخلية',
      quote_type: 'direct quote',
      evidence_count: '2',
      linked_claims_count: '3',
      note: 'Emoji 🌊 and a tab\tinside',
      creator: 'Ana Reviewer',
      created: T0,
      modified: T1,
    });
    expect(rows[0]).toMatchObject({ status: 'in review', verdict: '', attributed_to: '', quote_type: '', evidence_count: '1', linked_claims_count: '1' });
    expect(rows[2]).toMatchObject({ document_title: 'تقرير الفيضان', document_url: '', quote: 'قال الوزير إن 47 شخصاً لقوا حتفهم', verdict: 'Unverifiable', quote_type: "article's own voice", linked_claims_count: '1' });
  });

  it('quotes fields with a comma, quote, CR or LF and doubles quotes, leaving others bare', () => {
    expect(csvField('plain text 🌊')).toBe('plain text 🌊');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
    expect(csvField('')).toBe('');
    const csv = serializeClaimsCsv(input({ annotations: [claim('c', 'da', 0, 'He said "no", twice\r\nthen left')] }));
    expect(csv).toContain(',"He said ""no"", twice\r\nthen left",');
    expect(rowsOf(csv)[0]!.quote).toBe('He said "no", twice\r\nthen left');
  });

  it('puts an apostrophe before a cell a spreadsheet would read as a formula', () => {
    for (const dangerous of ['=SUM(A1:A3)', '+1 555', '-5 degrees', '@cmd', '\tindented', '\rreturn']) expect(neutralizeFormula(dangerous)).toBe(`'${dangerous}`);
    for (const safe of ['47 people', ' =not first', 'a=b', "'quoted", '']) expect(neutralizeFormula(safe)).toBe(safe);
    const csv = serializeClaimsCsv(input({ annotations: [claim('c', 'da', 0, '=HYPERLINK("http://evil.example","click")', { note: '-1', rationale: '@everyone' })] }));
    const [row] = rowsOf(csv);
    expect(row!.quote).toBe(`'=HYPERLINK("http://evil.example","click")`);
    expect(row!.note).toBe("'-1");
    expect(row!.rationale).toBe("'@everyone");
    // Every cell of the file starts safely.
    for (const record of parseCsv(csv)) for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('names an unknown speaker and a verdict missing from the scale by their ids', () => {
    const csv = serializeClaimsCsv(input({ entities: [], annotations: [claim('c', 'zz', 0, 'q', { verdict: 'pants-on-fire', attribution: { entityId: 'e404', quoteType: 'reported', cueId: null } })] }));
    expect(rowsOf(csv)[0]).toMatchObject({ verdict: 'pants-on-fire', attributed_to: 'e404', quote_type: 'reported speech', document_title: '', document_url: '' });
  });
});

describe('claims CSV in parts', () => {
  it('gives the same text in parts of whole records, each at least the size asked for but the last', () => {
    const annotations = Array.from({ length: 40 }, (_, i) => claim(`c${String(i).padStart(2, '0')}`, i % 2 ? 'da' : 'db', i, `Claim number ${i}, "quoted", on two\nlines`));
    const whole = serializeClaimsCsv(input({ annotations }));
    const parts = [...claimsCsvParts(input({ annotations }), 200)];
    expect(parts.join('')).toBe(whole);
    expect(parts.length).toBeGreaterThan(5);
    expect(parts[0]!.startsWith(`\uFEFF${CLAIMS_CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    for (const part of parts.slice(0, -1)) expect(part.length).toBeGreaterThanOrEqual(200);
    // Each part is whole records: read alone (the first without its header), it gives whole rows.
    const rows = parts.flatMap((part, i) => parseCsv(part).slice(i === 0 ? 1 : 0));
    expect(rows.map((r) => r[0])).toEqual(rowsOf(whole).map((r) => r.claim_id));
    expect([...claimsCsvParts(input({ annotations: [] }))]).toEqual([`\uFEFF${CLAIMS_CSV_COLUMNS.join(',')}\r\n`]);
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes, empty fields and any line end', () => {
    expect(parseCsv('\uFEFFa,b,c\r\n1,"x,y",\r\n"",""""," multi\nline "\n')).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x,y', ''],
      ['', '"', ' multi\nline '],
    ]);
    expect(parseCsv('a\rb')).toEqual([['a'], ['b']]);
    expect(parseCsv('')).toEqual([]);
    expect(parseCsv('last,')).toEqual([['last', '']]);
  });
});
