/**
 * Reading a native export: what is accepted, what is refused and how the refusal reads. The hand-written
 * validator is cross-checked with ajv and native-v2.schema.json: generated exports pass both, and every
 * broken variant below fails both.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serializeLibrary, type NativeExport } from '../../src/io/native-json';
import { MAX_DEPTH, MAX_IMPORT_BYTES, MAX_SHOWN_ERRORS, parseNative, readNativeExport, sizeProblem, verifyTextHashes } from '../../src/io/parse-native';
import { fullLibrary, libraryArb } from '../arbitraries';
import { validateNativeExport } from '../validate-native-export';

type Loose = Record<string, unknown>;
const loose = (x: unknown): Loose => x as Loose;

/** A generated library with every kind of record, as its export file holds it. */
const FULL: NativeExport = JSON.parse(JSON.stringify(serializeLibrary(fullLibrary()))) as NativeExport;

const errorsOf = (value: unknown): string[] => {
  const r = parseNative(JSON.stringify(value), 'lib.json');
  return r.ok ? [] : r.errors;
};
function variant(change: (x: NativeExport & Loose) => void): NativeExport & Loose {
  const x = structuredClone(FULL) as NativeExport & Loose;
  change(x);
  return x;
}
const ofKind = (x: NativeExport, kind: string) => loose(x.annotations.find((a) => a.kind === kind));
const indexOfKind = (x: NativeExport, kind: string) => x.annotations.findIndex((a) => a.kind === kind);

