import fs from 'node:fs';
import { expect, test, expectNoSeriousAxeViolations } from './fixtures';
import { HeatmapPage } from './pages/stats-pages';

// Read-only. Other specs may record entries while this one runs, so every number is read from
// the API in the same test rather than written down; the seed's sell-off row is the anchor.

const SELLOFF = 'nvda-record-one-day-loss';
const SELLOFF_TITLE = /NVIDIA falls ~17%/;

type Matrix = {
  events: { id: string; date: string; title: string; narrative: string; kind: string }[];
  tickers: string[];
  cells: ({ car: number; t: number; p: number | null } | null)[][];
  rows: { caar: number | null }[];
  params: { benchmark: string };
};

/** The cell text, restated independently: CAR in percent to one decimal (− for a fall), stars * p < 0.05, ** p < 0.01. */
const cellText = (c: { car: number; p: number | null }) =>
  `${c.car >= 0 ? '+' : '−'}${Math.abs(c.car * 100).toFixed(1)}%${c.p !== null && c.p < 0.01 ? '**' : c.p !== null && c.p < 0.05 ? '*' : ''}`;

test('the nav leads to the heatmap; each cell shows the CAR and stars of the matrix API, and opens the dashboard', async ({ page, api }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Heatmap' }).click();
  await expect(page).toHaveURL(/\/heatmap$/);
  const heatmap = new HeatmapPage(page);
  await expect(heatmap.grid()).toBeVisible();

  const m = (await (await api.request.get('/api/impacts/matrix')).json()) as Matrix;
  expect(m.tickers.slice(0, 1)).toEqual(['NVDA']);
  const r = m.events.findIndex((e) => e.id === SELLOFF);
  const c = m.tickers.indexOf('AMD');
  const amd = m.cells[r]![c]!;
  const cell = heatmap.cell(new RegExp(`^AMD, 2025-01-27 NVIDIA falls`));
  await expect(cell).toHaveText(cellText(amd));
  await expect(heatmap.row(SELLOFF_TITLE).locator('[data-cell]')).toHaveCount(m.tickers.length);
  // the dates are in order and the columns are the subject then its peers
  await expect(heatmap.grid().getByRole('columnheader')).toHaveText(['Event', ...m.tickers, 'CAAR']);

  await cell.click();
  await expect(page).toHaveURL(new RegExp(`[?&]event=${SELLOFF}`));
  await expect(page).toHaveURL(/tickers=AMD%2CSPY|tickers=AMD,SPY/);
  await expect(page.getByRole('complementary', { name: 'Selected event' }).getByRole('heading', { name: SELLOFF_TITLE })).toBeVisible();
});

test('filters, window, model and returns live in the URL and survive a reload', async ({ page, api }) => {
  const heatmap = new HeatmapPage(page);
  await heatmap.goto();
  const controls = heatmap.controls();
  await controls.getByLabel('Narrative').selectOption('market-reaction');
  await controls.getByRole('checkbox', { name: 'market' }).check();
  await controls.getByLabel('Window').selectOption('0:0');
  await controls.getByLabel('Model').selectOption('market-adjusted');
  await controls.getByRole('radio', { name: 'log' }).check();
  await expect(page).toHaveURL(/narrative=market-reaction/);
  await expect(page).toHaveURL(/kind=market/);
  await expect(page).toHaveURL(/window=0%3A0|window=0:0/);
  await expect(page).toHaveURL(/model=market-adjusted/);
  await expect(page).toHaveURL(/returns=log/);

  const m = (await (await api.request.get('/api/impacts/matrix?narrative=market-reaction&kind=market&window=0:0&model=market-adjusted&returns=log')).json()) as Matrix;
  expect(m.events.length).toBeGreaterThan(2);
  await expect(heatmap.grid().locator('tbody tr')).toHaveCount(m.events.length);
  const r = m.events.findIndex((e) => e.id === SELLOFF);
  await expect(heatmap.cell(/^NVDA, 2025-01-27 NVIDIA falls/)).toHaveText(cellText(m.cells[r]![0]!));

  await page.reload();
  await expect(heatmap.grid().locator('tbody tr')).toHaveCount(m.events.length);
  await expect(heatmap.controls().getByLabel('Window')).toHaveValue('0:0');
  await expect(heatmap.controls().getByRole('radio', { name: 'log' })).toBeChecked();
  await expect(page.getByText(/CAR\[0, 0\] against SPY \(Market-adjusted, log returns/)).toBeVisible();
});

test('keyboard: one tab stop, arrows move between cells, Enter opens the dashboard', async ({ page }) => {
  const heatmap = new HeatmapPage(page);
  await heatmap.goto('?narrative=market-reaction&tickers=NVDA,AMD,AVGO');
  const first = heatmap.grid().locator('[data-cell="0:0"]');
  await first.focus();
  expect(await heatmap.focused()).toBe('0:0');
  await page.keyboard.press('ArrowRight');
  expect(await heatmap.focused()).toBe('0:1');
  await page.keyboard.press('ArrowDown');
  expect(await heatmap.focused()).toBe('1:1');
  await page.keyboard.press('End');
  expect(await heatmap.focused()).toBe('1:2');
  await page.keyboard.press('Control+Home');
  expect(await heatmap.focused()).toBe('0:0');
  // only the focused cell is in the tab order
  await expect(heatmap.grid().locator('[data-cell][tabindex="0"]')).toHaveCount(1);
  const row = heatmap.grid().locator('tbody tr').filter({ has: page.getByRole('rowheader', { name: SELLOFF_TITLE }) });
  const rowIndex = await heatmap.grid().locator('tbody tr').evaluateAll((trs) => trs.findIndex((tr) => tr.textContent?.includes('NVIDIA falls ~17%')));
  await expect(row).toHaveCount(1);
  for (let i = 0; i < rowIndex; i++) await page.keyboard.press('ArrowDown');
  expect(await heatmap.focused()).toBe(`${rowIndex}:0`);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`event=${SELLOFF}`));
});

