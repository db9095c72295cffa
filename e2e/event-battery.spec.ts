import fs from 'node:fs';
import { expect, test } from './fixtures';
import { PeersSection } from './pages/stats-pages';

// Read-only: the seed's 2025-01-27 sell-off across the subject, its peers and the sector ETFs.

const SELLOFF = 'nvda-record-one-day-loss';
const SEMIS = ['NVDA', 'AVGO', 'TSM', 'AMD', 'MU', 'SMCI', 'ASML'];

type Tests = { n: number; tests: Record<string, { statistic: number | null; p_value: number | null; n: number }>; pairs: { ticker: string; car: number }[] };

const fmt = (x: number) => (x < 0 ? `−${Math.abs(x).toFixed(2)}` : x.toFixed(2));

test('the event page shows the sell-off across peers and ETFs, and the battery over the checked tickers', async ({ page, api }) => {
  await page.goto(`/events/${SELLOFF}`);
  const peers = PeersSection.of(page);
  await expect(peers.table()).toBeVisible();
  for (const t of [...SEMIS, 'SMH', 'SOXX', 'QQQ']) await expect(peers.table().getByRole('rowheader', { name: new RegExp(`^${t}\\b`) })).toBeVisible();
  // ETFs are shown but not in the tests
  await expect(peers.include('SMH')).toHaveCount(0);

  // leave the seven chip stocks of the example
  const listed = (await (await api.request.get('/api/tickers')).json()) as { tickers: { symbol: string; role: string }[] };
  for (const t of listed.tickers.filter((x) => x.role === 'peer' && !SEMIS.includes(x.symbol))) await peers.include(t.symbol).uncheck();
  await expect(peers.root.getByRole('heading', { name: /^Tests over 7 pairs/ })).toBeVisible();

  const expected = (await (await api.request.get(`/api/impacts/tests?events=${SELLOFF}&tickers=${SEMIS.join(',')}`)).json()) as Tests;
  expect(expected.n).toBe(7);
  const patell = peers.testRow(/^Patell Z/);
  await expect(patell.getByRole('cell').first()).toHaveText(`Z ${fmt(expected.tests.patell!.statistic!)}`);
  await expect(peers.testRow(/^Kolari–Pynnönen/)).toContainText('clustering');
  await expect(peers.testRow(/^Corrado rank/)).toContainText('No normality');
  await expect(peers.testRow(/^Cross-sectional t/).getByRole('cell').first()).toHaveText(`t ${fmt(expected.tests.cross_sectional_t!.statistic!)}`);
  await expect(peers.battery().getByRole('row')).toHaveCount(10);

  await peers.root.getByText('Export tests CSV').click();
  const link = peers.root.getByRole('link', { name: /Download impactline-tests\.csv/ });
  const href = (await link.getAttribute('href'))!;
  const tickers = new URL(href, 'http://x').searchParams.get('tickers')!.split(',');
  expect([...tickers].sort()).toEqual([...SEMIS].sort());
  const csv = await page.request.get(href);
  expect(csv.status()).toBe(200);
  expect((await csv.text()).split('\r\n')[0]).toMatch(/^test,label,statistic,p_value,n,distribution,df,reason,/);
});

test('the window changes the cross-section; the AR/CAR chart has a volume mode', async ({ timeline, page }) => {
  await timeline.goto(`?event=${SELLOFF}&from=2025-01-01&to=2025-02-28`);
  const panel = timeline.panel();
  const peers = PeersSection.of(panel);
  await expect(peers.table()).toBeVisible();
  const nvda = peers.table().getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^NVDA/ }) });
  const before = await nvda.getByRole('cell').nth(1).textContent();
  await peers.root.getByLabel('Event window').selectOption('0:0');
  await expect(nvda.getByRole('cell').nth(1)).not.toHaveText(before!);
  await expect(peers.battery()).toBeVisible();

  await panel.getByRole('radio', { name: 'Abnormal volume' }).check();
  await expect(panel.getByRole('img', { name: /Daily abnormal log volume of NVDA/ })).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Daily abnormal volume — NVDA' })).toBeVisible();
  // The image download follows the mode: the volume chart with its own stamp and legend.
  const images = panel.getByRole('group', { name: 'Download the abnormal volume chart as an image' });
  await expect(images).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), images.getByRole('button', { name: /^Download SVG/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^impactline-abnormal-volume-chart_/);
  const svg = fs.readFileSync((await download.path())!, 'utf8');
  expect(svg).toContain('Daily abnormal volume of NVDA');
  expect(svg).toContain('cumulative (CAV)');
  await page.setViewportSize({ width: 1440, height: 1000 });
  await panel.locator('.ar-chart-wrap').screenshot({ path: 'test-results/screenshots/event-volume-chart-1440.png' });
  await panel.getByRole('radio', { name: 'Abnormal returns' }).check();
  await expect(panel.getByRole('img', { name: /Daily abnormal return of NVDA/ })).toBeVisible();
});

test('as of the sell-off day the window is not complete: the battery says so instead of testing', async ({ page }) => {
  await page.goto(`/events/${SELLOFF}?asOf=2025-01-27`);
  const peers = PeersSection.of(page);
  await expect(peers.root.getByRole('heading', { name: /^Tests over 0 pairs/ })).toBeVisible();
  await expect(peers.root.getByText(/No ticker has a complete window at this clock: window \[-1,1\] incomplete/)).toBeVisible();
  await peers.root.getByLabel('Event window').selectOption('0:0');
  await expect(peers.root.getByRole('heading', { name: /^Tests over \d+ pairs/ })).not.toHaveText(/over 0 pairs/);
});
