/** What each highlight means: colour plus a cue that does not depend on colour (underline style). */
import { ANNOTATION_KINDS, KIND_LABELS } from '../model/annotation';

const CUES: Record<(typeof ANNOTATION_KINDS)[number], string> = {
  claim: 'solid underline',
  entity: 'dotted underline',
  opinion: 'wavy underline',
};

export function Legend() {
  return (
    <ul className="mg-legend" aria-label="Legend">
      {ANNOTATION_KINDS.map((k) => (
        <li key={k}>
          <span className={`mg-hl mg-hl-${k} mg-legend-swatch`} aria-hidden="true">
            Abc
          </span>{' '}
          {KIND_LABELS[k]} <span className="mg-legend-cue">({CUES[k]}, key {k[0]})</span>
        </li>
      ))}
    </ul>
  );
}
