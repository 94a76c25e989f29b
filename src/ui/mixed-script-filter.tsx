/**
 * "Show mixed-script words": the words of the open document that mix Latin with Cyrillic or Greek
 * letters (io/mixed-scripts.ts), marked in the text on request and listed, each a button that selects
 * the word and scrolls to it. Only the view changes: the stored text stays exactly as imported.
 */
import { useEffect, useId, useMemo, useState, type RefObject } from 'react';
import type { Reader } from '../editor/reader';
import { findMixedScriptWords, type MixedScriptWord } from '../io/mixed-scripts';
import './mixed-script.css';

/** Longest list shown; the marks in the text cover every word. */
const MAX_LISTED = 200;

const lettersOf = (w: MixedScriptWord): string => w.foreign.map((f) => `${f.letter} ${f.codePoint} ${f.name}`).join(', ');

export function MixedScriptFilter({ text, readerRef }: { text: string; readerRef: RefObject<Reader | null> }) {
  const words = useMemo(() => findMixedScriptWords(text), [text]);
  const [on, setOn] = useState(false);
  const listId = useId();

  useEffect(() => {
    const reader = readerRef.current;
    if (!reader || (!on && words.length === 0)) return;
    reader.setMixedScriptWords(on ? words.map((w) => ({ start: w.start, end: w.end, title: `Mixed scripts: ${lettersOf(w)}` })) : []);
  }, [on, words, readerRef]);

  if (words.length === 0) return null;
  return (
    <div className="mg-mixed-filter">
      <label>
        <input type="checkbox" checked={on} aria-controls={on ? listId : undefined} onChange={(e) => setOn(e.target.checked)} />
        Show mixed-script words
      </label>
      <span className="mg-mixed-count">
        {words.length} word{words.length === 1 ? '' : 's'}
      </span>
      {on ? (
        <ul id={listId} className="mg-mixed-list" aria-label="Mixed-script words">
          {words.slice(0, MAX_LISTED).map((w) => (
            <li key={w.start}>
              <button type="button" className="mg-quiet" onClick={() => readerRef.current?.revealSpan(w)}>
                {w.word}
              </button>
              <span className="mg-mixed-letters">{lettersOf(w)}</span>
            </li>
          ))}
          {words.length > MAX_LISTED ? <li>and {words.length - MAX_LISTED} more, marked in the text</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
