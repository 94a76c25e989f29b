/**
 * The claim board's logic, kept pure so it can be tested without a browser and stays fast on libraries
 * of tens of thousands of claims: claims become flat rows once (names resolved, search text folded),
 * then filtering and sorting are plain passes over those rows, and the chart's counts come from them.
 */
import type { ClaimAnnotation } from './annotation';
import { CLAIM_STATUSES, STATUS_LABELS, type ClaimStatus, type VerdictScale } from './claim';
import { matchKey } from './match-key';

/** One claim as the board shows it. */
export interface ClaimRow {
  id: string;
  documentId: string;
  documentTitle: string;
  quote: string;
  status: ClaimStatus;
  /** The verdict level id, or null before a verdict. */
  verdict: string | null;
  /** The level's label; for an id the scale no longer has, the id in brackets. */
  verdictLabel: string;
  /** The attributed speaker's entity id, or null. */
  speakerId: string | null;
  speakerName: string;
  /** ISO 8601. */
  modified: string;
  /** Where in its document the claim starts (code points), to keep a document's claims in text order. */
  start: number;
  /** Quote, rationale and note folded by matchKey, joined by '|' (which no key contains). */
  searchKey: string;
}

/** What the rows are made from besides the claims. */
export interface RowContext {
  titles: ReadonlyMap<string, string>;
  /** Entity names by id. */
  names: ReadonlyMap<string, string>;
  scale: VerdictScale;
}

/** Flatten claims into rows. */
export function toClaimRows(claims: readonly ClaimAnnotation[], context: RowContext): ClaimRow[] {
  const labels = new Map(context.scale.levels.map((l) => [l.id, l.label]));
  return claims.map((c) => {
    const { verdict, attribution } = c.fields;
    const speakerId = attribution?.entityId ?? null;
    return {
      id: c.id,
      documentId: c.documentId,
      documentTitle: context.titles.get(c.documentId) ?? 'Untitled document',
      quote: c.anchor.quote,
      status: c.fields.status,
      verdict,
      verdictLabel: verdict === null ? '' : (labels.get(verdict) ?? `[${verdict}]`),
      speakerId,
      speakerName: speakerId === null ? '' : (context.names.get(speakerId) ?? 'Unknown entity'),
      modified: c.modified,
      start: c.anchor.start,
      searchKey: [c.anchor.quote, c.fields.rationale, c.fields.note].map(matchKey).join('|'),
    };
  });
}

/**
 * The board's filters. For verdict and speaker: undefined is any, null is "none" (no verdict, not
 * attributed), a string is that level or entity id. Empty text matches everything.
 */
export interface ClaimFilter {
  status?: ClaimStatus;
  verdict?: string | null;
  documentId?: string;
  speakerId?: string | null;
  /** Searched in quote, rationale and note, ignoring case, accents and punctuation. */
  text?: string;
}

/** The rows that pass every filter, in their given order. */
export function filterClaimRows(rows: readonly ClaimRow[], filter: ClaimFilter): ClaimRow[] {
  const text = matchKey(filter.text ?? '');
  return rows.filter(
    (r) =>
      (filter.status === undefined || r.status === filter.status) &&
      (filter.verdict === undefined || r.verdict === filter.verdict) &&
      (filter.documentId === undefined || r.documentId === filter.documentId) &&
      (filter.speakerId === undefined || r.speakerId === filter.speakerId) &&
      (text === '' || r.searchKey.includes(text)),
  );
}

