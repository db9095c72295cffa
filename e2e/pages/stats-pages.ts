// Page objects of the event-study test battery's views (issue 15): /heatmap, the Peers section of
// the event panel and page, and the claim-size scatter on /narratives.
import { expect, type Locator, type Page } from '@playwright/test';

export class HeatmapPage {
  constructor(readonly page: Page) {}
  async goto(query = '') {
    await this.page.goto(`/heatmap${query}`);
    await expect(this.page.getByRole('heading', { name: 'Heatmap', level: 1 })).toBeVisible();
    await expect(this.grid()).toBeVisible();
  }
  grid() {
    return this.page.getByRole('grid');
  }
  controls() {
    return this.page.getByRole('group', { name: 'Heatmap controls' });
  }
  /** The row header of an event (its date and title). */
  row(title: string | RegExp) {
    return this.grid().getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: title }) });
  }
  /** A data cell's link (or an empty cell) by its accessible name "TICKER, date title: …". */
  cell(name: string | RegExp): Locator {
    return this.grid().locator('[data-cell]').and(this.page.getByLabel(name));
  }
  focused() {
    return this.page.evaluate(() => document.activeElement?.getAttribute('data-cell') ?? null);
  }
}

export class PeersSection {
  constructor(readonly root: Locator) {}
  /** The Peers section of the event page, or of the dashboard's event panel. */
  static of(scope: Page | Locator) {
    return new PeersSection(scope.getByRole('region', { name: 'Peers', exact: true }));
  }
  table() {
    return this.root.getByRole('table', { name: /of each ticker for this event/ });
  }
  battery() {
    return this.root.getByRole('table', { name: /Event-study tests/ });
  }
  testRow(label: string | RegExp) {
    return this.battery().getByRole('row').filter({ has: this.root.page().getByRole('rowheader', { name: label }) });
  }
  include(ticker: string) {
    return this.root.getByRole('checkbox', { name: `Include ${ticker} in the tests` });
  }
}
