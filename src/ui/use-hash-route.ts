/** Routing by the URL hash: `#/` is the Library, `#/doc/<id>` a document. */
import { useSyncExternalStore } from 'react';

export type Route = { name: 'library' } | { name: 'document'; id: string };

function parse(hash: string): Route {
  const m = /^#\/doc\/([^/?#]+)/.exec(hash);
  return m ? { name: 'document', id: decodeURIComponent(m[1]!) } : { name: 'library' };
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parse(hash);
}

export function documentHref(id: string): string {
  return `#/doc/${encodeURIComponent(id)}`;
}

export function navigate(href: string): void {
  window.location.hash = href.slice(1);
}
