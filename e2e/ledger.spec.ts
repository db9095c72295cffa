import { expect, test, type ImpactlineApi, expectNoSeriousAxeViolations } from './fixtures';

// Read-only against the shared ledger. Other specs append to it, so positions and counts are read
// through the API instead of being written down (the seed's V3 claim was #93 and the seed held 14
// claims when these were absolute numbers).
const V3_CLAIM = 'seed:claim:v3-training-run-cost#0';
const v3ClaimPosition = (api: ImpactlineApi) => api.positionOf(V3_CLAIM, { type: 'CostClaimAsserted' });

test('the ledger pages by position: first page, newer, older', async ({ ledger, page, api }) => {
  const position = await api.position();
  await ledger.goto();
  await expect(ledger.rows()).toHaveCount(25);
  await expect(ledger.rows().first()).toContainText('#1');
  await expect(ledger.rows().first()).toContainText('NarrativeDefined');
  await expect(ledger.latestPosition()).toHaveText(String(position));
  await ledger.pager().getByRole('link', { name: 'Newer →' }).click();
  await expect(page).toHaveURL(/after=25/);
  await expect(ledger.rows().first()).toContainText('#26');
  await ledger.pager().getByRole('link', { name: '← Older' }).click();
  await expect(page).not.toHaveURL(/after=/);
  await expect(ledger.rows().first()).toContainText('#1');
});

test('filter by type, with type-specific summaries', async ({ ledger, page, api }) => {
  // Relative: as many rows as the ledger holds claims now (the 14 seeded ones plus any another
  // spec asserted); the seeded ones are all there.
  const claims = await api.events({ type: 'CostClaimAsserted' });
  expect(claims.filter((e) => e.event_id.startsWith('seed:'))).toHaveLength(14);
  await ledger.goto();
  await ledger.filterByType('CostClaimAsserted');
  await expect(ledger.rows()).toHaveCount(Math.min(claims.length, 25));
  for (const text of await ledger.rows().locator('.tag').allTextContents()) expect(text).toBe('CostClaimAsserted');
  await expect(ledger.rows().filter({ hasText: 'DeepSeek: training_run_cost 5.576 million USD (exact), asserted 2024-12-27' })).toHaveCount(1);
  await page.getByText('Export ledger CSV').click();
  await expect(page.getByRole('link', { name: /Download/ })).toHaveAttribute('href', '/api/export/ledger.csv?type=CostClaimAsserted');
  await ledger.filterByType('PriceBarsImported');
  await expect(ledger.rows().filter({ hasText: /ticker-NVDA/ })).toContainText(/\d+ bars 2024-01-02 to 2025-06-30/);
  // Relative: the NVDA stream's events as the API counts them (the seed's two: listed, bars).
  const nvda = await api.events({ stream: 'ticker-NVDA' });
  expect(nvda.slice(0, 2).map((e) => e.type)).toEqual(['TickerListed', 'PriceBarsImported']);
  await page.getByLabel('Stream').fill('ticker-NVDA');
  await page.getByLabel('Type').selectOption('');
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(ledger.rows()).toHaveCount(nvda.length);
});

test('a row expands to its JSON, and links to the dashboard at its position', async ({ ledger, page, api }) => {
  const position = await v3ClaimPosition(api);
  await ledger.goto('?type=CostClaimAsserted');
  const row = ledger.row(position);
  await row.getByRole('button', { name: /Show JSON/ }).click();
  const json = ledger.json(position);
  await expect(json).toContainText(`"event_id": "${V3_CLAIM}"`);
  await expect(json).toContainText('"metadata"');
  const parsed = JSON.parse((await json.textContent()) ?? '{}');
  expect(parsed.data.value).toBe(5.576);
  await row.getByRole('button', { name: /Hide JSON/ }).click();
  await expect(json).toHaveCount(0);
  await row.getByRole('link', { name: /View the dashboard at this position/ }).click();
  await expect(page).toHaveURL(new RegExp(`/\\?position=${position}$`));
});

test('live: new events appended elsewhere show up without a reload', async ({ ledger, page, api }) => {
  const position = await api.position();
  await ledger.goto();
  await expect(ledger.latestPosition()).toHaveText(String(position));
  // Another writer appends two events: the poll (after=latest) reports the new latest position.
  await page.route(new RegExp(`/api/ledger\\?after=${position}&limit=1$`), (route) => route.fulfill({ json: { position: position + 2, events: [] } }));
  await expect(page.getByRole('status').filter({ hasText: '2 new events since this page loaded' })).toBeVisible({ timeout: 15_000 });
  await expect(ledger.latestPosition()).toHaveText(String(position + 2));
});

test('axe finds no serious or critical violations on /ledger', async ({ ledger, page }) => {
  await ledger.goto();
  // Any row with its JSON open (this was #7: the seventh row of the first page).
  await ledger.rows().nth(6).getByRole('button', { name: /Show JSON/ }).click();
  await expect(ledger.rows().nth(6).getByRole('region', { name: /^JSON of event \d+$/ })).toBeVisible();
  await expectNoSeriousAxeViolations(page);
});

for (const [name, viewport] of [
  ['1440', { width: 1440, height: 900 }],
  ['390', { width: 390, height: 844 }],
] as const) {
  test(`screenshot at ${name} px; no horizontal scroll`, async ({ ledger, page, api }, testInfo) => {
    const position = await v3ClaimPosition(api);
    await page.setViewportSize(viewport);
    await ledger.goto('?type=CostClaimAsserted');
    await ledger.row(position).getByRole('button', { name: /Show JSON/ }).click();
    await expect(ledger.json(position)).toBeVisible();
    const scroll = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    expect(scroll.sw).toBeLessThanOrEqual(scroll.cw);
    const path = `test-results/screenshots/ledger-${name}.png`;
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`ledger-${name}`, { path, contentType: 'image/png' });
  });
}
