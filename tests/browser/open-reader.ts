/** A reader mounted in the test page, with callbacks that do nothing; removed when the test ends. */
import { afterEach } from 'vitest';
import { Reader } from '../../src/editor/reader';
import type { Block } from '../../src/model/document';

const readers: Reader[] = [];

afterEach(() => {
  for (const r of readers.splice(0)) {
    const mount = r.view.dom.parentElement;
    r.destroy();
    mount?.remove();
  }
  window.scrollTo(0, 0);
});

export function openReader(content: readonly Block[]): Reader {
  const mount = document.createElement('div');
  document.body.append(mount);
  const reader = new Reader(mount, content, {
    onSelectionChange: () => undefined,
    onTagKey: () => undefined,
    onDeleteKey: () => false,
    onEscape: () => false,
    onHighlightClick: () => undefined,
  });
  readers.push(reader);
  return reader;
}
