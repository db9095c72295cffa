// One list of write routes (server/write-routes.ts), and checks generated from it: every write
// route answers 403 to a cookie-authenticated request that does not prove it comes from this
// site, 400 to a malformed body, and 429 past its rate limit. A route file that exports a write
// method missing from the list fails the first test, so a new route cannot skip the gate.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sessionValue } from '@/server/auth';
import { resetRateLimits } from '@/server/rate-limit';
import { writeRoutes } from '@/server/write-routes';
import type { WriteRoute } from '@/server/write-gate';
import { openSeededStore, pointAppAt } from './db';

const TOKEN = 'write-routes-admin-token-0123';
const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
const SAMPLE_PARAMS: Record<string, string> = { id: 'deepseek-v3-release', ticker: 'NVDA' };

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** app/api/timeline/[id]/amend/route.ts → /api/timeline/{id}/amend */
function routePathOf(file: string): string {
  return `/${path.relative('app', path.dirname(file)).split(path.sep).map((p) => p.replace(/^\[(.+)\]$/, '{$1}')).join('/')}`;
}

function routeFiles(dir = 'app/api'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? routeFiles(full) : d.name === 'route.ts' ? [full] : [];
  });
}

async function handlerFor(route: WriteRoute): Promise<Handler> {
  const file = path.join('app', ...route.path.split('/').filter(Boolean).map((p) => p.replace(/^\{(.+)\}$/, '[$1]')), 'route.ts');
  const mod = (await import(`@/${file.replace(/\.ts$/, '')}`)) as Record<string, Handler>;
  const handler = mod[route.method];
  if (!handler) throw new Error(`${file} exports no ${route.method}`);
  return handler;
}

function call(route: WriteRoute, handler: Handler, init: { headers?: Record<string, string>; body?: BodyInit | null }) {
  const params = Object.fromEntries([...route.path.matchAll(/\{(\w+)\}/g)].map((m) => [m[1]!, SAMPLE_PARAMS[m[1]!]!]));
  const url = `http://localhost${route.path.replace(/\{(\w+)\}/g, (_, k: string) => SAMPLE_PARAMS[k]!)}`;
  const request = new Request(url, { method: route.method, headers: { host: 'localhost', 'x-forwarded-for': `client-${route.path}-${route.method}`, ...init.headers }, body: init.body ?? null });
  return handler(request, { params: Promise.resolve(params) });
}

/** A body of the route's kind that cannot be parsed. */
function malformed(route: WriteRoute): { headers: Record<string, string>; body: string } | null {
  switch (route.body.kind) {
    case 'json':
    case 'form-or-json':
      return { headers: { 'content-type': 'application/json' }, body: '{"unclosed": [1, 2' };
    case 'csv':
      return { headers: { 'content-type': 'text/csv' }, body: 'date,open,high,low,close,adj_close,volume\n"2025-01-02,1,1,1,1,1,1\n' };
    case 'none':
      return null;
  }
}

const routes = Object.entries(writeRoutes) as [string, WriteRoute][];

beforeAll(async () => {
  const store = await openSeededStore('write-routes');
  pointAppAt(store);
  process.env.IMPACTLINE_ADMIN_TOKEN = TOKEN;
});

afterEach(() => {
  delete process.env.IMPACTLINE_RATE_LIMIT;
  delete process.env.IMPACTLINE_SIGNIN_RATE_LIMIT;
  resetRateLimits();
});

describe('the list of write routes', () => {
  it('holds every write method that a route file exports, and nothing else', async () => {
    const exported: string[] = [];
    for (const file of routeFiles()) {
      const mod = (await import(`@/${file.replace(/\.ts$/, '')}`)) as Record<string, unknown>;
      for (const method of WRITE_METHODS) if (typeof mod[method] === 'function') exported.push(`${method} ${routePathOf(file)}`);
    }
    const listed = routes.map(([, r]) => `${r.method} ${r.path}`);
    expect(exported.sort()).toEqual([...listed].sort());
    expect(new Set(listed).size).toBe(listed.length);
  });
});

describe.each(routes)('%s', (_name, route) => {
  it(`${route.method} ${route.path} refuses a request that does not come from this site (403)`, async () => {
    const handler = await handlerFor(route);
    const body = malformed(route);
    if (route.auth === 'writer') {
      // A valid session cookie, but neither Origin nor Sec-Fetch-Site: a cross-site form could send that.
      const res = await call(route, handler, { headers: { cookie: `impactline_session=${sessionValue(TOKEN)}`, ...(body?.headers ?? {}) }, body: body?.body });
      expect(res.status).toBe(403);
      const json = (await res.json()) as { problems: { field: string }[] };
      expect(json.problems[0]!.field).toBe('origin');
      // The same cookie with same-origin proof gets past the gate (to its body checks).
      const ok = await call(route, handler, { headers: { cookie: `impactline_session=${sessionValue(TOKEN)}`, 'sec-fetch-site': 'same-origin', ...(body?.headers ?? {}) }, body: body?.body });
      expect(ok.status).not.toBe(403);
    } else {
      const res = await call(route, handler, { headers: { origin: 'https://evil.example', ...(body?.headers ?? {}) }, body: body?.body });
      expect(res.status).toBe(403);
    }
  });

  it(`${route.method} ${route.path} names the problem in a malformed body`, async () => {
    const body = malformed(route);
    if (!body) return expect(route.body.kind).toBe('none');
    const handler = await handlerFor(route);
    const res = await call(route, handler, { headers: { authorization: `Bearer ${TOKEN}`, ...body.headers }, body: body.body });
    const json = (await res.json()) as { ok?: boolean; message: string; problems?: { field: string; message: string }[]; errors?: { line: number }[] };
    if (route.body.kind === 'csv' && !route.path.startsWith('/api/prices/')) {
      // Other CSV imports (the timeline) refuse with problems naming the line, like a JSON body's fields.
      expect(res.status).toBe(400);
      expect(json.problems![0]!.field).toMatch(/^line \d+$/);
      expect(json.problems![0]!.message).toMatch(/is not valid CSV/);
    } else if (route.body.kind === 'csv') {
      // The price-file contract: an unreadable file is refused with its report (422), naming the
      // line; the preview is a dry run that answers the same report with ok: false.
      expect(res.status).toBe(route.path.endsWith('/preview') ? 200 : 422);
      if (route.path.endsWith('/preview')) expect(json.ok).toBe(false);
      expect(json.errors![0]!.line).toBe(2);
    } else {
      expect(res.status).toBe(400);
      expect(json.problems![0]!.message).toMatch(/valid JSON/);
    }
  });

  it(`${route.method} ${route.path} answers 429 with Retry-After past its rate limit`, async () => {
    process.env.IMPACTLINE_RATE_LIMIT = '2';
    process.env.IMPACTLINE_SIGNIN_RATE_LIMIT = '2';
    const handler = await handlerFor(route);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await call(route, handler, { headers: { 'content-type': 'application/json' }, body: '{}' })).status);
    expect(statuses.slice(0, 2)).not.toContain(429);
    const res = await call(route, handler, { headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
