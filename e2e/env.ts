// Where this e2e run lives: one port, one database file, one signed-in state per run, so that
// parallel runs on other ports (E2E_PORT, each with its own IMPACTLINE_DIST_DIR) never share state.
// Read by playwright.config.ts (the runner and the webServer) and by the specs (the workers).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const isDefaultPort = E2E_PORT === 3100;

export const BASE_URL = `http://localhost:${E2E_PORT}`;

/** The admin token the e2e server is started with (scripts/e2e-server.mjs uses the same default). */
export const ADMIN_TOKEN = process.env.IMPACTLINE_ADMIN_TOKEN || 'e2e-admin-token';

/** The dedicated SQLite file the webServer points at; scripts/e2e-server.mjs deletes it before each start. */
export const DB_FILE = path.join(root, 'data', 'test', isDefaultPort ? 'e2e.db' : `e2e-${E2E_PORT}.db`);

/** Artifacts of this run (traces, screenshots on failure) and its JSON report. */
export const OUTPUT_DIR = isDefaultPort ? 'test-results/e2e' : `test-results/e2e-${E2E_PORT}`;
export const JSON_REPORT = isDefaultPort ? 'test-results/e2e.json' : `test-results/e2e-${E2E_PORT}.json`;

/** The editor's signed-in browser state, written by the setup project (outside OUTPUT_DIR, which the runner empties). */
export const ADMIN_STATE = path.join(root, 'test-results', '.auth', isDefaultPort ? 'admin.json' : `admin-${E2E_PORT}.json`);

/** The bundled dataset the server seeds from on first start. */
export const SEED_DIR = path.join(root, 'data', 'seed');
