// Figure 6: the dashboard (production build) in Chromium vs lightweight-charts drawing the same
// line points in the same browser, and frame times during a scripted brush drag and wheel zoom.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { failedRow, fmtInt, fmtMs, median, percentile, row, type FigureRow, type Goal } from './common';
import { root, type BenchServer } from './server';

export const CHROMIUM = process.env.IMPACTLINE_CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** For the frame-time figure only: let frames run as fast as they are produced instead of at the
 *  60 Hz vsync clock, so a requestAnimationFrame delta measures the frame's cost, not the clock. */
export const UNTHROTTLED_ARGS = ['--disable-frame-rate-limit', '--disable-gpu-vsync'];
const VIEWPORT = { width: 1440, height: 900 };

type SeriesData = { ticker: string; points: { time: string; value: number }[] }[];

/** A tiny static server for the bench-only lightweight-charts page (never a Next.js route). */
async function lwcServer(series: SeriesData): Promise<{ url: string; close: () => Promise<void> }> {
  const html = fs.readFileSync(path.join(root, 'bench/pages/lwc.html'), 'utf8').replace('__SERIES_JSON__', () => JSON.stringify(series).replaceAll('<', '\\u003c'));
  const lib = fs.readFileSync(path.join(root, 'node_modules/lightweight-charts/dist/lightweight-charts.standalone.production.js'));
  const pageJs = fs.readFileSync(path.join(root, 'bench/pages/lwc-page.js'));
  const server = http.createServer((req, res) => {
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.url === '/' || req.url?.startsWith('/?')) send('text/html; charset=utf-8', html);
    else if (req.url === '/lightweight-charts.js') send('text/javascript', lib);
    else if (req.url === '/lwc-page.js') send('text/javascript', pageJs);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

/** The same points the dashboard draws (rebased mode: level / first level × 100), from the API. */
async function seriesFromApi(server: BenchServer, tickers: string[], from: string, to: string): Promise<SeriesData> {
  const out: SeriesData = [];
  for (const t of tickers) {
    const res = await fetch(`${server.url}/api/prices/${t}`);
    if (!res.ok) throw new Error(`/api/prices/${t} answered ${res.status}`);
    const body = (await res.json()) as { bars: { date: string; close: number; adj_close: number | null }[] };
    const bars = body.bars.filter((b) => b.date >= from && b.date <= to);
    const base = bars[0] ? (bars[0].adj_close ?? bars[0].close) : 1;
    out.push({ ticker: t, points: bars.map((b) => ({ time: b.date, value: ((b.adj_close ?? b.close) / base) * 100 })) });
  }
  return out;
}

async function timeToMark(browser: Browser, url: string, mark: string): Promise<{ ms: number; info: Record<string, unknown> }> {
  const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: 'UTC' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: 180_000 });
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 180_000, polling: 50 });
    const ms = await page.evaluate((m) => performance.getEntriesByName(m)[0]!.startTime, mark);
    // a chart that reports ready and then breaks is not a result
    await page.waitForTimeout(500);
    if (errors.length > 0)
      throw new Error(`the page threw in the browser after '${mark}' fired at ${ms.toFixed(0)} ms: ${errors[0]!.slice(0, 160)}`);
    const info = await page.evaluate(() => {
      const svg = document.querySelector('svg[data-ready]');
      const paths = [...document.querySelectorAll('svg path')].map((p) => (p.getAttribute('d') ?? '').length);
      const lwc = document.querySelector('#chart[data-points]');
      return {
        dataReady: svg?.getAttribute('data-ready') ?? lwc?.getAttribute('data-ready') ?? null,
        longPaths: paths.filter((n) => n > 2000).length,
        pathChars: paths.reduce((a, b) => a + b, 0),
        lwcPoints: lwc ? Number(lwc.getAttribute('data-points')) : null,
        canvases: document.querySelectorAll('canvas').length,
      };
    });
    return { ms, info };
  } finally {
    await context.close();
  }
}

