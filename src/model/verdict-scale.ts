/**
 * Editing the verdict scale (Settings): the rules a scale must keep and the steps of the editor, pure.
 * Claims store a level's id, so an id never changes once given: renaming a level changes its label
 * only, a new level gets an id made from its label that no level has or had, and a level that claims
 * use cannot be removed.
 */
import { DEFAULT_VERDICT_SCALE, type VerdictLevel, type VerdictScale } from './claim';
import { matchKey } from './match-key';

/** A level being edited. `id` is null for a level added in the editor and not yet saved. */
export interface LevelDraft {
  /** Stable while editing (React key, element ids); not stored. */
  key: string;
  id: string | null;
  label: string;
  description: string;
}

/** The drafts of a stored scale's levels. */
export function toDrafts(scale: VerdictScale): LevelDraft[] {
  return scale.levels.map((l) => ({ key: `level:${l.id}`, id: l.id, label: l.label, description: l.description }));
}

/** A new, empty level whose draft key is `key` (the caller makes it unique). */
export function newDraft(key: string): LevelDraft {
  return { key: `new:${key}`, id: null, label: '', description: '' };
}

/**
 * Why these levels cannot be saved, or null if they can: a scale needs a level, every level a label,
 * and no two labels may read the same (ignoring case, accents and punctuation).
 */
export function validateLevels(levels: readonly Pick<LevelDraft, 'label'>[]): string | null {
  if (levels.length === 0) return 'The verdict scale needs at least one level.';
  const seen = new Map<string, number>();
  for (const [i, level] of levels.entries()) {
    const key = matchKey(level.label);
    if (level.label.trim() === '' || key === '') return `Level ${i + 1} has no label: give it one or remove it.`;
    const other = seen.get(key);
    if (other !== undefined) return `Levels ${other + 1} and ${i + 1} are both labelled “${level.label.trim()}”: labels must differ.`;
    seen.set(key, i);
  }
  return null;
}

/** Why a whole scale is not valid (see validateLevels; also every id present and unique), or null. */
export function validateScale(scale: VerdictScale): string | null {
  const problem = validateLevels(scale.levels);
  if (problem) return problem;
  const ids = new Set<string>();
  for (const [i, level] of scale.levels.entries()) {
    if (level.id === '') return `Level ${i + 1} has no id.`;
    if (ids.has(level.id)) return `Two levels share the id “${level.id}”.`;
    ids.add(level.id);
  }
  return null;
}

/**
 * An id for a new level: its label as a slug ("Needs context" → "needs-context"), with a number added
 * when `taken` has it already. Letters of any script are kept; a label without any gives "level".
 */
export function levelIdFor(label: string, taken: ReadonlySet<string>): string {
  const slug = matchKey(label).replace(/ /g, '-') || 'level';
  if (!taken.has(slug)) return slug;
  let n = 2;
  while (taken.has(`${slug}-${n}`)) n++;
  return `${slug}-${n}`;
}

/**
 * The scale the drafts make, labels and descriptions trimmed. Levels keep their ids; new levels get
 * one that neither a draft nor any of `formerIds` (the stored scale's levels) has.
 */
export function fromDrafts(drafts: readonly LevelDraft[], name: string, formerIds: Iterable<string>): VerdictScale {
  const taken = new Set<string>(formerIds);
  for (const d of drafts) if (d.id !== null) taken.add(d.id);
  const levels: VerdictLevel[] = drafts.map((d) => {
    const label = d.label.trim();
    const id = d.id ?? levelIdFor(label, taken);
    taken.add(id);
    return { id, label, description: d.description.trim() };
  });
  return { name, levels };
}

/**
 * The name the edited scale is saved under: the default's name only while its levels are the
 * default's; an edited default becomes "Custom scale"; a scale with another name keeps it.
 */
export function scaleNameFor(storedName: string, levels: readonly VerdictLevel[]): string {
  if (sameLevels(levels, DEFAULT_VERDICT_SCALE.levels)) return DEFAULT_VERDICT_SCALE.name;
  return storedName === DEFAULT_VERDICT_SCALE.name ? 'Custom scale' : storedName;
}

/** Same ids, labels and descriptions in the same order. */
export function sameLevels(a: readonly VerdictLevel[], b: readonly VerdictLevel[]): boolean {
  return a.length === b.length && a.every((l, i) => l.id === b[i]!.id && l.label === b[i]!.label && l.description === b[i]!.description);
}

/** A copy of `list` with the item at `index` moved by `delta` places; unchanged when it cannot move. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  const out = [...list];
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return out;
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item!);
  return out;
}

/** Ids of `before`'s levels that `after` no longer has. */
export function removedLevelIds(before: VerdictScale, after: VerdictScale): string[] {
  const kept = new Set(after.levels.map((l) => l.id));
  return before.levels.map((l) => l.id).filter((id) => !kept.has(id));
}

/** The refusal shown when a level that `count` claims use is to be removed. */
export function levelInUseMessage(label: string, count: number): string {
  const claims = count === 1 ? '1 claim has' : `${count} claims have`;
  return `“${label}” cannot be removed: ${claims} this verdict. Give ${count === 1 ? 'it' : 'them'} another verdict first.`;
}
