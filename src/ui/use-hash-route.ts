/**
 * Routing by the URL hash: `#/` the Library, `#/doc/<id>` a document (`#/doc/<id>/a/<annotation id>`
 * opens it at one annotation), `#/entities` the entity registry, `#/entity/<id>` one entity's page,
 * `#/claims` the claim board.
 */
import { useSyncExternalStore } from 'react';

export type Route =
  | { name: 'library' }
  | { name: 'document'; id: string; annotationId?: string }
  | { name: 'entities' }
  | { name: 'entity'; id: string }
  | { name: 'claims' };

export function parseRoute(hash: string): Route {
  const doc = /^#\/doc\/([^/?#]+)(?:\/a\/([^/?#]+))?/.exec(hash);
  if (doc) return doc[2] ? { name: 'document', id: decodeURIComponent(doc[1]!), annotationId: decodeURIComponent(doc[2]) } : { name: 'document', id: decodeURIComponent(doc[1]!) };
  const entity = /^#\/entity\/([^/?#]+)/.exec(hash);
  if (entity) return { name: 'entity', id: decodeURIComponent(entity[1]!) };
  if (/^#\/entities\/?$/.test(hash)) return { name: 'entities' };
  if (/^#\/claims\/?$/.test(hash)) return { name: 'claims' };
  return { name: 'library' };
}

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useHashRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}

/** The address of a document, or of one annotation in it. */
export function documentHref(id: string, annotationId?: string): string {
  return `#/doc/${encodeURIComponent(id)}${annotationId ? `/a/${encodeURIComponent(annotationId)}` : ''}`;
}

export function entityHref(id: string): string {
  return `#/entity/${encodeURIComponent(id)}`;
}

export const ENTITIES_HREF = '#/entities';
export const CLAIMS_HREF = '#/claims';

export function navigate(href: string): void {
  window.location.hash = href.slice(1);
}