// Plain strings, not functions: tsx/esbuild would wrap named functions in a `__name` helper that
// does not exist in the page.
const START_FRAMES = `(() => {
  window.__frames = [];
  window.__frameLoop = true;
  let last = performance.now();
  const tick = (t) => { window.__frames.push(t - last); last = t; if (window.__frameLoop) requestAnimationFrame(tick); };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(tick); });
})()`;
const STOP_FRAMES = `(() => { window.__frameLoop = false; return window.__frames; })()`;

async function startFrames(page: Page) {
  await page.evaluate(START_FRAMES);
}

async function stopFrames(page: Page): Promise<number[]> {
  return (await page.evaluate(STOP_FRAMES)) as number[];
}

/** Scripted brush drag on the context strip and wheel zoom over the plot; rAF deltas collected in the page. */
async function interactionFrames(browser: Browser, url: string): Promise<{ idle: number[]; brush: number[]; wheel: number[] }> {
  const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: 'UTC' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: 180_000 });
    await page.waitForFunction(() => performance.getEntriesByName('impactline:chart-ready').length > 0, undefined, { timeout: 180_000, polling: 50 });
    await page.waitForTimeout(1000);
    // idle baseline: the frame clock of this browser with nothing happening
    await startFrames(page);
    await page.waitForTimeout(1000);
    const idle = await stopFrames(page);

    const brush = page.locator('g.brush').first();
    const box = await brush.boundingBox();
    if (!box) throw new Error('g.brush not found');
    const y = box.y + box.height / 2;
    const at = (f: number) => box.x + box.width * f;
    await startFrames(page);
    // draw a new brush selection, then drag it across the strip
    await page.mouse.move(at(0.2), y);
    await page.mouse.down();
    await page.mouse.move(at(0.4), y, { steps: 30 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    await page.mouse.move(at(0.3), y);
    await page.mouse.down();
    await page.mouse.move(at(0.7), y, { steps: 60 });
    await page.mouse.move(at(0.4), y, { steps: 60 });
    await page.mouse.up();
    await page.waitForTimeout(300);
    const brushFrames = await stopFrames(page);

    const svg = await page.locator('svg[data-ready]').first().boundingBox();
    if (!svg) throw new Error('chart svg not found');
    await page.mouse.move(svg.x + svg.width / 2, svg.y + 120);
    await startFrames(page);
    for (let i = 0; i < 15; i++) {
      await page.mouse.wheel(0, -120);
      await page.waitForTimeout(30);
    }
    for (let i = 0; i < 15; i++) {
      await page.mouse.wheel(0, 120);
      await page.waitForTimeout(30);
    }
    await page.waitForTimeout(300);
    const wheel = await stopFrames(page);
    if (errors.length > 0) throw new Error(`the dashboard threw in the browser during the interactions: ${errors[0]!.slice(0, 160)}`);
    return { idle, brush: brushFrames, wheel };
  } finally {
    await context.close();
  }
}

export async function figure6(
  server: BenchServer,
  opts: { tickers: string[]; from: string; to: string; reps: number; log?: (l: string) => void },
): Promise<FigureRow[]> {
  const log = opts.log ?? (() => {});
  const dashboardUrl = `${server.url}/?tickers=${opts.tickers.join(',')}&from=${opts.from}&to=${opts.to}`;
  const rows: FigureRow[] = [];
  try {
    rows.push(await renderFigure(server, dashboardUrl, opts, log));
  } catch (error) {
    rows.push(failedRow('6a', 'Dashboard render vs lightweight-charts', RENDER_GOAL, error));
  }
  try {
    rows.push(await framesFigure(dashboardUrl));
  } catch (error) {
    rows.push(failedRow('6b', 'p95 frame time during a scripted brush drag and wheel zoom', FRAMES_GOAL, error));
  }
  return rows;
}

const RENDER_GOAL: Goal = { kind: 'ratio-max', max: 1.0, text: '≤ 1.0× lightweight-charts time' };
const FRAMES_GOAL: Goal = { kind: 'abs-max', max: 16, unit: 'ms p95', text: 'p95 < 16 ms' };

