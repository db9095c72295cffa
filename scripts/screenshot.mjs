#!/usr/bin/env node
// Developer aid: screenshot pages of a running server at desktop and phone widths.
// usage: node scripts/screenshot.mjs http://localhost:3000 /path1 /path2 ... (writes test-results/screenshots/)
import fs from 'node:fs';
import { chromium } from '@playwright/test';

const [base = 'http://localhost:3000', ...paths] = process.argv.slice(2);
const out = 'test-results/screenshots';
fs.mkdirSync(out, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.IMPACTLINE_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
for (const [name, viewport] of [['desktop', { width: 1440, height: 900 }], ['phone', { width: 390, height: 844 }]]) {
  const page = await browser.newPage({ viewport });
  for (const p of paths.length ? paths : ['/']) {
    await page.goto(base + p, { waitUntil: 'load' });
    await page.waitForTimeout(2500);
    const file = `${out}/${name}${p.replace(/[^a-z0-9]+/gi, '_')}.png`;
    await page.screenshot({ path: file, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    console.log(`${file}${overflow > 0 ? `  (horizontal overflow ${overflow}px)` : ''}`);
  }
  await page.close();
}
await browser.close();
