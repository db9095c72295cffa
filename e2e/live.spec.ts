// Live updates across app processes (the PostgreSQL run): a dashboard served by a second
// `next start` process on the same database shows an entry written through the first within 2 s
// (LISTEN/NOTIFY tells every process; /api/live pushes the position to the browser).
import fs from 'node:fs';
import { startServer, type RealServer } from '../tests/real-server';
import { expect, test, unique } from './fixtures';
import { ADMIN_TOKEN, E2E_POSTGRES, PG_URL_FILE } from './env';

test('a write through one app process reaches a dashboard on another within 2 s', async ({ page, timeline, api }, testInfo) => {
  test.skip(!E2E_POSTGRES, 'needs two app processes on one database: the PostgreSQL run');
  test.setTimeout(180_000);
  let other: RealServer | null = null;
  try {
    other = await startServer({ dbFile: fs.readFileSync(PG_URL_FILE, 'utf8').trim(), token: ADMIN_TOKEN });
    const title = unique(testInfo, 'Cross-process live entry');
    const live = page.waitForRequest((r) => r.url().endsWith('/api/live'));
    await page.goto(`${other.url}/?from=2025-01-01&to=2025-01-31&table=1`);
    await live;
    const before = (await api.timeline('?from=2025-01-01&to=2025-01-31')).entries.length;
    await expect(timeline.entries()).toHaveCount(before);
    // Written through the first process (the API client talks to BASE_URL), shown by the second.
    await api.recordEntry({ date: '2025-01-15', kind: 'report', title, summary: 'Written through process A, seen on process B.', narrative: 'other', reason: 'e2e cross-process live check', sources: [{ title: 'e2e', url: 'https://example.org/e2e' }] });
    await expect(timeline.entry(title)).toBeVisible({ timeout: 2_000 });
  } finally {
    await other?.stop();
  }
});
