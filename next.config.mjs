/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time instead of bundling it.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // Lets parallel test runs build into their own folder (IMPACTLINE_DIST_DIR); default .next.
  distDir: process.env.IMPACTLINE_DIST_DIR || '.next',
  // `npm test` type-checks the whole project (app, tests, scripts) as its own step; the build
  // for `npm start` need not repeat it, and must not fail on a test file's types.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
