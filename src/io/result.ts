/**
 * The result of anything that reads outside input (a file, pasted text, an export).
 *
 * Why it exists: a bad import is an expected event, not a bug, so io functions return their failures
 * as values the UI can show (docs/architecture.md; STYLE.md habit 5) instead of throwing. Every message
 * in `errors` is written for the reviewer: it names the file and says what to do about it.
 */

/** Success with a value, or failure with one or more user-facing messages. */
export type Result<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** A successful result. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed result with at least one message. Assignable to any `Result<T>`. */
export function fail(error: string, ...more: string[]): Result<never> {
  return { ok: false, errors: [error, ...more] };
}
