// The setup project (runs before every spec; see playwright.config.ts). The webServer
// (scripts/e2e-server.mjs) starts the app on a fresh, dedicated SQLite file that the normal
// start-up path seeds from data/seed; this checks that it is that database, seeded and ready,
// and stores a signed-in editor's browser state for the specs that edit.
import fs from 'node:fs';
import path from 'node:path';
import { expect, test as setup } from './fixtures';
import { ADMIN_STATE, DB_FILE, E2E_POSTGRES, PG_URL_FILE, SEED_DIR } from './env';

const count = (file: string) => (JSON.parse(fs.readFileSync(path.join(SEED_DIR, file), 'utf8')) as unknown[]).length;

setup('the server is up on its own database file, seeded from data/seed', async ({ api }) => {
  await expect.poll(async () => (await api.health()).ok, { message: 'GET /api/health answers ok' }).toBe(true);
  if (E2E_POSTGRES) expect(fs.readFileSync(PG_URL_FILE, 'utf8'), 'the e2e PostgreSQL database').toMatch(/^postgresql:\/\//);
  else expect(fs.existsSync(DB_FILE), `the e2e database ${DB_FILE}`).toBe(true);

  // What the seed must have appended: one event per narrative, two per ticker (listed, bars),
  // one per timeline entry and one per claim.
  const tickers = count('tickers.json');
  const expected: Record<string, number> = {
    NarrativeDefined: count('narratives.json'),
    TickerListed: tickers,
    PriceBarsImported: tickers,
    TimelineEntryRecorded: count('events.json'),
    CostClaimAsserted: count('claims.json'),
  };
  const total = Object.values(expected).reduce((a, b) => a + b, 0);

  const events = await api.events();
  const seeded = events.filter((e) => e.event_id.startsWith('seed:'));
  const byType: Record<string, number> = {};
  for (const e of seeded) byType[e.type] = (byType[e.type] ?? 0) + 1;
  expect(byType).toEqual(expected);
  // The seed is the start of the ledger, in one block: positions 1..total, gapless.
  expect(seeded.map((e) => e.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  expect(seeded.every((e) => e.metadata.actor === 'seed')).toBe(true);
  expect(await api.position()).toBeGreaterThanOrEqual(total);

  // The read side is ready too: the timeline lists every seeded entry.
  const timeline = await api.timeline();
  expect(timeline.entries.length).toBeGreaterThanOrEqual(expected.TimelineEntryRecorded!);
});

setup('sign in as the editor once, for the specs that edit', async ({ page, signInPage }) => {
  await signInPage.signIn();
  fs.mkdirSync(path.dirname(ADMIN_STATE), { recursive: true });
  await page.context().storageState({ path: ADMIN_STATE });
});
