import { expect, test } from './fixtures';

test('the seeded timeline shows the V3 release and NVIDIA\'s 2025-01-27 fall', async ({ timeline, page }) => {
  await timeline.goto('?from=2024-12-01&to=2025-02-28&table=1');
  await expect(page.getByRole('heading', { name: 'Timeline', level: 1 })).toBeVisible();
  await expect(timeline.entry('DeepSeek-V3 open weights released')).toBeVisible();
  const fall = timeline.entry('NVIDIA falls ~17%, record ~$589-593B one-day loss');
  await expect(fall).toBeVisible();
  await expect(fall.locator('td').first()).toHaveText('2025-01-27');
});

test('the API answers health with the ledger position', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { ok: boolean; position: number };
  expect(body.ok).toBe(true);
  expect(body.position).toBeGreaterThanOrEqual(105);
});
