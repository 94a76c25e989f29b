/**
 * Which version of the article this is, links to the others, and "Import new version": a revised text
 * becomes a new version and every annotation is carried to it (db/add-version.ts), computed in a Web
 * Worker (src/workers) with a progress bar. Older versions are kept as they were and say so.
 */
import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Annotation } from '../model/annotation';
import { versionInfo } from '../model/document';
import { newId, nowIso } from '../model/ids';
import type { DocumentSummary } from '../db/database';
import { describeDbError } from '../db/errors';
import { db } from '../db/instance';
import { versionsOf } from '../db/versions';
import { parseFileAsDocument } from './version-file';
import { runCarry, useCarryProgress } from './carry-runner';
import { postError, postStatus } from './notices';
import { documentHref, navigate } from './use-hash-route';

const when = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : new Date(iso).toLocaleString());

/** `shown`: the annotations of this version as stored (the reader's feed), once read. */
export function VersionBar({ doc, reviewer, shown }: { doc: DocumentSummary; reviewer: string; shown: readonly Annotation[] | undefined }) {
  const versions = useLiveQuery(() => versionsOf(db, doc), [doc.id, doc.nextVersionId]) ?? [doc];
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const info = versionInfo(doc);
  const newest = versions[versions.length - 1] ?? doc;
  const carrying = useCarryProgress(doc.id);

  const importVersion = async (file: File) => {
    setBusy(`Reading ${file.name}…`);
    // The worker and the storing code load while the file is parsed and the annotations are read.
    const job = import('../workers/reanchor-client').then((m) => m.startReanchor());
    const storing = import('../db/add-version');
    let started = false;
    try {
      const parsed = await parseFileAsDocument(file, nowIso(), newId());
      if (!parsed.ok) {
        postError(`Could not import ${file.name} as a new version: ${parsed.message}`);
        return;
      }
      performance.mark('mg-version-parsed');
      const { prepareVersion, storeVersion } = await storing;
      const prepared = await prepareVersion(db, doc.id, parsed.value, shown);
      if (!prepared.ok) {
        postError(prepared.message);
        return;
      }
      setBusy(null);
      setProgress({ done: 0, total: prepared.inputs.length });
      // User Timing marks: the benchmark (bench/scenarios/reanchor.mjs) reads them.
      performance.mark('mg-reanchor-start', { detail: { annotations: prepared.inputs.length } });
      started = true;
      const computed = await (await job).run(prepared.oldText, parsed.value.text, prepared.inputs, (done, total) => setProgress({ done, total }));
      performance.mark('mg-reanchor-computed', { detail: { computeMs: computed.computeMs, inWorker: computed.inWorker, stats: computed.stats } });
      setProgress(null);
      setBusy('Storing the new version…');
      const result = await storeVersion(db, doc.id, parsed.value, reviewer || 'unknown reviewer', prepared.annotations, computed.carried);
      if (!result.ok) {
        postError(result.message);
        return;
      }
      performance.mark('mg-version-stored', { detail: result.counts });
      // The version is stored and shows every annotation in place; their records follow, a batch at a time.
      void runCarry(result.documentId).then(() => performance.mark('mg-version-carried'));
      const c = result.counts;
      postStatus(
        `Version ${result.version} stored. Annotations: ${c.exact} in place, ${c.moved} moved, ${c.fuzzy} matched approximately, ${c.orphan} orphaned${c.orphan + c.fuzzy > 0 ? ' — see the re-anchoring review' : ''}.`,
      );
      navigate(documentHref(result.documentId));
    } catch (error) {
      postError(describeDbError(error, 'import the new version'));
    } finally {
      if (!started) void job.then((j) => j.cancel(), () => undefined);
      storing.catch(() => undefined);
      setBusy(null);
      setProgress(null);
    }
  };

  return (
    <div className="mg-versions">
      <nav aria-label="Versions" className="mg-version-list">
        <span>
          Version {info.version} of {versions.length}
        </span>
        {versions.length > 1
          ? versions.map((v) => (
              <a key={v.id} href={documentHref(v.id)} aria-current={v.id === doc.id ? 'page' : undefined}>
                v{versionInfo(v).version} · retrieved {when(v.retrievedAt)}
              </a>
            ))
          : null}
      </nav>
      {info.nextVersionId ? (
        <p className="mg-old-version" role="note">
          This is an older version, kept exactly as it was, with its annotations where they were. It cannot be annotated.{' '}
          <a href={documentHref(newest.id)}>Open the newest version (v{versionInfo(newest).version})</a>
        </p>
      ) : (
        <>
          <button type="button" onClick={() => input.current?.click()} disabled={busy !== null || progress !== null}>
            Import new version
          </button>
          <input
            ref={input}
            type="file"
            hidden
            accept=".txt,.md,.markdown,.text,.html,.htm,.docx,text/plain,text/markdown,text/html"
            aria-label="Choose the revised text"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importVersion(file);
            }}
          />
          {busy ? (
            <span role="status" className="mg-busy">
              {busy}
            </span>
          ) : null}
          {progress ? (
            <span className="mg-busy">
              <progress aria-label="Re-anchoring annotations" max={progress.total} value={progress.done} />{' '}
              <span role="status">
                Re-anchoring annotations: {progress.done.toLocaleString()} of {progress.total.toLocaleString()}
              </span>
            </span>
          ) : null}
          {carrying ? (
            <span className="mg-busy">
              <progress aria-label="Saving the moved annotations" max={carrying.total} value={carrying.done} />{' '}
              <span role="status">
                Saving the moved annotations: {carrying.done.toLocaleString()} of {carrying.total.toLocaleString()}
              </span>
            </span>
          ) : null}
        </>
      )}
    </div>
  );
}
