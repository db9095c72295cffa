// Page objects and helpers shared by every spec (Playwright best practice: role and label
// locators, web-first assertions, isolated tests).
//
// Isolation rules every spec follows, because all specs share one e2e server and ledger:
// - A spec that writes creates its own entities, named with `unique(testInfo, …)`, and asserts
//   on those (or on counts relative to a before-value), never on what another spec wrote.
// - Positions are read through the API (`api.position()`, `api.positionOf(eventId)`), never
//   written down: the seed's positions are the seed's business.
// - Entries that specs record are dated inside the seeded range (2023-04 .. 2025-12), so views
//   whose extent comes from the data ("All", the 6M default) do not move because of them.
// - Specs that edit use the signed-in state the setup project stores (`test.use(signedIn)`).
import crypto from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Locator, type Page, type TestInfo } from '@playwright/test';
import { ADMIN_STATE, ADMIN_TOKEN, BASE_URL } from './env';

export { expect };

/** axe-core over the page as it stands: no serious or critical violation (each named with its nodes, after `where`). */
export async function expectNoSeriousAxeViolations(page: Page, where?: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${where ? `${where} ` : ''}${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Browser state of a signed-in editor, prepared once per run by the setup project (e2e/db.setup.ts). */
export const signedIn = { storageState: ADMIN_STATE };

/**
 * `label` made unique to this test, this repeat and this run: a spec's own title, slug or
 * ticker never collides with another spec's, nor with its own earlier runs on the same server.
 * Hex only, so it never spells a seeded ticker that a substring locator looks for.
 */
export function unique(testInfo: TestInfo, label: string): string {
  return `${label} ${testInfo.testId.slice(0, 6)}${testInfo.repeatEachIndex}${testInfo.retry}${crypto.randomBytes(3).toString('hex')}`;
}

/** A ticker symbol of this test's own (letters, digits and '-', at most 20 characters). */
export function uniqueTicker(testInfo: TestInfo): string {
  return unique(testInfo, 'E2E').replace(' ', '-').toUpperCase().slice(0, 20);
}

// ---- the API, as another client of the server would use it ----

export type LedgerEvent = {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: Record<string, unknown>;
};

export type EntryFields = {
  date: string;
  kind: string;
  title: string;
  summary: string;
  narrative: string;
  reason?: string;
  tickers?: string[];
  sources: { title: string; url: string }[];
};

/**
 * An API client with the admin token (Bearer), separate from the browser's cookies: it plays
 * "another writer" and reads the ledger so that specs learn positions instead of assuming them.
 */
export class ImpactlineApi {
  constructor(readonly request: APIRequestContext) {}
  private auth() {
    return { authorization: `Bearer ${ADMIN_TOKEN}` };
  }
  async health(): Promise<{ ok: boolean; position: number }> {
    const res = await this.request.get('/api/health');
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as { ok: boolean; position: number };
  }
  /** The latest ledger position. */
  async position(): Promise<number> {
    return (await this.health()).position;
  }
  /** Every ledger event matching the filter, oldest first (paged through GET /api/ledger). */
  async events(filter: { type?: string; stream?: string } = {}): Promise<LedgerEvent[]> {
    const all: LedgerEvent[] = [];
    for (let after = 0; ; ) {
      const params = new URLSearchParams({ after: String(after), limit: '1000', ...filter });
      const res = await this.request.get(`/api/ledger?${params}`);
      expect(res.ok(), await res.text()).toBe(true);
      const page = ((await res.json()) as { events: LedgerEvent[] }).events;
      all.push(...page);
      if (page.length < 1000) return all;
      after = page[page.length - 1]!.position;
    }
  }
  /** The position of one event, found by its event id (e.g. a seed event's `seed:claim:…#0`). */
  async positionOf(eventId: string, filter: { type?: string; stream?: string } = {}): Promise<number> {
    const event = (await this.events(filter)).find((e) => e.event_id === eventId);
    expect(event, `event ${eventId} in the ledger`).toBeDefined();
    return event!.position;
  }
  async timeline(query = ''): Promise<{ position: number; entries: { id: string; title: string; date: string }[] }> {
    const res = await this.request.get(`/api/timeline${query}`);
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as { position: number; entries: { id: string; title: string; date: string }[] };
  }
  async entry(id: string): Promise<Record<string, unknown>> {
    const res = await this.request.get(`/api/timeline/${encodeURIComponent(id)}`);
    expect(res.ok(), await res.text()).toBe(true);
    return (await res.json()) as Record<string, unknown>;
  }
  /** Record a timeline entry as another writer would (201 {id, version, position}). */
  async recordEntry(fields: EntryFields): Promise<{ id: string; version: number; position: number }> {
    const res = await this.request.post('/api/timeline', { headers: this.auth(), data: fields });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; version: number; position: number };
  }
  async amendEntry(id: string, body: { changes: Record<string, unknown>; reason: string; expectedVersion: number }) {
    const res = await this.request.post(`/api/timeline/${encodeURIComponent(id)}/amend`, { headers: this.auth(), data: body });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()) as { id: string; version: number; position: number };
  }
}

