import { defineConfig } from '@playwright/test';
import { ADMIN_TOKEN, BASE_URL, DB_FILE, E2E_PORT, E2E_POSTGRES, JSON_REPORT, OUTPUT_DIR } from './e2e/env';

// One e2e server (a production build on a dedicated SQLite file, see scripts/e2e-server.mjs) per
// run. Parallel runs pick their own port (E2E_PORT) and build folder (IMPACTLINE_DIST_DIR); the
// port decides the database file, the artifacts and the report (e2e/env.ts).
export default defineConfig({
  testDir: 'e2e',
  outputDir: OUTPUT_DIR,
  // One worker: every spec shares the server's in-process rate limits and the ledger's global
  // position, and a few assert "position before + 1". The specs do not depend on each other's
  // writes or order (each creates its own entities), only on not writing at the same moment.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: JSON_REPORT }]],
  use: {
    baseURL: BASE_URL,
    timezoneId: 'UTC',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.IMPACTLINE_CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  projects: [
    // Checks the server's fresh database is seeded and ready, and stores the editor's session.
    { name: 'setup', testMatch: /.*\.setup\.ts$/ },
    { name: 'desktop', testMatch: /.*\.spec\.ts$/, dependencies: ['setup'], use: { viewport: { width: 1440, height: 900 } } },
  ],
  webServer: {
    command: 'node scripts/e2e-server.mjs',
    url: `${BASE_URL}/api/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    // IMPACTLINE_DIST_DIR and the rest of the environment pass through to the server as they are.
    env: {
      E2E_PORT: String(E2E_PORT),
      IMPACTLINE_E2E_DB: DB_FILE,
      IMPACTLINE_E2E_BACKEND: E2E_POSTGRES ? 'postgres' : 'sqlite',
      IMPACTLINE_ADMIN_TOKEN: ADMIN_TOKEN,
      TZ: 'UTC',
    },
  },
});
