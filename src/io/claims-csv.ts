/**
 * The claims CSV: one row per claim, for spreadsheets and newsroom trackers.
 *
 * Why it exists: most fact-checking desks track claims in a spreadsheet. The file follows RFC 4180
 * (fields with a comma, quote, CR or LF are quoted, quotes doubled, CRLF between records) and starts
 * with a UTF-8 byte order mark so Excel opens it as UTF-8 rather than in the system code page. A cell
 * that a spreadsheet would read as a formula (it starts with =, +, -, @, tab or CR) gets a leading
 * apostrophe, so a quote such as "=HYPERLINK(…)" in an article cannot run when the file is opened
 * ("CSV injection"). The columns are documented in docs/format.md ("Standard exports", "Claims CSV"). `parseCsv` reads such a
 * file back (the tests use it; so can an import).
 */
import { QUOTE_TYPE_LABELS, STATUS_LABELS, type ClaimLinkRecord, type EvidenceRecord, type VerdictScale } from '../model/claim';
import type { Annotation, ClaimAnnotation } from '../model/annotation';
import type { DocumentLabel } from '../model/document';
import type { EntityRecord } from '../model/entity';

/** The header row, in column order. */
export const CLAIMS_CSV_COLUMNS = [
  'claim_id',
  'document_id',
  'document_title',
  'document_url',
  'quote',
  'start',
  'end',
  'status',
  'verdict',
  'rationale',
  'attributed_to',
  'quote_type',
  'evidence_count',
  'linked_claims_count',
  'note',
  'creator',
  'created',
  'modified',
] as const;
export type ClaimsCsvColumn = (typeof CLAIMS_CSV_COLUMNS)[number];

/** Put at the start of the file so spreadsheets read it as UTF-8. */
export const UTF8_BOM = '\uFEFF';
/** The record separator of RFC 4180. */
export const CRLF = '\r\n';

/** What to export: the records of a library or of one document (db/repository.ts LibraryContents fits). */
export interface ClaimsCsvInput {
  /** The documents' metadata is enough (their text is not read). */
  documents: readonly DocumentLabel[];
  annotations: readonly Annotation[];
  entities: readonly EntityRecord[];
  evidence: readonly EvidenceRecord[];
  links: readonly ClaimLinkRecord[];
  verdictScale: VerdictScale;
}

/** Characters that make a spreadsheet treat a cell as a formula when they start it. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell a spreadsheet will show as text: a leading apostrophe before a formula-like start. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field as RFC 4180 writes it: quoted (quotes doubled) when it holds a comma, quote, CR or LF. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One record: the cells neutralized, then quoted as needed, joined by commas. */
export const csvRecord = (cells: readonly string[]): string => cells.map((c) => csvField(neutralizeFormula(c))).join(',');

/** The cells of one claim, in CLAIMS_CSV_COLUMNS order. */
function rowOf(claim: ClaimAnnotation, lookups: ReturnType<typeof lookupsOf>): string[] {
  const f = claim.fields;
  const doc = lookups.documents.get(claim.documentId);
  const speaker = f.attribution ? (lookups.entities.get(f.attribution.entityId)?.name ?? f.attribution.entityId) : '';
  const verdict = f.verdict === null ? '' : (lookups.levels.get(f.verdict) ?? f.verdict);
  const cells: Record<ClaimsCsvColumn, string> = {
    claim_id: claim.id,
    document_id: claim.documentId,
    document_title: doc?.title ?? '',
    document_url: doc?.sourceUrl ?? '',
    quote: claim.anchor.quote,
    start: String(claim.anchor.start),
    end: String(claim.anchor.end),
    status: STATUS_LABELS[f.status],
    verdict,
    rationale: f.rationale,
    attributed_to: speaker,
    quote_type: f.attribution ? QUOTE_TYPE_LABELS[f.attribution.quoteType] : '',
    evidence_count: String(lookups.evidence.get(claim.id) ?? 0),
    linked_claims_count: String(lookups.links.get(claim.id) ?? 0),
    note: f.note,
    creator: claim.creator,
    created: claim.created,
    modified: claim.modified,
  };
  return CLAIMS_CSV_COLUMNS.map((c) => cells[c]);
}

function lookupsOf(input: ClaimsCsvInput) {
  const count = (ids: Iterable<string>) => {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    return counts;
  };
  return {
    documents: new Map(input.documents.map((d) => [d.id, d])),
    entities: new Map(input.entities.map((e) => [e.id, e])),
    levels: new Map(input.verdictScale.levels.map((l) => [l.id, l.label])),
    evidence: count(input.evidence.map((e) => e.claimId)),
    // A link counts once at each of its ends (a link of a claim to itself, never made, would count once).
    links: count(input.links.flatMap((l) => (l.fromId === l.toId ? [l.fromId] : [l.fromId, l.toId]))),
  };
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The claims CSV of `input`: BOM, header, one record per claim (by document, then in text order), every
 * record ended by CRLF.
 */
export function serializeClaimsCsv(input: ClaimsCsvInput): string {
  return [...claimsCsvParts(input)].join('');
}

/**
 * The same text in parts of at least `partChars` characters (the last may be shorter), each ending
 * after a whole record, so a library's tens of megabytes can be written a part at a time.
 */
export function* claimsCsvParts(input: ClaimsCsvInput, partChars = 1 << 20): Generator<string> {
  const lookups = lookupsOf(input);
  const claims = input.annotations
    .filter((a): a is ClaimAnnotation => a.kind === 'claim')
    .sort((x, y) => compareStrings(x.documentId, y.documentId) || x.anchor.start - y.anchor.start || y.anchor.end - x.anchor.end || compareStrings(x.id, y.id));
  let part = UTF8_BOM + csvRecord(CLAIMS_CSV_COLUMNS) + CRLF;
  for (const claim of claims) {
    part += csvRecord(rowOf(claim, lookups)) + CRLF;
    if (part.length < partChars) continue;
    yield part;
    part = '';
  }
  if (part !== '') yield part;
}

/**
 * Read RFC 4180 text into records of fields. A leading BOM is skipped; CRLF, LF or CR end a record
 * outside quotes; a final line end adds no empty record. Lenient: a quote inside an unquoted field is
 * kept as text. Apostrophes added against formulas are not removed (they are part of the cell).
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.startsWith(UTF8_BOM) ? 1 : 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else field += c;
  }
  if (field !== '' || record.length > 0 || quoted) endRecord();
  return records;
}
