import { describe, expect, it } from 'vitest';
import { cacheKeyOf, ifNoneMatch } from './http';

const key = (search: string) => cacheKeyOf(new URL(`http://localhost/api/timeline${search}`));

describe('cacheKeyOf', () => {
  it('is the query string, without minPosition wherever it stands', () => {
    expect(key('')).toBe('');
    expect(key('?narrative=cheap-ai&limit=2')).toBe('?narrative=cheap-ai&limit=2');
    expect(key('?minPosition=12&narrative=cheap-ai')).toBe('?narrative=cheap-ai');
    expect(key('?narrative=cheap-ai&minPosition=12&limit=2')).toBe('?narrative=cheap-ai&limit=2');
    expect(key('?min%50osition=3')).toBe('');
    expect(key('?minPosition=1')).toBe('');
  });

  it('keeps other parameters byte for byte (a malformed escape does not throw)', () => {
    expect(key('?minPosition=1&narrative=a%2Cb&x=%FF')).toBe('?narrative=a%2Cb&x=%FF');
    expect(key('?minPositions=1')).toBe('?minPositions=1');
  });
});

describe('ifNoneMatch', () => {
  it('matches weakly, in a list, or *', () => {
    expect(ifNoneMatch('W/"a.1.x"', 'W/"a.1.x"')).toBe(true);
    expect(ifNoneMatch('"a.1.x"', 'W/"a.1.x"')).toBe(true);
    expect(ifNoneMatch('W/"b", W/"a.1.x"', 'W/"a.1.x"')).toBe(true);
    expect(ifNoneMatch('*', 'W/"a.1.x"')).toBe(true);
    expect(ifNoneMatch('W/"a.2.x"', 'W/"a.1.x"')).toBe(false);
    expect(ifNoneMatch(null, 'W/"a.1.x"')).toBe(false);
  });
});