test('as of the sell-off day its [-1,1] window is not known yet: the cells say so', async ({ page }) => {
  const heatmap = new HeatmapPage(page);
  await heatmap.goto('?asOf=2025-01-27&tickers=NVDA,AMD');
  await expect(page.getByRole('status').filter({ hasText: 'as known on 2025-01-27' })).toBeVisible();
  await expect(heatmap.cell(/^NVDA, 2025-01-27 NVIDIA falls.*no CAR \(window \[-1,1\] incomplete/)).toHaveText('·');
  await heatmap.controls().getByLabel('Window').selectOption('0:0');
  await expect(heatmap.cell(/^NVDA, 2025-01-27 NVIDIA falls.*CAR −/)).toBeVisible();
});

test('CSV and PNG downloads of the view on screen', async ({ page }) => {
  const heatmap = new HeatmapPage(page);
  await heatmap.goto('?narrative=market-reaction&window=0:0');
  await page.getByText('Export heatmap CSV').click();
  const link = page.getByRole('link', { name: /Download impactline-heatmap\.csv/ });
  await expect(link).toHaveAttribute('href', '/api/export/heatmap.csv?narrative=market-reaction&window=0%3A0');
  const csv = await page.request.get((await link.getAttribute('href'))!);
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split('\r\n');
  expect(lines[0]).toMatch(/^event_id,event_date,event_title,narrative,kind,ticker,car,t_stat,p_value,reason,window_from,window_to/);
  expect(lines.length - 1).toBe((await heatmap.grid().locator('tbody tr').count()) * (await heatmap.grid().getByRole('columnheader').count() - 2));
  await page.keyboard.press('Escape');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PNG' }).click()]);
  expect(download.suggestedFilename()).toBe('impactline-heatmap.png');
  const file = await download.path();
  const bytes = fs.readFileSync(file!);
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.length).toBeGreaterThan(10_000);
});

test('axe finds no serious or critical violations on the heatmap', async ({ page }) => {
  // ~700 cells, each checked for colour contrast: slow on a loaded machine
  test.setTimeout(240_000);
  const heatmap = new HeatmapPage(page);
  for (const query of ['', '?asOf=2025-01-27&tickers=NVDA,AMD']) {
    await heatmap.goto(query);
    await expectNoSeriousAxeViolations(page);
  }
});

for (const [name, viewport] of [
  ['1440', { width: 1440, height: 900 }],
  ['390', { width: 390, height: 844 }],
] as const) {
  test(`heatmap screenshot at ${name} px; the grid scrolls, the page does not`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    const heatmap = new HeatmapPage(page);
    await heatmap.goto();
    await expect(heatmap.row(SELLOFF_TITLE)).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    const path = `test-results/screenshots/heatmap-${name}.png`;
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`heatmap-${name}`, { path, contentType: 'image/png' });
  });
}
