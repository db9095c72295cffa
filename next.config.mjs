/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // The stylesheets (about 25 kB) go into the page's <style> instead of render-blocking <link>s:
  // the dashboard's first frame (the server-drawn lines) paints without waiting for a CSS request.
  experimental: { inlineCss: true },
  // Lets parallel test runs build into their own folder (IMPACTLINE_DIST_DIR); default .next.
  distDir: process.env.IMPACTLINE_DIST_DIR || '.next',
  // `npm test` type-checks the whole project (app, tests, scripts) as its own step; the build
  // for `npm start` need not repeat it, and must not fail on a test file's types.
  typescript: { ignoreBuildErrors: true },
  // Security headers on every page and API response. Next's inline bootstrap scripts need
  // 'unsafe-inline'; 'unsafe-eval' (React's dev tooling) is allowed only in development.
  async headers() {
    const dev = process.env.NODE_ENV !== 'production';
    const csp = [
      "default-src 'self'",
      `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src 'self'${dev ? ' ws: wss:' : ''}`,
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'Content-Security-Policy', value: csp },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
    ];
  },
};

export default nextConfig;