async function renderFigure(
  server: BenchServer,
  dashboardUrl: string,
  opts: { tickers: string[]; from: string; to: string; reps: number },
  log: (l: string) => void,
): Promise<FigureRow> {
  const series = await seriesFromApi(server, opts.tickers, opts.from, opts.to);
  const points = series.reduce((a, s) => a + s.points.length, 0);
  const lwc = await lwcServer(series);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const dash: number[] = [];
  const base: number[] = [];
  let dashInfo: Record<string, unknown> = {};
  let lwcInfo: Record<string, unknown> = {};
  let browserVersion = '';
  try {
    browserVersion = browser.version();
    // warm-up of both (server caches, browser code cache), not measured
    await timeToMark(browser, dashboardUrl, 'impactline:chart-ready');
    await timeToMark(browser, lwc.url, 'lwc:chart-ready');
    for (let r = 0; r < opts.reps; r++) {
      const b = await timeToMark(browser, lwc.url, 'lwc:chart-ready');
      base.push(b.ms);
      lwcInfo = b.info;
      const d = await timeToMark(browser, dashboardUrl, 'impactline:chart-ready');
      dash.push(d.ms);
      dashInfo = d.info;
      log(`  render rep ${r + 1}: dashboard ${d.ms.toFixed(0)} ms, lightweight-charts ${b.ms.toFixed(0)} ms`);
    }
  } finally {
    await browser.close();
    await lwc.close();
  }
  if (dashInfo.dataReady !== 'true') throw new Error('the dashboard chart never reported data-ready="true"');
  const dashMs = median(dash);
  const lwcMs = median(base);
  return row({
    id: '6a',
    name: `Dashboard render, navigation → 'impactline:chart-ready' (8 of 50 tickers × 10 y, 5,000 events)`,
    value: fmtMs(dashMs),
    valueRaw: dashMs,
    baseline: `lightweight-charts ${fmtMs(lwcMs)}`,
    baselineRaw: lwcMs,
    compared: dashMs / lwcMs,
    goal: RENDER_GOAL,
    notes: [
      `median of ${opts.reps} fresh browser contexts each; the dashboard shows at most 8 tickers, so it loads ${opts.tickers.length} synthetic tickers ${opts.from}..${opts.to} and lightweight-charts draws the same ${opts.tickers.length} series (${fmtInt(points)} line points), data inlined in its page`,
      `Chromium ${browserVersion}, headless, ${VIEWPORT.width}×${VIEWPORT.height}`,
    ],
    details: { dashboardMs: dash, lwcMs: base, points, dashboardUrl, dashInfo, lwcInfo },
  });
}

async function framesFigure(dashboardUrl: string): Promise<FigureRow> {
  // A browser whose frames are not held to the 60 Hz clock (see UNTHROTTLED_ARGS).
  const framesBrowser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...UNTHROTTLED_ARGS] });
  let frames: { idle: number[]; brush: number[]; wheel: number[] };
  try {
    frames = await interactionFrames(framesBrowser, dashboardUrl);
  } finally {
    await framesBrowser.close();
  }
  const active = [...frames.brush, ...frames.wheel];
  const p95 = percentile(active, 95);
  const idleP95 = percentile(frames.idle, 95);
  return row({
    id: '6b',
    name: 'p95 frame time during a scripted brush drag and wheel zoom',
    value: `${p95.toFixed(1)} ms (max ${Math.max(...active).toFixed(1)} ms, ${active.length} frames)`,
    valueRaw: p95,
    baseline: `idle p95 ${idleP95.toFixed(1)} ms`,
    baselineRaw: idleP95,
    compared: p95,
    goal: FRAMES_GOAL,
    notes: [
      `rAF deltas collected in the page; brush p95 ${percentile(frames.brush, 95).toFixed(1)} ms, wheel p95 ${percentile(frames.wheel, 95).toFixed(1)} ms`,
      `Chromium launched with ${UNTHROTTLED_ARGS.join(' ')} so frames are not held to the 60 Hz clock (idle p95 shows that clock)`,
    ],
    details: { idle: frames.idle, brush: frames.brush, wheel: frames.wheel },
  });
}
