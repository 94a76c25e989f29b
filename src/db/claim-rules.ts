/**
 * The workflow rules of claims (model/claim.ts claimRuleProblem) checked against what is stored. Every
 * action and every undo or redo (db/history.ts) writes its changes, then asks here whether any claim it
 * touched now breaks a rule it did not break before; if so the transaction is aborted and nothing is
 * written. Checking the stored state after the writes, rather than predicting it, keeps one rule path
 * for actions and reverts alike. A claim that already broke a rule (version 1 stored "disputed" claims
 * without evidence) stays editable, so the reviewer can mend it.
 */
import type { Annotation } from '../model/annotation';
import { claimRuleProblem, type ClaimLinkRecord, type EvidenceRecord } from '../model/claim';
import type { RecordChange } from '../model/history';
import type { MarginaliaDB } from './database';

/** Every link with `claimId` at either end. */
export function linksOf(db: MarginaliaDB, claimId: string): Promise<ClaimLinkRecord[]> {
  return linksTouching(db, [claimId]);
}

/** Every link with one of `claimIds` at either end, each once. */
export async function linksTouching(db: MarginaliaDB, claimIds: readonly string[]): Promise<ClaimLinkRecord[]> {
  const [from, to] = await Promise.all([db.links.where('fromId').anyOf([...claimIds]).toArray(), db.links.where('toId').anyOf([...claimIds]).toArray()]);
  const byId = new Map<string, ClaimLinkRecord>();
  for (const l of [...from, ...to]) byId.set(l.id, l);
  return [...byId.values()];
}

const recordOf = (c: RecordChange) => (c.op === 'delete' ? c.before : c.after);

/** Whether a change to a claim touches what its rules read (its status or attribution); moving it to a new version does not. */
function changesRuleInputs(c: RecordChange): boolean {
  if (c.op !== 'update') return true;
  const before = c.before as Annotation;
  const after = c.after as Annotation;
  if (before.kind !== 'claim' || after.kind !== 'claim') return true;
  return before.fields.status !== after.fields.status || JSON.stringify(before.fields.attribution) !== JSON.stringify(after.fields.attribution);
}

/** Ids of the claims whose rules `changes` may affect: claims whose status or attribution changed, and the claims of evidence and links changed. */
export function claimsTouchedBy(changes: readonly RecordChange[]): string[] {
  const ids = new Set<string>();
  for (const c of changes) {
    if (c.table === 'annotations' && (recordOf(c) as Annotation).kind === 'claim' && changesRuleInputs(c)) ids.add(recordOf(c).id);
    if (c.table === 'evidence') ids.add((recordOf(c) as EvidenceRecord).claimId);
    if (c.table === 'links') {
      const l = recordOf(c) as ClaimLinkRecord;
      ids.add(l.fromId).add(l.toId);
    }
  }
  return [...ids];
}

/**
 * The annotations `changes` wrote, as they are stored now that they are written: the record of the
 * last change of each, or null for one deleted. Reading them back would give the same records.
 */
export function writtenAnnotations(changes: readonly RecordChange[]): Map<string, Annotation | null> {
  const written = new Map<string, Annotation | null>();
  for (const c of changes) if (c.table === 'annotations') written.set(recordOf(c).id, c.op === 'delete' ? null : (c.after as Annotation));
  return written;
}

/**
 * The annotations `changes` create, known to be absent before they are written (adding a stored id
 * fails), as `storedProblems` takes them.
 */
export function createdAnnotations(changes: readonly RecordChange[]): Map<string, null> {
  const first = new Map<string, RecordChange['op']>();
  for (const c of changes) if (c.table === 'annotations' && !first.has(recordOf(c).id)) first.set(recordOf(c).id, c.op);
  return new Map([...first].filter(([, op]) => op === 'create').map(([id]) => [id, null]));
}

/**
 * The rule an annotation created by `change` breaks, checked on the record alone: null when it keeps
 * every rule, undefined when that needs a read (a claim created disputed: its evidence and links) or
 * `change` does not create an annotation.
 */
export function createdRuleProblem(change: RecordChange): string | null | undefined {
  if (change.op !== 'create' || change.table !== 'annotations') return undefined;
  const claim = change.after as Annotation;
  if (claim.kind !== 'claim') return null;
  if (claim.fields.status === 'disputed') return undefined;
  return claimRuleProblem({ status: claim.fields.status, attribution: claim.fields.attribution, evidence: [], links: [] });
}

/**
 * The rule each stored claim of `ids` breaks now (claims that keep every rule, or are gone, are
 * absent). `known` holds records already known to be what is stored (null: not stored), which are
 * then not read again.
 */
export async function storedProblems(db: MarginaliaDB, ids: readonly string[], known: ReadonlyMap<string, Annotation | null> = new Map()): Promise<Map<string, string>> {
  const problems = new Map<string, string>();
  for (const id of ids) {
    const claim = known.has(id) ? known.get(id) : await db.annotations.get(id);
    if (claim?.kind !== 'claim') continue;
    // Only a disputed claim's rule looks at evidence and links: skip reading them for the others
    // (tagging, the most frequent action, then costs one read more than the write).
    const disputed = claim.fields.status === 'disputed';
    const [evidence, links] = disputed ? await Promise.all([db.evidence.where('claimId').equals(id).toArray(), linksOf(db, id)]) : [[], []];
    const problem = claimRuleProblem({ status: claim.fields.status, attribution: claim.fields.attribution, evidence, links });
    if (problem) problems.set(id, problem);
  }
  return problems;
}

/**
 * The message refusing `changes` when, now that they are written, a claim breaks a rule it did not
 * break `before`; null when every touched claim is fine. A claim the action did not change itself (the
 * other end of a link) is named, so the reviewer knows which status stands in the way.
 */
export async function newProblem(db: MarginaliaDB, ids: readonly string[], before: ReadonlyMap<string, string>, changes: readonly RecordChange[]): Promise<string | null> {
  const after = await storedProblems(db, ids, writtenAnnotations(changes));
  const changedHere = new Set(changes.filter((c) => c.table === 'annotations').map((c) => recordOf(c).id));
  for (const [id, problem] of after) {
    if (before.get(id) === problem) continue;
    if (changedHere.has(id)) return problem;
    const claim = await db.annotations.get(id);
    const quote = claim ? claim.anchor.quote.slice(0, 60) : '';
    return `${problem} (The other claim, “${quote}”, is marked ${claim?.kind === 'claim' ? claim.fields.status : 'so'}.)`;
  }
  return null;
}
