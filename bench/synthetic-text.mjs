/**
 * An original synthetic plain-text document of about 1 MB: a title line, then paragraphs of
 * sentences made from a small word list with a seeded PRNG (the same text every run), some with emoji.
 */
import { seededRandom as prng } from '../scripts/seeded-random.mjs';

const WORDS = (
  'the a council river valley report minister engineer survey village water dam inspection warning ' +
  'budget figure official witness farmer bridge road school hospital harbour ledger study percent ' +
  'million people said according to claimed estimated reported denied confirmed rose fell quickly ' +
  'slowly before after during since under over near north south old new early late several many few ' +
  'record storm season evidence archive agency province mayor committee court ruling review data'
).split(' ');
const EMOJI = ['🌊', '📈', '🏛️', '🌧️', '✅', '🧭', '👩🏽‍🔬', '🇪🇺'];

export const SYNTHETIC_TITLE = 'Synthetic benchmark document (about 1 MB)';
/** The last paragraph, unique in the text: the open benchmark waits for it to be painted. */
export const SYNTHETIC_LAST_PARAGRAPH = 'End of the synthetic benchmark document.';

/** The document text: `paragraphs` paragraphs separated by blank lines (docs/format.md). */
export function syntheticDocument({ paragraphs = 3000, seed = 20260301 } = {}) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const sentence = () => {
    const n = 8 + Math.floor(random() * 9);
    const words = Array.from({ length: n }, () => pick(WORDS));
    if (random() < 0.08) words.splice(1 + Math.floor(random() * (n - 1)), 0, pick(EMOJI));
    if (random() < 0.2) words.push(String(Math.floor(random() * 10000)));
    const s = words.join(' ');
    return `${s[0].toUpperCase()}${s.slice(1)}${random() < 0.1 ? '?' : '.'}`;
  };
  const out = [SYNTHETIC_TITLE];
  for (let i = 0; i < paragraphs - 2; i++) {
    out.push(Array.from({ length: 3 + Math.floor(random() * 3) }, sentence).join(' '));
  }
  out.push(SYNTHETIC_LAST_PARAGRAPH);
  return `${out.join('\n\n')}\n`;
}
