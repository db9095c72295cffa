import { describe, expect, it } from 'vitest';
import { exportViews, mergeViews, parseViewsFile, readStored, removeView, upsertView, type SavedView } from './saved-views';

const view = (name: string, href = '/?from=2025-01-01&to=2025-02-28'): SavedView => ({ name, href, savedAt: '2026-01-01T00:00:00.000Z' });

describe('saved views', () => {
  it('given a view with a name already saved, replaces it (case-insensitively) and puts it first', () => {
    const list = upsertView(upsertView([view('January')], view('February')), view('january', '/?from=2025-01-02'));
    expect(list.map((v) => [v.name, v.href])).toEqual([
      ['january', '/?from=2025-01-02'],
      ['February', '/?from=2025-01-01&to=2025-02-28'],
    ]);
    expect(removeView(list, 'February').map((v) => v.name)).toEqual(['january']);
  });
  it('round-trips through an exported file', () => {
    const views = [view('A'), view('B', '/narratives?tickers=NVDA%2CAVGO')];
    expect(parseViewsFile(exportViews(views))).toEqual({ ok: true, views });
  });
  it('merges an import, counting new and replaced names', () => {
    const r = mergeViews([view('A'), view('B')], [view('B', '/?event=x'), view('C')]);
    expect(r).toMatchObject({ added: 1, replaced: 1 });
    expect(r.views.find((v) => v.name === 'B')!.href).toBe('/?event=x');
  });
  it('refuses a file that is not ours, naming what is wrong, and imports nothing', () => {
    expect(parseViewsFile('nope')).toEqual({ ok: false, error: 'the file is not JSON' });
    expect(parseViewsFile('{"views":[]}')).toMatchObject({ ok: false, error: expect.stringContaining('app') });
    const evil = JSON.stringify({ app: 'impactline', kind: 'saved-views', version: 1, views: [view('x', 'https://evil.example/')] });
    expect(parseViewsFile(evil)).toMatchObject({ ok: false, error: expect.stringMatching(/^views\.0\.href: must be a path on this site/) });
    const protocolRelative = JSON.stringify({ app: 'impactline', kind: 'saved-views', version: 1, views: [view('x', '//evil.example/')] });
    expect(parseViewsFile(protocolRelative).ok).toBe(false);
  });
  it('treats unreadable storage as nothing saved', () => {
    expect(readStored(null)).toEqual([]);
    expect(readStored('{')).toEqual([]);
    expect(readStored(JSON.stringify([view('A')]))).toEqual([view('A')]);
  });
});
