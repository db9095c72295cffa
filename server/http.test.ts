import { describe, expect, it } from 'vitest';
import { cacheKeyOf, ifNoneMatch, preferredEncoding } from './http';

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

describe('preferredEncoding', () => {
  it('prefers Brotli, then gzip, as a browser offers them', () => {
    expect(preferredEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredEncoding('gzip, deflate')).toBe('gzip');
    expect(preferredEncoding('GZIP')).toBe('gzip');
  });

  it('honours q-values, q=0 refusing a coding, and *', () => {
    expect(preferredEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(preferredEncoding('br; q=0 , gzip ; q=0')).toBe(null);
    expect(preferredEncoding('*')).toBe('br');
    expect(preferredEncoding('*;q=0, gzip')).toBe('gzip');
    expect(preferredEncoding('br;q=0.001')).toBe('br');
    expect(preferredEncoding('br;q=0, gzip ; q=1')).toBe('gzip');
  });

  it('is none without the header, or with only codings it does not make', () => {
    expect(preferredEncoding(null)).toBe(null);
    expect(preferredEncoding('')).toBe(null);
    expect(preferredEncoding('identity')).toBe(null);
    expect(preferredEncoding('deflate, zstd')).toBe(null);
    expect(preferredEncoding('br;q=abc')).toBe(null);
  });
});
