// The investor's flows on the dashboard, written from the user's side.
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, test, unique, expectNoSeriousAxeViolations } from './fixtures';

const NVDA_FALL = /^2025-01-27: NVIDIA falls ~17%/;
const shots = 'test-results/screenshots';

test.beforeAll(() => fs.mkdirSync(shots, { recursive: true }));

test('zoom into January 2025, open the NVIDIA fall, read its CAR, compare tickers, replay as of 2025-01-28, reload', async ({ timeline, page }) => {
  await timeline.goto();
  await timeline.preset('All').click();
  await expect(page).toHaveURL(/from=2023-04-17/);
  // At full range the January 2025 events overlap and cluster; activating a cluster zooms into it
  // (each zoom awaited through the URL it commits).
  await expect(timeline.marker(NVDA_FALL)).toHaveCount(0);
  await timeline.zoomUntilVisible(timeline.marker(NVDA_FALL), timeline.cluster(/NVIDIA falls ~17%/));
  await expect(page).toHaveURL(/from=2025-01-\d\d&to=2025-0[12]-\d\d/);
  await expect(timeline.marker(NVDA_FALL)).toBeVisible();
  // The brush picks the month.
  await timeline.preset('All').click();
  await timeline.brush('2025-01-02', '2025-01-31');
  await expect(page).toHaveURL(/from=2025-01-0\d&to=2025-01-3\d/);
  // A month is too narrow to tell three same-day markers apart: their cluster zooms in.
  await timeline.zoomUntilVisible(timeline.marker(NVDA_FALL), timeline.cluster(/NVIDIA falls ~17%/));
  await timeline.marker(NVDA_FALL).click();
  const panel = timeline.panel();
  await expect(panel.getByRole('heading', { name: /NVIDIA falls ~17%/ })).toBeVisible();
  await expect(panel.getByText('2025-01-27 (same day)')).toBeVisible();
  const nvdaTable = panel.getByRole('table', { name: /abnormal returns of NVDA/ });
  await expect(nvdaTable.getByRole('row', { name: /\[0,0\]/ })).toContainText('−13.23%***');
  await expect(page.getByText(/market-model expected price/)).toBeVisible();

  await timeline.mode().selectOption('price');
  await expect(timeline.chart()).toHaveAttribute('aria-label', /Close \(USD/);
  await timeline.mode().selectOption('rebased');
  await expect(timeline.chart()).toHaveAttribute('aria-label', /Rebased to 100 on 2025-01-27/);

  await page.getByText(/^Tickers:/).click();
  await timeline.controls().getByRole('checkbox', { name: 'AVGO' }).check();
  await expect(timeline.controls().getByText('Tickers: NVDA, SPY, AVGO')).toBeVisible();
  await expect(panel.getByRole('table', { name: /abnormal returns of AVGO/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // The SemiAnalysis report (2025-01-31) exists now…
  await timeline.brush('2025-01-20', '2025-02-05');
  await expect(timeline.markersMentioning('SemiAnalysis').first()).toBeAttached();
  // …but not as known on 2025-01-28.
  await timeline.asOf().fill('2025-01-28');
  await expect(timeline.clock('as known on 2025-01-28')).toBeVisible();
  await expect(timeline.markersMentioning('SemiAnalysis')).toHaveCount(0);
  await expect(nvdaTable.getByRole('row', { name: /\[0,5\]/ })).toHaveClass(/cut/);

  const url = page.url();
  await page.reload();
  await timeline.ready();
  expect(page.url()).toBe(url);
  await expect(timeline.panel().getByRole('heading', { name: /NVIDIA falls ~17%/ })).toBeVisible();
  await expect(timeline.asOf()).toHaveValue('2025-01-28');
  await expect(timeline.controls().getByText('Tickers: NVDA, SPY, AVGO')).toBeVisible();
  await page.screenshot({ path: `${shots}/dashboard-flow-desktop.png`, fullPage: true });
});

test('keyboard only: tab to the chart, arrows move between events, Enter opens, Escape closes', async ({ timeline, page }) => {
  await timeline.goto('?from=2025-01-20&to=2025-02-05');
  const box = timeline.chartBox();
  await box.focus();
  await expect(box).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/event=/);
  const first = new URL(page.url()).searchParams.get('event');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => new URL(page.url()).searchParams.get('event')).not.toBe(first);
  await page.keyboard.press('Enter');
  await expect(timeline.panel().getByRole('heading', { level: 2 })).toBeFocused();
  await box.focus();
  await page.keyboard.press('Escape');
  await expect(timeline.panel()).toHaveCount(0);
  await expect(page).not.toHaveURL(/event=/);
});

test('show as table renders the chart data; export downloads exactly the events in view', async ({ timeline, page, api: client }) => {
  await timeline.goto('?from=2025-01-01&to=2025-01-31');
  await page.getByLabel('Show as table').check();
  await expect(timeline.eventsTable()).toBeVisible();
  // Relative to the API, which includes whatever other specs recorded in January 2025.
  const api = await client.timeline('?from=2025-01-01&to=2025-01-31');
  await expect(timeline.entries()).toHaveCount(api.entries.length);

  await page.getByText('Export events CSV').click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /Download impactline-timeline_2025-01-01_2025-01-31\.csv/ }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('impactline-timeline_2025-01-01_2025-01-31.csv');
  const text = fs.readFileSync((await file.path())!, 'utf8');
  const records = parse(text, { columns: true }) as Record<string, string>[];
  expect(Object.keys(records[0]!)).toEqual([
    'id', 'date', 'time_utc', 'kind', 'narrative', 'title', 'summary', 'tickers', 'entities', 'figures', 'source_urls', 'status', 'version',
    // appended by issue 17 so the export imports back (POST /api/timeline/import)
    'source_title', 'source_url', 'source_publisher', 'source_published',
  ]);
  expect(records.map((r) => r.id)).toEqual(api.entries.map((e) => e.id));
  expect(records.every((r) => r.date! >= '2025-01-01' && r.date! <= '2025-01-31')).toBe(true);
});

test('the live dashboard shows a new ledger event without a reload', async ({ timeline, api }, testInfo) => {
  // Its own entry, with a title no other test or earlier run on this server shares.
  const title = unique(testInfo, 'Live update check entry');
  await timeline.goto('?from=2025-01-01&to=2025-01-31&table=1');
  // Relative: January 2025 already holds whatever other specs recorded there.
  const before = (await api.timeline('?from=2025-01-01&to=2025-01-31')).entries.length;
  await expect(timeline.entries()).toHaveCount(before);
  await api.recordEntry({ date: '2025-01-15', kind: 'report', title, summary: 'Recorded by the e2e suite to check live updates.', narrative: 'other', reason: 'e2e live check', sources: [{ title: 'e2e', url: 'https://example.org/e2e' }] });
  await expect(timeline.entry(title)).toBeVisible({ timeout: 15_000 });
  await expect(timeline.entries()).toHaveCount(before + 1);
});

test('axe finds no serious or critical violations on the dashboard and the event page', async ({ timeline, page }) => {
  for (const path of ['/?event=nvda-record-one-day-loss&from=2025-01-01&to=2025-02-28', '/events/nvda-record-one-day-loss']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { name: /NVIDIA falls ~17%/ })).toBeVisible();
    await expect(page.getByRole('table', { name: /abnormal returns of NVDA/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  }
  void timeline;
});

test.describe('phone width', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('dashboard and event page fit a 390px screen without horizontal scroll', async ({ timeline, page }) => {
    await timeline.goto('?event=nvda-record-one-day-loss&from=2025-01-01&to=2025-02-28');
    await expect(timeline.panel().getByRole('table', { name: /abnormal returns of NVDA/ })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/dashboard-phone.png`, fullPage: true });
    await page.goto('/events/nvda-record-one-day-loss');
    await expect(page.getByRole('table', { name: /abnormal returns of NVDA/ })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${shots}/event-page-phone.png`, fullPage: true });
  });
});

test('desktop screenshots of the dashboard and event page', async ({ timeline, page }) => {
  await timeline.goto('?event=nvda-record-one-day-loss&from=2024-12-01&to=2025-03-15');
  await expect(timeline.panel().getByRole('table', { name: /abnormal returns of NVDA/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/dashboard-desktop.png`, fullPage: true });
  await page.goto('/events/nvda-record-one-day-loss');
  await expect(page.getByRole('table', { name: /abnormal returns of NVDA/ })).toBeVisible();
  await page.screenshot({ path: `${shots}/event-page-desktop.png`, fullPage: true });
});