// ---- pages ----

export class SignInPage {
  constructor(readonly page: Page) {}
  async signIn(token = ADMIN_TOKEN) {
    await this.page.goto('/signin');
    await this.page.getByLabel('Admin token').fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page).toHaveURL(/\/$/);
  }
  signInLink() {
    return this.page.getByRole('link', { name: 'Sign in to edit' });
  }
}

export class TimelinePage {
  constructor(readonly page: Page) {}
  /** Open the dashboard and wait for the chart's ready signal (data-ready="true", mark impactline:chart-ready). */
  async goto(query = '') {
    await this.page.goto(`/${query}`);
    await this.ready();
  }
  async ready() {
    await expect(this.chart()).toHaveAttribute('data-ready', 'true');
    await expect.poll(() => this.page.evaluate(() => performance.getEntriesByName('impactline:chart-ready').length)).toBeGreaterThan(0);
  }
  chart() {
    return this.page.getByRole('img', { name: /^Timeline chart/ });
  }
  chartBox() {
    return this.page.locator('.chart-box');
  }
  controls() {
    return this.page.getByRole('group', { name: 'Dashboard controls' });
  }
  asOf() {
    return this.page.getByLabel('As of', { exact: true });
  }
  /** The banner that says which clock the view is on ("as known on …", "at ledger position …"). */
  clock(text: string | RegExp) {
    return this.page.getByRole('status').filter({ hasText: text });
  }
  /** An event marker (a single event, not a cluster) by its accessible name "YYYY-MM-DD: title". */
  marker(name: string | RegExp) {
    return this.page.locator('[data-marker="event"]').and(this.page.getByRole('button', { name }));
  }
  cluster(name: string | RegExp) {
    return this.page.locator('[data-marker="cluster"]').and(this.page.getByRole('button', { name }));
  }
  /** Any marker (event or cluster) whose title mentions `text`. */
  markersMentioning(text: string) {
    return this.page.locator('[data-marker]').filter({ has: this.page.locator('title', { hasText: text }) });
  }
  /**
   * Activate the cluster holding `marker` until the marker stands alone (at most `tries` zooms).
   * Each zoom is awaited through the URL it commits, never a fixed delay.
   */
  async zoomUntilVisible(marker: Locator, cluster: Locator, tries = 4) {
    for (let i = 0; i < tries && (await marker.count()) === 0; i++) {
      const before = this.page.url();
      await cluster.click();
      await expect(this.page).not.toHaveURL(before);
    }
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
    // The context strip may sit below the fold: mouse events need it on screen.
    await brush.locator('rect.overlay').scrollIntoViewIfNeeded();
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
  tableToggle() {
    return this.page.getByRole('checkbox', { name: 'Show as table' });
  }
  /** Show the events table (the checkbox may update the URL rather than flip at once). */
  async showTable() {
    if (!(await this.tableToggle().isChecked())) await this.tableToggle().click();
    await expect(this.eventsTable()).toBeVisible();
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

export class EditorPage {
  constructor(readonly page: Page) {}
  recordForm() {
    return this.page.getByRole('form', { name: 'Record event' });
  }
  amendForm() {
    return this.page.getByRole('form', { name: 'Amend entry' });
  }
  async gotoRecord() {
    await this.page.goto('/record');
    await expect(this.recordForm()).toBeVisible();
  }
  async gotoEdit(idOrHref: string) {
    await this.page.goto(idOrHref.startsWith('/') ? idOrHref : `/entries/${encodeURIComponent(idOrHref)}/edit`);
    await expect(this.amendForm()).toBeVisible();
  }
  /** Fill every field of the record form with a report on 2025-02-03 (inside the seeded range). */
  async fillRecordForm(title: string, summary = 'Recorded from the browser.') {
    const form = this.recordForm();
    await form.getByLabel(/^Title/).fill(title);
    await form.getByLabel(/^Date/).fill('2025-02-03');
    await form.getByLabel('Kind').selectOption('report');
    await form.getByLabel('Narrative').selectOption('true-cost');
    await form.getByLabel('Tickers').fill('NVDA, smh');
    await form.getByLabel('Summary').fill(summary);
    await form.getByLabel('Source title').fill('Example analysis');
    await form.getByLabel('Source URL').fill('https://example.com/analysis');
    await form.getByLabel('Reason for recording').fill('New analyst report');
    return form;
  }
  /** Record the filled form; returns the new entry's id and edit link, read from the answer shown. */
  async submitRecord(title: string | RegExp = /.+/) {
    const form = this.recordForm();
    await form.getByRole('button', { name: 'Record event' }).click();
    await expect(form.getByRole('status')).toContainText(typeof title === 'string' ? `Recorded “${title}”` : 'Recorded');
    const editHref = (await form.getByRole('link', { name: 'Edit it' }).getAttribute('href'))!;
    return { editHref, id: decodeURIComponent(editHref.split('/')[2]!) };
  }
}

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
  /** A claim's card (its details and sources), shown on hover or focus, pinned on click or Enter. */
  tooltip() {
    return this.page.getByRole('dialog', { name: /^Source of / });
  }
  asOfInput() {
    return this.page.getByLabel('As-of date', { exact: true });
  }
  async setAsOf(date: string) {
    await this.asOfInput().fill(date);
    await expect(this.page).toHaveURL(new RegExp(`asOf=${date}`));
  }
  clock(text: string | RegExp) {
    return this.page.getByRole('status').filter({ hasText: text });
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
  /** The row of one position ("#93" and not "#930"). */
  row(position: number) {
    return this.rows().filter({ hasText: new RegExp(`#${position}(?!\\d)`) }).first();
  }
  json(position: number) {
    return this.row(position).getByRole('region', { name: `JSON of event ${position}` });
  }
  latestPosition() {
    return this.page.getByTestId('latest-position');
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

export class ImportPricesPage {
  constructor(readonly page: Page) {}
  async goto() {
    await this.page.goto('/import');
    await expect(this.page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible();
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
  listTickerForm() {
    return this.page.getByRole('region', { name: 'List a ticker' });
  }
  /** Fill and send the "List a ticker" form. */
  async listTicker(symbol: string, name: string, role: 'subject' | 'peer' | 'benchmark') {
    const form = this.listTickerForm();
    await form.getByLabel('Symbol').fill(symbol);
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Role').selectOption(role);
    await form.getByLabel('Symbol').press('Enter');
    return form;
  }
}

type Fixtures = {
  api: ImpactlineApi;
  signInPage: SignInPage;
  timeline: TimelinePage;
  editor: EditorPage;
  narratives: NarrativesPage;
  ledger: LedgerPage;
  importPage: ImportPricesPage;
};

// Named `provide` rather than Playwright's usual `use`, which the React hooks lint rule mistakes for React's use().
export const test = base.extend<Fixtures>({
  api: async ({ playwright }, provide) => {
    // Its own request context: no cookies from the page or from `test.use(signedIn)`.
    const request = await playwright.request.newContext({ baseURL: BASE_URL, storageState: { cookies: [], origins: [] } });
    await provide(new ImpactlineApi(request));
    await request.dispose();
  },
  signInPage: async ({ page }, provide) => provide(new SignInPage(page)),
  timeline: async ({ page }, provide) => provide(new TimelinePage(page)),
  editor: async ({ page }, provide) => provide(new EditorPage(page)),
  narratives: async ({ page }, provide) => provide(new NarrativesPage(page)),
  ledger: async ({ page }, provide) => provide(new LedgerPage(page)),
  importPage: async ({ page }, provide) => provide(new ImportPricesPage(page)),
});
