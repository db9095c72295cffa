// A second episode without code changes, in a real browser. The fictional test episode
// (tests/fixtures/episodes) is imported four times, each its own copy — through the /import page,
// the API (JSON bundle), a timeline CSV and the CLI — into a server of this spec's own (a fresh
// database, started here and stopped at the end), so that its new narrative lanes never reach the
// ledger the other specs share. Then each copy shows on the dashboard's lanes, on /narratives and
// in every export; a label holding markup stays inert text in every view and in the SVG. On the
// PostgreSQL run (part of its smoke set) that database is a new one in the run's throwaway cluster.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { APIRequestContext, Page } from '@playwright/test';
import pg from 'pg';
import { startServer, type RealServer } from '../tests/real-server';
import { bundleVariant, entriesCsv } from '../tests/fixtures/episodes/variant';
import { ADMIN_TOKEN, E2E_POSTGRES, PG_URL_FILE } from './env';
import { expect, signedIn, test, expectNoSeriousAxeViolations } from './fixtures';

const XSS = '<img src=x onerror="window.__xss=1">';
const SHOTS = path.resolve('test-results/screenshots');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impactline-episodes-e2e-'));
/** This spec's database: a SQLite file, or (PostgreSQL run) the URL of a new database in the run's cluster. */
let database = path.join(dir, 'episodes.db');
let server: RealServer;
let base: string;

async function newPostgresDatabase(): Promise<string> {
  const url = new URL(fs.readFileSync(PG_URL_FILE, 'utf8').trim());
  const name = `impactline_e2e_episodes_${Date.now().toString(36)}`;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  url.pathname = `/${name}`;
  return url.toString();
}

/** The environment that points a script (the CLI, the rebuild) at this spec's database. */
const databaseEnv = () =>
  E2E_POSTGRES ? { DATABASE_URL: database, IMPACTLINE_DB: '', DATABASE_READ_URL: '' } : { IMPACTLINE_DB: database, DATABASE_URL: '', DATABASE_READ_URL: '' };

test.describe.configure({ mode: 'serial' });
test.use(signedIn);

test.beforeAll(async () => {
  test.setTimeout(600_000);
  // The same build as the e2e server (IMPACTLINE_DIST_DIR passes through), its own database.
  if (E2E_POSTGRES) database = await newPostgresDatabase();
  server = await startServer({ dbFile: database, token: ADMIN_TOKEN });
  // "localhost", as the signed-in state's cookie was set for it.
  base = `http://localhost:${server.port}`;
});

test.afterAll(async () => {
  await server?.stop();
});

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const post = (request: APIRequestContext, url: string, data: unknown, contentType = 'application/json') =>
  request.post(`${base}${url}`, { headers: { ...auth, 'content-type': contentType }, data: typeof data === 'string' ? data : JSON.stringify(data) });

