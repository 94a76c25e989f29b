/**
 * JSON text in parts: exactly the characters of `JSON.stringify(value, null, 2)`, produced a piece at a
 * time so that a caller can build a large file (a library export of 100,000 annotations is some 100 MB)
 * as a Blob of parts, yielding to the event loop between them and showing progress, instead of one
 * string made in one long task.
 *
 * Two ways in. `JsonWriter` writes the text as the caller walks its data: it opens and closes the
 * containers near the top and writes each record whole, so a caller that reads its records a page at a
 * time (db/library-pages.ts) never holds more than a page of them. `stringifyParts` does the same walk
 * over a value already in memory.
 *
 * How: containers are written in JSON.stringify's own layout (two spaces per level, `"key": value`,
 * `[]` and `{}` when empty, properties whose value is undefined, a function or a symbol left out, and
 * such values in an array written as null); each record is JSON.stringify'd whole and indented to its
 * depth. JSON.stringify escapes every line break inside a string, so the only line breaks in its
 * output are its own layout and indenting them is safe. A value with a `toJSON` method is always
 * stringified whole.
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

/** An open container of a JsonWriter. */
interface Frame {
  /** Indentation of the container's own lines (its closing bracket). */
  indent: string;
  close: ']' | '}';
  /** Entries written so far. */
  entries: number;
}

/**
 * Writes the text of `JSON.stringify(value, null, 2)` as the caller walks `value`: `openObject` /
 * `openArray` and `close` for the containers, `value` for everything written whole. Inside an object
 * every entry needs its key; inside an array and at the top none has one. The text gathers in a
 * buffer the caller empties with `take()` whenever it likes (e.g. once `length` passes a size).
 * Misuse (a key in an array, closing at the top, a second top-level value) is a programmer error and
 * throws a RangeError.
 */
export class JsonWriter {
  private buffer = '';
  private readonly stack: Frame[] = [];
  private started = false;

  /** Characters written and not yet taken. */
  get length(): number {
    return this.buffer.length;
  }

  /** Depth of the next entry: 0 at the top, 1 inside the top container… */
  get depth(): number {
    return this.stack.length;
  }

  /** The text written since the last take. NOTE empties the buffer. */
  take(): string {
    const text = this.buffer;
    this.buffer = '';
    return text;
  }

  /** Write a whole value (a record, a string, a number…) as the next entry. Not written at all under a key when JSON.stringify leaves it out. */
  value(v: unknown, key?: string): void {
    if (key !== undefined && !isWritten(v)) return this.checkKey(key);
    const indent = this.entry(key);
    const text = JSON.stringify(v, null, 2) ?? 'null';
    this.buffer += indent === '' ? text : text.replace(/\n/g, `\n${indent}`);
  }

  /**
   * Write each of `items` as the next entries of the open array: the same text as `value(item)` for
   * each, from one JSON.stringify of the whole list nested as deep as the array is (so it comes out
   * indented to its depth, with no re-indenting pass over each record's text, which cost several
   * times the stringify itself). A page of records is written this way.
   * @throws RangeError when the innermost open container is not an array.
   */
  values(items: readonly unknown[]): void {
    const frame = this.stack[this.stack.length - 1];
    if (frame?.close !== ']') throw new RangeError('JsonWriter: values() outside an array');
    if (items.length === 0) return;
    const level = frame.indent.length / GAP.length;
    let nested: unknown = items;
    for (let i = 0; i < level; i++) nested = [nested];
    const text = JSON.stringify(nested, null, 2);
    // `text` is "[\n" + GAP + "[\n" … down to the array of items, its entries at depth level + 1, then
    // "\n" + GAP… + "]" back up: cut both ends, level + 1 lines of (indent, bracket, line break) each.
    let ends = 0;
    for (let i = 0; i <= level; i++) ends += i * GAP.length + 2;
    this.buffer += (frame.entries === 0 ? '\n' : ',\n') + text.slice(ends, text.length - ends);
    frame.entries += items.length;
  }

  /** Open an object as the next entry; its entries follow until `close()`. */
  openObject(key?: string): void {
    this.open(key, '{', '}');
  }

  /** Open an array as the next entry; its items follow until `close()`. */
  openArray(key?: string): void {
    this.open(key, '[', ']');
  }

  /** Close the innermost open container. */
  close(): void {
    const frame = this.stack.pop();
    if (!frame) throw new RangeError('JsonWriter: close() with no open container');
    this.buffer += frame.entries === 0 ? frame.close : `\n${frame.indent}${frame.close}`;
  }

  private open(key: string | undefined, start: '{' | '[', close: ']' | '}'): void {
    const indent = this.entry(key);
    this.buffer += start;
    this.stack.push({ indent, close, entries: 0 });
  }

  private checkKey(key: string | undefined): void {
    const frame = this.stack[this.stack.length - 1];
    const inObject = frame?.close === '}';
    if (inObject && key === undefined) throw new RangeError('JsonWriter: an entry of an object needs a key');
    if (!inObject && key !== undefined) throw new RangeError(`JsonWriter: key ${JSON.stringify(key)} outside an object`);
  }

  /** Start the next entry (separator, indentation, key); returns the indentation of its lines. */
  private entry(key: string | undefined): string {
    this.checkKey(key);
    const frame = this.stack[this.stack.length - 1];
    if (!frame) {
      if (this.started) throw new RangeError('JsonWriter: a second value at the top');
      this.started = true;
      return '';
    }
    const indent = frame.indent + GAP;
    this.buffer += `${frame.entries === 0 ? '\n' : ',\n'}${indent}${key === undefined ? '' : `${JSON.stringify(key)}: `}`;
    frame.entries++;
    return indent;
  }
}

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
  const out = new JsonWriter();
  let records = 0;
  // An explicit stack of entry iterators instead of recursion, so that the generator can stop after any record.
  const stack: Iterator<[string | undefined, unknown]>[] = [];
  /** Write `v` as the next entry; a container above splitDepth is opened and its entries stacked. */
  const visit = (key: string | undefined, v: unknown): void => {
    if (out.depth >= splitDepth || !isContainer(v)) {
      out.value(v, key);
      if (key === undefined || isWritten(v)) records++;
      return;
    }
    if (Array.isArray(v)) {
      out.openArray(key);
      stack.push(v.map((item): [undefined, unknown] => [undefined, item])[Symbol.iterator]());
    } else {
      out.openObject(key);
      stack.push(Object.entries(v).filter(([, x]) => isWritten(x))[Symbol.iterator]());
    }
  };
  visit(undefined, value);
  while (stack.length > 0) {
    const next = stack[stack.length - 1]!.next();
    if (next.done) {
      stack.pop();
      out.close();
      continue;
    }
    visit(...next.value);
    if (out.length >= partChars) yield { text: out.take(), records };
  }
  yield { text: out.take(), records };
}
