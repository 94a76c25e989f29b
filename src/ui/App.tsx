/** The application shell: header, notices, the current view and the Settings dialog. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { db, onDatabaseLost } from '../db/instance';
import { describeDbError } from '../db/errors';
import { getSetting } from '../db/repository';
import { ClaimBoard } from './ClaimBoard';
import { DocumentView } from './DocumentView';
import { EntitiesView } from './EntitiesView';
import { EntityPage } from './EntityPage';
import { Library } from './Library';
import { Notices } from './Notices';
import { SettingsDialog } from './SettingsDialog';
import { postError, postStatus } from './notices';
import { undoOrRedo } from './run-action';
import { resumeCarries } from './carry-runner';
import { CLAIMS_HREF, ENTITIES_HREF, useHashRoute, type Route } from './use-hash-route';
import { saveReviewer, useReviewer } from './use-reviewer';

export function App() {
  const route = useHashRoute();
  const reviewer = useReviewer();
  const [settings, setSettings] = useState<{ reason?: string } | null>(null);
  const afterSettings = useRef<(() => void) | null>(null);

  useEffect(() => {
    const off = onDatabaseLost(postError);
    // The samples (and the Markdown parser they need) are loaded only on a first start.
    getSetting(db, 'seeded', null)
      .then((seeded) => (seeded ? false : import('./samples').then((m) => m.seedSamples(db))))
      .catch((e: unknown) => postError(describeDbError(e, 'add the sample articles')));
    // Moves onto a new version left half written when a tab closed (db/carry.ts): once the page is
    // idle, so opening a document is not kept waiting (until then it reads through the carry).
    const idle = window.requestIdleCallback ?? ((cb: () => void) => window.setTimeout(cb, 200));
    idle(() => void resumeCarries(), { timeout: 2000 });
    // Ask the browser not to evict the library under storage pressure.
    void navigator.storage?.persist?.().catch(() => undefined);
    return off;
  }, []);

  // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y) undo and redo the reviewer's actions in any view, except while
  // typing in a field (where they undo typing).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      e.preventDefault();
      void undoOrRedo(key === 'y' || e.shiftKey ? 'redo' : 'undo');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const askReviewer = useCallback((then: () => void) => {
    afterSettings.current = then;
    setSettings({ reason: 'Before your first annotation, enter your name. It is stored with every annotation you make, as its creator.' });
  }, []);

  const onSave = (name: string) => {
    saveReviewer(name).then(
      () => {
        setSettings(null);
        const then = afterSettings.current;
        afterSettings.current = null;
        then?.();
      },
      (e: unknown) => postError(describeDbError(e, 'save the settings')),
    );
  };

  return (
    <div className="mg-app">
      <header className="mg-header">
        <h1>
          <a href="#/">Marginalia</a>
        </h1>
        <nav aria-label="Main" className="mg-nav">
          <a href="#/" aria-current={route.name === 'library' ? 'page' : undefined}>
            Library
          </a>
          <a href={ENTITIES_HREF} aria-current={route.name === 'entities' ? 'page' : undefined}>
            Entities
          </a>
          <a href={CLAIMS_HREF} aria-current={route.name === 'claims' ? 'page' : undefined}>
            Claims
          </a>
        </nav>
        <div className="mg-header-end">
          {reviewer ? <span className="mg-reviewer">Reviewer: {reviewer}</span> : null}
          <button type="button" onClick={() => setSettings({})}>
            Settings
          </button>
        </div>
      </header>
      <Notices />
      <main className="mg-main">
        <CurrentView route={route} reviewer={reviewer} askReviewer={askReviewer} />
      </main>
      <SettingsDialog
        open={settings !== null}
        initialName={reviewer ?? ''}
        reason={settings?.reason}
        onSave={onSave}
        onClose={() => {
          if (afterSettings.current) postStatus('Nothing was tagged: annotations need your name as their creator.');
          afterSettings.current = null;
          setSettings(null);
        }}
      />
    </div>
  );
}

function CurrentView({ route, reviewer, askReviewer }: { route: Route; reviewer: string | undefined; askReviewer(then: () => void): void }) {
  switch (route.name) {
    case 'document':
      return <DocumentView key={route.id} id={route.id} annotationId={route.annotationId} reviewer={reviewer} askReviewer={askReviewer} />;
    case 'entities':
      return <EntitiesView />;
    case 'entity':
      return <EntityPage key={route.id} id={route.id} reviewer={reviewer ?? ''} />;
    case 'claims':
      return <ClaimBoard />;
    case 'library':
      return <Library reviewer={reviewer ?? ''} />;
  }
}
