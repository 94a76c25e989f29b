/**
 * The checks of a parsed file as a whole, before its records are looked at: where JSON.parse broke,
 * nesting too deep and keys that reach a prototype (anywhere), and whether it is a Marginalia export
 * of a version this app reads (or what it looks like instead).
 */
import { at, describe, isObject } from './check-values';
import { NATIVE_FORMAT, NATIVE_VERSION } from './native-json';

/** The deepest nesting of arrays and objects accepted. A Markdown document nested as deep as markdown-it allows stays well below. */
export const MAX_DEPTH = 512;
/** Keys refused anywhere in the file: they name or reach an object's prototype. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
/** Problems listed in a refusal; the rest are counted. */
export const MAX_SHOWN_ERRORS = 5;

// ---- Reading the file ----

/** JSON.parse's complaint, with the line and column it gives as an offset. */
export function syntaxProblem(text: string, error: unknown, fileName: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  let where = '';
  if (position) {
    const offset = Number(position[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
    where = ` at line ${line}, column ${column}`;
  } else if (/end of (JSON )?input/i.test(message)) where = ' at its end (it stops before the JSON is complete)';
  return `${fileName} is not valid JSON: it breaks${where} (${message.replace(/^JSON\.parse: /, '')}). Is it the file Marginalia's “Export JSON” wrote?`;
}

/**
 * Walk the parsed value without recursion: refuse nesting deeper than MAX_DEPTH and the keys of
 * FORBIDDEN_KEYS anywhere. Returns the problems (at most a few).
 */
export function structureProblems(root: unknown, fileName: string): string[] {
  interface Node {
    value: unknown;
    depth: number;
    parent: Node | null;
    key: string | number;
  }
  const pathOf = (node: Node): string => {
    const parts: (string | number)[] = [];
    for (let n: Node | null = node; n && n.parent; n = n.parent) parts.push(n.key);
    parts.reverse();
    const shown = parts.length > 8 ? [...parts.slice(0, 6), '…'] : parts;
    return shown.reduce<string>((p, k) => (k === '…' ? `${p}…` : at(p, k)), '') || 'the top';
  };
  const problems: string[] = [];
  const stack: Node[] = [{ value: root, depth: 0, parent: null, key: '' }];
  while (stack.length > 0 && problems.length < MAX_SHOWN_ERRORS) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v !== 'object' || v === null) continue;
    const depth = node.depth + 1;
    if (depth > MAX_DEPTH) {
      return [`${fileName} nests lists and objects more than ${MAX_DEPTH} levels deep (at ${pathOf(node)}). No Marginalia export does; such files are made to crash programs that read them. Nothing was imported.`];
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (typeof v[i] === 'object' && v[i] !== null) stack.push({ value: v[i], depth, parent: node, key: i });
      continue;
    }
    for (const key of Object.keys(v)) {
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push(`${at(node.parent ? pathOf(node) : '', key)}: the key “${key}” is not allowed in an import (it could change how the program's objects behave). Remove it from the file.`);
        continue;
      }
      const child = (v as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push({ value: child, depth, parent: node, key });
    }
  }
  return problems;
}

/** What a JSON value that is not a Marginalia export looks like, for the refusal. */
function lookalike(value: unknown): string {
  if (Array.isArray(value)) return 'a JSON list';
  if (!isObject(value)) return `a single JSON value (${describe(value)})`;
  const context = JSON.stringify(value['@context'] ?? '');
  const type = JSON.stringify(value.type ?? value['@type'] ?? '');
  if (context.includes('w3.org/ns/anno') || /Annotation(Collection|Page)?"/.test(type)) {
    return `a W3C Web Annotation file${/"(\w+)"/.exec(type) ? ` (${/"(\w+)"/.exec(type)![1]})` : ''}`;
  }
  if (context.includes('schema.org') || /ClaimReview/.test(type)) return `a schema.org file${type ? ` (${type.replace(/"/g, '')})` : ''}`;
  if ('format' in value) return `a file whose format is ${describe(value.format)}`;
  return 'a JSON file without "format": "marginalia"';
}

/** Refuse another format or version, with what to do about it. */
export function formatProblem(value: unknown, fileName: string): string | null {
  if (!isObject(value) || value.format !== NATIVE_FORMAT) {
    return `${fileName} is ${lookalike(value)}, not a Marginalia library export. Import here only files made with Marginalia's “Export JSON”; import articles with “Import document”.`;
  }
  const version = value.version;
  if (version === NATIVE_VERSION) return null;
  if (typeof version === 'number' && Number.isInteger(version) && version > NATIVE_VERSION) {
    return `${fileName} was made by a newer Marginalia, version ${version}; this one reads version ${NATIVE_VERSION}. Update Marginalia to import it.`;
  }
  if (version === 1) {
    return `${fileName} is a version 1 export, made by an older Marginalia; this one imports version ${NATIVE_VERSION}. Open the library it came from in this Marginalia (which upgrades it) and export it again.`;
  }
  return `${fileName} has ${version === undefined ? 'no version' : `the version ${describe(version)}`}; this Marginalia reads version ${NATIVE_VERSION} of its export format.`;
}
