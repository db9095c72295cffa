#!/usr/bin/env node
// The production HTTP server that `npm start` runs (scripts/start.mjs): Next's own request
// handler — routing, rendering and its gzip step unchanged — behind one addition.
//
// Next drops a route's Content-Encoding and Content-Length headers: it compresses on its own, and
// decides so before it has seen the body, so every JSON answer to a browser was gzip-ed — a
// zlib stream set up for a 40-byte health answer, and the 1.9 MB whole timeline compressed
// again on every request. A route that knows its bytes (server/http.ts) names their length and
// encoding in private headers instead, which this response class turns into the real ones as
// Next copies the headers over: Next's gzip step then leaves a body under 1 kB, or one already
// encoded, as it is. Without this server (`next dev`, a bare `next start`) the routes are not
// told so (IMPACTLINE_PRECOMPRESSED) and answer as before.
import http from 'node:http';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const port = Number(process.env.PORT || '3000');

/** Must match PRIVATE_HEADERS in server/http.ts. */
const PRIVATE_HEADERS = new Map([
  ['x-impactline-content-encoding', 'Content-Encoding'],
  ['x-impactline-content-length', 'Content-Length'],
]);

class ImpactlineResponse extends http.ServerResponse {
  setHeader(name, value) {
    const real = typeof name === 'string' ? PRIVATE_HEADERS.get(name.toLowerCase()) : undefined;
    if (real) return super.setHeader(real, Array.isArray(value) ? value.join(', ') : String(value));
    return super.setHeader(name, value);
  }

  appendHeader(name, value) {
    if (typeof name === 'string' && PRIVATE_HEADERS.has(name.toLowerCase())) return this.setHeader(name, value);
    return super.appendHeader(name, value);
  }
}

// Before Next (and React) load: they pick their production builds by NODE_ENV when imported.
process.env.NODE_ENV = 'production';
process.env.IMPACTLINE_PRECOMPRESSED = '1';
const { default: next } = await import('next');

const app = next({ dev: false, dir: root, port, hostname: 'localhost' });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer({ ServerResponse: ImpactlineResponse }, (req, res) => {
  handle(req, res).catch((error) => {
    console.error(`[impactline] failed to handle ${req.method} ${req.url}`, error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.on('error', (error) => {
  console.error(`impactline: cannot serve on port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, () => console.log(`impactline: ready on http://localhost:${port}`));

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]]) {
  process.on(signal, () => {
    server.close();
    process.exit(code);
  });
}
