import { expect, test } from './fixtures';

// Read-only against the seed's cost claims. Other specs may assert claims of their own; every
// count here is read from the API in the same test.

type Reactions = { points: { claim: string; car: number }[]; fit: { n: number; conclusive: boolean; slope: number | null } };

test('/narratives plots each dollar claim against the subject CAR, with the OLS slope, and says when n is too small', async ({ narratives, page, api }) => {
  await narratives.goto();
  const section = page.getByRole('region', { name: 'Claim size vs reaction' });
  const r = (await (await api.request.get('/api/narratives/claim-reactions?ticker=NVDA&window=-1:1')).json()) as Reactions;
  expect(r.points.length).toBeGreaterThanOrEqual(5);
  await expect(section.getByRole('img', { name: new RegExp(`^Scatter of ${r.points.length} dollar cost claims`) })).toBeVisible();
  await expect(section.locator('circle')).toHaveCount(r.points.length);
  await expect(section.getByText(new RegExp(`n = ${r.fit.n}${r.fit.conclusive ? '' : ', too few to conclude'}`))).toBeVisible();
  await expect(section.getByText(/OLS slope .* percentage points of CAR per tenfold claim \(t /)).toBeVisible();

  await section.getByText(/claims plotted/).click();
  const table = section.getByRole('table', { name: /Dollar cost claims and NVDA's CAR/ });
  await expect(table.getByRole('rowheader', { name: /DeepSeek: DeepSeek-V3/ })).toBeVisible();
  await expect(table.getByText(/Left out: not a dollar amount/).first()).toBeVisible();

  // the window of the aggregates drives the scatter too
  await page.getByLabel('Event window').selectOption('0:0');
  await expect(section.getByRole('img', { name: /CAR\[0, 0\]/ })).toBeVisible();
});

test('as known on 2025-01-28 only the claims asserted by then are plotted', async ({ narratives, page, api }) => {
  await narratives.goto('?asOf=2025-01-28');
  const section = page.getByRole('region', { name: 'Claim size vs reaction' });
  const r = (await (await api.request.get('/api/narratives/claim-reactions?ticker=NVDA&window=-1:1&asOf=2025-01-28')).json()) as Reactions;
  await expect(section.locator('circle')).toHaveCount(r.points.length);
  await expect(section.getByText(/too few to conclude/)).toBeVisible();
});
