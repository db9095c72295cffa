import { describe, expect, it } from 'vitest';
import { fitLabel, laneLabelChars } from './labels';

describe('labels that fit', () => {
  it('keeps a short label, and cuts a long one with an ellipsis', () => {
    expect(fitLabel('Market reaction', 16)).toBe('Market reaction');
    expect(fitLabel('[test data] Chip export rule', 16)).toBe('[test data] Chi…');
    expect(fitLabel('Chip export rule', 9)).toBe('Chip exp…');
    expect([...fitLabel('🐳🐳🐳🐳🐳', 3)]).toHaveLength(3);
  });

  it('fits the bundled names in the desktop and narrow margins', () => {
    expect(laneLabelChars(104)).toBe(16);
    expect(laneLabelChars(62)).toBe(9);
    for (const name of ['Cheap AI', 'True cost', 'Market reaction', 'Capex race', 'Other']) expect(fitLabel(name, laneLabelChars(104))).toBe(name);
  });
});
