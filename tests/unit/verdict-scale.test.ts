import { describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_SCALE } from '../../src/model/claim';
import {
  fromDrafts,
  levelIdFor,
  levelInUseMessage,
  moveItem,
  newDraft,
  removedLevelIds,
  scaleNameFor,
  toDrafts,
  validateLevels,
  validateScale,
} from '../../src/model/verdict-scale';

describe('validating a verdict scale', () => {
  it('accepts the default scale', () => {
    expect(validateScale(DEFAULT_VERDICT_SCALE)).toBeNull();
  });

  it('refuses no levels, empty labels and labels that read the same', () => {
    expect(validateLevels([])).toBe('The verdict scale needs at least one level.');
    expect(validateLevels([{ label: 'True' }, { label: '   ' }])).toBe('Level 2 has no label: give it one or remove it.');
    expect(validateLevels([{ label: '—' }])).toBe('Level 1 has no label: give it one or remove it.');
    expect(validateLevels([{ label: 'Faux' }, { label: 'True' }, { label: ' faux ' }])).toBe('Levels 1 and 3 are both labelled “faux”: labels must differ.');
    expect(validateLevels([{ label: 'Vrai' }, { label: 'Vraí' }])).toMatch(/^Levels 1 and 2/);
  });

  it('refuses missing or repeated ids', () => {
    const level = (id: string, label: string) => ({ id, label, description: '' });
    expect(validateScale({ name: 's', levels: [level('', 'A')] })).toBe('Level 1 has no id.');
    expect(validateScale({ name: 's', levels: [level('a', 'A'), level('a', 'B')] })).toBe('Two levels share the id “a”.');
  });
});

describe('level ids', () => {
  it('are a slug of the label, made unique', () => {
    expect(levelIdFor('Needs context', new Set())).toBe('needs-context');
    expect(levelIdFor('Needs Context!', new Set(['needs-context', 'needs-context-2']))).toBe('needs-context-3');
    expect(levelIdFor('Ложь', new Set())).toBe('ложь');
    expect(levelIdFor('???', new Set(['level']))).toBe('level-2');
  });

  it('stay the same when a level is renamed or moved; new levels avoid current and former ids', () => {
    const drafts = toDrafts(DEFAULT_VERDICT_SCALE);
    drafts[0] = { ...drafts[0]!, label: '  Correct ' };
    const moved = moveItem(drafts, 0, 1);
    const added = [...moved.filter((d) => d.id !== 'false'), { ...newDraft('1'), label: 'False', description: ' Not so. ' }, { ...newDraft('2'), label: 'Correct' }];
    const scale = fromDrafts(added, 'Mine', DEFAULT_VERDICT_SCALE.levels.map((l) => l.id));
    expect(scale.levels.map((l) => l.id)).toEqual(['mostly-true', 'true', 'half-true', 'mostly-false', 'unverifiable', 'false-2', 'correct']);
    expect(scale.levels[1]).toEqual({ id: 'true', label: 'Correct', description: DEFAULT_VERDICT_SCALE.levels[0]!.description });
    expect(scale.levels[5]).toEqual({ id: 'false-2', label: 'False', description: 'Not so.' });
    expect(removedLevelIds(DEFAULT_VERDICT_SCALE, scale)).toEqual(['false']);
  });

  it('gives each of several new levels with one label its own id', () => {
    const scale = fromDrafts([{ ...newDraft('a'), label: 'Odd' }, { ...newDraft('b'), label: 'odd' }], 's', []);
    expect(scale.levels.map((l) => l.id)).toEqual(['odd', 'odd-2']);
  });
});

describe('editing steps', () => {
  it('moves an item up or down, and not past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('names the scale: the default only while unchanged', () => {
    expect(scaleNameFor(DEFAULT_VERDICT_SCALE.name, DEFAULT_VERDICT_SCALE.levels)).toBe(DEFAULT_VERDICT_SCALE.name);
    expect(scaleNameFor(DEFAULT_VERDICT_SCALE.name, DEFAULT_VERDICT_SCALE.levels.slice(1))).toBe('Custom scale');
    expect(scaleNameFor('Newsroom scale', DEFAULT_VERDICT_SCALE.levels.slice(1))).toBe('Newsroom scale');
  });

  it('says why a used level cannot be removed', () => {
    expect(levelInUseMessage('False', 1)).toBe('“False” cannot be removed: 1 claim has this verdict. Give it another verdict first.');
    expect(levelInUseMessage('False', 3)).toBe('“False” cannot be removed: 3 claims have this verdict. Give them another verdict first.');
  });
});
