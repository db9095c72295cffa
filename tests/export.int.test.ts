// CSV exports (issue 6) against a real seeded SQLite file: every dataset parses back with
// csv-parse to the values of its JSON endpoint, formula injection is neutralised, RFC 4180
// quoting round-trips, headers / file names / 404 / 400 / determinism, and a large prices
// export streams in many chunks.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as exportGET } from '@/app/api/export/[dataset]/route';
import { GET as claimsGET } from '@/app/api/claims/route';
import { GET as impactsGET } from '@/app/api/impacts/route';
import { GET as ledgerGET } from '@/app/api/ledger/route';
import { GET as narrativesGET } from '@/app/api/narratives/route';
import { GET as pricesGET } from '@/app/api/prices/[ticker]/route';
import { GET as timelineGET } from '@/app/api/timeline/route';
import { getStore } from '@/db';
import { importPriceBars } from '@/server/commands/prices';
import { listTicker } from '@/server/commands/reference';
import { recordEntry } from '@/server/commands/entries';
import { type CommandContext } from '@/server/commands/handle';
import { paramsHash } from '@/lib/analytics/params';
import type { BarView, ClaimView, EntryView, ImpactsResponse, LedgerEventView, NarrativesResponse } from '@/lib/contracts/read';
import type { Figure, PriceBar } from '@/lib/domain/schemas';
import { openSeededStore, openTempStore, TEST_NOW, pointAppAt, type TestStore } from './db';

let db: TestStore;
const ctx: CommandContext = { actor: 'export-test', now: TEST_NOW };
const FORMULA_TITLE = '=HYPERLINK("http://x","y")';
const TRICKY_TITLE = 'Cost, "quoted"\nand a second line';
const TRICKY_SUMMARY = 'CRLF inside\r\nsummary, with "quotes" and a # sign';

const url = (path: string) => new Request(`http://localhost${path}`);

async function exportResponse(path: string): Promise<Response> {
  const u = new URL(`http://localhost${path}`);
  const dataset = decodeURIComponent(u.pathname.replace('/api/export/', ''));
  return exportGET(new Request(u), { params: Promise.resolve({ dataset }) });
}

async function exportText(path: string): Promise<{ res: Response; text: string }> {
  const res = await exportResponse(path);
  expect(res.status, await res.clone().text().then((t) => t.slice(0, 300))).toBe(200);
  return { res, text: await res.text() };
}

type Row = Record<string, string>;
async function exportRows(path: string): Promise<{ res: Response; text: string; rows: Row[] }> {
  const { res, text } = await exportText(path);
  return { res, text, rows: parse(text, { columns: true, bom: true, comment: '#', comment_no_infix: true }) as Row[] };
}

async function json<T>(res: Response | Promise<Response>): Promise<T> {
  const r = await res;
  expect(r.status).toBe(200);
  return (await r.json()) as T;
}

// Independent restatement of the cell rules, so the tests do not just call the encoder back.
const safe = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
const text = (v: string | null | undefined) => (v == null ? '' : safe(v));
const list = (v: readonly string[]) => safe(v.join(' | '));
const num = (cell: string | undefined): number | null => (cell === undefined || cell === '' ? null : Number(cell));
const figure = (f: Figure) => `${f.label ? `${f.label}: ` : ''}${[f.value !== null ? String(f.value) : (f.value_text ?? ''), f.unit].filter(Boolean).join(' ')}`;

beforeAll(async () => {
  db = await openSeededStore('export');
  pointAppAt(db);
  const entry = { kind: 'report' as const, narrative: 'other' as const, entities: ['+Entity'], figures: [], sources: [] };
  await recordEntry(db.events, { ...entry, id: 'test-formula-title', date: '2025-01-15', title: FORMULA_TITLE, summary: '-summary that starts with a minus', tickers: ['NVDA'] }, ctx);
  await recordEntry(db.events, { ...entry, id: 'test-tricky-title', date: '2025-01-16', title: TRICKY_TITLE, summary: TRICKY_SUMMARY, tickers: ['NVDA'] }, ctx);
});