export const SORT_KEYS = ['quote', 'document', 'status', 'verdict', 'speaker', 'modified'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
/** The words of `aria-sort`, so the UI can use the value as is. */
export type SortDirection = 'ascending' | 'descending';
export interface ClaimSort {
  key: SortKey;
  direction: SortDirection;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
const compareText = (a: string, b: string) => collator.compare(a, b);

/**
 * Sort rows (a new array). Status follows the workflow order of CLAIM_STATUSES and verdict the order
 * of the scale (best first), not the alphabet. Rows without a verdict or speaker come last in either
 * direction. Ties fall back to document, then text order, so the order is stable and readable.
 */
export function sortClaimRows(rows: readonly ClaimRow[], sort: ClaimSort, scale: VerdictScale): ClaimRow[] {
  const levelIndex = new Map(scale.levels.map((l, i) => [l.id, i]));
  const statusIndex = new Map(CLAIM_STATUSES.map((s, i) => [s, i]));
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const primary = (a: ClaimRow, b: ClaimRow): number => {
    switch (sort.key) {
      case 'quote':
        return sign * compareText(a.quote, b.quote);
      case 'document':
        return sign * compareText(a.documentTitle, b.documentTitle);
      case 'status':
        return sign * (statusIndex.get(a.status)! - statusIndex.get(b.status)!);
      case 'verdict':
        return blanksLast(a.verdict, b.verdict) ?? sign * ((levelIndex.get(a.verdict!) ?? Infinity) - (levelIndex.get(b.verdict!) ?? Infinity) || compareText(a.verdictLabel, b.verdictLabel));
      case 'speaker':
        return blanksLast(a.speakerId, b.speakerId) ?? sign * compareText(a.speakerName, b.speakerName);
      case 'modified':
        return sign * (a.modified < b.modified ? -1 : a.modified > b.modified ? 1 : 0);
    }
  };
  const tie = (a: ClaimRow, b: ClaimRow) =>
    compareText(a.documentTitle, b.documentTitle) || (a.documentId < b.documentId ? -1 : a.documentId > b.documentId ? 1 : 0) || a.start - b.start || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...rows].sort((a, b) => primary(a, b) || tie(a, b));
}

/** -1 / 1 when exactly one of the two is missing (the missing one goes last), else undefined. */
function blanksLast(a: string | null, b: string | null): number | undefined {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return undefined;
}

/** The claims of one document, counted by status: one bar of the chart. */
export interface DocumentStatusCounts {
  documentId: string;
  title: string;
  counts: Record<ClaimStatus, number>;
  total: number;
}

const zeroCounts = (): Record<ClaimStatus, number> => Object.fromEntries(CLAIM_STATUSES.map((s) => [s, 0])) as Record<ClaimStatus, number>;

/** Claims per document per status, documents with the most claims first (ties by title). */
export function statusCountsByDocument(rows: readonly ClaimRow[]): DocumentStatusCounts[] {
  const byDoc = new Map<string, DocumentStatusCounts>();
  for (const r of rows) {
    let entry = byDoc.get(r.documentId);
    if (!entry) {
      entry = { documentId: r.documentId, title: r.documentTitle, counts: zeroCounts(), total: 0 };
      byDoc.set(r.documentId, entry);
    }
    entry.counts[r.status] += 1;
    entry.total += 1;
  }
  return [...byDoc.values()].sort((a, b) => b.total - a.total || compareText(a.title, b.title));
}

/** Sentences summing the chart up in words, for its caption: totals by status and the biggest document. */
export function describeStatusCounts(bars: readonly DocumentStatusCounts[]): string {
  if (bars.length === 0) return 'No claims.';
  const totals = zeroCounts();
  let all = 0;
  for (const bar of bars) {
    for (const s of CLAIM_STATUSES) totals[s] += bar.counts[s];
    all += bar.total;
  }
  const parts = CLAIM_STATUSES.filter((s) => totals[s] > 0).map((s) => `${totals[s]} ${STATUS_LABELS[s]}`);
  const docs = `${bars.length} document${bars.length === 1 ? '' : 's'}`;
  return `${all} claim${all === 1 ? '' : 's'} in ${docs} (${parts.join(', ')}). Most claims: ${bars[0]!.title} (${bars[0]!.total}).`;
}

/** Distinct values of a row field with their labels, sorted by label: the options of a filter. */
export function optionsOf(rows: readonly ClaimRow[], pick: (r: ClaimRow) => [id: string, label: string] | null): { id: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const r of rows) {
    const option = pick(r);
    if (option && !seen.has(option[0])) seen.set(option[0], option[1]);
  }
  return [...seen].map(([id, label]) => ({ id, label })).sort((a, b) => compareText(a.label, b.label));
}
