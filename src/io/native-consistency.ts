/**
 * What no schema can say about a checked export: ids used once per kind of record, references that
 * point at records of the file (a link may have one end elsewhere), verdicts on the file's scale,
 * offsets inside the text, and `text` and `length` agreeing with `content`.
 */
import { codePointLength, plainTextOf } from '../model/document';
import { report, type Ctx } from './check-values';
import type { NativeExport } from './native-json';

/** What no schema can say: unique ids, references inside the file, offsets inside the text. */
export function consistencyProblems(x: NativeExport, ctx: Ctx): void {
  const ids = <T extends { id: string }>(list: readonly T[], name: string): Map<string, T> => {
    const map = new Map<string, T>();
    list.forEach((r, i) => {
      if (map.has(r.id)) report(ctx, `${name}[${i}].id`, `the id ${r.id} is used twice in ${name}`);
      else map.set(r.id, r);
    });
    return map;
  };
  const documents = ids(x.documents, 'documents');
  const annotations = ids(x.annotations, 'annotations');
  const entities = ids(x.entities, 'entities');
  ids(x.evidence, 'evidence');
  ids(x.links, 'links');
  ids(x.events, 'events');
  const levels = new Set<string>();
  x.verdictScale.levels.forEach((l, i) => {
    if (levels.has(l.id)) report(ctx, `verdictScale.levels[${i}].id`, `the level id “${l.id}” is used twice`);
    levels.add(l.id);
  });

  x.documents.forEach((d, i) => {
    const text = plainTextOf(d.content);
    if (text !== d.text) report(ctx, `documents[${i}].text`, 'is not the plain text of its content (docs/format.md, section 3)');
    const length = codePointLength(d.text);
    if (length !== d.length) report(ctx, `documents[${i}].length`, `is ${d.length}, but the text has ${length} characters (code points)`);
  });
  const need = (path: string, id: string | null, map: Map<string, unknown>, what: string) => {
    if (id !== null && !map.has(id)) report(ctx, path, `points at ${what} ${id}, which is not in the file`);
  };
  x.annotations.forEach((a, i) => {
    const path = `annotations[${i}]`;
    const doc = documents.get(a.documentId);
    need(`${path}.documentId`, a.documentId, documents, 'the document');
    if (a.anchor.start > a.anchor.end) report(ctx, `${path}.anchor`, `starts (${a.anchor.start}) after it ends (${a.anchor.end})`);
    else if (doc && a.textHash === doc.textHash && a.anchor.end > doc.length) report(ctx, `${path}.anchor.end`, `is ${a.anchor.end}, past the end of the document's text (${doc.length} characters)`);
    switch (a.kind) {
      case 'entity':
        need(`${path}.fields.entityId`, a.fields.entityId, entities, 'the entity');
        break;
      case 'claim':
      case 'opinion':
        if (a.fields.attribution) {
          need(`${path}.fields.attribution.entityId`, a.fields.attribution.entityId, entities, 'the entity');
          need(`${path}.fields.attribution.cueId`, a.fields.attribution.cueId, annotations, 'the cue');
        }
        if (a.kind === 'claim' && a.fields.verdict !== null && !levels.has(a.fields.verdict)) {
          report(ctx, `${path}.fields.verdict`, `“${a.fields.verdict}” is not a level of the file's verdict scale`);
        }
        break;
      case 'cue':
        need(`${path}.fields.forId`, a.fields.forId, annotations, 'the claim or opinion');
        break;
    }
  });
  x.evidence.forEach((e, i) => {
    const claim = annotations.get(e.claimId);
    if (!claim) need(`evidence[${i}].claimId`, e.claimId, annotations, 'the claim');
    else if (claim.kind !== 'claim') report(ctx, `evidence[${i}].claimId`, `points at ${claim.kind === 'entity' ? 'an' : 'a'} ${claim.kind}, not a claim`);
  });
  // One end of a link may be elsewhere: a document's export keeps links to claims in other documents.
  x.links.forEach((l, i) => {
    if (!annotations.has(l.fromId) && !annotations.has(l.toId)) report(ctx, `links[${i}]`, 'links two claims of which neither is in the file');
  });
}