async function screenshot(page: Page, name: string) {
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: path.join(SHOTS, `episodes-${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('imports the episode through the /import page: check, problems, import, nothing new the second time', async ({ page }) => {
  const bundle = bundleVariant('ui');
  bundle.narratives[0]!.label = `${bundle.narratives[0]!.label} ${XSS}`;
  const file = path.join(dir, 'episode-ui.json');
  fs.writeFileSync(file, JSON.stringify(bundle));
  const broken = path.join(dir, 'episode-broken.json');
  const bad = bundleVariant('broken');
  bad.entries[3] = { ...bad.entries[3]!, sources: [{ title: 'x', url: 'javascript:alert(1)' }] };
  fs.writeFileSync(broken, JSON.stringify(bad));

  await page.goto(`${base}/import`);
  await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
  const input = page.getByLabel('Episode file (JSON bundle or timeline CSV)');

  // A broken bundle: every problem by item and field, and no Import button.
  await input.setInputFiles(broken);
  const refused = page.getByRole('alert').filter({ hasText: 'This file cannot be imported as it is' });
  await expect(refused).toContainText('entries[3].sources[0].url');
  await expect(refused).toContainText('must be an http(s) URL');
  await expect(page.getByRole('button', { name: /^Import \d+ items$/ })).toHaveCount(0);

  await input.setInputFiles(file);
  const check = page.getByRole('region', { name: 'Episode check' });
  await expect(check.getByRole('heading', { name: 'Ready to import' })).toBeVisible();
  await expect(check.getByRole('row', { name: /Timeline entries 20 0/ })).toBeVisible();
  await expect(check.getByRole('row', { name: /Cost claims 5 0/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, 'import-check');

  await page.getByRole('button', { name: 'Import 28 items' }).click();
  const result = page.getByRole('region', { name: 'Episode result' });
  await expect(result.getByRole('heading', { name: 'Episode imported' })).toBeVisible();
  await expect(result).toContainText('Recorded 28 events');

  // The same file again: the check says nothing is new.
  await page.reload();
  await page.getByLabel('Episode file (JSON bundle or timeline CSV)').setInputFiles(file);
  await expect(page.getByRole('region', { name: 'Episode check' }).getByRole('row', { name: /Timeline entries 0 20/ })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Import (nothing new)' })).toBeVisible();
});

test('imports the episode through the API, a timeline CSV and the CLI', async ({ request }) => {
  const api = await post(request, '/api/episodes/import', bundleVariant('api'));
  expect(api.status(), await api.text()).toBe(201);
  expect(await api.json()).toMatchObject({ narratives: 1, tickers: 2, entries: 20, claims: 5 });
  expect((await post(request, '/api/episodes/import', bundleVariant('api'))).status()).toBe(200);

  const csv = bundleVariant('csv');
  expect((await post(request, '/api/narratives', { id: csv.narratives[0]!.id, label: csv.narratives[0]!.label })).status()).toBe(201);
  const res = await post(request, '/api/timeline/import', entriesCsv(csv.entries), 'text/csv');
  expect(res.status(), await res.text()).toBe(201);
  expect(await res.json()).toMatchObject({ entries: 20, rows: 20 });

  const file = path.join(dir, 'episode-cli.json');
  fs.writeFileSync(file, JSON.stringify(bundleVariant('cli')));
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/import-episode.ts', file], { env: { ...process.env, ...databaseEnv() } });
  expect(stdout).toMatch(/entries +20 recorded/);
});

test('every copy shows on the dashboard lanes, with its markers; markup in a label stays text', async ({ page }) => {
  await page.goto(`${base}/?from=2025-01-20&to=2025-06-10`);
  const chart = page.getByRole('img', { name: /^Timeline chart/ });
  await expect(chart).toHaveAttribute('data-ready', 'true');
  const lanes = page.locator('text.lane-label');
  for (const suffix of ['api', 'csv', 'cli']) await expect(lanes.filter({ hasText: `[test data] Chip export rule (${suffix})` })).toHaveCount(1);
  await expect(lanes.filter({ hasText: XSS })).toHaveCount(1);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await expect(page.locator('.timeline-chart img')).toHaveCount(0);
  // The episode's markers: an event of each copy can be found by its title.
  await expect(page.locator('[data-marker]').filter({ has: page.locator('title', { hasText: 'Fictional chip maker A falls on the draft (api)' }) })).toHaveCount(1);
  await screenshot(page, 'dashboard');

  // The SVG image of the chart carries the label as escaped text, never as an element.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download SVG of the timeline chart' }).click()]);
  const svg = fs.readFileSync(await download.path(), 'utf8');
  expect(svg).toContain('&lt;img src=x onerror=');
  const parsed = await page.evaluate((s) => {
    const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
    return { errors: doc.querySelectorAll('parsererror').length, imgs: doc.getElementsByTagName('img').length };
  }, svg);
  expect(parsed).toEqual({ errors: 0, imgs: 0 });
});

test('every copy shows on /narratives: its claims on the ladder, its lane in the legend and the aggregates', async ({ page }) => {
  await page.goto(`${base}/narratives?from=2025-01-15&to=2025-06-15`);
  await expect(page.getByRole('img', { name: /^Claim ladder/ })).toBeVisible();
  const legend = page.getByRole('list', { name: 'Legend' });
  for (const suffix of ['ui', 'api', 'cli']) await expect(legend).toContainText(`[test data] Chip export rule (${suffix})`);
  await expect(page.locator('.ladder-hits').getByRole('button', { name: /^Fictional Think Tank: Operating cost \$900M, asserted 2025-03-10, disputed|^Fictional Trade Ministry: Operating cost \$120M, asserted 2025-02-18, disputed/ })).not.toHaveCount(0);
  const aggregates = page.getByRole('table', { name: /per narrative/ });
  await expect(aggregates).toContainText('[test data] Chip export rule (api)');
  await expect(page.locator('.narratives-page img')).toHaveCount(0);
  await screenshot(page, 'narratives');
});

test('every copy is in every export', async ({ request }) => {
  const csv = async (url: string) => {
    const res = await request.get(`${base}${url}`);
    expect(res.status(), url).toBe(200);
    return res.text();
  };
  for (const suffix of ['ui', 'api', 'csv', 'cli']) {
    const timeline = await csv(`/api/export/timeline.csv?narrative=test-chip-${suffix}-rule`);
    expect(timeline.trim().split('\r\n'), suffix).toHaveLength(21);
  }
  const claims = await csv('/api/export/claims.csv');
  for (const suffix of ['ui', 'api', 'cli']) expect(claims).toContain(`test-chip-${suffix}-c4`);
  const narratives = await csv('/api/export/narratives.csv?tickers=NVDA');
  for (const suffix of ['ui', 'api', 'csv', 'cli']) expect(narratives).toContain(`test-chip-${suffix}-rule,NVDA,`);
  expect(await csv('/api/export/ledger.csv?type=NarrativeDefined')).toContain('test-chip-cli-rule');
});

test('the rebuilt projections equal the live ones', async () => {
  const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/rebuild.ts'], { env: { ...process.env, ...databaseEnv() } });
  expect(stdout).toMatch(/narratives +\d+ rows .* equal to live/);
  expect(stdout).not.toMatch(/DIFFERS/);
});
