/**
 * JSON text in parts: exactly the characters of `JSON.stringify(value, null, 2)`, produced a piece at a
 * time so that a caller can build a large file (a library export of 100,000 annotations is some 90 MB)
 * as a Blob of parts, yielding to the event loop between them and showing progress, instead of one
 * string made in one long task.
 *
 * How: the containers near the top (down to `splitDepth`) are written here in JSON.stringify's own
 * layout (two spaces per level, `"key": value`, `[]` and `{}` when empty, properties whose value is
 * undefined, a function or a symbol left out, and such values in an array written as null); each value
 * at `splitDepth` — one record of an export — is JSON.stringify'd whole and indented to its depth.
 * JSON.stringify escapes every line break inside a string, so the only line breaks in its output are
 * its own layout and indenting them is safe. A value with a `toJSON` method is always stringified whole.
 */

/** Spaces per level, as in JSON.stringify(value, null, 2). */
const GAP = '  ';

/** One piece of the text, and how many values at `splitDepth` (records) are complete once it is written. */
export interface JsonPart {
  text: string;
  records: number;
}

const isContainer = (v: unknown): v is object => typeof v === 'object' && v !== null && typeof (v as { toJSON?: unknown }).toJSON !== 'function';
/** Whether JSON.stringify writes this property at all. */
const isWritten = (v: unknown): boolean => v !== undefined && typeof v !== 'function' && typeof v !== 'symbol';

/** The values at `splitDepth` (or shallower leaves) in `value`: the `records` total of stringifyParts. */
export function countRecords(value: unknown, splitDepth: number): number {
  if (splitDepth <= 0 || !isContainer(value)) return 1;
  let n = 0;
  if (Array.isArray(value)) for (const item of value) n += countRecords(item, splitDepth - 1);
  else for (const v of Object.values(value)) if (isWritten(v)) n += countRecords(v, splitDepth - 1);
  return n;
}

/**
 * The text of `JSON.stringify(value, null, 2)` in parts of at least `partChars` characters (the last
 * may be shorter), each ending after a whole record. `value` must be JSON data (no cycles, no BigInt).
 * @throws RangeError when `value` itself is not written by JSON.stringify (undefined, a function).
 */
export function* stringifyParts(value: unknown, splitDepth: number, partChars = 1 << 20): Generator<JsonPart> {
  if (!isWritten(value)) throw new RangeError(`JSON.stringify writes nothing for ${typeof value}`);
  let buffer = '';
  let records = 0;
  // An explicit stack instead of recursion so that the generator can stop after any record.
  type Frame = { indent: string; depth: number; entries: [string | null, unknown][]; next: number; close: string };
  const stack: Frame[] = [];
  /** Write `v` (at `depth`, its first line already indented by `indent`); pushes a frame for a container that is split. */
  const open = (v: unknown, depth: number, indent: string): void => {
    if (depth >= splitDepth || !isContainer(v)) {
      buffer += (JSON.stringify(v, null, 2) ?? 'null').replace(/\n/g, `\n${indent}`);
      records++;
      return;
    }
    const entries: [string | null, unknown][] = Array.isArray(v) ? v.map((item) => [null, item]) : Object.entries(v).filter(([, x]) => isWritten(x));
    const [start, end] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
    if (entries.length === 0) {
      buffer += `${start}${end}`;
      return;
    }
    buffer += `${start}\n`;
    stack.push({ indent, depth, entries, next: 0, close: `\n${indent}${end}` });
  };
  open(value, 0, '');
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.next === frame.entries.length) {
      buffer += frame.close;
      stack.pop();
      continue;
    }
    if (frame.next > 0) buffer += ',\n';
    const [key, v] = frame.entries[frame.next++]!;
    const inner = frame.indent + GAP;
    buffer += key === null ? inner : `${inner}${JSON.stringify(key)}: `;
    open(v, frame.depth + 1, inner);
    if (buffer.length >= partChars) {
      yield { text: buffer, records };
      buffer = '';
    }
  }
  yield { text: buffer, records };
}
