// Content-Encoding through the server `npm start` runs (scripts/serve.mjs): the position-cached
// JSON answers go out compressed once per ledger position (Brotli or gzip, as the client
// accepts), small answers go out as they are with their length, pages keep Next's gzip; every
// compressed body decodes to exactly the bytes an uncompressing client gets.
import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RealServer } from './real-server';
import { tempDatabase } from './db';

const TOKEN = 'compression-admin-token-0123456789';
const BROWSER = 'gzip, deflate, br, zstd';

let server: RealServer;

beforeAll(async () => {
  server = await startServer({ dbFile: await tempDatabase('compression'), token: TOKEN });
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A GET whose body is left as sent (fetch would decode it). */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    http
      .get(`${server.url}${path}`, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

function decoded(raw: Raw): Buffer {
  const encoding = raw.headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(raw.body);
  if (encoding === 'gzip') return zlib.gunzipSync(raw.body);
  if (encoding === 'deflate') return zlib.inflateSync(raw.body);
  expect(encoding).toBeUndefined();
  return raw.body;
}

describe('compressed answers (scripts/serve.mjs)', () => {
  it('sends the cached timeline as Brotli or gzip, as asked, decoding to the identity bytes', async () => {
    const plain = await rawGet('/api/timeline');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.byteLength);
    expect(plain.body.byteLength).toBeGreaterThan(1024);
    expect((JSON.parse(plain.body.toString('utf8')) as { entries: unknown[] }).entries.length).toBeGreaterThan(10);

    for (const [accept, encoding] of [
      [BROWSER, 'br'],
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=0.5', 'gzip'],
      ['identity', undefined],
      // Not one the cache makes: Next compresses the plain bytes, as for any other answer.
      ['deflate', 'deflate'],
    ] as const) {
      const answer = await rawGet('/api/timeline', { 'accept-encoding': accept });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers['content-encoding'], accept).toBe(encoding);
      expect(answer.headers.vary, accept).toMatch(/accept-encoding/i);
      expect(answer.headers.etag, accept).toBe(plain.headers.etag);
      if (encoding !== 'deflate') expect(Number(answer.headers['content-length']), accept).toBe(answer.body.byteLength);
      expect(decoded(answer).equals(plain.body), accept).toBe(true);
      if (encoding) expect(answer.body.byteLength, accept).toBeLessThan(plain.body.byteLength / 3);
    }
  });

  it('answers a held ETag with 304 whatever the encoding, and a write with a new body in every encoding', async () => {
    const first = await rawGet('/api/timeline', { 'accept-encoding': BROWSER });
    const again = await rawGet('/api/timeline', { 'accept-encoding': BROWSER, 'if-none-match': String(first.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);

    const title = `Compression check ${Date.now()}`;
    const recorded = await fetch(`${server.url}/api/timeline`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ date: '2025-02-03', kind: 'market', title, summary: 'Written by the compression test.', narrative: 'other', sources: [{ title: 'Test source', url: 'https://example.com/compression' }] }),
    });
    expect(recorded.status, await recorded.clone().text()).toBe(201);

    const after = await Promise.all([rawGet('/api/timeline'), rawGet('/api/timeline', { 'accept-encoding': BROWSER }), rawGet('/api/timeline', { 'accept-encoding': 'gzip' })]);
    for (const answer of after) {
      expect(answer.status).toBe(200);
      expect(answer.headers.etag).not.toBe(first.headers.etag);
      expect(decoded(answer).toString('utf8')).toContain(title);
      expect(decoded(answer).equals(after[0].body)).toBe(true);
    }
  });

  it('sends a small JSON answer as it is, with its length, even to a browser', async () => {
    const health = await rawGet('/api/health', { 'accept-encoding': BROWSER });
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    expect(Number(health.headers['content-length'])).toBe(health.body.byteLength);
    expect(JSON.parse(health.body.toString('utf8'))).toMatchObject({ ok: true });

    const refused = await rawGet('/api/timeline?limit=0', { 'accept-encoding': BROWSER });
    expect(refused.status).toBe(400);
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(refused.body.toString('utf8'))).toMatchObject({ error: 'validation' });
  });

  it('leaves pages to Next, which still compresses them', async () => {
    const page = await rawGet('/', { 'accept-encoding': 'gzip' });
    expect(page.status).toBe(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(decoded(page).toString('utf8')).toContain('<html');
  });
});
