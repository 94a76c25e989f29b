/**
 * Storage failures turned into messages a reviewer can act on. Expected failures (a full disk,
 * another tab upgrading the database) are values for the UI, not crashes.
 */

/** A user-facing description of a failed database operation. */
export function describeDbError(error: unknown, action: string): string {
  const name = error instanceof Error ? error.name : '';
  const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  if (name === 'ChangeConflictError') {
    return `Could not ${action}: the annotation was changed or deleted in another tab in the meantime. Nothing was overwritten; the undo history of this document was cleared so it cannot overwrite that change later.`;
  }
  if (name === 'QuotaExceededError' || inner === 'QuotaExceededError') {
    return `Could not ${action}: the browser's storage for this site is full. Nothing already stored was lost. Export your library, free some space (delete documents you no longer need) and try again.`;
  }
  if (name === 'DatabaseClosedError' || name === 'VersionChangeError') {
    return `Could not ${action}: the database was closed because another tab opened a newer version of Marginalia. Reload this tab to continue; your data is safe.`;
  }
  if (name === 'InvalidStateError' || name === 'OpenFailedError' || inner === 'InvalidStateError') {
    return `Could not ${action}: the browser refused access to local storage (private browsing, or storage disabled for this site).`;
  }
  if (name === 'ConstraintError' || inner === 'ConstraintError') {
    return `Could not ${action}: a record with the same id already exists.`;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Could not ${action}: ${detail}`;
}
