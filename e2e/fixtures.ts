// Page objects shared by every spec (Playwright best practice: role and label locators).
import { test as base, expect, type Page } from '@playwright/test';

export class TimelinePage {
  constructor(readonly page: Page) {}
  async goto(query = '') {
    await this.page.goto(`/${query}`);
    await expect(this.chart()).toHaveAttribute('data-ready', 'true');
  }
  chart() {
    return this.page.getByRole('img', { name: /^Timeline chart/ });
  }
  chartBox() {
    return this.page.locator('.chart-box');
  }
  /** An event marker (a single event, not a cluster) by its accessible name "YYYY-MM-DD: title". */
  marker(name: string | RegExp) {
    return this.page.locator('[data-marker="event"]').and(this.page.getByRole('button', { name }));
  }
  cluster(name: string | RegExp) {
    return this.page.locator('[data-marker="cluster"]').and(this.page.getByRole('button', { name }));
  }
  panel() {
    return this.page.getByRole('complementary', { name: 'Selected event' });
  }
  mode() {
    return this.page.getByLabel('Mode');
  }
  preset(name: string) {
    return this.page.getByRole('group', { name: 'Range' }).getByRole('button', { name, exact: true });
  }
  /** Drag the context-strip brush over [from, to] (ISO dates). */
  async brush(from: string, to: string) {
    const brush = this.page.locator('g.brush');
    const extentFrom = Date.parse(`${await brush.getAttribute('data-extent-from')}T00:00:00Z`);
    const extentTo = Date.parse(`${await brush.getAttribute('data-extent-to')}T00:00:00Z`);
    const box = (await brush.locator('rect.overlay').boundingBox())!;
    const xOf = (d: string) => box.x + ((Date.parse(`${d}T00:00:00Z`) - extentFrom) / (extentTo - extentFrom)) * box.width;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(xOf(from), y);
    await this.page.mouse.down();
    await this.page.mouse.move((xOf(from) + xOf(to)) / 2, y, { steps: 4 });
    await this.page.mouse.move(xOf(to), y, { steps: 4 });
    await this.page.mouse.up();
  }
  eventsTable() {
    return this.page.getByRole('table', { name: /^Events in view/ });
  }
  entries() {
    return this.eventsTable().locator('tbody tr');
  }
  entry(title: string | RegExp) {
    return this.entries().filter({ hasText: title });
  }
}

export const test = base.extend<{ timeline: TimelinePage }>({
  // Named `provide` rather than Playwright's usual `use`, which the React hooks lint rule mistakes for React's use().
  timeline: async ({ page }, provide) => {
    await provide(new TimelinePage(page));
  },
});

export { expect };

// ---- /narratives and /ledger (issue 5) ----
export class NarrativesPage {
  constructor(readonly page: Page) {}
  async goto(query = '') {
    await this.page.goto(`/narratives${query}`);
    await expect(this.page.getByRole('heading', { name: 'Narratives', level: 1 })).toBeVisible();
  }
  chart() {
    return this.page.getByRole('img', { name: /^Claim ladder/ });
  }
  /** A claim dot (a button over the chart), by its accessible name. */
  claim(name: string | RegExp) {
    return this.page.locator('.ladder-hits').getByRole('button', { name });
  }
  tooltip() {
    return this.page.getByRole('tooltip');
  }
  asOfInput() {
    return this.page.getByLabel('As-of date', { exact: true });
  }
  async setAsOf(date: string) {
    await this.asOfInput().fill(date);
    await expect(this.page).toHaveURL(new RegExp(`asOf=${date}`));
  }
  tableToggle() {
    return this.page.getByRole('button', { name: /Show as (table|chart)/ });
  }
  claimsTable() {
    return this.page.getByRole('table', { name: /cost claims/ });
  }
  aggregates() {
    return this.page.getByRole('table', { name: /per narrative/ });
  }
}

export class LedgerPage {
  constructor(readonly page: Page) {}
  async goto(query = '') {
    await this.page.goto(`/ledger${query}`);
    await expect(this.page.getByRole('heading', { name: 'Ledger', level: 1 })).toBeVisible();
  }
  rows() {
    return this.page.getByRole('list', { name: 'Ledger events' }).getByRole('listitem');
  }
  row(position: number) {
    return this.rows().filter({ hasText: `#${position}` }).first();
  }
  pager() {
    return this.page.getByRole('navigation', { name: 'Ledger pages', exact: true });
  }
  async filterByType(type: string) {
    await this.page.getByLabel('Type').selectOption(type);
    await this.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect(this.page).toHaveURL(new RegExp(`type=${type}`));
  }
}

export const pagesTest = test.extend<{ narratives: NarrativesPage; ledger: LedgerPage }>({
  narratives: async ({ page }, provide) => {
    await provide(new NarrativesPage(page));
  },
  ledger: async ({ page }, provide) => {
    await provide(new LedgerPage(page));
  },
});

// ---- /import (issue 3) ----
export class ImportPricesPage {
  constructor(readonly page: Page) {}
  async signIn(token = 'e2e-admin-token') {
    await this.page.goto('/signin');
    await this.page.getByLabel('Admin token').fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page).toHaveURL(/\/$/);
  }
  async goto() {
    await this.page.goto('/import');
    await expect(this.page.getByRole('heading', { name: 'Import prices', level: 1 })).toBeVisible();
  }
  ticker() {
    return this.page.getByLabel('Ticker', { exact: true });
  }
  async chooseFile(file: string) {
    await this.page.getByLabel('Price file (CSV)').setInputFiles(file);
  }
  checkResult() {
    return this.page.getByRole('region', { name: 'Check result' });
  }
  problems() {
    return this.page.getByRole('table', { name: /^Problems/ });
  }
  previewRows() {
    return this.page.getByRole('table', { name: /^First \d+ valid rows/ }).locator('tbody tr');
  }
  importButton() {
    return this.page.getByRole('button', { name: /^Import [\d,]+ rows into / });
  }
  summary() {
    return this.page.getByRole('region', { name: 'Import summary' });
  }
}

export const importTest = test.extend<{ importPage: ImportPricesPage }>({
  importPage: async ({ page }, provide) => {
    await provide(new ImportPricesPage(page));
  },
});
