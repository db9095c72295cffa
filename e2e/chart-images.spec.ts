// Chart images in a real browser: "Download PNG" and "Download SVG" on the timeline chart, the
// AR/CAR chart of the event panel and the claim ladder. Each download is checked for its name (the
// CSV export's pattern), its size (PNG at 2× the chart's pixels), that it is not blank (pixels
// differ from the white background), and that the SVG parses and carries the stamp text.
// Read-only against the shared ledger.
import fs from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';


async function save(page: Page, button: Locator): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([page.waitForEvent('download'), button.click()])) as [Download, void];
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/**
 * Width, height, the share of pixels that are not (near) white and of those that are (near)
 * black, and the top-left (background) pixel's RGB, decoded by the browser.
 */
async function pngFacts(page: Page, png: Buffer): Promise<{ width: number; height: number; inked: number; dark: number; corner: number[] }> {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235) inked++;
      if (data[i]! < 60 && data[i + 1]! < 60 && data[i + 2]! < 60) dark++;
    }
    const pixels = data.length / 4;
    return { width: img.naturalWidth, height: img.naturalHeight, inked: inked / pixels, dark: dark / pixels, corner: [data[0]!, data[1]!, data[2]!] };
  }, png.toString('base64'));
}

/** Whether the SVG parses, and its text content. */
async function svgFacts(page: Page, svg: string): Promise<{ ok: boolean; text: string; images: number; scripts: number }> {
  return page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'image/svg+xml');
    const ok = doc.querySelector('parsererror') === null && doc.documentElement.nodeName === 'svg';
    return { ok, text: doc.documentElement.textContent ?? '', images: doc.querySelectorAll('img').length, scripts: doc.querySelectorAll('script').length };
  }, svg);
}

async function checkImages(page: Page, group: Locator, target: Locator, chart: string, stampText: RegExp[]) {
  // The image spans the chart's drawn parts (its svg and canvas elements) as they sit on screen.
  const box = await target.evaluate((el) => {
    const rects = [...el.querySelectorAll('svg, canvas')].filter((e) => !(e instanceof SVGSVGElement && e.parentElement?.closest('svg'))).map((e) => e.getBoundingClientRect()).filter((r) => r.width >= 1);
    return { width: Math.max(...rects.map((r) => r.right)) - Math.min(...rects.map((r) => r.left)), height: Math.max(...rects.map((r) => r.bottom)) - Math.min(...rects.map((r) => r.top)) };
  });
  const png = await save(page, group.getByRole('button', { name: /^Download PNG/ }));
  expect(png.name).toMatch(new RegExp(`^impactline-${chart}(_\\d{4}-\\d{2}-\\d{2}_\\d{4}-\\d{2}-\\d{2})?(_asof-\\d{4}-\\d{2}-\\d{2})?(_pos-\\d+)?\\.png$`));
  expect(png.bytes.length).toBeGreaterThan(5_000);
  const facts = await pngFacts(page, png.bytes);
  // 2× pixel density: twice the chart's on-screen width, and taller than it (the stamp).
  expect(facts.width).toBe(2 * Math.round(box.width));
  expect(facts.height).toBeGreaterThan(2 * Math.round(box.height));
  expect(facts.inked).toBeGreaterThan(0.01);

  const svg = await save(page, group.getByRole('button', { name: /^Download SVG/ }));
  expect(svg.name).toBe(png.name.replace(/\.png$/, '.svg'));
  const text = svg.bytes.toString('utf8');
  const parsed = await svgFacts(page, text);
  expect(parsed.ok).toBe(true);
  expect(parsed.scripts).toBe(0);
  for (const re of [/Impactline — /, /Sources: /, /ledger position \d+/, /params [0-9a-f]{12}/, ...stampText]) expect(parsed.text).toMatch(re);
  return { png, svg: text };
}

test('the timeline chart downloads as PNG and SVG with its stamp', async ({ timeline, page }) => {
  await timeline.goto('?from=2025-01-01&to=2025-02-28&tickers=NVDA,SPY');
  const group = page.getByRole('group', { name: 'Download the timeline chart as an image' });
  const { png, svg } = await checkImages(page, group, timeline.chartBox(), 'timeline-chart', [
    /Timeline of NVDA, SPY/,
    /2025-01-01 to 2025-02-28/,
    /NVDA: data\/seed\/prices\/NVDA\.csv/,
    /SPY: data\/seed\/prices\/SPY\.csv/,
  ]);
  expect(png.name).toBe('impactline-timeline-chart_2025-01-01_2025-02-28.png');
  // The chart itself is in the SVG: its lane labels and axis ticks.
  expect(svg).toContain('Cheap AI');
  expect(svg).toContain('Market reaction');
});

test('the AR/CAR chart of the selected event downloads with its stamp', async ({ timeline, page }) => {
  await timeline.goto('?from=2025-01-20&to=2025-02-05&event=nvda-record-one-day-loss');
  const panel = page.getByRole('complementary', { name: 'Selected event' });
  const group = panel.getByRole('group', { name: 'Download the abnormal return chart as an image' });
  await expect(group).toBeVisible();
  await checkImages(page, group, panel.locator('.ar-chart-wrap'), 'ar-car-chart', [/Daily abnormal returns of NVDA/, /NVDA: data\/seed\/prices\/NVDA\.csv/, /cumulative \(CAR\)/]);
});

test('the claim ladder downloads with its stamp, as of a date', async ({ narratives, page }) => {
  await narratives.goto('?asOf=2025-02-15&tickers=NVDA');
  await expect(narratives.chart()).toBeVisible();
  const group = page.getByRole('group', { name: 'Download the claim ladder as an image' });
  const { png } = await checkImages(page, group, page.locator('.ladder'), 'claim-ladder', [/Claim ladder/, /as known on 2025-02-15/, /Cheap AI/]);
  expect(png.name).toMatch(/_asof-2025-02-15\.png$/);
});

test('the images work on a phone-width screen too', async ({ narratives, page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await narratives.goto();
  const group = page.getByRole('group', { name: 'Download the claim ladder as an image' });
  await checkImages(page, group, page.locator('.ladder'), 'claim-ladder', [/Claim ladder/]);
});

test('in dark mode the image keeps the dark background its light lines were drawn for', async ({ timeline, page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await timeline.goto('?from=2025-01-01&to=2025-02-28&tickers=NVDA,SPY');
  const group = page.getByRole('group', { name: 'Download the timeline chart as an image' });
  const png = await save(page, group.getByRole('button', { name: /^Download PNG/ }));
  const facts = await pngFacts(page, png.bytes);
  expect(facts.corner.every((c) => c < 60)).toBe(true);
  expect(facts.dark).toBeGreaterThan(0.5);
  const svg = (await save(page, group.getByRole('button', { name: /^Download SVG/ }))).bytes.toString('utf8');
  expect(svg).toContain('fill="#0f1419"');
});
