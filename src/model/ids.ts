/** Identifiers and timestamps. */

/** A random RFC 4122 version 4 UUID. */
export function newId(): string {
  return globalThis.crypto.randomUUID();
}

/** The current time as ISO 8601 in UTC, with milliseconds. */
export function nowIso(): string {
  return new Date().toISOString();
}
