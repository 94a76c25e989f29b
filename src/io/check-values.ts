/**
 * The building blocks of the import's field checks: a check takes a value of the parsed file and the
 * JSON path it sits at, and returns the value (rebuilt for records) or BAD after reporting why, in
 * words a reviewer can act on ("annotations[3].anchor.start: expected a whole number ≥ 0, found …").
 *
 * Why it exists: the native format's schema (native-schema.ts) is written out by hand from these
 * pieces, because the app's Content Security Policy forbids the code generation a schema compiler needs.
 */
import { codePointLength } from '../model/document';
import { NATIVE_VERSION, type JsonValue } from './native-json';

/** Problems collected before the check stops looking. */
export const MAX_COLLECTED_ERRORS = 200;

// ---- Paths and errors ----

/** Where the checks are in the file, and what they found. */
export interface Ctx {
  errors: string[];
}

export const BAD = Symbol('bad');
export type Bad = typeof BAD;
export type Check<T> = (value: unknown, path: string, ctx: Ctx) => T | Bad;

export const at = (path: string, key: string | number): string => (typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key);

export function report(ctx: Ctx, path: string, message: string): Bad {
  if (ctx.errors.length < MAX_COLLECTED_ERRORS) ctx.errors.push(`${path || 'the file'}: ${message}`);
  return BAD;
}

/** A JSON value as a reviewer would name it: "a number (12)", "text (\"x\")", "null". */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 39)}…` : value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return String(value);
    case 'object':
      return 'an object';
    default:
      return 'nothing';
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

// ---- Checks of single values ----

export const expect = <T>(test: (v: unknown) => boolean, what: string): Check<T> => (v, path, ctx) => (test(v) ? (v as T) : report(ctx, path, `expected ${what}, found ${describe(v)}`));

export const str: Check<string> = expect((v) => typeof v === 'string', 'text');
export const nonEmpty: Check<string> = expect((v) => typeof v === 'string' && v !== '', 'non-empty text');
export const bool: Check<boolean> = expect((v) => typeof v === 'boolean', 'true or false');
export const nat = <T extends number = number>(): Check<T> => expect((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0, 'a whole number ≥ 0');
export const positive: Check<number> = expect((v) => typeof v === 'number' && Number.isInteger(v) && v >= 1, 'a whole number ≥ 1');

/** The `uuid` format as JSON Schema validators read it (any case, optional urn:uuid: prefix). */
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
export const uuid: Check<string> = expect((v) => typeof v === 'string' && UUID.test(v), 'an id (a UUID such as 1b4e28ba-2fa1-41d2-883f-0016d3cca427)');

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):?(\d{2}))$/;
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && !leap ? 28 : DAYS[month - 1]!);
}
function isDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (!m || !isDate(m[1]!)) return false;
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  return h <= 23 && min <= 59 && sec <= 60 && (m[5] === undefined || (Number(m[5]) <= 23 && Number(m[6]) <= 59));
}
export const dateTime: Check<string> = expect((v) => typeof v === 'string' && isDateTime(v), 'a date and time such as 2026-11-22T10:00:00.000Z');
export const optionalDate: Check<string> = expect((v) => v === '' || (typeof v === 'string' && isDate(v)), 'a date such as 2026-11-15, or ""');
export const optionalDateTime: Check<string> = expect((v) => v === '' || (typeof v === 'string' && isDateTime(v)), 'a date and time such as 2026-11-22T10:00:00.000Z, or ""');
export const sha256: Check<string> = expect((v) => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v), 'a SHA-256: 64 lower-case hexadecimal digits');

export function oneOf<T extends string | number>(values: readonly T[]): Check<T> {
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return expect((v) => (values as readonly unknown[]).includes(v), `one of ${list}`);
}

export const nullable = <T>(check: Check<T>): Check<T | null> => (v, path, ctx) => (v === null ? null : check(v, path, ctx));

/** Text of at most `max` code points. */
export const shortText = (max: number): Check<string> => (v, path, ctx) => {
  if (typeof v !== 'string') return report(ctx, path, `expected text, found ${describe(v)}`);
  return codePointLength(v) <= max ? v : report(ctx, path, `expected at most ${max} characters (code points), found ${codePointLength(v)}`);
};

export function arrayOf<T>(check: Check<T>, opts: { unique?: boolean } = {}): Check<T[]> {
  return (v, path, ctx) => {
    if (!Array.isArray(v)) return report(ctx, path, `expected a list, found ${describe(v)}`);
    const out: T[] = [];
    let bad = false;
    for (let i = 0; i < v.length; i++) {
      const item = check(v[i], at(path, i), ctx);
      if (item === BAD) bad = true;
      else out.push(item);
    }
    if (opts.unique && new Set(v).size !== v.length) return report(ctx, path, 'holds the same value twice');
    return bad ? BAD : out;
  };
}

/** Any JSON value, kept as parsed (its keys were checked for safety when the file was read). */
export const json: Check<JsonValue> = (v) => v as JsonValue;

// ---- Records: one table entry per field ----

/** How to check one field: its check, or `{ optional }` for a field that may be absent. */
type FieldSpec<V> = undefined extends V ? { optional: Check<Exclude<V, undefined>> } : Check<V>;
/** One entry for every field of `T`, so a field added to the model must be added here. */
export type FieldTable<T> = { [K in keyof T]-?: FieldSpec<T[K]> };

/**
 * Check an object against `table`: every required field present and valid, no other key. The result
 * is a new object holding only the table's fields, in the table's order.
 */
export function record<T>(what: string, table: FieldTable<T>): Check<T> {
  const keys = Object.keys(table) as (keyof T & string)[];
  const known = new Set<string>(keys);
  return (v, path, ctx) => {
    if (!isObject(v)) return report(ctx, path, `expected ${what} (an object), found ${describe(v)}`);
    let bad = false;
    for (const key of Object.keys(v)) {
      if (!known.has(key)) bad = report(ctx, at(path, key), `not a field of ${what} in version ${NATIVE_VERSION}`) === BAD;
    }
    const out = {} as Record<string, unknown>;
    for (const key of keys) {
      const spec = table[key] as Check<unknown> | { optional: Check<unknown> };
      const has = Object.prototype.hasOwnProperty.call(v, key);
      if (typeof spec !== 'function') {
        if (!has) continue;
        const value = spec.optional(v[key], at(path, key), ctx);
        if (value === BAD) bad = true;
        else out[key] = value;
        continue;
      }
      if (!has) {
        bad = report(ctx, at(path, key), 'missing') === BAD;
        continue;
      }
      const value = spec(v[key], at(path, key), ctx);
      if (value === BAD) bad = true;
      else out[key] = value;
    }
    return bad ? BAD : (out as T);
  };
}
