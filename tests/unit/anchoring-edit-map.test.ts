import { describe, expect, it } from 'vitest';
import { createEditMap } from '../../src/anchoring/edit-map';

const OLD = 'The reservoir held about 18 million cubic metres when the wall gave way. Emergency chief Dragan Tsvetkov said 47 people were killed and 19 remain missing in the valley below the dam.';

describe('createEditMap', () => {
  it('maps positions through a replacement, an insertion and a deletion', () => {
    const revised = OLD.replace('18 million', '19 million').replace('Emergency chief', 'The emergency chief').replace(' in the valley', '');
    const map = createEditMap(OLD, revised);
    // Before every edit: unchanged.
    expect(map.map(4)).toEqual({ at: 4, aligned: true });
    // After the replacement (same length) and the insertion of 4 units.
    const said = OLD.indexOf('said');
    expect(map.map(said).at).toBe(revised.indexOf('said'));
    // After the deletion, at the end.
    expect(map.map(OLD.length)).toEqual({ at: revised.length, aligned: true });
    // A span wholly in a shared block moves by that block's shift; one over an edit does not.
    const killed = OLD.indexOf('47 people were killed');
    expect(map.shiftOf(killed, killed + 21)).toBe(revised.indexOf('47 people were killed') - killed);
    expect(map.shiftOf(OLD.indexOf('18 million'), OLD.indexOf('18 million') + 10)).toBeNull();
  });

  it('gives the region an edited span became, and none when the text around it was rewritten at length', () => {
    const revised = OLD.replace('47 people were killed', '52 people died');
    const map = createEditMap(OLD, revised);
    const from = OLD.indexOf('47 people were killed');
    const region = map.regionOf(from, from + 21, 100)!;
    expect(revised.slice(region.from, region.to)).toContain('52 people died'.slice(1));
    const rewritten = `${'Something else entirely, for a long while. '.repeat(80)}${OLD.slice(-40)}`;
    expect(createEditMap(OLD, rewritten).regionOf(10, 20, 100)).toBeNull();
  });
});
