import AxeBuilder from '@axe-core/playwright';
import { expect, pagesTest as test } from './fixtures';

// Other specs write to the shared e2e ledger, so read its latest position instead of assuming the seed's 105.
async function latest(request: import('@playwright/test').APIRequestContext): Promise<number> {
  return ((await (await request.get('/api/health')).json()) as { position: number }).position;
}

test('the ledger pages by position: first page, newer, older', async ({ ledger, page, request }) => {
  const position = await latest(request);
  await ledger.goto();
  await expect(ledger.rows()).toHaveCount(25);
  await expect(ledger.rows().first()).toContainText('#1');
  await expect(ledger.rows().first()).toContainText('NarrativeDefined');
  await expect(page.getByTestId('latest-position')).toHaveText(String(position));
  await ledger.pager().getByRole('link', { name: 'Newer →' }).click();
  await expect(page).toHaveURL(/after=25/);
  await expect(ledger.rows().first()).toContainText('#26');
  await ledger.pager().getByRole('link', { name: '← Older' }).click();
  await expect(page).not.toHaveURL(/after=/);
  await expect(ledger.rows().first()).toContainText('#1');
});

test('filter by type, with type-specific summaries', async ({ ledger, page }) => {
  await ledger.goto();
  await ledger.filterByType('CostClaimAsserted');
  await expect(ledger.rows()).toHaveCount(14);
  for (const text of await ledger.rows().locator('.tag').allTextContents()) expect(text).toBe('CostClaimAsserted');
  await expect(ledger.rows().filter({ hasText: 'DeepSeek: training_run_cost 5.576 million USD (exact), asserted 2024-12-27' })).toHaveCount(1);
  await page.getByText('Export ledger CSV').click();
  await expect(page.getByRole('link', { name: /Download/ })).toHaveAttribute('href', '/api/export/ledger.csv?type=CostClaimAsserted');
  await ledger.filterByType('PriceBarsImported');
  await expect(ledger.rows().filter({ hasText: /ticker-NVDA/ })).toContainText(/\d+ bars 2024-01-02 to 2025-06-30/);
  await page.getByLabel('Stream').fill('ticker-NVDA');
  await page.getByLabel('Type').selectOption('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(ledger.rows()).toHaveCount(2);
});

test('a row expands to its JSON, and links to the dashboard at its position', async ({ ledger, page }) => {
  await ledger.goto('?type=CostClaimAsserted');
  const row = ledger.row(93);
  await row.getByRole('button', { name: /Show JSON/ }).click();
  const json = row.getByRole('region', { name: 'JSON of event 93' });
  await expect(json).toContainText('"event_id": "seed:claim:v3-training-run-cost#0"');
  await expect(json).toContainText('"metadata"');
  const parsed = JSON.parse((await json.textContent()) ?? '{}');
  expect(parsed.data.value).toBe(5.576);
  await row.getByRole('button', { name: /Hide JSON/ }).click();
  await expect(json).toHaveCount(0);
  await row.getByRole('link', { name: /View the dashboard at this position/ }).click();
  await expect(page).toHaveURL(/\/\?position=93$/);
});

test('live: new events appended elsewhere show up without a reload', async ({ ledger, page, request }) => {
  const position = await latest(request);
  await ledger.goto();
  // Another writer appends two events: the poll (after=latest) reports the new latest position.
  await page.route(new RegExp(`/api/ledger\\?after=${position}&limit=1$`), (route) => route.fulfill({ json: { position: position + 2, events: [] } }));
  await expect(page.getByRole('status').filter({ hasText: '2 new events since this page loaded' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('latest-position')).toHaveText(String(position + 2));
});

test('axe finds no serious or critical violations on /ledger', async ({ ledger, page }) => {
  await ledger.goto();
  await ledger.row(7).getByRole('button', { name: /Show JSON/ }).click();
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

for (const [name, viewport] of [
  ['1440', { width: 1440, height: 900 }],
  ['390', { width: 390, height: 844 }],
] as const) {
  test(`screenshot at ${name} px; no horizontal scroll`, async ({ ledger, page }, testInfo) => {
    await page.setViewportSize(viewport);
    await ledger.goto('?type=CostClaimAsserted');
    await ledger.row(93).getByRole('button', { name: /Show JSON/ }).click();
    const scroll = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    expect(scroll.sw).toBeLessThanOrEqual(scroll.cw);
    const path = `test-results/screenshots/ledger-${name}.png`;
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`ledger-${name}`, { path, contentType: 'image/png' });
  });
}