describe('timeline.csv', () => {
  const check = (rows: Row[], entries: EntryView[]) => {
    expect(rows).toHaveLength(entries.length);
    entries.forEach((e, i) => {
      const r = rows[i]!;
      expect(r.id).toBe(e.id);
      expect(r.date).toBe(e.date);
      expect(r.time_utc).toBe(e.time_utc ?? '');
      expect(r.kind).toBe(e.kind);
      expect(r.narrative).toBe(e.narrative);
      expect(r.title).toBe(text(e.title));
      expect(r.summary).toBe(text(e.summary));
      expect(r.tickers).toBe(list(e.tickers));
      expect(r.entities).toBe(list(e.entities));
      expect(r.figures).toBe(list(e.figures.map(figure)));
      expect(r.source_urls).toBe(list(e.sources.map((s) => s.url)));
      expect(r.status).toBe(e.status);
      expect(num(r.version)).toBe(e.version);
      expect(r.source_title).toBe(list(e.sources.map((s) => s.title)));
      expect(r.source_url).toBe(list(e.sources.map((s) => s.url)));
      const publishers = e.sources.map((s) => s.publisher ?? '');
      expect(r.source_publisher).toBe(publishers.some(Boolean) ? list(publishers) : '');
    });
  };

  it('holds every entry and field of GET /api/timeline', async () => {
    const body = await json<{ position: number; entries: EntryView[] }>(timelineGET(url('/api/timeline')));
    const { res, rows } = await exportRows('/api/export/timeline.csv');
    expect(body.entries.length).toBe(46);
    check(rows, body.entries);
    expect(res.headers.get('X-Impactline-Position')).toBe(String(body.position));
  });

  it('applies the same filters and clocks', async () => {
    const q = 'from=2025-01-01&to=2025-01-31&ticker=nvda&kind=market,report,release&asOf=2025-01-28';
    const body = await json<{ entries: EntryView[] }>(timelineGET(url(`/api/timeline?${q}`)));
    expect(body.entries.length).toBeGreaterThan(2);
    check((await exportRows(`/api/export/timeline.csv?${q}`)).rows, body.entries);
    const atPos = await json<{ entries: EntryView[] }>(timelineGET(url('/api/timeline?position=40')));
    check((await exportRows('/api/export/timeline.csv?position=40')).rows, atPos.entries);
  });

  it('neutralises a formula title, and a title with a comma, quotes and a newline round-trips exactly', async () => {
    const { rows, text: raw } = await exportRows('/api/export/timeline.csv?from=2025-01-15&to=2025-01-16');
    const formula = rows.find((r) => r.id === 'test-formula-title')!;
    expect(formula.title).toBe(`'${FORMULA_TITLE}`);
    expect(formula.summary).toBe("'-summary that starts with a minus");
    expect(formula.entities).toBe("'+Entity");
    expect(raw).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    const tricky = rows.find((r) => r.id === 'test-tricky-title')!;
    expect(tricky.title).toBe(TRICKY_TITLE);
    expect(tricky.summary).toBe(TRICKY_SUMMARY);
  });
});

describe('claims.csv', () => {
  it.each(['', '?asOf=2025-01-28', '?position=98'])('holds every claim and field of GET /api/claims%s', async (q) => {
    const body = await json<{ position: number; claims: ClaimView[] }>(claimsGET(url(`/api/claims${q}`)));
    const { res, rows } = await exportRows(`/api/export/claims.csv${q}`);
    expect(rows).toHaveLength(body.claims.length);
    expect(rows.length).toBeGreaterThan(0);
    body.claims.forEach((c, i) => {
      const r = rows[i]!;
      expect(r).toEqual({
        id: c.id,
        asserted_on: c.asserted_on,
        subject: text(c.subject),
        metric: c.metric,
        value: r.value,
        unit: text(c.unit),
        qualifier: text(c.qualifier),
        scope: text(c.scope),
        claimant: text(c.claimant),
        status: c.status,
        current_value: r.current_value,
        relation_type: c.relation?.type ?? '',
        relation_target: c.relation?.target ?? '',
        entry_id: c.entry_id ?? '',
        source_urls: list(c.sources.map((s) => s.url)),
      });
      expect(num(r.value)).toBe(c.value);
      expect(num(r.current_value)).toBe(c.current_value);
    });
    expect(res.headers.get('X-Impactline-Position')).toBe(String(body.position));
  });
});

