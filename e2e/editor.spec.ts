// The editor's write path in a real browser: sign in, record, see it on the timeline, amend with
// a reason, watch the ledger grow, resolve a conflict, and check hostile text stays inert.
// Every test that writes records its own entry under a unique title (`unique`), so it never finds
// another test's entry, nor its own from an earlier repeat on the same server.
import fs from 'node:fs';
import { expect, signedIn, test, unique } from './fixtures';

const SHOTS = 'test-results/screenshots';

test('a signed-out visitor sees no edit controls', async ({ page, request, signInPage }) => {
  await page.goto('/record');
  await expect(signInPage.signInLink()).toBeVisible();
  await expect(page.getByRole('form')).toHaveCount(0);
  await page.goto('/entries/deepseek-r1-release/edit');
  await expect(signInPage.signInLink()).toBeVisible();
  await expect(page.getByRole('button', { name: /amend|retract|record|save/i })).toHaveCount(0);
  await page.goto('/');
  // Event markers are buttons named by their entry's title, and other specs record and amend
  // entries ("… (amended)"): the check is about edit controls, so it leaves the markers out.
  await expect(page.getByRole('button', { name: /amend|retract|record event|add source/i }).and(page.locator(':not([data-marker])'))).toHaveCount(0);
  // and the API refuses a cookie-less write
  const res = await request.post('/api/timeline', { data: {} });
  expect(res.status()).toBe(401);
});

test('signing in with the admin token opens the editor', async ({ signInPage, editor }) => {
  // The specs below start signed in (the setup project's stored state); this one signs in itself.
  await signInPage.signIn();
  await editor.gotoRecord();
  await expect(signInPage.signInLink()).toHaveCount(0);
});

test.describe('signed in', () => {
  test.use(signedIn);

  test('record an event, see it on the timeline, amend it with a reason, and see the ledger grow', async ({ timeline, editor, api }, testInfo) => {
    await editor.gotoRecord();
    const title = unique(testInfo, 'Analyst recount');
    await editor.fillRecordForm(title);
    // Relative to the position before the write (one worker: nothing else writes meanwhile).
    const before = await api.position();
    const { id, editHref } = await editor.submitRecord(title);
    expect(await api.position()).toBe(before + 1);

    await timeline.goto();
    await timeline.showTable();
    await expect(timeline.entry(title)).toBeVisible();

    await editor.gotoEdit(editHref);
    const amend = editor.amendForm();
    await amend.getByLabel(/^Title/).fill(`${title} (amended)`);
    // The reason is required: saving without one names the field.
    await amend.getByRole('button', { name: 'Save amendment' }).click();
    await expect(amend.getByLabel('Reason for this change')).toHaveAttribute('aria-invalid', 'true');
    await expect(amend.getByText('must not be empty')).toBeVisible();
    await amend.getByLabel('Reason for this change').fill('Corrected the headline');
    await amend.getByRole('button', { name: 'Save amendment' }).click();
    await expect(amend.getByRole('status')).toContainText('Amendment saved: version 2');

    const ledger = await api.events({ stream: `entry-${id}` });
    expect(ledger.map((e) => e.type)).toEqual(['TimelineEntryRecorded', 'TimelineEntryAmended']);
    expect(ledger[1]!.metadata).toMatchObject({ reason: 'Corrected the headline', actor: 'admin' });
    expect(await api.position()).toBe(before + 2);

    await timeline.goto();
    await timeline.showTable();
    await expect(timeline.entry(`${title} (amended)`)).toBeVisible();
  });

  test('a conflicting change shows what changed and lets the editor re-apply', async ({ page, editor, api }, testInfo) => {
    const { id } = await api.recordEntry({
      date: '2025-02-03',
      kind: 'report',
      title: unique(testInfo, 'Conflict target'),
      summary: 'Recorded by the API.',
      narrative: 'other',
      sources: [{ title: 'Source', url: 'https://example.com/e2e' }],
    });
    await editor.gotoEdit(id);
    const amend = editor.amendForm();
    await expect(amend.getByLabel('Summary')).toHaveValue('Recorded by the API.');

    // Someone else amends the entry after the page was opened.
    await api.amendEntry(id, { changes: { tickers: ['AMD'] }, reason: 'Other editor added AMD', expectedVersion: 1 });

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

    expect(await api.entry(id)).toMatchObject({ summary: 'Summary written in the browser.', tickers: ['AMD'], version: 3 });
  });

  test('hostile titles are saved as text and render inert', async ({ page, timeline, editor }, testInfo) => {
    let dialogs = 0;
    page.on('dialog', async (d) => {
      dialogs++;
      await d.dismiss();
    });
    await editor.gotoRecord();
    // The hostile markup, made unique so that the table row and heading below are this test's own.
    const title = unique(testInfo, '<img src=x onerror=alert(1)>');
    const summary = '<script>alert(2)</script><svg onload=alert(3)></svg>';
    await editor.fillRecordForm(title, summary);
    const { editHref } = await editor.submitRecord();

    await timeline.goto();
    await timeline.showTable();
    await expect(timeline.entry(title)).toBeVisible();
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await expect(page.locator('main svg[onload]')).toHaveCount(0);

    await page.goto(editHref);
    await expect(page.getByRole('heading', { name: `Edit: ${title}` })).toBeVisible();
    await expect(editor.amendForm().getByLabel('Summary')).toHaveValue(summary);
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    // Instead of a fixed pause: wait until the page has loaded and every image on it has loaded or
    // failed, so an injected onerror/onload would have run (and opened a dialog) by now.
    await page.waitForFunction(() => document.readyState === 'complete' && Array.from(document.images).every((img) => img.complete));
    expect(dialogs).toBe(0);
  });

  test('screenshots of /record and the edit page at desktop and phone sizes', async ({ page, editor }) => {
    fs.mkdirSync(SHOTS, { recursive: true });
    for (const [w, h] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await editor.gotoRecord();
      // one refused submit so the field-level errors show in the picture
      await editor.recordForm().getByLabel('Reason for recording').fill('Screenshot');
      await editor.recordForm().getByRole('button', { name: 'Record event' }).click();
      await expect(editor.recordForm().getByText('must not be empty').first()).toBeVisible();
      await page.screenshot({ path: `${SHOTS}/record-${w}.png`, fullPage: true });
      await editor.gotoEdit('deepseek-v3-technical-report');
      await page.screenshot({ path: `${SHOTS}/edit-${w}.png`, fullPage: true });
    }
  });
});
