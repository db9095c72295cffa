// The editor's write path in a real browser: sign in, record, see it on the timeline, amend with
// a reason, watch the ledger grow, resolve a conflict, and check hostile text stays inert.
import fs from 'node:fs';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const TOKEN = 'e2e-admin-token';
const SHOTS = 'test-results/screenshots';

async function signIn(page: Page) {
  await page.goto('/signin');
  await page.getByLabel('Admin token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/');
}

/** The dashboard's events table (its checkbox may update the URL rather than flip at once). */
async function showTable(page: Page) {
  const box = page.getByRole('checkbox', { name: 'Show as table' });
  if (!(await box.isChecked())) await box.click();
  await expect(page.getByRole('table', { name: /^Events in view/ })).toBeVisible();
}

async function position(request: APIRequestContext): Promise<number> {
  return ((await (await request.get('/api/health')).json()) as { position: number }).position;
}

async function recordViaApi(request: APIRequestContext, title: string): Promise<string> {
  const res = await request.post('/api/timeline', {
    headers: { authorization: `Bearer ${TOKEN}` },
    data: { date: '2025-02-03', kind: 'report', title, summary: 'Recorded by the API.', narrative: 'other', sources: [{ title: 'Source', url: 'https://example.com/e2e' }] },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function fillRecordForm(page: Page, title: string, summary = 'Recorded from the browser.') {
  const form = page.getByRole('form', { name: 'Record event' });
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

test('a signed-out visitor sees no edit controls', async ({ page, request }) => {
  await page.goto('/record');
  await expect(page.getByRole('link', { name: 'Sign in to edit' })).toBeVisible();
  await expect(page.getByRole('form')).toHaveCount(0);
  await page.goto('/entries/deepseek-r1-release/edit');
  await expect(page.getByRole('link', { name: 'Sign in to edit' })).toBeVisible();
  await expect(page.getByRole('button', { name: /amend|retract|record|save/i })).toHaveCount(0);
  await page.goto('/');
  await expect(page.getByRole('button', { name: /amend|retract|record event|add source/i })).toHaveCount(0);
  // and the API refuses a cookie-less write
  const res = await request.post('/api/timeline', { data: {} });
  expect(res.status()).toBe(401);
});

test('record an event, see it on the timeline, amend it with a reason, and see the ledger grow', async ({ page, timeline, request }) => {
  await signIn(page);
  await page.goto('/record');
  const title = `Analyst recount ${Date.now()}`;
  const form = await fillRecordForm(page, title);
  const before = await position(request);
  await form.getByRole('button', { name: 'Record event' }).click();
  await expect(form.getByRole('status')).toContainText(`Recorded “${title}”`);
  expect(await position(request)).toBe(before + 1);

  const editHref = await form.getByRole('link', { name: 'Edit it' }).getAttribute('href');
  const id = decodeURIComponent(editHref!.split('/')[2]!);

  await timeline.goto();
  await showTable(page);
  await expect(timeline.entry(title)).toBeVisible();

  await page.goto(editHref!);
  const amend = page.getByRole('form', { name: 'Amend entry' });
  await amend.getByLabel(/^Title/).fill(`${title} (amended)`);
  // The reason is required: saving without one names the field.
  await amend.getByRole('button', { name: 'Save amendment' }).click();
  await expect(amend.getByLabel('Reason for this change')).toHaveAttribute('aria-invalid', 'true');
  await expect(amend.getByText('must not be empty')).toBeVisible();
  await amend.getByLabel('Reason for this change').fill('Corrected the headline');
  await amend.getByRole('button', { name: 'Save amendment' }).click();
  await expect(amend.getByRole('status')).toContainText('Amendment saved: version 2');

  const ledger = (await (await request.get(`/api/ledger?stream=entry-${id}`)).json()) as { events: { type: string; metadata: { reason: string | null; actor: string } }[] };
  expect(ledger.events.map((e) => e.type)).toEqual(['TimelineEntryRecorded', 'TimelineEntryAmended']);
  expect(ledger.events[1]!.metadata).toMatchObject({ reason: 'Corrected the headline', actor: 'admin' });
  expect(await position(request)).toBe(before + 2);

  await timeline.goto();
  await showTable(page);
  await expect(timeline.entry(`${title} (amended)`)).toBeVisible();
});

test('a conflicting change shows what changed and lets the editor re-apply', async ({ page, request }) => {
  await signIn(page);
  const id = await recordViaApi(request, `Conflict target ${Date.now()}`);
  await page.goto(`/entries/${id}/edit`);
  const amend = page.getByRole('form', { name: 'Amend entry' });
  await expect(amend.getByLabel('Summary')).toHaveValue('Recorded by the API.');

  // Someone else amends the entry after the page was opened.
  const other = await request.post(`/api/timeline/${id}/amend`, {
    headers: { authorization: `Bearer ${TOKEN}` },
    data: { changes: { tickers: ['AMD'] }, reason: 'Other editor added AMD', expectedVersion: 1 },
  });
  expect(other.status()).toBe(201);

  await amend.getByLabel('Summary').fill('Summary written in the browser.');
  await amend.getByLabel('Reason for this change').fill('Better summary');
  await amend.getByRole('button', { name: 'Save amendment' }).click();
  const notice = amend.getByRole('alert').filter({ hasText: 'Someone changed this since you opened it' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('Other editor added AMD');
  await expect(notice).toContainText('AMD');
  await page.screenshot({ path: `${SHOTS}/edit-conflict-1440.png`, fullPage: true });
  await notice.getByRole('button', { name: 'Re-apply my change' }).click();
  await expect(amend.getByRole('status')).toContainText('Amendment saved: version 3');

  const entry = (await (await request.get(`/api/timeline/${id}`)).json()) as { summary: string; tickers: string[]; version: number };
  expect(entry).toMatchObject({ summary: 'Summary written in the browser.', tickers: ['AMD'], version: 3 });
});

test('hostile titles are saved as text and render inert', async ({ page, timeline }) => {
  let dialogs = 0;
  page.on('dialog', async (d) => {
    dialogs++;
    await d.dismiss();
  });
  await signIn(page);
  await page.goto('/record');
  const title = '<img src=x onerror=alert(1)>';
  const summary = '<script>alert(2)</script><svg onload=alert(3)></svg>';
  const form = await fillRecordForm(page, title, summary);
  await form.getByRole('button', { name: 'Record event' }).click();
  await expect(form.getByRole('status')).toContainText('Recorded');
  const editHref = await form.getByRole('link', { name: 'Edit it' }).getAttribute('href');

  await timeline.goto();
  await showTable(page);
  await expect(timeline.entry(title)).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('main svg[onload]')).toHaveCount(0);

  await page.goto(editHref!);
  await expect(page.getByRole('heading', { name: `Edit: ${title}` })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Amend entry' }).getByLabel('Summary')).toHaveValue(summary);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await page.waitForTimeout(300);
  expect(dialogs).toBe(0);
});

test('screenshots of /record and the edit page at desktop and phone sizes', async ({ page }) => {
  fs.mkdirSync(SHOTS, { recursive: true });
  await signIn(page);
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/record');
    await expect(page.getByRole('form', { name: 'Record event' })).toBeVisible();
    // one refused submit so the field-level errors show in the picture
    await page.getByRole('form', { name: 'Record event' }).getByLabel('Reason for recording').fill('Screenshot');
    await page.getByRole('form', { name: 'Record event' }).getByRole('button', { name: 'Record event' }).click();
    await expect(page.getByRole('form', { name: 'Record event' }).getByText('must not be empty').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/record-${w}.png`, fullPage: true });
    await page.goto('/entries/deepseek-v3-technical-report/edit');
    await expect(page.getByRole('form', { name: 'Amend entry' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/edit-${w}.png`, fullPage: true });
  }
});