describe('parseNative accepts', () => {
  it('every generated export, like the JSON Schema does', () => {
    fc.assert(
      fc.property(libraryArb(), (x) => {
        const value = JSON.parse(JSON.stringify(serializeLibrary(x)));
        expect(validateNativeExport(value)).toEqual([]);
        expect(errorsOf(value)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('bytes with a UTF-8 byte order mark, and an export of nothing', () => {
    const bytes = new TextEncoder().encode(`\ufeff${JSON.stringify(FULL)}`);
    expect(parseNative(bytes).ok).toBe(true);
    const empty = { ...FULL, documents: [], annotations: [], entities: [], evidence: [], links: [], events: [] };
    expect(errorsOf(empty)).toEqual([]);
  });

  it('a document export whose link points at a claim in another document', () => {
    expect(errorsOf(variant((x) => (x.links[0]!.toId = crypto.randomUUID())))).toEqual([]);
  });
});

describe('parseNative and the JSON Schema both refuse broken exports', () => {
  const cases: [string, (x: NativeExport & Loose) => void, RegExp][] = [
    ['a missing document field', (x) => delete loose(x.documents[0]).textHash, /^documents\[0\]\.textHash: missing$/],
    ['a missing top-level list', (x) => delete loose(x).events, /^events: missing$/],
    ['a negative offset', (x) => (x.annotations[3]!.anchor.start = -1 as never), /^annotations\[3\]\.anchor\.start: expected a whole number ≥ 0, found the number -1$/],
    ['a fractional offset', (x) => (x.annotations[0]!.anchor.end = 2.5 as never), /anchor\.end: expected a whole number ≥ 0/],
    ['an offset given as text', (x) => (loose(x.annotations[0]!.anchor).start = '3'), /anchor\.start: expected a whole number ≥ 0, found the text "3"/],
    ['a prefix of 33 code points', (x) => (x.annotations[0]!.anchor.prefix = '😀'.repeat(33)), /anchor\.prefix: expected at most 32 characters/],
    ['an unknown kind', (x) => (loose(x.annotations[0]).kind = 'note'), /annotations\[0\]\.kind: expected one of "claim", "entity", "opinion", "cue"/],
    ['an unknown status', (x) => (loose(ofKind(x, 'claim').fields).status = 'true'), /fields\.status: expected one of/],
    ['fields of another kind', (x) => (ofKind(x, 'cue').fields = { entityId: null }), /fields\.entityId: not a field of the fields of a cue/],
    ['fields of version 1', (x) => (ofKind(x, 'opinion').fields = { holder: 'X', note: '' }), /fields\.holder: not a field/],
    ['an extra top-level property', (x) => (x.extra = true), /^extra: not a field of a Marginalia export in version 2$/],
    ['an extra property in a document', (x) => (loose(x.documents[0]).wordCount = 12), /documents\[0\]\.wordCount: not a field of a document/],
    ['an extra property in an anchor', (x) => (loose(x.annotations[0]!.anchor).exact = 'x'), /anchor\.exact: not a field of an anchor/],
    ['an upper-case hash', (x) => (x.documents[0]!.textHash = x.documents[0]!.textHash.toUpperCase()), /documents\[0\]\.textHash: expected a SHA-256/],
    ['an id that is not a UUID', (x) => (x.entities[0]!.id = 'dragan'), /entities\[0\]\.id: expected an id \(a UUID/],
    ['a date that is not a date', (x) => (x.documents[0]!.created = '2026-02-30T10:00:00Z'), /documents\[0\]\.created: expected a date and time/],
    ['a bad published date', (x) => (x.documents[0]!.publishedDate = '15/11/2026'), /publishedDate: expected a date such as/],
    ['an unknown entity type', (x) => (loose(x.entities[0]).type = 'animal'), /entities\[0\]\.type: expected one of/],
    ['an empty alias', (x) => (x.entities[0]!.aliases = ['']), /aliases\[0\]: expected non-empty text/],
    ['an unknown evidence relation', (x) => (loose(x.evidence[0]).relation = 'refutes'), /evidence\[0\]\.relation/],
    ['an unknown link relation', (x) => (loose(x.links[0]).relation = 'supported-by'), /links\[0\]\.relation/],
    ['an unknown event op', (x) => (loose(x.events[0]).op = 'move'), /events\[0\]\.op/],
    ['an event table that has no history', (x) => (loose(x.events[0]).table = 'documents'), /events\[0\]\.table/],
    ['a create event with a field', (x) => (loose(x.events.find((e) => e.op === 'create')).field = 'name'), /\.field: expected null for a create event/],
    ['a create event without its record', (x) => (loose(x.events.find((e) => e.op === 'create')).after = 'record'), /\.after: expected the record as it was/],
    ['a delete event with a record after', (x) => Object.assign(loose(x.events.find((e) => e.op === 'delete')), { after: { id: crypto.randomUUID() } }), /\.after: expected null for a delete event/],
    ['an update event with no field and one value', (x) => (loose(x.events.find((e) => e.op === 'update' && e.field !== null)).field = null), /\.field: expected the path of the changed field, or objects of changed paths/],
    ['an update event of several fields whose after is no object', (x) => Object.assign(loose(x.events.find((e) => e.op === 'update')), { field: null, before: { name: 'a', aliases: [] }, after: 'b' }), /\.field: expected the path of the changed field, or objects/],
    ['a block of an unknown type', (x) => (loose(x.documents[0]!.content[0]).type = 'table'), /documents\[0\]\.content\[0\]\.type: expected one of "heading", "paragraph", "blockquote", "list"/],
    ['a duplicate mark', (x) => (x.documents[0]!.content = [{ type: 'paragraph', content: [{ text: x.documents[0]!.text, marks: ['em', 'em'] }] }]), /marks: holds the same value twice/],
    ['an empty verdict', (x) => (loose(ofKind(x, 'claim').fields).verdict = ''), /fields\.verdict: expected non-empty text/],
    ['a generator without a name', (x) => (x.generator.name = ''), /generator\.name: expected non-empty text/],
  ];
  for (const [name, change, message] of cases) {
    it(name, () => {
      const broken = variant(change);
      expect(validateNativeExport(broken), 'the JSON Schema accepts it').not.toEqual([]);
      const errors = errorsOf(broken);
      expect(errors[0]).toMatch(/^lib\.json cannot be imported: .* Nothing was imported\.$/);
      expect(errors.slice(1)).toContainEqual(expect.stringMatching(message));
    });
  }
});

describe('parseNative refuses, with a message saying what to do', () => {
  it('text that is not JSON, saying where it broke', () => {
    const r = parseNative('{\n  "format": "marginalia",\n  "version": 2,,\n}', 'lib.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^lib\.json is not valid JSON: it breaks at line 3, column 16/);
    const cut = parseNative(JSON.stringify(FULL).slice(0, 100), 'cut.json');
    expect(!cut.ok && cut.errors[0]).toMatch(/^cut\.json is not valid JSON/);
    expect(!parseNative(new Uint8Array([0x7b, 0xff, 0x7d])).ok).toBe(true);
    expect(parseNative('   ', 'blank.json')).toEqual({ ok: false, errors: ['blank.json is empty.'] });
  });

  it('another format, naming what it looks like', () => {
    const w3c = { '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', id: 'urn:uuid:1', first: { type: 'AnnotationPage', items: [] } };
    expect(errorsOf(w3c)).toEqual([expect.stringMatching(/^lib\.json is a W3C Web Annotation file \(AnnotationCollection\), not a Marginalia library export\./)]);
    expect(errorsOf({ '@context': 'https://schema.org', '@type': 'ClaimReview' })[0]).toContain('a schema.org file (ClaimReview)');
    expect(errorsOf([1, 2])[0]).toContain('is a JSON list, not a Marginalia library export');
    expect(errorsOf('marginalia')[0]).toContain('a single JSON value');
    expect(errorsOf({ format: 'hypothesis' })[0]).toContain('whose format is the text "hypothesis"');
  });

  it('another version: newer, older, none', () => {
    expect(errorsOf({ ...FULL, version: 3 })).toEqual(['lib.json was made by a newer Marginalia, version 3; this one reads version 2. Update Marginalia to import it.']);
    expect(validateNativeExport({ ...FULL, version: 3 })).not.toEqual([]);
    expect(errorsOf({ ...FULL, version: 1 })[0]).toMatch(/version 1 export, made by an older Marginalia.*export it again/);
    expect(errorsOf({ ...FULL, version: undefined })[0]).toContain('has no version');
    expect(errorsOf({ ...FULL, version: '2' })[0]).toContain('the version the text "2"');
  });

  it('a file over 200 MB, before parsing it, with its size', () => {
    const big = new Uint8Array(MAX_IMPORT_BYTES + 1); // zero bytes: parsing would fail differently
    expect(parseNative(big, 'huge.json')).toEqual({ ok: false, errors: ['huge.json is 200.0 MB; Marginalia imports library files of up to 200.0 MB. Nothing was imported.'] });
    expect(sizeProblem(MAX_IMPORT_BYTES + 5 * 1024 * 1024, 'x.json')).toContain('x.json is 205.0 MB');
    expect(sizeProblem(1000, 'x.json')).toBeNull();
    // A string is measured in UTF-8 bytes: 72 million three-byte characters are 216 MB (206.0 MiB).
    expect(parseNative('€'.repeat(72_000_000))).toMatchObject({ ok: false, errors: [expect.stringContaining('206.0 MB')] });
  });

  it('nesting deeper than the limit, without overflowing the stack', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const r = parseNative(deep, 'deep.json');
    expect(r).toMatchObject({ ok: false, errors: [expect.stringMatching(new RegExp(`^deep\\.json nests lists and objects more than ${MAX_DEPTH} levels deep \\(at \\[0\\]\\[0\\]`))] });
    // Deep inside a valid export, too (in an event's snapshot, which is free-form JSON).
    const nested = variant((x) => {
      let inner: Loose = {};
      const root = inner;
      for (let i = 0; i < MAX_DEPTH + 5; i++) inner = (inner.a = {}) as Loose;
      loose(x.events.find((e) => e.op === 'create')!.after).extra = root;
    });
    expect(errorsOf(nested)[0]).toMatch(/nests lists and objects more than 512 levels deep \(at events\[\d+\]\.after\.extra\.a\.a…\)/);
  });

  it('keys that reach a prototype, anywhere, and never lets them through', () => {
    const hostile = [
      `{"__proto__": {"polluted": true}, ${JSON.stringify(FULL).slice(1)}`,
      JSON.stringify(FULL).replace('"documents":[{', '"documents":[{"constructor":{"prototype":{"polluted":true}},'),
      JSON.stringify(FULL).replace('"after":{', '"after":{"__proto__":{"polluted":true},'),
      JSON.stringify(FULL).replace('"verdictScale":{', '"verdictScale":{"prototype":1,'),
    ];
    const messages = hostile.map((text) => {
      const r = parseNative(text, 'evil.json');
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.errors.join('\n');
    });
    expect(messages[0]).toContain('__proto__: the key “__proto__” is not allowed in an import');
    expect(messages[1]).toMatch(/documents\[0\]\.constructor: the key “constructor” is not allowed/);
    expect(messages[2]).toMatch(/events\[\d+\]\.after\.__proto__: the key “__proto__”/);
    expect(messages[3]).toContain('verdictScale.prototype: the key “prototype”');
    expect(({} as Loose).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('records built from the file have the ordinary prototype and only known fields', () => {
    const r = parseNative(JSON.stringify(FULL));
    if (!r.ok) throw new Error(r.errors.join());
    for (const record of [r.value, r.value.documents[0], r.value.annotations[0], r.value.annotations[0]!.anchor, r.value.entities[0]]) {
      expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    }
    expect(r.value).toEqual(FULL);
  });

  it('dangling references and duplicate ids', () => {
    const missingDoc = variant((x) => (x.annotations[0]!.documentId = crypto.randomUUID()));
    expect(errorsOf(missingDoc).join('\n')).toMatch(/annotations\[0\]\.documentId: points at the document .*, which is not in the file/);
    const claim = indexOfKind(FULL, 'claim');
    expect(errorsOf(variant((x) => (x.evidence[0]!.claimId = crypto.randomUUID()))).join('\n')).toMatch(/evidence\[0\]\.claimId: points at the claim/);
    expect(errorsOf(variant((x) => (x.evidence[0]!.claimId = ofKind(x, 'entity').id as string))).join('\n')).toMatch(/evidence\[0\]\.claimId: points at an entity, not a claim/);
    expect(errorsOf(variant((x) => (loose(ofKind(x, 'cue').fields).forId = crypto.randomUUID()))).join('\n')).toMatch(/fields\.forId: points at the claim or opinion/);
    expect(errorsOf(variant((x) => x.entities.splice(0))).join('\n')).toMatch(/entityId: points at the entity/);
    expect(errorsOf(variant((x) => (x.links[0]!.fromId = x.links[0]!.toId = crypto.randomUUID()))).join('\n')).toMatch(/links\[0\]: links two claims of which neither is in the file/);
    expect(errorsOf(variant((x) => x.entities.push(x.entities[0]!))).join('\n')).toMatch(/entities\[\d+\]\.id: the id .* is used twice in entities/);
    expect(errorsOf(variant((x) => x.events.push(x.events[0]!))).join('\n')).toMatch(/is used twice in events/);
    expect(errorsOf(variant((x) => (loose(x.annotations[claim]!.fields).verdict = 'pants-on-fire'))).join('\n')).toContain('“pants-on-fire” is not a level of the file\'s verdict scale');
    // The schema cannot say any of this.
    expect(validateNativeExport(missingDoc)).toEqual([]);
  });

  it('offsets outside the text and a text that is not its content', () => {
    const end = FULL.documents.find((d) => d.id === FULL.annotations[0]!.documentId)!.length;
    expect(errorsOf(variant((x) => Object.assign(x.annotations[0]!.anchor, { start: 2, end: 1 }))).join('\n')).toContain('annotations[0].anchor: starts (2) after it ends (1)');
    expect(errorsOf(variant((x) => (x.annotations[0]!.anchor.end = (end + 1) as never))).join('\n')).toContain(`annotations[0].anchor.end: is ${end + 1}, past the end of the document's text (${end} characters)`);
    expect(errorsOf(variant((x) => (x.documents[0]!.text += '!'))).join('\n')).toContain('documents[0].text: is not the plain text of its content');
    expect(errorsOf(variant((x) => (x.documents[0]!.length += 1))).join('\n')).toMatch(/documents\[0\]\.length: is \d+, but the text has \d+ characters/);
  });

  it('a text hash that is not the hash of the text', async () => {
    const r = parseNative(JSON.stringify(variant((x) => (x.documents[0]!.textHash = 'a'.repeat(64)))));
    expect(r.ok).toBe(true);
    const verified = r.ok ? await verifyTextHashes(r.value, 'lib.json') : r;
    expect(verified).toMatchObject({ ok: false, errors: [expect.any(String), "documents[0].textHash: is not the SHA-256 of the document's text; the text or its hash was changed"] });
    expect((await readNativeExport(JSON.stringify(FULL))).ok).toBe(true);
  });

  it('lists the first few problems and counts the rest', () => {
    const broken = variant((x) => x.annotations.forEach((a) => (a.anchor.start = -1 as never)));
    const errors = errorsOf(broken);
    expect(errors[0]).toMatch(new RegExp(`cannot be imported: ${FULL.annotations.length} problems`));
    expect(errors).toHaveLength(1 + MAX_SHOWN_ERRORS + 1);
    expect(errors.at(-1)).toBe(`…and ${FULL.annotations.length - MAX_SHOWN_ERRORS} more.`);
  });
});