describe('prices.csv', () => {
  const pricesJson = async (ticker: string, q: string) =>
    json<{ bars: BarView[]; position: number }>(pricesGET(url(`/api/prices/${ticker}?${q}`), { params: Promise.resolve({ ticker }) }));
  const check = (rows: Row[], expected: { ticker: string; bar: BarView }[]) => {
    expect(rows).toHaveLength(expected.length);
    expected.forEach(({ ticker, bar }, i) => {
      const r = rows[i]!;
      expect([r.ticker, r.date]).toEqual([ticker, bar.date]);
      for (const k of ['open', 'high', 'low', 'close', 'adj_close', 'volume'] as const) expect(num(r[k]), `${ticker} ${bar.date} ${k}`).toBe(bar[k]);
    });
  };

  it('gives one row per (ticker, date), tickers in the order asked, equal to GET /api/prices', async () => {
    const q = 'from=2025-01-01&to=2025-02-28';
    const expected = [];
    for (const t of ['NVDA', 'AVGO']) for (const bar of (await pricesJson(t, q)).bars) expected.push({ ticker: t, bar });
    const { res, rows } = await exportRows(`/api/export/prices.csv?tickers=NVDA,AVGO&${q}`);
    expect(rows.length).toBe(2 * 39);
    check(rows, expected);
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="impactline-prices_2025-01-01_2025-02-28.csv"');
  });

  it.each(['asOf=2025-01-28', 'position=30', 'from=2024-06-01&asOf=2025-03-01&position=200'])('matches listBars at a clock (%s)', async (q) => {
    const expected = (await pricesJson('NVDA', q)).bars.map((bar) => ({ ticker: 'NVDA', bar }));
    check((await exportRows(`/api/export/prices.csv?ticker=NVDA&${q}`)).rows, expected);
  });

  it('refuses an unlisted ticker before streaming', async () => {
    const res = await exportResponse('/api/export/prices.csv?tickers=NVDA,NOPE');
    expect(res.status).toBe(404);
    expect((await res.json()).message).toContain('NOPE');
  });
});

