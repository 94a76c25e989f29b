/** What each highlight means: colour plus a cue that does not depend on colour (underline style). */
import { ANNOTATION_KINDS, KIND_LABELS, type AnnotationKind } from '../model/annotation';

const CUES: Record<AnnotationKind, string> = {
  claim: 'solid underline, key c',
  entity: 'dotted underline, key e',
  opinion: 'wavy underline, key o',
  cue: 'double underline: the words that attribute a claim or opinion',
};

export function Legend() {
  return (
    <ul className="mg-legend" aria-label="Legend">
      {ANNOTATION_KINDS.map((k) => (
        <li key={k}>
          <span className={`mg-hl mg-hl-${k} mg-legend-swatch`} aria-hidden="true">
            Abc
          </span>{' '}
          {KIND_LABELS[k]} <span className="mg-legend-cue">({CUES[k]})</span>
        </li>
      ))}
    </ul>
  );
}
