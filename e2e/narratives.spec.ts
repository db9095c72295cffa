import { expect, test, expectNoSeriousAxeViolations } from './fixtures';

// Read-only against the shared ledger. The claims other specs might assert are not SemiAnalysis's
// and not DeepSeek's, so the counts below stay the seed's.

const V3 = /^DeepSeek: Training run cost \$5\.576M, asserted 2024-12-27/;
const CAPEX = /^SemiAnalysis: Hardware capex \$1\.6B, asserted 2025-01-31/;

test('the claim ladder shows the $5.576M claim and the SemiAnalysis $1.6B estimate, with details on focus', async ({ narratives, page }) => {
  await narratives.goto();
  await expect(narratives.chart()).toBeVisible();
  await expect(narratives.chart()).toHaveAttribute('aria-label', /to \$1\.6B \(SemiAnalysis, 2025-01-31\)/);
  await expect(narratives.claim(V3)).toHaveCount(1);
  await expect(narratives.claim(CAPEX)).toHaveCount(1);

  // keyboard: focus shows the tooltip as text
  await narratives.claim(V3).focus();
  await expect(narratives.tooltip()).toContainText('5.576 million USD');
  await expect(narratives.tooltip()).toContainText('exact');
  await expect(narratives.tooltip()).toContainText('2.788M H800 GPU-hours');
  await expect(narratives.tooltip()).toContainText('Status: disputed');
  await page.keyboard.press('Escape');
  await expect(narratives.tooltip()).toHaveCount(0);

  // hover
  await narratives.claim(CAPEX).hover();
  await expect(narratives.tooltip()).toContainText('SemiAnalysis');
  await expect(narratives.tooltip()).toContainText('1,600 million USD');

  // not comparable claims are listed, not drawn
  await expect(page.getByRole('heading', { name: 'Not on either axis' })).toBeVisible();
  await expect(page.getByText('545 percent')).toBeVisible();

  // the aggregates for the default ticker
  await expect(narratives.aggregates()).toBeVisible();
  await expect(narratives.aggregates().getByRole('row', { name: /Cheap AI NVDA/ })).toBeVisible();
});

test('as of 2025-01-28 the SemiAnalysis claims disappear, and a reload keeps the view', async ({ narratives, page }) => {
  await narratives.goto();
  await expect(narratives.claim(/^SemiAnalysis/)).toHaveCount(4);
  await narratives.setAsOf('2025-01-28');
  await expect(narratives.claim(/^SemiAnalysis/)).toHaveCount(0);
  await expect(narratives.claim(V3)).toHaveCount(1);
  await expect(narratives.clock('as known on 2025-01-28')).toBeVisible();

  await page.reload();
  await expect(narratives.asOfInput()).toHaveValue('2025-01-28');
  await expect(narratives.claim(/^SemiAnalysis/)).toHaveCount(0);
  await expect(narratives.claim(V3)).toHaveCount(1);
  await expect(narratives.clock('as known on 2025-01-28')).toBeVisible();

  await page.getByText('Export claims CSV').click();
  await expect(page.getByRole('link', { name: /Download impactline-claims_asof-2025-01-28\.csv/ })).toHaveAttribute('href', '/api/export/claims.csv?asOf=2025-01-28');

  await page.getByRole('link', { name: 'Back to now' }).click();
  await expect(narratives.claim(/^SemiAnalysis/)).toHaveCount(4);
});

test('tickers, price mode, window and the table view live in the URL', async ({ narratives, page }) => {
  await narratives.goto();
  await page.getByText('Tickers: NVDA').click();
  await page.getByRole('checkbox', { name: /AVGO/ }).check();
  await expect(page).toHaveURL(/tickers=NVDA%2CAVGO|tickers=NVDA,AVGO/);
  await expect(narratives.aggregates().getByRole('row', { name: /AVGO/ }).first()).toBeVisible();
  await page.getByRole('radio', { name: 'Price' }).check();
  await page.getByLabel('Event window').selectOption('0:5');
  await expect(narratives.aggregates()).toHaveAccessibleName(/CAR\[0, \+5\]/);
  await narratives.tableToggle().click();
  await expect(narratives.claimsTable()).toBeVisible();
  await expect(narratives.claimsTable().getByRole('row', { name: /^2024-12-27 DeepSeek/ })).toContainText('5.576 million USD');
  await expect(narratives.claimsTable().getByRole('row', { name: /^2025-01-31 SemiAnalysis .*Hardware capex/ })).toContainText('1,600 million USD');

  await page.reload();
  await expect(page).toHaveURL(/view=table/);
  await expect(narratives.claimsTable()).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Price' })).toBeChecked();
  await expect(page.getByLabel('Event window')).toHaveValue('0:5');
  await expect(narratives.aggregates().getByRole('row', { name: /AVGO/ }).first()).toBeVisible();
});

test('a ledger position replays the page and says so', async ({ narratives, api }) => {
  // The position of SemiAnalysis's first claim: after it, before its other four (97 in today's
  // seed, where it is the sixth claim; read from the ledger rather than written down).
  const claims = (await api.events({ type: 'CostClaimAsserted' })).filter((e) => e.event_id.startsWith('seed:'));
  const position = claims.find((e) => e.data.claimant === 'SemiAnalysis')!.position;
  await narratives.goto(`?position=${position}`);
  await expect(narratives.clock(`at ledger position ${position}`)).toBeVisible();
  await expect(narratives.claim(/^SemiAnalysis/)).toHaveCount(1);
  await expect(narratives.claim(V3)).toHaveCount(1);
});

test('axe finds no serious or critical violations (chart and table)', async ({ narratives, page }) => {
  for (const query of ['', '?view=table&asOf=2025-01-28']) {
    await narratives.goto(query);
    await expect(page.getByRole('table', { name: /per narrative/ })).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  }
});

for (const [name, viewport] of [
  ['1440', { width: 1440, height: 900 }],
  ['390', { width: 390, height: 844 }],
] as const) {
  test(`screenshot at ${name} px; no horizontal scroll`, async ({ narratives, page }, testInfo) => {
    await page.setViewportSize(viewport);
    await narratives.goto();
    await expect(narratives.aggregates()).toBeVisible();
    await expect(narratives.claim(V3)).toHaveCount(1);
    const scroll = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    expect(scroll.sw).toBeLessThanOrEqual(scroll.cw);
    await narratives.claim(CAPEX).focus();
    await expect(narratives.tooltip()).toBeVisible();
    const scroll2 = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth }));
    expect(scroll2.sw).toBeLessThanOrEqual(scroll2.cw);
    const path = `test-results/screenshots/narratives-${name}.png`;
    await page.screenshot({ path, fullPage: true });
    await testInfo.attach(`narratives-${name}`, { path, contentType: 'image/png' });
    await page.goto('/narratives?from=2024-12-01&to=2025-02-28&tickers=NVDA,AVGO');
    await expect(narratives.claim(V3)).toHaveCount(1);
    const zoom = `test-results/screenshots/narratives-episode-${name}.png`;
    await page.screenshot({ path: zoom, fullPage: true });
    await testInfo.attach(`narratives-episode-${name}`, { path: zoom, contentType: 'image/png' });
  });
}
