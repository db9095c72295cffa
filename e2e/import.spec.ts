// The import page in a real browser: sign in, choose a real Yahoo file, read the check, import,
// read the summary; a malformed file shows its problems by line and imports nothing.
// The e2e ledger is shared with the other specs, so nothing here changes a seeded ticker: the Yahoo
// file holds the seeded NVDA bars exactly (an import that records nothing), the malformed ones are
// refused, and the one import that records bars first lists a ticker of its own.
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, signedIn, test, uniqueTicker } from './fixtures';

const FIXTURES = path.resolve('tests/fixtures/prices');
const SHOTS = path.resolve('test-results/screenshots');

test('a visitor who is not signed in is sent to /signin instead of the form', async ({ importPage, page }) => {
  await importPage.goto();
  await expect(page.getByRole('main').getByRole('link', { name: 'Sign in', exact: true })).toHaveAttribute('href', '/signin');
  await expect(page.getByLabel('Price file (CSV)')).toHaveCount(0);
});

test.describe('signed in', () => {
  // The editor's session from the setup project (which signs in through /signin once per run).
  test.use(signedIn);

  test('import a real Yahoo file: preview, report, import, summary', async ({ importPage, page, api }) => {
    // Relative to the position before: an import of bars the ledger already holds appends nothing.
    const before = await api.position();
    await importPage.goto();
    await expect(importPage.ticker()).toHaveValue('NVDA');
    await importPage.chooseFile(path.join(FIXTURES, 'nvda-yahoo.csv'));

    const check = importPage.checkResult();
    await expect(check.getByRole('heading', { name: 'Ready to import' })).toBeVisible();
    await expect(check).toContainText('Yahoo Finance');
    await expect(check).toContainText('374 valid rows');
    await expect(check).toContainText('0 new, 0 corrected, 374 unchanged');
    await expect(importPage.previewRows()).toHaveCount(20);
    await expect(importPage.previewRows().first()).toContainText('2024-01-02');
    await expect(importPage.problems()).toHaveCount(0);

    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'import-1440x900.png'), fullPage: true });

    await importPage.importButton().click();
    const summary = importPage.summary();
    await expect(summary.getByRole('heading', { name: 'Nothing changed' })).toBeVisible();
    await expect(summary).toContainText('already recorded with the same values');
    await expect(summary.getByText('Unchanged').locator('..')).toContainText('374');
    await page.screenshot({ path: path.join(SHOTS, 'import-summary-1440x900.png'), fullPage: true });
    expect(await api.position()).toBe(before);
  });

  test('a malformed file shows its problems with line numbers and imports nothing', async ({ importPage, page, api }) => {
    const before = await api.position();
    await importPage.goto();
    await importPage.chooseFile(path.join(FIXTURES, 'malformed', 'close-above-high.csv'));
    await expect(importPage.checkResult().getByRole('heading', { name: 'This file cannot be imported as it is' })).toBeVisible();
    const row = importPage.problems().locator('tbody tr').first();
    await expect(row.locator('td').nth(0)).toHaveText('3');
    await expect(row.locator('td').nth(1)).toHaveText('close');
    await expect(row.locator('td').nth(2)).toContainText('48.5 is above high 48.184');
    await expect(importPage.importButton()).toBeDisabled();

    // A file that is not CSV at all: named at line 1.
    await importPage.chooseFile(path.join(FIXTURES, 'malformed', 'html-error-page.csv'));
    await expect(importPage.problems().locator('tbody tr').first().locator('td').first()).toHaveText('1');
    await expect(importPage.problems()).toContainText('looks like HTML');
    expect(await api.position()).toBe(before);

    const axe = await new AxeBuilder({ page }).include('.imp-page').analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  test('the page fits 390×844 and 1440×900 without horizontal scroll', async ({ importPage, page }) => {
    for (const [width, height] of [
      [390, 844],
      [1440, 900],
    ] as const) {
      await page.setViewportSize({ width, height });
      await importPage.goto();
      await importPage.chooseFile(path.join(FIXTURES, 'malformed', 'duplicate-date.csv'));
      await expect(importPage.problems()).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
      fs.mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS, `import-report-${width}x${height}.png`), fullPage: true });
    }
  });

  test('the "List a ticker" form reports a ticker that is already listed, and lists nothing', async ({ importPage, api }) => {
    const before = await api.position();
    await importPage.goto();
    const form = await importPage.listTicker('NVDA', 'NVIDIA Corporation', 'subject');
    await expect(form.getByRole('alert')).toHaveText('ticker "NVDA" is already listed');
    expect(await api.position()).toBe(before);
  });

  test('list a ticker of its own, import the Yahoo file into it, and find its events in the ledger', async ({ importPage, ledger, page, api }, testInfo) => {
    // A symbol no other test or earlier run shares, so the 374 rows are new here and only here.
    const symbol = uniqueTicker(testInfo);
    const before = await api.position();
    await importPage.goto();
    const form = await importPage.listTicker(symbol, 'E2E import check', 'peer');
    await expect(form.getByRole('status')).toHaveText(`Listed ${symbol}. It is selected for import.`);
    await expect(importPage.ticker()).toHaveValue(symbol);
    await importPage.chooseFile(path.join(FIXTURES, 'nvda-yahoo.csv'));

    const check = importPage.checkResult();
    await expect(check.getByRole('heading', { name: 'Ready to import' })).toBeVisible();
    await expect(check).toContainText('374 valid rows');
    await expect(check).toContainText('374 new, 0 corrected, 0 unchanged');
    await expect(importPage.importButton()).toHaveAccessibleName(`Import 374 rows into ${symbol}`);
    await importPage.importButton().click();

    const summary = importPage.summary();
    await expect(summary.getByRole('heading', { name: `Imported into ${symbol}` })).toBeVisible();
    await expect(summary.getByText('Inserted').locator('..')).toContainText('374');
    // This ticker's stream holds exactly the two events this test appended, after `before`.
    const events = await api.events({ stream: `ticker-${symbol}` });
    expect(events.map((e) => e.type)).toEqual(['TickerListed', 'PriceBarsImported']);
    expect(events[0]!.position).toBeGreaterThan(before);
    await expect(summary).toContainText(`Recorded in the ledger up to position ${events[1]!.position}.`);
    await summary.getByRole('link', { name: 'See the events in the ledger' }).click();
    await expect(page).toHaveURL(new RegExp(`/ledger\\?stream=ticker-${symbol}$`));
    await expect(ledger.rows()).toHaveCount(2);
  });
});
