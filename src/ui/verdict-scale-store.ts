/**
 * Reading and saving the verdict scale for Settings. Saving is one transaction over the claims and the
 * settings, so a level that a claim uses can never be removed, even if another tab gave a claim that
 * verdict after this tab checked.
 */
import { DEFAULT_VERDICT_SCALE, type VerdictScale } from '../model/claim';
import { levelInUseMessage, removedLevelIds, validateScale } from '../model/verdict-scale';
import type { MarginaliaDB } from '../db/database';
import { getSetting, setSetting, VERDICT_SCALE_KEY } from '../db/repository';

/** How many claims have each of `levelIds` as their verdict. */
export async function countVerdictUses(db: MarginaliaDB, levelIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>(levelIds.map((id) => [id, 0]));
  if (levelIds.length === 0) return counts;
  await db.annotations
    .where('kind')
    .equals('claim')
    .each((a) => {
      const verdict = a.kind === 'claim' ? a.fields.verdict : null;
      if (verdict !== null && counts.has(verdict)) counts.set(verdict, counts.get(verdict)! + 1);
    });
  return counts;
}

/** The stored scale, or the default. */
export function readVerdictScale(db: MarginaliaDB): Promise<VerdictScale> {
  return getSetting<VerdictScale>(db, VERDICT_SCALE_KEY, DEFAULT_VERDICT_SCALE);
}

/**
 * Store `scale` unless it is invalid or drops a level that claims use; returns why it was refused,
 * or null once saved.
 */
export async function saveVerdictScale(db: MarginaliaDB, scale: VerdictScale): Promise<string | null> {
  const problem = validateScale(scale);
  if (problem) return problem;
  return db.transaction('rw', db.annotations, db.settings, async () => {
    const stored = await readVerdictScale(db);
    const removed = removedLevelIds(stored, scale);
    const uses = await countVerdictUses(db, removed);
    for (const level of stored.levels) {
      const count = uses.get(level.id) ?? 0;
      if (count > 0) return levelInUseMessage(level.label, count);
    }
    await setSetting(db, VERDICT_SCALE_KEY, scale);
    return null;
  });
}
