// The API document: GET /api/openapi.json and its readable page /api.
import { expect, test, expectNoSeriousAxeViolations } from './fixtures';

test('/api renders the OpenAPI document: every path, parameters and answers, axe-clean', async ({ page, request }) => {
  const doc = (await (await request.get('/api/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  expect(doc.openapi).toBe('3.1.0');
  await page.goto('/api');
  await expect(page.getByRole('heading', { name: 'Impactline API', level: 1 })).toBeVisible();
  for (const p of Object.keys(doc.paths)) await expect(page.locator('code.api-path', { hasText: new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first()).toBeAttached();
  const op = page.locator('details.api-op', { has: page.locator('code.api-path', { hasText: /^\/api\/episodes\/import$/ }) });
  await op.locator('summary').click();
  await expect(op.getByRole('table', { name: 'Parameters' })).toContainText('dryRun');
  await expect(op).toContainText('application/json');
  await expect(op).toContainText('EpisodeRefusal');
  await expectNoSeriousAxeViolations(page);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/screenshots/api-${width}.png` });
  }
});
