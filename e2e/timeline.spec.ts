import { expect, test } from './fixtures';

test('the seeded timeline lists the V3 release and NVIDIA\'s 2025-01-27 fall', async ({ timeline, page }) => {
  await timeline.goto();
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await expect(timeline.entry('DeepSeek-V3 open weights released')).toBeVisible();
  const fall = timeline.entry('NVIDIA falls ~17%, record ~$589-593B one-day loss');
  await expect(fall).toBeVisible();
  await expect(fall.locator('time')).toHaveText('2025-01-27');
  await expect(timeline.entries()).toHaveCount(44);
});

test('the API answers health with the ledger position', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.ok()).toBe(true);
  expect(await res.json()).toEqual({ ok: true, position: 105 });
});