describe('impacts.csv', () => {
  it('holds one row per (event, ticker, window) with every field of GET /api/impacts', async () => {
    const body = await json<ImpactsResponse>(impactsGET(url('/api/impacts?tickers=NVDA,AVGO')));
    const { res, rows, text: raw } = await exportRows('/api/export/impacts.csv?tickers=NVDA,AVGO');
    const windows = body.params.windows;
    expect(rows).toHaveLength(body.results.length * windows.length);
    let i = 0;
    for (const r of body.results) {
      windows.forEach(([from, to], w) => {
        const row = rows[i++]!;
        const win = r.result?.windows[w] ?? null;
        const est = r.result?.estimation ?? null;
        expect([row.event_id, row.event_date, row.ticker, row.benchmark, row.model]).toEqual([r.event_id, r.event_date, r.ticker, r.benchmark, r.model]);
        expect([row.day0, row.day0_reason]).toEqual([r.day0?.date ?? '', r.day0?.reason ?? '']);
        expect([num(row.window_from), num(row.window_to)]).toEqual([from, to]);
        expect(num(row.car)).toBe(win?.car ?? null);
        expect(num(row.t_stat)).toBe(win?.t ?? null);
        expect(num(row.p_value)).toBe(win?.p ?? null);
        expect(num(row.n)).toBe(win?.n ?? null);
        expect(num(row.alpha)).toBe(est?.alpha ?? null);
        expect(num(row.beta)).toBe(est?.beta ?? null);
        expect(num(row.sigma)).toBe(est?.sigma ?? null);
        expect(num(row.estimation_n)).toBe(est?.n ?? null);
        const warnings = [...(r.result === null && r.reason ? [`no_result: ${r.reason}`] : []), ...r.warnings.map((x) => `${x.code}: ${x.message}`)];
        expect(row.warnings).toBe(list(warnings));
      });
    }
    // The NVDA record loss: a negative CAR stays a plain negative number, never prefixed.
    const loss = rows.find((r) => r.event_id === 'nvda-record-one-day-loss' && r.ticker === 'NVDA' && r.window_from === '0' && r.window_to === '0')!;
    expect(num(loss.car)).toBeLessThan(-0.1);
    expect(raw).toContain(`,0,0,${loss.car},`);
    expect(raw).not.toMatch(/,'-\d/);
    expect(res.headers.get('X-Impactline-Position')).toBe(String(body.position));
    expect(res.headers.get('X-Impactline-Params-Hash')).toBe(paramsHash({ dataset: 'impacts', ...body.params, from: null, to: null }));
  });

  it('takes the view range and as-of, and names the file after them', async () => {
    const q = 'asOf=2025-01-28&model=market-adjusted&windows=0:0,-1:1&estimation=100&gap=5&benchmark=QQQ';
    const body = await json<ImpactsResponse>(impactsGET(url(`/api/impacts?${q}`)));
    const { res, rows } = await exportRows(`/api/export/impacts.csv?from=2025-01-01&to=2025-02-28&${q}`);
    const inRange = body.results.filter((r) => r.event_date >= '2025-01-01' && r.event_date <= '2025-02-28');
    expect(inRange.length).toBeGreaterThan(3);
    expect(rows).toHaveLength(inRange.length * 2);
    expect(rows.map((r) => r.event_id)).toEqual(inRange.flatMap((r) => [r.event_id, r.event_id]));
    expect(rows.every((r) => r.model === 'market-adjusted' && r.benchmark === 'QQQ')).toBe(true);
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="impactline-impacts_2025-01-01_2025-02-28_asof-2025-01-28.csv"');
    expect(res.headers.get('X-Impactline-Params-Hash')).toBe(paramsHash({ dataset: 'impacts', ...body.params, from: '2025-01-01', to: '2025-02-28' }));
  });
});

describe('narratives.csv', () => {
  it.each(['', '?tickers=NVDA,AVGO&window=0:1&asOf=2025-02-15'])('holds every aggregate of GET /api/narratives%s', async (q) => {
    const body = await json<NarrativesResponse>(narrativesGET(url(`/api/narratives${q}`)));
    const { rows } = await exportRows(`/api/export/narratives.csv${q}`);
    expect(rows).toHaveLength(body.narratives.length);
    expect(rows.length).toBeGreaterThan(0);
    body.narratives.forEach((a, i) => {
      const r = rows[i]!;
      expect([r.narrative, r.ticker]).toEqual([a.narrative, a.ticker]);
      expect(r.events).toBe(list(a.events.map((e) => e.event_id)));
      expect(num(r.mean_car)).toBe(a.mean_car);
      expect(num(r.t_stat)).toBe(a.t_stat);
      expect(num(r.p_value)).toBe(a.p_value);
      expect(num(r.cumulative_car)).toBe(a.cumulative_car);
      expect(num(r.share_negative)).toBe(a.share_negative);
    });
  });
});

describe('ledger.csv', () => {
  async function ledgerJson(q: string): Promise<LedgerEventView[]> {
    const all: LedgerEventView[] = [];
    let after = 0;
    for (;;) {
      const body = await json<{ events: LedgerEventView[] }>(ledgerGET(url(`/api/ledger?limit=1000&after=${after}${q}`)));
      all.push(...body.events);
      if (body.events.length < 1000) return all;
      after = body.events.at(-1)!.position;
    }
  }
  const check = (rows: Row[], events: LedgerEventView[]) => {
    expect(rows).toHaveLength(events.length);
    events.forEach((e, i) => {
      const r = rows[i]!;
      expect(num(r.position)).toBe(e.position);
      expect(num(r.stream_version)).toBe(e.stream_version);
      expect([r.event_id, r.stream_id, r.type, r.occurred_at, r.recorded_at]).toEqual([e.event_id, e.stream_id, e.type, e.occurred_at, e.recorded_at]);
      expect(JSON.parse(r.data_json!)).toEqual(e.data);
      expect(JSON.parse(r.metadata_json!)).toEqual(e.metadata);
    });
  };

  it('holds the whole ledger, every field of GET /api/ledger', async () => {
    const events = await ledgerJson('');
    expect(events.length).toBe(107);
    const { res, rows } = await exportRows('/api/export/ledger.csv');
    check(rows, events);
    expect(res.headers.get('X-Impactline-Position')).toBe('107');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="impactline-ledger.csv"');
  });

  it('applies after, limit, stream and type', async () => {
    check((await exportRows('/api/export/ledger.csv?type=TimelineEntryRecorded&after=10')).rows, await ledgerJson('&type=TimelineEntryRecorded&after=10'));
    check((await exportRows('/api/export/ledger.csv?stream=ticker-NVDA')).rows, await ledgerJson('&stream=ticker-NVDA'));
    const limited = (await exportRows('/api/export/ledger.csv?after=5&limit=40')).rows;
    check(limited, (await ledgerJson('&after=5')).slice(0, 40));
  });
});

describe('format, headers and errors', () => {
  it('sends text/csv with a Content-Disposition filename and provenance headers', async () => {
    const { res, text: raw } = await exportText('/api/export/timeline.csv?from=2025-01-01&to=2025-02-28&asOf=2025-01-28&position=100');
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toBe('attachment; filename="impactline-timeline_2025-01-01_2025-02-28_asof-2025-01-28_pos-100.csv"');
    expect(res.headers.get('X-Impactline-Position')).toBe('100');
    expect(res.headers.get('X-Impactline-Params-Hash')).toMatch(/^[0-9a-f]{64}$/);
    expect(raw.startsWith('id,date,time_utc,kind,narrative,title,summary,tickers,entities,figures,source_urls,status,version,source_title,source_url,source_publisher,source_published\r\n')).toBe(true);
  });

  it('hashes the normalised parameters: same view, same hash; other view, other hash', async () => {
    const h = async (p: string) => (await exportResponse(p)).headers.get('X-Impactline-Params-Hash');
    expect(await h('/api/export/timeline.csv?kind=report,market&ticker=nvda')).toBe(await h('/api/export/timeline.csv?ticker=NVDA&kind=market&kind=report&bom=1'));
    expect(await h('/api/export/timeline.csv?kind=report')).not.toBe(await h('/api/export/claims.csv'));
    expect(await h('/api/export/timeline.csv')).not.toBe(await h('/api/export/timeline.csv?asOf=2025-01-28'));
  });

  it('bom=1 starts with EF BB BF; meta=1 starts with # lines', async () => {
    const bom = new Uint8Array(await (await exportResponse('/api/export/claims.csv?bom=1')).arrayBuffer());
    expect([...bom.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bom.slice(3, 6))).toBe('id,');
    const { res, text: raw } = await exportText('/api/export/prices.csv?tickers=NVDA&asOf=2025-01-28&meta=1');
    const lines = raw.split('\r\n');
    expect(lines.slice(0, 6).every((l) => l.startsWith('# '))).toBe(true);
    expect(lines[1]).toBe(`# ledger_position: ${res.headers.get('X-Impactline-Position')}`);
    expect(lines[2]).toMatch(/^# generated_at: \d{4}-\d{2}-\d{2}T/);
    expect(lines[3]).toBe('# parameters: {"asOf":"2025-01-28","dataset":"prices","from":null,"position":null,"tickers":["NVDA"],"to":null}');
    expect(lines[4]).toBe(`# params_hash: ${res.headers.get('X-Impactline-Params-Hash')}`);
    expect(lines[5]).toContain('NVDA: data/seed/prices/NVDA.csv');
    expect(lines[6]).toBe('ticker,date,open,high,low,close,adj_close,volume');
    expect(lines.at(-2)!.startsWith('NVDA,2025-01-28,')).toBe(true);
  });

  it('gives identical bytes for the same request; with meta=1 only generated_at differs', async () => {
    for (const path of ['/api/export/impacts.csv?tickers=NVDA', '/api/export/timeline.csv', '/api/export/ledger.csv']) {
      expect((await exportText(path)).text).toBe((await exportText(path)).text);
    }
    const strip = (s: string) => s.replace(/^# generated_at: .*\r\n/m, '');
    const a = (await exportText('/api/export/narratives.csv?meta=1')).text;
    await new Promise((r) => setTimeout(r, 5));
    const b = (await exportText('/api/export/narratives.csv?meta=1')).text;
    expect(strip(a)).toBe(strip(b));
    expect(a).toContain('# generated_at: ');
    expect((await exportText('/api/export/narratives.csv')).text).not.toContain('generated_at');
  });

  it('404s an unknown dataset or a path without .csv', async () => {
    for (const p of ['/api/export/secrets.csv', '/api/export/prices', '/api/export/prices.json', '/api/export/.csv']) {
      const res = await exportResponse(p);
      expect(res.status, p).toBe(404);
    }
  });

  it('400s a bad filter, naming it', async () => {
    const cases: [string, string][] = [
      ['/api/export/prices.csv?from=2025-13-01', 'from'],
      ['/api/export/timeline.csv?bogus=1', 'bogus'],
      ['/api/export/timeline.csv?kind=rumour', 'kind'],
      ['/api/export/impacts.csv?model=magic', 'model'],
      ['/api/export/impacts.csv?windows=5:1', 'windows'],
      ['/api/export/narratives.csv?window=x', 'window'],
      ['/api/export/claims.csv?position=-1', 'position'],
      ['/api/export/ledger.csv?limit=0', 'limit'],
      ['/api/export/claims.csv?bom=yes', 'bom'],
    ];
    for (const [p, field] of cases) {
      const res = await exportResponse(p);
      expect(res.status, p).toBe(400);
      expect((await res.json()).message, p).toContain(field);
    }
  });
});

describe('streaming a large prices export (synthetic data)', () => {
  // SYNTHETIC: 200,000 generated bars for a made-up ticker in a separate temp database. Not
  // market data; it only exists to check that the export is produced in many chunks.
  const N = 200_000;
  let big: TestStore;

  function syntheticBars(count: number, startYear: number): PriceBar[] {
    const bars: PriceBar[] = [];
    const d = new Date(Date.UTC(startYear, 0, 1));
    while (bars.length < count) {
      const wd = d.getUTCDay();
      if (wd !== 0 && wd !== 6) {
        const close = 100 + (bars.length % 1000) / 10;
        bars.push({ date: d.toISOString().slice(0, 10), open: close, high: close + 1, low: close - 1, close, adj_close: null, volume: bars.length });
      }
      d.setUTCDate(d.getUTCDate() + 1);
    }
    return bars;
  }

  beforeAll(async () => {
    big = await openTempStore('export-large');
    await listTicker(big.events, { symbol: 'SYNTH', name: 'Synthetic test ticker (not market data)', exchange: null, role: 'peer', shares_outstanding: null }, ctx);
    await importPriceBars(big.events, 'SYNTH', syntheticBars(N, 1900), { source: 'synthetic: generated by tests/export.int.test.ts' }, ctx);
    pointAppAt(big);
  });
  afterAll(async () => {
    pointAppAt(db);
  });

  it('streams in many chunks with the right row count, and writes still work mid-download', async () => {
    const res = await exportResponse('/api/export/prices.csv?tickers=SYNTH');
    expect(res.status).toBe(200);
    const position = res.headers.get('X-Impactline-Position');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let chunks = 0;
    let lines = 0;
    let tail = '';
    let last = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      const s = tail + decoder.decode(value, { stream: true });
      const parts = s.split('\r\n');
      tail = parts.pop()!;
      lines += parts.length;
      if (parts.length > 0) last = parts.at(-1)!;
      if (chunks === 3) {
        // The connection is not held busy between chunks: a write in the middle succeeds, and
        // the export (pinned to its start position) does not pick up the new bars.
        const more = await importPriceBars((await getStore()).events, 'SYNTH', syntheticBars(N + 10, 1900).slice(N), { source: 'synthetic: mid-stream' }, ctx);
        expect(more.inserted).toBe(10);
      }
    }
    expect(tail).toBe('');
    expect(chunks).toBeGreaterThan(50);
    expect(lines).toBe(N + 1);
    expect(last.startsWith('SYNTH,')).toBe(true);
    expect(Number(last.split(',').at(-1))).toBe(N - 1);
    expect(Number(position)).toBeLessThan(Number((await exportResponse('/api/export/prices.csv?tickers=SYNTH')).headers.get('X-Impactline-Position')));
  });
});
